package argmap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest annotation file argmap reads. The bundled map
// is a few dozen kilobytes; the bound keeps a hostile file from costing
// unbounded memory (a YAML node costs far more than the bytes it came from).
const MaxFileSize = 4 << 20

// maxDiagnosticsPerFile bounds what one file can report, so that a file of
// 200,000 unknown keys yields a readable list and bounded work.
const maxDiagnosticsPerFile = 200

// Input is an annotation file to load: its path, for messages, and content.
type Input struct {
	Path string
	Data []byte
}

// FormatVersion is the version of the annotation format this argmap reads.
const FormatVersion = 1

// The keys of each mapping of the format.
var (
	topKeys      = []string{"argmap", "title", "description", "units", "disputes"}
	unitKeys     = []string{"id", "kind", "summary", "span", "reports", "party", "note", "rebuts", "undercuts", "concedes", "supports"}
	spanBaseKeys = []string{"doc", "paragraph"}
	quoteKeys    = []string{"quote", "start", "end", "occurrence", "prefix", "suffix"}
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// loader reads annotation files into a Map, collecting diagnostics.
type loader struct {
	corpus *Corpus
	m      *Map
	diags  []Diagnostic
	file   *File
	lines  []string // the current file's lines, for ranges
	count  int      // diagnostics of the current file
	capped bool
	capAt  int // index of the too-many-diagnostics summary, once capped
	// unknownReports holds the units whose reports names no document:
	// their party and date are unknown, so no rule guesses them.
	unknownReports map[*Unit]bool
	// declared holds the files' disputes until every unit is known.
	declared []*declaredDispute
}

func (l *loader) report(r Range, rule RuleID, detail, format string, args ...any) {
	severity := rule.Rule().Severity
	if l.capped {
		// The summary is as severe as the worst problem it stands for, so
		// that a file of many warnings does not fail as if it had errors.
		if cap := &l.diags[l.capAt]; severity < cap.Severity {
			cap.Severity = severity
		}
		return
	}
	if l.count >= maxDiagnosticsPerFile {
		l.capped, l.capAt = true, len(l.diags)
		l.diags = append(l.diags, Diagnostic{File: l.file.Path, Range: r, Severity: severity, Rule: RuleTooManyDiagnostics,
			Message: fmt.Sprintf("more than %d problems in this file; the rest are not reported", maxDiagnosticsPerFile)})
		return
	}
	l.count++
	l.diags = append(l.diags, Diagnostic{File: l.file.Path, Range: r, Severity: severity, Rule: rule,
		Message: fmt.Sprintf(format, args...), Detail: detail})
}

// last returns the diagnostic just reported, to attach related places.
func (l *loader) last() *Diagnostic { return &l.diags[len(l.diags)-1] }

func (l *loader) loadFile(in Input) {
	l.file = &File{Path: in.Path, Data: in.Data}
	l.m.Files = append(l.m.Files, l.file)
	l.count, l.capped = 0, false
	start := Range{Position{1, 1}, Position{1, 1}}
	if len(in.Data) > MaxFileSize {
		l.report(start, RuleFileTooLarge, "split the map into several files; all files given together form one map",
			"the file is larger than the %d bytes an annotation file may have", MaxFileSize)
		return
	}
	data := in.Data
	if r, ok := encodingProblem(data); !ok {
		l.report(r.Range, RuleFileEncoding, "save the file as UTF-8 text", "%s", r.message)
		return
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	l.lines = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.report(start, RuleMissingField, "an annotation file is a mapping with a units list", "the file is empty")
			return
		}
		l.syntaxError(err)
		return
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		l.report(l.rangeOf(&next), RuleMultipleDocuments, "one annotation file holds one YAML document; put the others in files of their own",
			"the file holds a second YAML document")
	} else if !errors.Is(err, io.EOF) {
		l.syntaxError(err)
	}
	if len(doc.Content) == 0 {
		l.report(start, RuleMissingField, "an annotation file is a mapping with a units list", "the file is empty")
		return
	}
	l.hostileNodes(doc.Content[0])
	l.top(doc.Content[0])
}

type encodingError struct {
	Range
	message string
}

