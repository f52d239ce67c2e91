package argmap

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// decodeYAMLSubset parses the lines of an annotation file (split at "\n",
// with "\r\n" already turned into "\n" and no byte order mark) when the file
// keeps to the plain subset of YAML that argmap fmt and argmap init write,
// and reports false for anything else, so that yaml.v3 parses it instead.
// It exists because yaml.v3 spends most of the time of validating a large
// map; this parser reads the same files several times faster.
//
// The contract is exact equality or nothing: when it returns a tree, the
// tree is the one yaml.v3's Decoder.Decode gives for the same bytes in every
// field but the comments (Kind, Style, Tag, Value, Anchor, Alias, Content,
// Line and Column), and the file holds no second document. Comments are
// left out: only argmap fmt reads them, and it parses with yaml.v3.
// TestYAMLSubsetMatchesYAMLv3OrFallsBack, the same test over every YAML
// file of the repository, and FuzzYAMLSubset hold it to that.
//
// The subset is one document whose root is a block mapping or block
// sequence, indented with spaces, of
//   - block mappings whose keys are single-line plain or quoted scalars,
//     and block sequences, compact ("- key: value", "- - item") or not, and
//     sequences at the indentation of their mapping key;
//   - scalars on one line: plain, single-quoted and double-quoted (with
//     escapes); empty values;
//   - flow mappings {key: value, ...} and flow sequences [a, b] on one line,
//     of scalars and flow collections;
//   - full-line and trailing comments and blank lines.
//
// Anything else falls back: document markers and directives, anchors,
// aliases and tags, block scalars (| and >), scalars over several lines,
// explicit keys (?), tabs, control characters and other line breaks than
// "\n", keys longer than yaml.v3's simple keys may be, nesting deeper than
// maxSubsetDepth, and every syntax error. The work is linear in the size of
// the file and the recursion bounded by maxSubsetDepth.
func decodeYAMLSubset(lines []string) (*yaml.Node, bool) {
	if !subsetCharacters(lines) {
		return nil, false
	}
	p := &subsetParser{lines: lines}
	if !p.nextContent() {
		return nil, false // an empty file: yaml.v3 says so
	}
	root, ok := p.block(p.row, indentation(lines[p.row]))
	if !ok || p.nextContent() {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*yaml.Node{root}}, true
}

// maxSubsetDepth bounds the nesting of collections decodeYAMLSubset reads;
// deeper files, far deeper than any annotation file, go to yaml.v3.
const maxSubsetDepth = 64

// maxSimpleKey is the longest key, in bytes from its start to its colon,
// that decodeYAMLSubset reads: yaml.v3 refuses a simple key of more than
// 1024 characters, and a byte is at most one character.
const maxSimpleKey = 1000

// subsetParser reads the lines of one file. Each method that parses a
// collection starts on p.row and leaves p.row on the first line after it
// that holds content, or at the end.
type subsetParser struct {
	lines []string
	row   int
	depth int
	// nodes and contents are allocated in chunks and handed out in order:
	// a file's tree is built in a few allocations.
	nodes    []yaml.Node
	contents []*yaml.Node
	// children holds the items of the collections being parsed, innermost
	// last, until each is complete.
	children []*yaml.Node
	// The column of byte colByte of line colRow is colRune+1: nodes of a
	// line are made left to right, so columns are counted once per line.
	colRow, colByte, colRune int
}

const subsetChunk = 256

// node makes a node at byte pos of line row.
func (p *subsetParser) node(kind yaml.Kind, style yaml.Style, tag, value string, row, pos int) *yaml.Node {
	if len(p.nodes) == 0 {
		p.nodes = make([]yaml.Node, subsetChunk)
	}
	n := &p.nodes[0]
	p.nodes = p.nodes[1:]
	n.Kind, n.Style, n.Tag, n.Value = kind, style, tag, value
	n.Line, n.Column = row+1, p.column(row, pos)
	return n
}

