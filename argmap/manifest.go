package argmap

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ManifestFile is the name of a corpus manifest inside its folder.
const ManifestFile = "corpus.yaml"

// maxCorpusFile bounds every file a corpus reads, so that a wrong path (a
// device, a huge dump) fails cleanly instead of exhausting memory.
const maxCorpusFile = 64 << 20

// CorpusError lists every problem found in a corpus manifest and its texts.
type CorpusError struct {
	Problems []CorpusProblem
}

// CorpusProblem is one problem of a corpus, at a file and line when known.
type CorpusProblem struct {
	File    string
	Line    int
	Message string
}

func (p CorpusProblem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

func (e *CorpusError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "invalid corpus:\n  " + strings.Join(lines, "\n  ")
}

type manifest struct {
	Title     string             `yaml:"title"`
	Languages []Lang             `yaml:"languages"`
	Sources   []manifestSource   `yaml:"sources"`
	Parties   []manifestParty    `yaml:"parties"`
	Speakers  []manifestSpeaker  `yaml:"speakers"`
	Documents []manifestDocument `yaml:"documents"`
}

type manifestSource struct {
	ID          string `yaml:"id"`
	File        string `yaml:"file"`
	SHA256      string `yaml:"sha256"`
	Description string `yaml:"description"`
}

type manifestParty struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	ZH   string `yaml:"zh"`
}

type manifestSpeaker struct {
	ID      string `yaml:"id"`
	Name    string `yaml:"name"`
	Short   string `yaml:"short"`
	ZH      string `yaml:"zh"`
	Party   string `yaml:"party"`
	Persons []struct {
		Firstname string `yaml:"firstname"`
		Surname   string `yaml:"surname"`
	} `yaml:"persons"`
}

type manifestDocument struct {
	ID        string          `yaml:"id"`
	Kind      string          `yaml:"kind"`
	Title     string          `yaml:"title"`
	Speaker   string          `yaml:"speaker"`
	Date      string          `yaml:"date"`
	Addressee string          `yaml:"addressee"`
	RepliesTo string          `yaml:"replies-to"`
	Note      string          `yaml:"note"`
	Source    string          `yaml:"source"`
	Text      map[Lang]string `yaml:"text"`
	Front     []Role          `yaml:"front"`
	Back      []Role          `yaml:"back"`
}

// LoadCorpusDir reads the corpus in a folder. The folder is a root: every
// file the manifest names, and the manifest itself, must be inside it, and a
// symbolic link that leads out of it is refused like a ".." path. Links
// that stay inside are followed.
func LoadCorpusDir(dir string) (*Corpus, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return LoadCorpus(root.FS(), dir)
}

// LoadCorpus reads the manifest corpus.yaml at the root of fsys and every
// text it names. origin names fsys in messages ("embedded", or a folder).
// Problems with the manifest or its texts come back as a *CorpusError that
// lists all of them; nothing in a corpus can make it panic.
func LoadCorpus(fsys fs.FS, origin string) (*Corpus, error) {
	raw, err := readLimited(fsys, ManifestFile)
	if err != nil {
		return nil, fmt.Errorf("reading corpus manifest: %w", err)
	}
	l := corpusLoader{fsys: fsys, file: path.Join(origin, ManifestFile)}
	var m manifest
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		if errors.Is(err, io.EOF) {
			l.problem(0, "the manifest is empty")
			return nil, &CorpusError{l.problems}
		}
		var typeErr *yaml.TypeError
		if errors.As(err, &typeErr) {
			for _, msg := range typeErr.Errors {
				l.yamlProblem(msg)
			}
		} else {
			l.yamlProblem(err.Error())
		}
		return nil, &CorpusError{l.problems}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err == nil {
		l.lines = documentLines(&root)
	}
	c := l.build(&m, origin)
	if len(l.problems) > 0 {
		return nil, &CorpusError{l.problems}
	}
	return c, nil
}

type corpusLoader struct {
	fsys     fs.FS
	file     string
	lines    []int           // manifest line of each document entry, by position
	unread   map[string]bool // ids of sources that could not be read
	problems []CorpusProblem
}