// encodingProblem finds the first invalid UTF-8 byte or NUL character.
func encodingProblem(data []byte) (encodingError, bool) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		pos := Position{line, col}
		switch {
		case r == utf8.RuneError && size <= 1:
			return encodingError{Range{pos, pos}, fmt.Sprintf("invalid UTF-8 byte 0x%02x", data[i])}, false
		case r == 0:
			return encodingError{Range{pos, pos}, "NUL character in the file"}, false
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	return encodingError{}, true
}

func (l *loader) syntaxError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		// yaml.v3 counts the lines of scanner errors from 1 but those of
		// parser errors from 0; a parser error names the collection or
		// node it was parsing.
		if parserProblems[msg] {
			line++
		}
	}
	line = min(max(line, 1), max(len(l.lines), 1))
	text := l.lines[line-1]
	col := RuneOffset(text, len(text)-len(strings.TrimLeft(text, " "))) + 1
	detail := ""
	switch {
	case strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token"):
		// The tab is on the reported line or, when it breaks the
		// indentation of a scalar's continuation, on a line below.
		for i := line - 1; i < len(l.lines); i++ {
			text := l.lines[i]
			lead := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
			if j := strings.IndexByte(lead, '\t'); j >= 0 {
				line, col = i+1, RuneOffset(text, j)+1
				msg = "a tab character in the indentation"
				detail = "indent with spaces, not tabs"
				break
			}
		}
	case strings.HasPrefix(msg, "unknown anchor "):
		// The decoder names the anchor but not the line of the alias.
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		for i, text := range l.lines {
			if j := strings.Index(text, "*"+name); j >= 0 {
				line, col = i+1, RuneOffset(text, j)+1
				break
			}
		}
		detail = "annotations do not use anchors or aliases: write the value out"
	}
	pos := Position{line, col}
	l.report(Range{pos, pos}, RuleYAMLSyntax, detail, "%s", msg)
}

// parserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner), whose error lines are off by one.
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// hostileNodes reports anchors, aliases and foreign tags anywhere in the
// tree. Aliases are never followed, so an alias bomb or a self-referencing
// alias costs nothing.
func (l *loader) hostileNodes(n *yaml.Node) {
	if n.Kind == yaml.AliasNode {
		l.report(l.rangeOf(n), RuleYAMLAlias, "write the value out; annotations are data that diffs and reviews well", "YAML alias *%s is not allowed", n.Value)
		return
	}
	if n.Anchor != "" {
		l.report(l.rangeOf(n), RuleYAMLAlias, "write the value out; annotations are data that diffs and reviews well", "YAML anchor &%s is not allowed", n.Anchor)
	}
	if n.Tag != "" && !plainTag(n.Tag) {
		l.report(l.rangeOf(n), RuleYAMLTag, "remove the tag; annotation values are plain strings, numbers, lists and mappings", "YAML tag %s is not allowed", n.Tag)
	}
	for _, c := range n.Content {
		l.hostileNodes(c)
	}
}

func plainTag(tag string) bool {
	switch tag {
	case "!!str", "!!int", "!!bool", "!!null", "!!float", "!!map", "!!seq", "!!timestamp", "!":
		return true
	}
	return false
}

// rangeOf returns where a node's value stands in the file. For a scalar on
// one line the end is computed from the source, quotes included.
func (l *loader) rangeOf(n *yaml.Node) Range {
	start := Position{n.Line, n.Column}
	end := start
	if n.Kind == yaml.ScalarNode && n.Line-1 < len(l.lines) && n.Line > 0 {
		text := l.lines[n.Line-1]
		from := ByteOffset(text, n.Column-1)
		if from <= len(text) {
			end.Column = n.Column + RuneLen(scalarToken(text[from:], n.Value, n.Style))
		}
	}
	return Range{start, end}
}

// scalarToken returns the part of rest that is the scalar's token.
func scalarToken(rest, value string, style yaml.Style) string {
	switch {
	case style&yaml.DoubleQuotedStyle != 0:
		for i := 1; i < len(rest); i++ {
			switch rest[i] {
			case '\\':
				i++
			case '"':
				return rest[:i+1]
			}
		}
	case style&yaml.SingleQuotedStyle != 0:
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					i++
					continue
				}
				return rest[:i+1]
			}
		}
	case style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return rest[:1]
	default:
		// A plain scalar is its value as written, when it fits on one line.
		if strings.HasPrefix(rest, value) {
			return value
		}
		if i := strings.Index(rest, " #"); i >= 0 {
			rest = rest[:i]
		}
		return strings.TrimRight(rest, " \t")
	}
	return rest
}