// column returns the column, from 1 in characters, of byte pos of line row.
func (p *subsetParser) column(row, pos int) int {
	if row != p.colRow || pos < p.colByte {
		p.colRow, p.colByte, p.colRune = row, 0, 0
	}
	p.colRune += utf8.RuneCountInString(p.lines[row][p.colByte:pos])
	p.colByte = pos
	return p.colRune + 1
}

// collect sets n's content to the children pushed since mark.
func (p *subsetParser) collect(n *yaml.Node, mark int) {
	items := p.children[mark:]
	if len(items) > 0 {
		if len(p.contents) < len(items) {
			p.contents = make([]*yaml.Node, max(len(items), subsetChunk))
		}
		k := copy(p.contents, items)
		n.Content = p.contents[:k:k]
		p.contents = p.contents[k:]
	}
	clear(items)
	p.children = p.children[:mark]
}

// nextContent moves p.row to the next line that is neither blank nor a
// comment and reports whether there is one.
func (p *subsetParser) nextContent() bool {
	for ; p.row < len(p.lines); p.row++ {
		line := p.lines[p.row]
		if i := indentation(line); i < len(line) && line[i] != '#' {
			return true
		}
	}
	return false
}

func indentation(line string) int {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

func skipSpaces(line string, i int) int {
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

// lineEnds reports whether only spaces and a comment follow byte i.
func lineEnds(line string, i int) bool {
	j := skipSpaces(line, i)
	return j == len(line) || line[j] == '#' && j > i
}

// sequenceEntry reports whether a block sequence entry "-" starts at pos.
func sequenceEntry(line string, pos int) bool {
	return pos < len(line) && line[pos] == '-' && (pos+1 == len(line) || line[pos+1] == ' ')
}

func (p *subsetParser) enter() bool {
	p.depth++
	return p.depth <= maxSubsetDepth
}

// block parses the block collection whose first entry starts at byte pos
// of line row, pos being its indentation.
func (p *subsetParser) block(row, pos int) (*yaml.Node, bool) {
	p.row = row
	if sequenceEntry(p.lines[row], pos) {
		return p.sequence(pos)
	}
	return p.mapping(pos)
}

// sequence parses a block sequence whose dashes stand at byte indent.
func (p *subsetParser) sequence(indent int) (*yaml.Node, bool) {
	if !p.enter() {
		return nil, false
	}
	defer func() { p.depth-- }()
	seq := p.node(yaml.SequenceNode, 0, "!!seq", "", p.row, indent)
	mark := len(p.children)
	for {
		row, line := p.row, p.lines[p.row]
		at := skipSpaces(line, indent+1)
		var item *yaml.Node
		var ok bool
		switch {
		case lineEnds(line, indent+1):
			// The item is on the lines below, or empty.
			p.row++
			if p.nextContent() && indentation(p.lines[p.row]) > indent {
				item, ok = p.block(p.row, indentation(p.lines[p.row]))
			} else {
				item, ok = p.node(yaml.ScalarNode, 0, "!!null", "", row, indent+1), true
			}
		case sequenceEntry(line, at):
			item, ok = p.sequence(at)
		case p.keyAt(line, at):
			item, ok = p.mapping(at)
		default:
			item, ok = p.inline(row, at)
			p.row++
			p.nextContent()
		}
		if !ok {
			return nil, false
		}
		p.children = append(p.children, item)
		if p.row == len(p.lines) {
			break
		}
		next := p.lines[p.row]
		if i := indentation(next); i > indent {
			return nil, false
		} else if i < indent || !sequenceEntry(next, indent) {
			break
		}
	}
	p.collect(seq, mark)
	return seq, true
}

// mapping parses a block mapping whose keys stand at byte indent.
func (p *subsetParser) mapping(indent int) (*yaml.Node, bool) {
	if !p.enter() {
		return nil, false
	}
	defer func() { p.depth-- }()
	m := p.node(yaml.MappingNode, 0, "!!map", "", p.row, indent)
	mark := len(p.children)
	for {
		row, line := p.row, p.lines[p.row]
		key, end, ok := p.scalar(row, indent, false)
		if !ok {
			return nil, false
		}
		colon := skipSpaces(line, end)
		if colon == len(line) || line[colon] != ':' || colon+1 < len(line) && line[colon+1] != ' ' || colon-indent > maxSimpleKey {
			return nil, false
		}
		var value *yaml.Node
		if lineEnds(line, colon+1) {
			// The value is on the lines below, or empty.
			p.row++
			more := p.nextContent()
			switch {
			case more && indentation(p.lines[p.row]) > indent:
				value, ok = p.block(p.row, indentation(p.lines[p.row]))
			case more && indentation(p.lines[p.row]) == indent && sequenceEntry(p.lines[p.row], indent):
				value, ok = p.sequence(indent)
			default:
				value = p.node(yaml.ScalarNode, 0, "!!null", "", row, colon+1)
			}
		} else {
			value, ok = p.inline(row, skipSpaces(line, colon+1))
			p.row++
			p.nextContent()
		}
		if !ok {
			return nil, false
		}
		p.children = append(p.children, key, value)
		if p.row == len(p.lines) {
			break
		}
		next := p.lines[p.row]
		if i := indentation(next); i > indent {
			return nil, false
		} else if i < indent || sequenceEntry(next, indent) {
			break
		}
	}
	p.collect(m, mark)
	return m, true
}

// keyAt reports whether a mapping key starts at byte pos of line: a scalar
// followed by a colon and a space or the end of the line.
func (p *subsetParser) keyAt(line string, pos int) bool {
	var end int
	var ok bool
	switch line[pos] {
	case '\'', '"':
		end, _, ok = quotedEnd(line, pos)
	default:
		if !plainStart(line, pos) {
			return false
		}
		end = plainEnd(line, pos, false)
		ok = true
	}
	colon := skipSpaces(line, end)
	return ok && colon < len(line) && line[colon] == ':' && (colon+1 == len(line) || line[colon+1] == ' ')
}

// inline parses the value that starts at byte pos of line row and ends the
// line: a scalar or a flow collection, then perhaps a comment.
func (p *subsetParser) inline(row, pos int) (*yaml.Node, bool) {
	line := p.lines[row]
	var n *yaml.Node
	var end int
	var ok bool
	switch line[pos] {
	case '[', '{':
		n, end, ok = p.flow(row, pos)
	default:
		n, end, ok = p.scalar(row, pos, false)
	}
	return n, ok && lineEnds(line, end)
}

// flow parses the flow collection that opens at byte pos of line row and
// returns it with the byte after its closing bracket.
func (p *subsetParser) flow(row, pos int) (*yaml.Node, int, bool) {
	if !p.enter() {
		return nil, 0, false
	}
	defer func() { p.depth-- }()
	line := p.lines[row]
	kind, tag, closing := yaml.SequenceNode, "!!seq", byte(']')
	if line[pos] == '{' {
		kind, tag, closing = yaml.MappingNode, "!!map", '}'
	}
	n := p.node(kind, yaml.FlowStyle, tag, "", row, pos)
	mark := len(p.children)
	i := skipSpaces(line, pos+1)
	if i < len(line) && line[i] == closing {
		return n, i + 1, true
	}
	for {
		if kind == yaml.MappingNode {
			key, end, ok := p.scalar(row, i, true)
			if !ok {
				return nil, 0, false
			}
			colon := skipSpaces(line, end)
			if colon+1 >= len(line) || line[colon] != ':' || line[colon+1] != ' ' || colon-i > maxSimpleKey {
				return nil, 0, false
			}
			p.children = append(p.children, key)
			i = skipSpaces(line, colon+1)
		}
		item, end, ok := p.flowItem(row, i)
		if !ok {
			return nil, 0, false
		}
		p.children = append(p.children, item)
		i = skipSpaces(line, end)
		if i == len(line) {
			return nil, 0, false
		}
		if line[i] == closing {
			p.collect(n, mark)
			return n, i + 1, true
		}
		if line[i] != ',' {
			return nil, 0, false
		}
		i = skipSpaces(line, i+1)
		if i == len(line) || line[i] == closing {
			return nil, 0, false // a trailing comma, or a line break
		}
	}
}

// flowItem parses a scalar or flow collection inside a flow collection.
func (p *subsetParser) flowItem(row, pos int) (*yaml.Node, int, bool) {
	line := p.lines[row]
	if pos < len(line) && (line[pos] == '[' || line[pos] == '{') {
		return p.flow(row, pos)
	}
	return p.scalar(row, pos, true)
}

// scalar parses the scalar at byte pos of line row, inside a flow
// collection or not, and returns it with the byte after it.
func (p *subsetParser) scalar(row, pos int, inFlow bool) (*yaml.Node, int, bool) {
	line := p.lines[row]
	if pos >= len(line) {
		return nil, 0, false
	}
	switch line[pos] {
	case '\'', '"':
		end, escaped, ok := quotedEnd(line, pos)
		if !ok {
			return nil, 0, false
		}
		style, value := yaml.SingleQuotedStyle, line[pos+1:end-1]
		if line[pos] == '"' {
			style = yaml.DoubleQuotedStyle
		}
		if escaped {
			if value, ok = unescapeQuoted(line[pos], value); !ok {
				return nil, 0, false
			}
		}
		return p.node(yaml.ScalarNode, style, "!!str", value, row, pos), end, true
	}
	if !plainStart(line, pos) {
		return nil, 0, false
	}
	end := plainEnd(line, pos, inFlow)
	value := line[pos:end]
	return p.node(yaml.ScalarNode, 0, resolvePlainTag(value), value, row, pos), end, true
}

// plainStart reports whether a plain scalar may start at byte pos: not at
// an indicator, nor at a dash other than a sign or the start of a word.
func plainStart(line string, pos int) bool {
	switch c := line[pos]; c {
	case '-':
		if pos+1 == len(line) {
			return false
		}
		d := line[pos+1]
		return d == '.' || '0' <= d && d <= '9' || 'a' <= d && d <= 'z' || 'A' <= d && d <= 'Z'
	case ' ', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	return true
}

// plainEnd returns the end of the plain scalar that starts at byte pos, as
// yaml.v3's scanner ends it on one line: before a colon and a space or the
// line end, a comment, flow indicators inside flow collections, and the
// spaces before any of them.
func plainEnd(line string, pos int, inFlow bool) int {
	end := pos
	for i := pos; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ':
			continue
		case c == '#' && line[i-1] == ' ':
			return end
		case c == ':' && (i+1 == len(line) || line[i+1] == ' '):
			return end
		case inFlow && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}'):
			return end
		}
		end = i + 1
	}
	return end
}