func (l *corpusLoader) problem(line int, format string, args ...any) {
	l.problems = append(l.problems, CorpusProblem{File: l.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// yamlProblem records a decoder message, "line N: text", at its line, and
// words an unknown field as the manifest key it is, not as a Go type.
func (l *corpusLoader) yamlProblem(msg string) {
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, text, ok := strings.Cut(rest, ": "); ok {
			if k, err := strconv.Atoi(n); err == nil {
				line, msg = k, text
			}
		}
	}
	if rest, ok := strings.CutPrefix(msg, "field "); ok {
		if key, _, ok := strings.Cut(rest, " not found in type "); ok {
			msg = fmt.Sprintf("unknown key %q", key)
		}
	}
	l.problem(line, "%s", msg)
}

func (l *corpusLoader) build(m *manifest, origin string) *Corpus {
	c := &Corpus{Title: m.Title, Origin: origin, Languages: m.Languages, byID: map[string]*Document{}}
	l.unread = map[string]bool{}
	if len(c.Languages) == 0 {
		c.Languages = []Lang{English, Chinese}
	}
	sources := map[string]*Source{}
	for _, ms := range m.Sources {
		s := &Source{ID: ms.ID, File: ms.File, SHA256: ms.SHA256, Description: ms.Description}
		if sources[s.ID] != nil {
			l.problem(0, "source %q is declared twice", s.ID)
			continue
		}
		sources[s.ID] = s
		raw, err := readLimited(l.fsys, s.File)
		if err != nil {
			l.problem(0, "source %q: %v", s.ID, err)
			l.unread[s.ID] = true // its documents cannot be checked against it
			continue
		}
		if s.SHA256 != "" {
			sum := sha256.Sum256(raw)
			if got := hex.EncodeToString(sum[:]); got != strings.ToLower(s.SHA256) {
				l.problem(0, "source %q: %s has SHA-256 %s, the manifest says %s: the source must be kept byte for byte", s.ID, s.File, got, s.SHA256)
			}
		}
		s.Text = cleanText(string(raw))
		c.Sources = append(c.Sources, s)
	}
	parties := map[string]*Party{}
	for _, mp := range m.Parties {
		if mp.ID == "" || parties[mp.ID] != nil {
			l.problem(0, "party %q is empty or declared twice", mp.ID)
			continue
		}
		p := &Party{ID: mp.ID, Name: mp.Name, ZH: mp.ZH}
		parties[p.ID] = p
		c.Parties = append(c.Parties, p)
	}
	speakers := map[string]*Speaker{}
	for _, ms := range m.Speakers {
		if ms.ID == "" || speakers[ms.ID] != nil {
			l.problem(0, "speaker %q is empty or declared twice", ms.ID)
			continue
		}
		s := &Speaker{ID: ms.ID, Name: ms.Name, Short: ms.Short, ZH: ms.ZH, Party: parties[ms.Party]}
		if s.Short == "" {
			s.Short = s.Name
		}
		if s.Party == nil {
			l.problem(0, "speaker %q: party %q is not declared (parties: %s)", ms.ID, ms.Party, strings.Join(keys(parties), ", "))
		}
		for _, p := range ms.Persons {
			s.Persons = append(s.Persons, Person{Firstname: p.Firstname, Surname: p.Surname})
		}
		speakers[s.ID] = s
		c.Speakers = append(c.Speakers, s)
	}
	for i := range m.Documents {
		md := &m.Documents[i]
		d := l.document(c, md, l.line(i), speakers, sources)
		if d == nil {
			continue
		}
		c.Documents = append(c.Documents, d)
		c.byID[d.ID] = d
	}
	for i := range m.Documents {
		md := &m.Documents[i]
		d := c.byID[md.ID]
		if d == nil || md.RepliesTo == "" {
			continue
		}
		if d.RepliesTo = c.byID[md.RepliesTo]; d.RepliesTo == nil {
			l.problem(d.Line, "document %q replies to %q, which is not a document of the corpus (documents: %s)",
				d.ID, md.RepliesTo, strings.Join(c.DocumentIDs(), ", "))
		} else if d.Date != (Date{}) && d.Date.Before(d.RepliesTo.Date) {
			l.problem(d.Line, "document %q (%s) replies to %q, which is dated later (%s)", d.ID, d.Date, d.RepliesTo.ID, d.RepliesTo.Date)
		}
	}
	return c
}

// line returns the manifest line of the i-th document entry, or 0.
func (l *corpusLoader) line(i int) int {
	if i < len(l.lines) {
		return l.lines[i]
	}
	return 0
}

func (l *corpusLoader) document(c *Corpus, md *manifestDocument, line int, speakers map[string]*Speaker, sources map[string]*Source) *Document {
	if md.ID == "" {
		l.problem(line, "a document has no id")
		return nil
	}
	if !validID(md.ID) {
		l.problem(line, "document id %q must be lower-case letters, digits and hyphens", md.ID)
		return nil
	}
	if c.byID[md.ID] != nil {
		l.problem(line, "document id %q is declared twice (first at line %d)", md.ID, c.byID[md.ID].Line)
		return nil
	}
	d := &Document{ID: md.ID, Kind: md.Kind, Title: md.Title, Addressee: md.Addressee, Note: md.Note, Line: line}
	if d.Kind == "" {
		d.Kind = "letter"
	}
	var err error
	if d.Date, err = ParseDate(md.Date); err != nil {
		l.problem(line, "document %q: %v", md.ID, err)
	}
	if d.Speaker = speakers[md.Speaker]; d.Speaker == nil {
		l.problem(line, "document %q: speaker %q is not declared (speakers: %s)", md.ID, md.Speaker, strings.Join(keys(speakers), ", "))
	} else {
		d.Party = d.Speaker.Party
	}
	if md.Source != "" {
		if d.Source = sources[md.Source]; d.Source == nil {
			l.problem(line, "document %q: source %q is not declared (sources: %s)", md.ID, md.Source, strings.Join(keys(sources), ", "))
		}
	}
	if len(md.Text) == 0 {
		if len(md.Front)+len(md.Back) > 0 {
			l.problem(line, "document %q has front or back paragraphs but no text", md.ID)
		}
		return d
	}
	d.TextFiles = md.Text
	for _, role := range append(append([]Role(nil), md.Front...), md.Back...) {
		if !isUnnumbered(role) {
			l.problem(line, "document %q: front and back list the unnumbered paragraphs, one of %v; %q is not one", md.ID, unnumberedRoles, role)
			return d
		}
	}
	texts := map[Lang][]string{}
	for _, lang := range c.Languages {
		file, ok := md.Text[lang]
		if !ok {
			l.problem(line, "document %q has no %s text (text: needs %v)", md.ID, lang.Name(), c.Languages)
			continue
		}
		raw, err := readLimited(l.fsys, file)
		if err != nil {
			l.problem(line, "document %q: %v", md.ID, err)
			continue
		}
		paras := splitParagraphs(cleanText(string(raw)))
		if n := len(paras) - len(md.Front) - len(md.Back); n < 0 {
			l.problem(line, "document %q: %s has %d paragraphs, fewer than front and back declare", md.ID, file, len(paras))
			continue
		}
		if d.Source != nil && !l.unread[d.Source.ID] {
			if where, ok := verbatim(paras, d.Source.Text); !ok {
				l.problem(line, "document %q: %s paragraph %d does not occur verbatim, in order, in source %s: %q",
					md.ID, file, where+1, d.Source.File, clip(paras[where], 60))
			}
		}
		texts[lang] = paras
	}
	for lang := range md.Text {
		if !containsLang(c.Languages, lang) {
			l.problem(line, "document %q: language %q is not a language of the corpus %v", md.ID, lang, c.Languages)
		}
	}
	if len(texts) != len(c.Languages) {
		return d
	}
	first := c.Languages[0]
	for _, lang := range c.Languages[1:] {
		if len(texts[lang]) != len(texts[first]) {
			l.problem(line, "document %q: the %s text has %d paragraphs and the %s text %d: paragraphs pair one to one across languages",
				md.ID, first.Name(), len(texts[first]), lang.Name(), len(texts[lang]))
			return d
		}
	}
	n := len(texts[first])
	for i := 0; i < n; i++ {
		p := &Paragraph{Doc: d, Index: i, Role: Body, Text: map[Lang]string{}}
		switch {
		case i < len(md.Front):
			p.Role = md.Front[i]
		case i >= n-len(md.Back):
			p.Role = md.Back[i-(n-len(md.Back))]
		default:
			p.Number = i - len(md.Front) + 1
		}
		for _, lang := range c.Languages {
			p.Text[lang] = texts[lang][i]
		}
		d.Paragraphs = append(d.Paragraphs, p)
	}
	return d
}

// splitParagraphs cuts a text file into paragraphs: blank lines separate
// them, a paragraph's lines are joined by "\n", and each line's indentation
// and trailing blanks are layout, not text.
func splitParagraphs(text string) []string {
	var paras []string
	var lines []string
	flush := func() {
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
			lines = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.Trim(line, " \t")
		if line == "" {
			flush()
			continue
		}
		lines = append(lines, line)
	}
	flush()
	return paras
}

// verbatim reports whether every line of every paragraph occurs in source,
// in order; if not, it returns the index of the first paragraph that fails.
func verbatim(paras []string, source string) (int, bool) {
	from := 0
	for i, p := range paras {
		for _, line := range strings.Split(p, "\n") {
			k := strings.Index(source[from:], line)
			if k < 0 {
				return i, false
			}
			from += k + len(line)
		}
	}
	return 0, true
}

// documentLines returns the line of each document entry of the manifest,
// in order; a duplicate id must be reported at its own entry, so lines are
// kept by position, not by id.
func documentLines(root *yaml.Node) []int {
	var lines []int
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return lines
	}
	top := root.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "documents" || top.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for _, doc := range top.Content[i+1].Content {
			lines = append(lines, doc.Line)
		}
	}
	return lines
}

// readLimited reads a file of the corpus. It looks before it opens: only a
// regular file is read, so that a FIFO or a device named in a manifest gets
// a message instead of a hang, and a file whose path leaves the corpus
// folder (through a symbolic link, when fsys is an os.Root) is refused.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("%q is not a path inside the corpus folder", name)
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

func isUnnumbered(r Role) bool {
	for _, u := range unnumberedRoles {
		if r == u {
			return true
		}
	}
	return false
}

func containsLang(langs []Lang, l Lang) bool {
	for _, x := range langs {
		if x == l {
			return true
		}
	}
	return false
}

// validID reports whether s is a lower-case kebab-case id.
func validID(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r == '-' && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return true
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// clip shortens s to at most n code points, marking the cut with "…".
func clip(s string, n int) string {
	if RuneLen(s) <= n {
		return s
	}
	return s[:ByteOffset(s, n)] + "…"
}
