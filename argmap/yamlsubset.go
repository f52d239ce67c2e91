package argmap

import (
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
		case keyAt(line, at):
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
func keyAt(line string, pos int) bool {
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