// quotedEnd finds the closing quote of the quoted scalar that opens at byte
// pos and returns the byte after it, and whether the text holds escapes (a
// doubled quote in single quotes, a backslash in double quotes). It reports
// false when the scalar does not close on its line.
func quotedEnd(line string, pos int) (end int, escaped, ok bool) {
	quote := line[pos]
	for i := pos + 1; i < len(line); {
		j := strings.IndexByte(line[i:], quote)
		if j < 0 {
			return 0, false, false
		}
		if quote == '"' {
			if k := strings.IndexByte(line[i:i+j], '\\'); k >= 0 {
				escaped = true
				i += k + 2 // past the backslash and the character it escapes
				continue
			}
		} else if i+j+1 < len(line) && line[i+j+1] == '\'' {
			escaped = true
			i += j + 2
			continue
		}
		return i + j + 1, escaped, true
	}
	return 0, false, false
}

// unescapeQuoted returns the value of a quoted scalar's text, as yaml.v3's
// scanner decodes it, or false for an escape it refuses.
func unescapeQuoted(quote byte, text string) (string, bool) {
	if quote == '\'' {
		return strings.ReplaceAll(text, "''", "'"), true
	}
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(text) {
			return "", false
		}
		digits := 0
		switch text[i] {
		case '0':
			b.WriteByte(0)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case ' ', '"', '\'', '\\':
			b.WriteByte(text[i])
		case 'N':
			b.WriteRune(0x85)
		case '_':
			b.WriteRune(0xa0)
		case 'L':
			b.WriteRune(0x2028)
		case 'P':
			b.WriteRune(0x2029)
		case 'x':
			digits = 2
		case 'u':
			digits = 4
		case 'U':
			digits = 8
		default:
			return "", false
		}
		if digits == 0 {
			continue
		}
		if i+digits >= len(text) {
			return "", false
		}
		code, err := strconv.ParseUint(text[i+1:i+1+digits], 16, 32)
		if err != nil || code >= 0xd800 && code <= 0xdfff || code > 0x10ffff {
			return "", false
		}
		b.WriteRune(rune(code))
		i += digits
	}
	return b.String(), true
}