// field is a key and its value in a mapping.
type field struct {
	key   *yaml.Node
	value *yaml.Node
}

// fields checks a mapping's keys against the allowed ones, reporting unknown
// and duplicate keys, and returns the known fields by name.
func (l *loader) fields(n *yaml.Node, what string, allowed []string) map[string]field {
	out := map[string]field{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			l.report(l.rangeOf(k), RuleWrongType, "", "a key of %s must be a plain string", what)
			continue
		}
		if first, dup := out[k.Value]; dup {
			l.report(l.rangeOf(k), RuleDuplicateKey, "remove one of them", "key %q appears twice in %s", k.Value, what)
			if !l.capped {
				l.last().Related = []Related{{File: l.file.Path, Range: l.rangeOf(first.key), Message: "first " + k.Value + " is here"}}
			}
			continue
		}
		if !contains(allowed, k.Value) {
			detail := "allowed keys: " + strings.Join(allowed, ", ")
			if n.Style&yaml.FlowStyle != 0 && v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" {
				// {en: 25,000 prisoners}: the comma ended the value and
				// began a key without a value.
				detail = "a comma inside {...} ends a value: quote text that holds a comma, like {en: \"25,000 prisoners\"}; " + detail
			}
			if s := closest(k.Value, allowed); s != "" {
				l.report(l.rangeOf(k), RuleUnknownKey, detail, "unknown key %q in %s; did you mean %q?", clip(k.Value, 40), what, s)
			} else {
				l.report(l.rangeOf(k), RuleUnknownKey, detail, "unknown key %q in %s", clip(k.Value, 40), what)
			}
			out[k.Value] = field{k, nil} // remembered for duplicates only
			continue
		}
		out[k.Value] = field{k, v}
	}
	return out
}

func (l *loader) expect(n *yaml.Node, kind yaml.Kind, what string) bool {
	if n.Kind == kind {
		return true
	}
	if n.Kind == yaml.AliasNode {
		return false // reported as yaml-alias
	}
	l.report(l.rangeOf(n), RuleWrongType, "", "%s must be %s, not %s", what, kindName(kind), nodeDescription(n))
	return false
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return "a single value"
}

func nodeDescription(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return "the value " + strconv.Quote(clip(n.Value, 30))
	}
	return "an alias"
}

// str reads a string field; numbers and booleans are refused so that
// `summary: yes` does not become "true" unnoticed.
func (l *loader) str(f field, what string) (string, bool) {
	if f.value == nil || !l.expect(f.value, yaml.ScalarNode, what) {
		return "", false
	}
	if !plainTag(f.value.Tag) {
		return "", false // reported as yaml-tag
	}
	if f.value.Tag != "!!str" && f.value.Tag != "!" {
		l.report(l.rangeOf(f.value), RuleWrongType, "quote it if it is meant as text", "%s must be text, not %s", what, nodeDescription(f.value))
		return "", false
	}
	return f.value.Value, true
}

func (l *loader) integer(f field, what string) (int, bool) {
	if f.value == nil || !l.expect(f.value, yaml.ScalarNode, what) {
		return 0, false
	}
	if !plainTag(f.value.Tag) {
		return 0, false // reported as yaml-tag
	}
	v, err := strconv.Atoi(f.value.Value)
	if err != nil || f.value.Tag != "!!int" {
		l.report(l.rangeOf(f.value), RuleWrongType, "", "%s must be a whole number, not %s", what, nodeDescription(f.value))
		return 0, false
	}
	return v, true
}

func (l *loader) missing(n *yaml.Node, fs map[string]field, what string, names ...string) bool {
	ok := true
	for _, name := range names {
		if f, has := fs[name]; !has || f.value == nil {
			l.report(l.rangeOf(n), RuleMissingField, "", "%s has no %s", what, name)
			ok = false
		}
	}
	return ok
}

