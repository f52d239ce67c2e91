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
	// columns indexes the long lines of the current file on first use, so
	// that the columns of many nodes on one line cost the line once.
	columns map[int]*RuneIndex
	count   int // diagnostics of the current file
	capped  bool
	capAt   int // index of the too-many-diagnostics summary, once capped
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
	if doc := l.parse(in); doc != nil {
		l.hostileNodes(doc.Content[0])
		l.top(doc.Content[0])
	}
}

// parse reads the current file as YAML and returns its document node, with
// one root, or nil when the file is too large, not UTF-8 text, not YAML or
// empty; every such problem, and a second document after the first, is
// reported.
func (l *loader) parse(in Input) *yaml.Node {
	l.count, l.capped = 0, false
	start := Range{Position{1, 1}, Position{1, 1}}
	if len(in.Data) > MaxFileSize {
		l.report(start, RuleFileTooLarge, "split the map into several files; all files given together form one map",
			"the file is larger than the %d bytes an annotation file may have", MaxFileSize)
		return nil
	}
	data := in.Data
	if r, ok := encodingProblem(data); !ok {
		l.report(r.Range, RuleFileEncoding, "save the file as UTF-8 text", "%s", r.message)
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	l.lines = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	l.columns = map[int]*RuneIndex{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.report(start, RuleMissingField, "an annotation file is a mapping with a units list", "the file is empty")
			return nil
		}
		l.syntaxError(err)
		return nil
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
		return nil
	}
	return &doc
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
	case escapeProblems[msg]:
		if e, ok := findBadEscape(l.lines, line-1); ok {
			pos := Position{e.line, e.column}
			l.report(Range{pos, Position{e.line, e.column + e.length}}, RuleYAMLSyntax, e.detail, "%s", msg)
			return
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
		from := l.byteOffset(n.Line-1, n.Column-1)
		end.Column = n.Column + RuneLen(scalarToken(text[from:], n.Value, n.Style))
	}
	return Range{start, end}
}

// shortLine is the length in bytes up to which a line is scanned from its
// start for a column rather than indexed.
const shortLine = 256

