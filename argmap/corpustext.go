package argmap

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Layout says how a text file is cut into paragraphs.
type Layout string

// The layouts of text files.
const (
	// LayoutBlankLines: blank lines separate paragraphs; the lines of one
	// paragraph follow one another (the default).
	LayoutBlankLines Layout = "blank-lines"
	// LayoutLines: each line is a paragraph, as many Chinese editions are
	// typed; indented lines that follow one another form one paragraph,
	// as a signature block is indented on the page.
	LayoutLines Layout = "lines"
)

var layoutNames = []string{string(LayoutBlankLines), string(LayoutLines)}

// textParagraph is a paragraph of a text file and the file line it starts
// on; its lines are consecutive lines of the file.
type textParagraph struct {
	text string
	line int
}

// lines returns the paragraph's lines.
func (p textParagraph) lines() []string { return strings.Split(p.text, "\n") }

// languageText is one language of a document as read from its file.
type languageText struct {
	lang   Lang
	file   string // relative to the corpus folder
	node   *yaml.Node
	layout Layout
	paras  []textParagraph
}

// layouts reads a layout key: one layout for every language, or a mapping
// of languages to layouts. Languages it does not name keep base's.
func (l *manifestLoader) layouts(f field, base map[Lang]Layout) map[Lang]Layout {
	out := map[Lang]Layout{}
	for _, lang := range l.c.Languages {
		out[lang] = base[lang]
		if out[lang] == "" {
			out[lang] = LayoutBlankLines
		}
	}
	if f.value == nil {
		return out
	}
	for lang, g := range l.perLanguage(f, "layout") {
		s, ok := l.str(g, "layout")
		if !ok {
			continue
		}
		if !contains(layoutNames, s) {
			l.report(l.rangeOf(g.value), RuleInvalidValue,
				"blank-lines: blank lines separate paragraphs; lines: each line is a paragraph, indented lines that follow one another are one",
				"unknown layout %q%s", clip(s, 40), didYouMean(s, layoutNames))
			continue
		}
		if lang == "" {
			for k := range out {
				out[k] = Layout(s)
			}
		} else {
			out[lang] = Layout(s)
		}
	}
	return out
}

// roles reads front or back: a list of unnumbered roles.
func (l *manifestLoader) roles(f field, what string) ([]Role, []*yaml.Node) {
	if f.value == nil || !l.expect(f.value, yaml.SequenceNode, what) {
		return nil, nil
	}
	names := make([]string, len(unnumberedRoles))
	for i, r := range unnumberedRoles {
		names[i] = string(r)
	}
	var roles []Role
	var nodes []*yaml.Node
	for _, item := range f.value.Content {
		s, ok := l.str(field{value: item}, "a role")
		if !ok {
			continue
		}
		if !isUnnumbered(Role(s)) {
			detail := "front and back list the unnumbered paragraphs, among " + strings.Join(names, ", ")
			if Role(s) == Body {
				detail = "body paragraphs are the ones between front and back; they are numbered, not listed"
			}
			l.report(l.rangeOf(item), RuleParagraphRole, detail, "%s lists %q, which is not a role of an unnumbered paragraph%s", what, clip(s, 40), didYouMean(s, names))
			continue
		}
		roles = append(roles, Role(s))
		nodes = append(nodes, item)
	}
	return roles, nodes
}

// repeatedRoles refuses a role given twice in front and back together: a
// reference names a role (DOC:signature), so a second one could never be
// addressed.
func (l *manifestLoader) repeatedRoles(roles []Role, nodes []*yaml.Node, what string) bool {
	first := map[Role]*yaml.Node{}
	ok := true
	for i, r := range roles {
		if first[r] != nil {
			l.report(l.rangeOf(nodes[i]), RuleParagraphRole,
				"a reference names a role (DOC:"+string(r)+"), so each appears once: make the two one paragraph, or leave the second in the body",
				"%s has two %s paragraphs", what, r)
			l.related(first[r], "the first "+string(r))
			ok = false
			continue
		}
		first[r] = nodes[i]
	}
	return ok
}

// documentSources reads a document's source: one source id for every
// language, or a mapping of languages to source ids.
func (l *manifestLoader) documentSources(f field, what string) map[Lang]*Source {
	out := map[Lang]*Source{}
	if f.value == nil {
		return out
	}
	for lang, g := range l.perLanguage(f, "source") {
		s := reference(l, g, what, "source", l.sources)
		if s == nil {
			continue
		}
		if lang == "" {
			for _, k := range l.c.Languages {
				out[k] = s
			}
		} else {
			out[lang] = s
		}
	}
	return out
}