func (l *loader) top(n *yaml.Node) {
	if !l.expect(n, yaml.MappingNode, "an annotation file") {
		return
	}
	if k := manifestKey(n); k != nil {
		l.report(l.rangeOf(k), RuleCorpusManifest, "load a corpus with --corpus DIR, DIR being the folder that holds its corpus.yaml (argmap also finds one in the current folder or above it); annotation files have a units list",
			"this is a corpus manifest, not an annotation file")
		return
	}
	fs := l.fields(n, "the file", topKeys)
	if f, ok := fs["argmap"]; ok && f.value != nil {
		if v, ok := l.integer(f, "argmap (the format version)"); ok && v != FormatVersion {
			l.report(l.rangeOf(f.value), RuleInvalidValue, "this argmap reads format version 1", "format version %d is not supported", v)
		}
	}
	if f, ok := fs["title"]; ok && f.value != nil {
		l.title(f)
	}
	if f, ok := fs["description"]; ok && f.value != nil {
		l.str(f, "description")
	}
	if f, ok := fs["disputes"]; ok && f.value != nil {
		l.disputes(f.value)
		if _, ok := fs["units"]; !ok {
			return // a file of disputes alone, over the units of the others
		}
	}
	if !l.missing(n, fs, "the file", "units") {
		return
	}
	units := fs["units"].value
	if units.Tag == "!!null" {
		return
	}
	if !l.expect(units, yaml.SequenceNode, "units") {
		return
	}
	for _, u := range units.Content {
		l.unit(u)
	}
}

// title reads the map's title: text (English), or a mapping with a title
// per language, like a summary. The first file that has one titles the map.
func (l *loader) title(f field) {
	titles := map[Lang]string{}
	if f.value.Kind == yaml.MappingNode {
		tf := l.fields(f.value, "title", langNames(l.corpus.Languages))
		for _, lang := range l.corpus.Languages {
			if g, ok := tf[string(lang)]; ok && g.value != nil {
				if s, ok := l.str(g, "title."+string(lang)); ok {
					titles[lang] = s
				}
			}
		}
	} else if s, ok := l.str(f, "title"); ok {
		titles[English] = s
	}
	l.file.Title = titles[English]
	if len(l.m.titles) == 0 && len(titles) > 0 {
		l.m.titles = titles
		l.m.Title = titles[English]
	}
}

func (l *loader) unit(n *yaml.Node) {
	if !l.expect(n, yaml.MappingNode, "a unit") {
		return
	}
	fs := l.fields(n, "a unit", unitKeys)
	u := &Unit{File: l.file, Range: l.rangeOf(n), Summary: map[Lang]string{}}
	what := "a unit"
	if f, ok := fs["id"]; ok && f.value != nil {
		if id, ok := l.str(f, "id"); ok {
			u.ID, u.IDRange = id, l.rangeOf(f.value)
			what = "unit " + strconv.Quote(clip(id, 40))
			if !validID(id) {
				l.report(u.IDRange, RuleInvalidID, "ids are lower-case letters, digits and inner hyphens, like clark-escape-serious",
					"unit id %q is not lower-case kebab-case", clip(id, 40))
			}
		}
	}
	l.missing(n, fs, what, "id", "kind", "summary", "span")
	if f, ok := fs["kind"]; ok && f.value != nil {
		if k, ok := l.str(f, "kind"); ok {
			u.Kind = Kind(k)
			if !containsKind(k) {
				l.report(l.rangeOf(f.value), RuleInvalidValue, "kinds: claim, rebuttal, concession", "unknown kind %q%s", clip(k, 40), didYouMean(k, kindNames()))
				u.Kind = ""
			}
		}
	}
	if f, ok := fs["summary"]; ok && f.value != nil && l.expect(f.value, yaml.MappingNode, "summary") {
		sf := l.fields(f.value, "summary", langNames(l.corpus.Languages))
		for _, lang := range l.corpus.Languages {
			if g, ok := sf[string(lang)]; ok && g.value != nil {
				if s, ok := l.str(g, "summary."+string(lang)); ok {
					u.Summary[lang] = s
					l.summaryLength(g.value, lang, s)
				}
			}
		}
		// An en of the wrong type is reported as such, not as missing too.
		if _, given := sf[string(English)]; !given && containsLang(l.corpus.Languages, English) {
			l.report(l.rangeOf(f.value), RuleMissingField, "the English summary labels the unit in diagrams", "summary has no en")
		}
	}
	if f, ok := fs["note"]; ok && f.value != nil {
		u.Note, _ = l.str(f, "note")
	}
	if f, ok := fs["span"]; ok && f.value != nil {
		l.span(f.value, u)
	}
	if f, ok := fs["reports"]; ok && f.value != nil {
		if id, ok := l.str(f, "reports"); ok {
			if u.Reports = l.corpus.Document(id); u.Reports == nil {
				l.unknownReports[u] = true
				l.report(l.rangeOf(f.value), RuleUnknownDocument, "documents: "+strings.Join(l.corpus.DocumentIDs(), ", "),
					"reports names unknown document %q%s", clip(id, 60), didYouMean(id, l.corpus.DocumentIDs()))
			}
		}
	}
	if f, ok := fs["party"]; ok && f.value != nil {
		if id, ok := l.str(f, "party"); ok {
			if u.Party = l.corpus.Party(id); u.Party == nil {
				ids := partyIDs(l.corpus)
				l.report(l.rangeOf(f.value), RuleUnknownParty, "parties: "+strings.Join(ids, ", "), "unknown party %q%s", clip(id, 40), didYouMean(id, ids))
			}
		}
	}
	for _, t := range RelationTypes {
		if f, ok := fs[string(t)]; ok && f.value != nil {
			l.relations(f.value, u, t)
		}
	}
	if u.ID == "" {
		return
	}
	if first := l.m.byID[u.ID]; first != nil {
		l.report(u.IDRange, RuleDuplicateID, "ids are unique across all files of a map", "unit id %q is already defined", u.ID)
		if !l.capped {
			l.last().Related = []Related{{File: first.File.Path, Range: first.IDRange, Message: "first defined here"}}
		}
		return
	}
	l.m.byID[u.ID] = u
	u.Index = len(l.m.Units)
	l.m.Units = append(l.m.Units, u)
}

