package argmap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
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
	if l.capped {
		l.add(Diagnostic{Severity: rule.Rule().Severity}) // only its severity counts
		return
	}
	l.add(Diagnostic{File: l.file.Path, Range: r, Severity: rule.Rule().Severity, Rule: rule,
		Message: fmt.Sprintf(format, args...), Detail: detail})
}

// add appends a diagnostic, within the bound of maxDiagnosticsPerFile: past
// it, one too-many-diagnostics stands for the rest.
func (l *loader) add(d Diagnostic) {
	if l.capped {
		// The summary is as severe as the worst problem it stands for, so
		// that a file of many warnings does not fail as if it had errors.
		if cap := &l.diags[l.capAt]; d.Severity < cap.Severity {
			cap.Severity = d.Severity
		}
		return
	}
	if l.count >= maxDiagnosticsPerFile {
		l.capped, l.capAt = true, len(l.diags)
		l.diags = append(l.diags, Diagnostic{File: d.File, Range: d.Range, Severity: d.Severity, Rule: RuleTooManyDiagnostics,
			Message: fmt.Sprintf("more than %d problems in this file; the rest are not reported", maxDiagnosticsPerFile)})
		return
	}
	l.count++
	l.diags = append(l.diags, d)
}

// last returns the diagnostic just reported, to attach related places.
func (l *loader) last() *Diagnostic { return &l.diags[len(l.diags)-1] }

func (l *loader) loadFile(in Input, p *parsedFile) {
	l.file = &File{Path: in.Path, Data: in.Data}
	l.m.Files = append(l.m.Files, l.file)
	if doc := l.parsed(p); doc != nil {
		l.hostileNodes(doc.Content[0])
		l.top(doc.Content[0])
	}
}

// parse reads the current file as YAML, comments included, and returns its
// document node, with one root, or nil when the file is too large, not UTF-8
// text, not YAML or empty; every such problem, and a second document after
// the first, is reported.
func (l *loader) parse(in Input) *yaml.Node { return l.parsed(parseFile(in, true)) }

// parsedFile is an annotation file decoded into YAML nodes: what parseFile
// does apart from the loader, so that files parse in parallel.
type parsedFile struct {
	tooLarge    bool
	encoding    encodingError
	badEncoding bool
	lines       []string // the file's lines, for ranges
	doc, next   yaml.Node
	docErr      error // from decoding the first document
	nextErr     error // from looking for a second one
}