// documentText reads a document's texts, checks them against their
// sources and against each other, and cuts them into paragraphs.
func (l *manifestLoader) documentText(n *yaml.Node, d *Document, fs map[string]field) {
	what := fmt.Sprintf("document %q", d.ID)
	front, frontNodes := l.roles(fs["front"], "front")
	back, backNodes := l.roles(fs["back"], "back")
	rolesOK := l.repeatedRoles(append(append([]Role(nil), front...), back...), append(append([]*yaml.Node(nil), frontNodes...), backNodes...), what)
	layout := l.layouts(fs["layout"], l.layout)
	sources := l.documentSources(fs["source"], what)
	d.Sources = sources
	tf, ok := fs["text"]
	if !ok || tf.value == nil {
		for _, key := range []string{"front", "back"} {
			if f, ok := fs[key]; ok && f.value != nil && len(f.value.Content) > 0 {
				l.report(l.rangeOf(f.key), RuleParagraphRole, "add the document's text, or remove "+key,
					"%s has %s paragraphs but no text", what, key)
			}
		}
		return
	}
	if tf.value.Kind != yaml.MappingNode {
		l.expect(tf.value, yaml.MappingNode, "text (one file per language)")
		return
	}
	files := l.perLanguage(tf, "text")
	var missing []string
	var texts []*languageText
	for _, lang := range l.c.Languages {
		g, ok := files[lang]
		if !ok {
			missing = append(missing, lang.Name())
			continue
		}
		file, ok := l.str(g, "text."+string(lang))
		if !ok {
			continue
		}
		if d.TextFiles == nil {
			d.TextFiles = map[Lang]string{}
		}
		d.TextFiles[lang] = file
		t := l.readText(g.value, what, lang, file, layout[lang])
		if t == nil {
			continue
		}
		if len(t.paras) < len(front)+len(back) {
			l.report(l.rangeOf(g.value), RuleParagraphCount, paragraphsSeparated(t.layout)+"; front and back declare "+rolesList(front, back),
				"%s: %s has %s, fewer than front and back declare (%d)", what, file, plural(len(t.paras), "paragraph"), len(front)+len(back))
			continue
		}
		if s := sources[lang]; s != nil && !l.unread[s] {
			l.verbatim(t, s, what)
		}
		texts = append(texts, t)
	}
	if len(missing) > 0 {
		l.report(l.rangeOf(tf.value), RuleMissingText, "text: needs a file for each language of the corpus: "+strings.Join(langNames(l.c.Languages), ", "),
			"%s has no %s text", what, strings.Join(missing, " or "))
	}
	if len(texts) != len(l.c.Languages) || !rolesOK {
		return
	}
	for _, t := range texts[1:] {
		if len(t.paras) != len(texts[0].paras) {
			l.paragraphCountMismatch(what, texts[0], t)
			return
		}
	}
	count := len(texts[0].paras)
	for i := 0; i < count; i++ {
		p := &Paragraph{Doc: d, Index: i, Role: Body, Text: map[Lang]string{}}
		switch {
		case i < len(front):
			p.Role = front[i]
		case i >= count-len(back):
			p.Role = back[i-(count-len(back))]
		default:
			p.Number = i - len(front) + 1
		}
		for _, t := range texts {
			p.Text[t.lang] = t.paras[i].text
		}
		d.Paragraphs = append(d.Paragraphs, p)
	}
}

func rolesList(front, back []Role) string {
	list := func(rs []Role) string {
		names := make([]string, len(rs))
		for i, r := range rs {
			names[i] = string(r)
		}
		return "[" + strings.Join(names, ", ") + "]"
	}
	return "front: " + list(front) + ", back: " + list(back)
}

// paragraphsSeparated says how a layout separates paragraphs, for messages.
func paragraphsSeparated(layout Layout) string {
	if layout == LayoutLines {
		return "in the lines layout each line is a paragraph, and indented lines that follow one another are one"
	}
	return "paragraphs are separated by blank lines (layout: lines makes each line a paragraph)"
}

// readText reads one language of a document and cuts it into paragraphs.
func (l *manifestLoader) readText(n *yaml.Node, what string, lang Lang, file string, layout Layout) *languageText {
	raw, ok := l.readFile(n, what, file)
	if !ok {
		return nil
	}
	return &languageText{lang: lang, file: file, node: n, layout: layout, paras: splitText(cleanText(string(raw)), layout)}
}