func (l *loader) summaryLength(n *yaml.Node, lang Lang, s string) {
	const maxWords, maxCJK = 16, 32
	if lang == English || !hasCJK(s) {
		if words := len(strings.Fields(s)); words > maxWords {
			l.report(l.rangeOf(n), RuleLongSummary, "a diagram label reads best at about 12 words; put the rest in note",
				"summary.%s has %d words; keep it to %d", lang, words, maxWords)
		}
		return
	}
	if chars := RuneLen(s); chars > maxCJK {
		l.report(l.rangeOf(n), RuleLongSummary, "a diagram label reads best short; put the rest in note",
			"summary.%s has %d characters; keep it to %d", lang, chars, maxCJK)
	}
}

func (l *loader) relations(n *yaml.Node, u *Unit, t RelationType) {
	targets := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		targets = n.Content
	}
	for _, tn := range targets {
		id, ok := l.str(field{value: tn}, string(t)+" target")
		if !ok {
			continue
		}
		u.Relations = append(u.Relations, &Relation{Type: t, From: u, ToID: id, Range: l.rangeOf(tn)})
	}
}

func (l *loader) span(n *yaml.Node, u *Unit) {
	if !l.expect(n, yaml.MappingNode, "span") {
		return
	}
	allowed := append(append([]string(nil), spanBaseKeys...), langNames(l.corpus.Languages)...)
	fs := l.fields(n, "span", allowed)
	u.Span.Range = l.rangeOf(n)
	u.Span.Quotes = map[Lang]*Quote{}
	l.missing(n, fs, "span", "doc", "paragraph")
	if f, ok := fs["doc"]; ok && f.value != nil {
		if id, ok := l.str(f, "span.doc"); ok {
			if u.Span.Doc = l.corpus.Document(id); u.Span.Doc == nil {
				l.report(l.rangeOf(f.value), RuleUnknownDocument, "documents: "+strings.Join(l.corpus.DocumentIDs(), ", "),
					"unknown document %q%s", clip(id, 60), didYouMean(id, l.corpus.DocumentIDs()))
			} else if !u.Span.Doc.HasText() {
				l.report(l.rangeOf(f.value), RuleDocumentWithoutText,
					"anchor the unit where another document reports it, and name this one with reports: "+id,
					"document %q has no text in the corpus to anchor a span in", id)
				u.Span.Doc = nil
			}
		}
	}
	if f, ok := fs["paragraph"]; ok && f.value != nil && u.Span.Doc != nil {
		u.Span.Paragraph = l.paragraph(f.value, u.Span.Doc)
	}
	quotes := 0
	for _, lang := range l.corpus.Languages {
		f, ok := fs[string(lang)]
		if !ok || f.value == nil {
			continue
		}
		quotes++
		if q := l.quote(f.value, lang); q != nil {
			u.Span.Quotes[lang] = q
		}
	}
	if quotes == 0 {
		l.report(u.Span.Range, RuleMissingField, "quote the passage exactly, in "+strings.Join(langNames(l.corpus.Languages), " and "), "span has no quote")
		return
	}
	for _, lang := range l.corpus.Languages {
		if _, ok := fs[string(lang)]; !ok {
			l.report(u.Span.Range, RuleMissingQuote, "anchor the unit in every language of the corpus", "span has no %s quote (%s)", lang.Name(), lang)
		}
	}
}