// subsetCharacters reports whether the lines hold only characters that
// yaml.v3 reads as they are: no tab, carriage return, other control
// character, line or paragraph separator, byte order mark or non-character,
// and no invalid UTF-8; and no line that may start or end a document or
// hold a directive.
func subsetCharacters(lines []string) bool {
	for _, line := range lines {
		if strings.HasPrefix(line, "---") || strings.HasPrefix(line, "...") || strings.HasPrefix(line, "%") {
			return false
		}
		for i := 0; i < len(line); {
			c := line[i]
			if c < utf8.RuneSelf {
				if c < 0x20 || c == 0x7f {
					return false
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(line[i:])
			switch {
			case r == utf8.RuneError && size == 1,
				r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
				return false
			}
			i += size
		}
	}
	return true
}

// resolvePlainTag returns the tag yaml.v3 resolves a plain scalar to: its resolve
// function, cut down to the tag, for a scalar with no explicit tag.
func resolvePlainTag(value string) string {
	var hint byte
	switch c := value[0]; {
	case c == '+' || c == '-':
		hint = 'S'
	case '0' <= c && c <= '9':
		hint = 'D'
	case strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		hint = 'M'
	case c == '.':
		hint = '.'
	default:
		return "!!str"
	}
	if tag, ok := resolvedPlainScalars[value]; ok {
		return tag
	}
	switch hint {
	case '.':
		if _, err := strconv.ParseFloat(value, 64); err == nil {
			return "!!float"
		}
	case 'D', 'S':
		return numberTag(value)
	}
	return "!!str"
}

// resolvedPlainScalars are the plain scalars yaml.v3 finds in its map.
var resolvedPlainScalars = map[string]string{
	"true": "!!bool", "True": "!!bool", "TRUE": "!!bool",
	"false": "!!bool", "False": "!!bool", "FALSE": "!!bool",
	"~": "!!null", "null": "!!null", "Null": "!!null", "NULL": "!!null",
	".nan": "!!float", ".NaN": "!!float", ".NAN": "!!float",
	".inf": "!!float", ".Inf": "!!float", ".INF": "!!float",
	"+.inf": "!!float", "+.Inf": "!!float", "+.INF": "!!float",
	"-.inf": "!!float", "-.Inf": "!!float", "-.INF": "!!float",
	"<<": "!!merge",
}

var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// numberTag resolves a plain scalar that starts with a digit or a sign,
// step by step as yaml.v3 does.
func numberTag(value string) string {
	if looksLikeTimestamp(value) {
		return "!!timestamp"
	}
	plain := strings.ReplaceAll(value, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return "!!int"
	}
	if yamlStyleFloat.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	// Binary and octal as YAML 1.2 spells them.
	for _, base := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if digits, ok := strings.CutPrefix(plain, base.prefix); ok {
			if _, err := strconv.ParseInt(digits, base.base, 64); err == nil {
				return "!!int"
			}
			if _, err := strconv.ParseUint(digits, base.base, 64); err == nil {
				return "!!int"
			}
		} else if digits, ok := strings.CutPrefix(plain, "-"+base.prefix); ok {
			if _, err := strconv.ParseInt("-"+digits, base.base, 64); err == nil {
				return "!!int"
			}
		}
	}
	return "!!str"
}

// looksLikeTimestamp is yaml.v3's parseTimestamp, reduced to its answer.
func looksLikeTimestamp(s string) bool {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			break
		}
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, format := range []string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
		"2006-1-2",
	} {
		if _, err := time.Parse(format, s); err == nil {
			return true
		}
	}
	return false
}