// readFile reads a file the manifest names at node n: a regular file
// inside the corpus folder, of UTF-8 text without NUL characters.
func (l *manifestLoader) readFile(n *yaml.Node, what, file string) ([]byte, bool) {
	raw, err := readLimited(l.fsys, file)
	if err != nil {
		l.report(l.rangeOf(n), RuleCorpusFile, "every path is relative to the corpus folder, written with /, and stays inside it",
			"%s: %v", what, err)
		return nil, false
	}
	if e, ok := encodingProblem(raw); !ok {
		l.report(l.rangeOf(n), RuleFileEncoding, "save the file as UTF-8 text",
			"%s: %s is not UTF-8 text: %s at line %d, column %d", what, file, e.message, e.Start.Line, e.Start.Column)
		l.relatedFile(file, e.Range, e.message)
		return nil, false
	}
	return raw, true
}

// relatedFile attaches a place in a file of the corpus to the diagnostic
// just reported.
func (l *manifestLoader) relatedFile(file string, r Range, message string) {
	if !l.capped {
		l.last().Related = append(l.last().Related, Related{File: path.Join(l.origin, file), Range: r, Message: message})
	}
}

func lineRange(line int) Range { return Range{Position{line, 1}, Position{line, 1}} }

// splitText cuts a text into paragraphs by its layout. Each line's
// indentation and trailing blanks are layout, not text.
func splitText(text string, layout Layout) []textParagraph {
	lines := strings.Split(text, "\n")
	if layout == LayoutLines {
		return splitLines(lines)
	}
	var paras []textParagraph
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, textParagraph{text: strings.Join(cur, "\n"), line: start})
			cur = nil
		}
	}
	for i, line := range lines {
		line = strings.Trim(line, " \t")
		if line == "" {
			flush()
			continue
		}
		if len(cur) == 0 {
			start = i + 1
		}
		cur = append(cur, line)
	}
	flush()
	return paras
}

// splitLines cuts a text written one paragraph a line. The margin is the
// indentation of the least indented line; a line at the margin is a
// paragraph of its own, and indented lines that follow one another (a
// signature's name, title and date) are one paragraph.
func splitLines(lines []string) []textParagraph {
	margin := -1
	for _, line := range lines {
		if t := strings.TrimLeft(line, " \t"); strings.TrimRight(t, " \t") != "" {
			if indent := len(line) - len(t); margin < 0 || indent < margin {
				margin = indent
			}
		}
	}
	var paras []textParagraph
	indentedRun := false
	for i, line := range lines {
		t := strings.TrimLeft(line, " \t")
		indented := len(line)-len(t) > margin
		t = strings.TrimRight(t, " \t")
		switch {
		case t == "":
			indentedRun = false
		case indented && indentedRun:
			last := &paras[len(paras)-1]
			last.text += "\n" + t
		default:
			paras = append(paras, textParagraph{text: t, line: i + 1})
			indentedRun = indented
		}
	}
	return paras
}

// readLimited reads a file of the corpus. It looks before it opens: only a
// regular file is read, so that a FIFO or a device named in a manifest gets
// a message instead of a hang, and a file whose path leaves the corpus
// folder (through a symbolic link, when fsys is an os.Root) is refused.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("%q is not a path inside the corpus folder", clip(name, 100))
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, corpusPathError(name, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file but %s", name, fileKind(info.Mode()))
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, corpusPathError(name, err)
	}
	defer f.Close()
	// The file may have been swapped between the look and the open.
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file but %s", name, fileKind(info.Mode()))
	}
	if info.Size() > maxCorpusFile {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d a corpus file may have", name, info.Size(), maxCorpusFile)
	}
	raw, err := io.ReadAll(io.LimitReader(f, maxCorpusFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(raw) > maxCorpusFile {
		return nil, fmt.Errorf("%s is larger than the %d bytes a corpus file may have", name, maxCorpusFile)
	}
	return raw, nil
}

// corpusPathError words an error of opening a corpus file for its reader.
// os.Root reports a path that a symbolic link leads out of the folder as
// "path escapes from parent", an error it does not export.
func corpusPathError(name string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file in the corpus folder", name)
	case strings.Contains(err.Error(), "path escapes from parent"):
		return fmt.Errorf("%s leads outside the corpus folder (through a symbolic link); a corpus reads only files inside its folder", name)
	}
	return err
}

// fileKind names what a path is when it is not a regular file.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeDevice != 0, mode&fs.ModeCharDevice != 0:
		return "a device"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func isUnnumbered(r Role) bool {
	for _, u := range unnumberedRoles {
		if r == u {
			return true
		}
	}
	return false
}

// plural writes a count and a noun: "1 paragraph", "3 paragraphs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