func (l *loader) paragraph(n *yaml.Node, d *Document) *Paragraph {
	if !l.expect(n, yaml.ScalarNode, "paragraph") {
		return nil
	}
	if n.Tag == "!!int" {
		num, err := strconv.Atoi(n.Value)
		if p := d.BodyParagraph(num); err == nil && p != nil {
			return p
		}
		l.report(l.rangeOf(n), RuleParagraphOutOfRange, "", "%s has no paragraph %s; its paragraphs: %s", d.ID, clip(n.Value, 20), d.Addresses())
		return nil
	}
	if p := d.RoleParagraph(Role(n.Value)); p != nil {
		return p
	}
	l.report(l.rangeOf(n), RuleParagraphOutOfRange, "a paragraph is a body paragraph number or heading, salutation, signature, postscript",
		"%s has no paragraph %q; its paragraphs: %s", d.ID, clip(n.Value, 30), d.Addresses())
	return nil
}

func (l *loader) quote(n *yaml.Node, lang Lang) *Quote {
	q := &Quote{Lang: lang, Range: l.rangeOf(n)}
	what := "span." + string(lang)
	switch n.Kind {
	case yaml.ScalarNode:
		s, ok := l.str(field{value: n}, what)
		if !ok {
			return nil
		}
		q.Text = s
	case yaml.MappingNode:
		fs := l.fields(n, what, quoteKeys)
		if !l.missing(n, fs, what, "quote") {
			return nil
		}
		s, ok := l.str(fs["quote"], what+".quote")
		if !ok {
			return nil
		}
		q.Text, q.Range = s, l.rangeOf(fs["quote"].value)
		for _, name := range []string{"start", "end", "occurrence"} {
			f, has := fs[name]
			if !has || f.value == nil {
				continue
			}
			v, ok := l.integer(f, what+"."+name)
			if !ok {
				continue
			}
			if v < 0 || (name == "occurrence" && v == 0) {
				l.report(l.rangeOf(f.value), RuleInvalidValue, "start and end count code points from 0; occurrence counts from 1", "%s.%s cannot be %d", what, name, v)
				continue
			}
			switch name {
			case "start":
				q.GivenStart = &v
			case "end":
				q.GivenEnd = &v
			case "occurrence":
				q.Occurrence = v
			}
		}
		if f, has := fs["prefix"]; has && f.value != nil {
			q.Prefix, _ = l.str(f, what+".prefix")
		}
		if f, has := fs["suffix"]; has && f.value != nil {
			q.Suffix, _ = l.str(f, what+".suffix")
		}
	default:
		l.expect(n, yaml.ScalarNode, what)
		return nil
	}
	if q.Text == "" {
		l.report(q.Range, RuleInvalidValue, "", "%s is empty", what)
		return nil
	}
	return q
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsKind(k string) bool {
	for _, x := range Kinds {
		if string(x) == k {
			return true
		}
	}
	return false
}

func kindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

func langNames(langs []Lang) []string {
	out := make([]string, len(langs))
	for i, l := range langs {
		out[i] = string(l)
	}
	return out
}

func partyIDs(c *Corpus) []string {
	out := make([]string, len(c.Parties))
	for i, p := range c.Parties {
		out[i] = p.ID
	}
	return out
}

// DidYouMean returns `; did you mean "x"?` when a candidate is close enough
// to s to be what a user mistyped, else "".
func DidYouMean(s string, candidates []string) string { return didYouMean(s, candidates) }

// didYouMean returns `; did you mean "x"?` when a candidate is close to s.
func didYouMean(s string, candidates []string) string {
	if c := closest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}

// closest returns the candidate nearest to s by edit distance, if it is near
// enough to be a likely typo.
func closest(s string, candidates []string) string {
	if RuneLen(s) > 200 {
		return ""
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(s, c)
		// Two edits turn any two-letter key into any other ("fr" into
		// "en"): a suggestion must keep at least one character.
		limit := min(max(2, RuneLen(c)/3), RuneLen(c)-1)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance in code points.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