// parseFile decodes a file's first YAML document and looks for a second,
// unless the file is too large or not UTF-8 text. Without withComments, a
// file in the subset decodeYAMLSubset reads is decoded by it, to the tree
// yaml.v3 gives but for the comments; every other file by yaml.v3.
func parseFile(in Input, withComments bool) *parsedFile {
	p := &parsedFile{}
	if len(in.Data) > MaxFileSize {
		p.tooLarge = true
		return p
	}
	if r, ok := encodingProblem(in.Data); !ok {
		p.encoding, p.badEncoding = r, true
		return p
	}
	data := bytes.TrimPrefix(in.Data, []byte("\uFEFF"))
	p.lines = annotationLines(data)
	if !withComments {
		if doc, ok := decodeYAMLSubset(p.lines); ok {
			p.doc, p.nextErr = *doc, io.EOF
			return p
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if p.docErr = dec.Decode(&p.doc); p.docErr == nil {
		p.nextErr = dec.Decode(&p.next)
	}
	return p
}

// annotationLines splits an annotation file into the lines the loader
// indexes: at "\n", with "\r\n" as one line end. Unlike yamlLines, it
// keeps other line ends (a lone "\r", NEL, LS, PS) inside lines; files that
// hold them are not in decodeYAMLSubset's subset.
func annotationLines(data []byte) []string {
	return strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
}

// parseFiles parses the inputs on goroutines of their own, one for each
// processor but the one use runs on, at most two files a goroutine ahead of
// use, and hands them to use in input order, so that the diagnostics come
// out as from one goroutine while memory holds a few files' YAML nodes,
// never the whole map's. It returns when every goroutine it started has
// ended.
func parseFiles(inputs []Input, use func(Input, *parsedFile)) {
	workers := min(runtime.GOMAXPROCS(0)-1, len(inputs))
	if workers < 1 || len(inputs) < 2 {
		for _, in := range inputs {
			use(in, parseFile(in, false))
		}
		return
	}
	parsed := make([]chan *parsedFile, len(inputs))
	for i := range parsed {
		parsed[i] = make(chan *parsedFile, 1)
	}
	ahead := make(chan struct{}, 2*workers) // a token for each file given out and not yet used
	todo := make(chan int)
	var running sync.WaitGroup
	running.Go(func() {
		defer close(todo)
		for i := range inputs {
			ahead <- struct{}{}
			todo <- i
		}
	})
	for range workers {
		running.Go(func() {
			for i := range todo {
				parsed[i] <- parseFile(inputs[i], false)
			}
		})
	}
	for i, in := range inputs {
		use(in, <-parsed[i])
		<-ahead
	}
	running.Wait()
}

// parsed reports the problems parseFile found in the current file and
// returns its document node, or nil when there is none to load.
func (l *loader) parsed(p *parsedFile) *yaml.Node {
	l.count, l.capped = 0, false
	start := Range{Position{1, 1}, Position{1, 1}}
	if p.tooLarge {
		l.report(start, RuleFileTooLarge, "split the map into several files; all files given together form one map",
			"the file is larger than the %d bytes an annotation file may have", MaxFileSize)
		return nil
	}
	if p.badEncoding {
		l.report(p.encoding.Range, RuleFileEncoding, "save the file as UTF-8 text", "%s", p.encoding.message)
		return nil
	}
	l.lines = p.lines
	l.columns = map[int]*RuneIndex{}
	if err := p.docErr; err != nil {
		if errors.Is(err, io.EOF) {
			l.report(start, RuleMissingField, "an annotation file is a mapping with a units list", "the file is empty")
			return nil
		}
		l.syntaxError(err)
		return nil
	}
	if err := p.nextErr; err == nil {
		l.report(l.rangeOf(&p.next), RuleMultipleDocuments, "one annotation file holds one YAML document; put the others in files of their own",
			"the file holds a second YAML document")
	} else if !errors.Is(err, io.EOF) {
		l.syntaxError(err)
	}
	if len(p.doc.Content) == 0 {
		l.report(start, RuleMissingField, "an annotation file is a mapping with a units list", "the file is empty")
		return nil
	}
	return &p.doc
}

type encodingError struct {
	Range
	message string
}

// encodingProblem finds the first invalid UTF-8 byte or NUL character.
func encodingProblem(data []byte) (encodingError, bool) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		if c := data[i]; c != 0 && c < utf8.RuneSelf {
			// Most of a file is ASCII: no need to decode it.
			if c == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i++
			continue
		}
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
	case msg == "control characters are not allowed":
		// The scanner names no line: find the character.
		for i, text := range l.lines {
			for j, r := range text {
				if yamlForbids(r) {
					pos := Position{i + 1, RuneOffset(text, j) + 1}
					l.report(Range{pos, Position{pos.Line, pos.Column + 1}}, RuleYAMLSyntax,
						fmt.Sprintf(`YAML text cannot hold it; remove it, or write it as an escape in a double-quoted string ("\u%04X")`, r),
						"control character U+%04X is not allowed", r)
					return
				}
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

// yamlForbids reports whether YAML's scanner refuses r in a file: control
// characters other than tab and the line ends, DEL, the C1 controls but NEL,
// and the non-characters U+FFFE and U+FFFF.
func yamlForbids(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r == 0xfffe, r == 0xffff:
		return true
	}
	return false
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
		if l.columns == nil {
			l.columns = map[int]*RuneIndex{}
		}
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