// byteOffset returns where a column (counted from 0) of a line (from 0) of
// the current file starts.
func (l *loader) byteOffset(line, column int) int {
	text := l.lines[line]
	if len(text) <= shortLine {
		return ByteOffset(text, column)
	}
	x := l.columns[line]
	if x == nil {
		x = NewRuneIndex(text)
		l.columns[line] = x
	}
	return x.ByteOffset(column)
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
			l.report(l.rangeOf(k), RuleDuplicateKey, "remove one of them", "key %q appears twice in %s", clip(k.Value, 40), what)
			if !l.capped {
				l.last().Related = []Related{{File: l.file.Path, Range: l.rangeOf(first.key), Message: "first " + clip(k.Value, 40) + " is here"}}
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
		if n.Tag == "!!null" && n.Value == "" {
			return "empty"
		}
		if n.Tag == "!!null" && n.Value == "~" {
			return "null (~)"
		}
		if n.Tag == "!!null" {
			return "null"
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
	if units.Kind == yaml.ScalarNode && units.Tag == "!!null" {
		// Null is a wrong type like any other: a map without units yet
		// says so with an empty list, as argmap init writes it.
		l.report(l.rangeOf(units), RuleWrongType, "write units: [] for a map without units yet",
			"units must be a list, not %s", nodeDescription(units))
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

// maxUnitIDLength is the longest unit id, in characters. Every id in a
// message is clipped to it, so that a valid id shows whole and an id of a
// megabyte costs a line.
const maxUnitIDLength = 64

// showID is an id as messages show it.
func showID(id string) string { return clip(id, maxUnitIDLength) }

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
			what = "unit " + strconv.Quote(showID(id))
			if n := RuneLen(id); n > maxUnitIDLength {
				l.report(u.IDRange, RuleIDTooLong, "an id is a short handle that relations name, like clark-escape-serious; put the words in summary",
					"unit id %q has %d characters; keep it to %d", showID(id), n, maxUnitIDLength)
			}
			if !validID(id) {
				l.report(u.IDRange, RuleInvalidID, "ids are lower-case letters, digits and inner hyphens, like clark-escape-serious",
					"unit id %q is not lower-case kebab-case", showID(id))
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
		l.report(u.IDRange, RuleDuplicateID, "ids are unique across all files of a map", "unit id %q is already defined", showID(u.ID))
		if !l.capped {
			l.last().Related = []Related{{File: first.File.Path, Range: first.IDRange, Message: "first defined here"}}
		}
		return
	}
	l.m.byID[u.ID] = u
	u.Index = len(l.m.Units)
	l.m.Units = append(l.m.Units, u)
}

// The bounds of a summary, a diagram label: words in a language that spaces
// them, characters in Chinese, and characters in any language, so that one
// long word is not a short label.
const (
	maxSummaryWords = 16
	maxSummaryCJK   = 32
	maxSummaryChars = 160
)

func (l *loader) summaryLength(n *yaml.Node, lang Lang, s string) {
	chars := RuneLen(s)
	if lang == English || !hasCJK(s) {
		if words := len(strings.Fields(s)); words > maxSummaryWords {
			l.report(l.rangeOf(n), RuleLongSummary, "a diagram label reads best at about 12 words; put the rest in note",
				"summary.%s has %d words; keep it to %d", lang, words, maxSummaryWords)
		} else if chars > maxSummaryChars {
			l.report(l.rangeOf(n), RuleLongSummary, "a diagram label reads best at about 12 short words; put the rest in note",
				"summary.%s has %d characters; keep it to %d", lang, chars, maxSummaryChars)
		}
		return
	}
	if chars > maxSummaryCJK {
		l.report(l.rangeOf(n), RuleLongSummary, "a diagram label reads best short; put the rest in note",
			"summary.%s has %d characters; keep it to %d", lang, chars, maxSummaryCJK)
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
	n := RuneLen(s)
	if n > 200 {
		return ""
	}
	best, bestDist := "", -1
	d := distances{a: []rune(s)}
	for _, c := range candidates {
		// The distance is at least the difference in length, and the
		// limit below is a third of the candidate's length, so a
		// candidate of more than 1.5n+2 code points (at most 4 bytes
		// each) cannot be near: skip it before counting them.
		if len(c) > 6*n+8 {
			continue
		}
		m := RuneLen(c)
		// Two edits turn any two-letter key into any other ("fr" into
		// "en"): a suggestion must keep at least one character.
		limit := min(max(2, m/3), m-1)
		if bestDist >= 0 {
			limit = min(limit, bestDist-1) // only a nearer one matters now
		}
		if abs(m-n) > limit {
			continue
		}
		if dist := d.within(c, limit); dist <= limit {
			best, bestDist = c, dist
		}
	}
	return best
}

// distances computes Levenshtein distances in code points from one string
// to many, reusing its rows: did-you-mean compares an unknown id with every
// id of the map.
type distances struct {
	a         []rune
	b         []rune
	prev, cur []int
}

// within returns the distance from d.a to b, or limit+1 as soon as every
// alignment costs more than limit.
func (d *distances) within(b string, limit int) int {
	d.b = d.b[:0]
	for _, r := range b {
		d.b = append(d.b, r)
	}
	d.prev, d.cur = d.prev[:0], d.cur[:0]
	for j := 0; j <= len(d.b); j++ {
		d.prev, d.cur = append(d.prev, j), append(d.cur, 0)
	}
	for i := 1; i <= len(d.a); i++ {
		d.cur[0] = i
		rowMin := i
		for j := 1; j <= len(d.b); j++ {
			cost := 1
			if d.a[i-1] == d.b[j-1] {
				cost = 0
			}
			d.cur[j] = min(d.prev[j]+1, d.cur[j-1]+1, d.prev[j-1]+cost)
			rowMin = min(rowMin, d.cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		d.prev, d.cur = d.cur, d.prev
	}
	return d.prev[len(d.b)]
}
