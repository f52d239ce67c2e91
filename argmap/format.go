package argmap

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The canonical order of the keys of a summary and of a span. Languages the
// corpus may add after en and zh keep their place after them.
var (
	summaryKeys = []string{"en", "zh"}
	spanKeys    = append(append([]string(nil), spanBaseKeys...), "en", "zh")
)

// Format returns an annotation file in canonical form: the keys of the file,
// of each unit, summary, span and quote in the order the format documents,
// keys it does not know after them in their own order, two-space
// indentation and a blank line between units. Comments and the quoting style
// of each value are kept, so the file means the same after as before.
//
// A file that is not one YAML document of UTF-8 text is not formatted: the
// diagnostics say why, with their positions, as Validate reports them.
// Content problems (unknown keys, quotes not found) are left to Validate.
// The error is for a failure of the formatter itself.
func Format(in Input) ([]byte, []Diagnostic, error) {
	l := &loader{file: &File{Path: in.Path, Data: in.Data}}
	doc := l.parse(in)
	if len(l.diags) > 0 {
		SortDiagnostics(l.diags)
		return nil, l.diags, nil
	}
	out, err := formatDocument(doc)
	return out, nil, err
}

// formatDocument writes a parsed annotation file in canonical form.
func formatDocument(doc *yaml.Node) ([]byte, error) {
	top := doc.Content[0]
	if top.Kind == yaml.MappingNode && len(top.Content) > 0 {
		// The comment above the first key is the file's header: it stays
		// at the top whichever key comes first.
		first := top.Content[0]
		header := first.HeadComment
		orderKeys(top, topKeys)
		if top.Content[0] != first {
			first.HeadComment = ""
			top.Content[0].HeadComment = joinComments(header, top.Content[0].HeadComment)
		}
		if units := mappingValue(top, "units"); units != nil && units.Kind == yaml.SequenceNode {
			for _, u := range units.Content {
				orderUnit(u)
			}
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("formatting: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("formatting: %w", err)
	}
	return separateUnits(buf.Bytes())
}

// orderUnit puts the keys of a unit and of its summary, span and quotes in
// canonical order.
func orderUnit(u *yaml.Node) {
	if u.Kind != yaml.MappingNode {
		return
	}
	orderKeys(u, unitKeys)
	if s := mappingValue(u, "summary"); s != nil && s.Kind == yaml.MappingNode {
		orderKeys(s, summaryKeys)
	}
	span := mappingValue(u, "span")
	if span == nil || span.Kind != yaml.MappingNode {
		return
	}
	orderKeys(span, spanKeys)
	for i := 0; i+1 < len(span.Content); i += 2 {
		if q := span.Content[i+1]; q.Kind == yaml.MappingNode && !slices.Contains(spanBaseKeys, span.Content[i].Value) {
			orderKeys(q, quoteKeys)
		}
	}
}

// orderKeys sorts the key-value pairs of a mapping node by the position of
// their keys in order; keys not in order follow, in the order they came.
func orderKeys(n *yaml.Node, order []string) {
	type pair struct{ key, value *yaml.Node }
	pairs := make([]pair, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		pairs = append(pairs, pair{n.Content[i], n.Content[i+1]})
	}
	rank := func(p pair) int {
		if i := slices.Index(order, p.key.Value); i >= 0 && p.key.Kind == yaml.ScalarNode {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return rank(a) - rank(b) })
	for i, p := range pairs {
		n.Content[2*i], n.Content[2*i+1] = p.key, p.value
	}
}

// joinComments joins two comment blocks, either of which may be empty.
func joinComments(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "\n" + b
}

// mappingValue returns the value of key in a mapping node, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// separateUnits puts a blank line before every unit and every dispute but
// the first, and before the disputes list, above the comment lines that
// head each. The encoder's output is parsed
// again to find where each unit starts, so that no text that merely looks
// like a list item (in a block scalar, say) is split.
func separateUnits(out []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(out, &doc); err != nil {
		return nil, fmt.Errorf("formatting: the output does not parse: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return out, nil
	}
	lines := strings.SplitAfter(string(out), "\n")
	blank := map[int]bool{} // index of the line a blank line goes before
	before := func(line int) {
		i := line - 1
		if i <= 0 || i >= len(lines) {
			return
		}
		for i > 0 && strings.HasPrefix(strings.TrimLeft(lines[i-1], " "), "#") {
			i--
		}
		if i > 0 && strings.TrimSpace(lines[i-1]) != "" {
			blank[i] = true
		}
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, list := top.Content[i], top.Content[i+1]
		if key.Value != "units" && key.Value != "disputes" || list.Kind != yaml.SequenceNode || list.Style&yaml.FlowStyle != 0 {
			continue
		}
		if key.Value == "disputes" {
			before(key.Line)
		}
		for _, item := range list.Content[min(1, len(list.Content)):] {
			before(item.Line)
		}
	}
	var b strings.Builder
	for i, line := range lines {
		if blank[i] {
			b.WriteString("\n")
		}
		b.WriteString(line)
	}
	return []byte(b.String()), nil
}
