package reader

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// diagramMarks is what the page adds to a diagram's nodes and edges.
type diagramMarks struct {
	nodes map[string]nodeMark // by unit id
	edges map[string]string   // extra classes by relation element id
}

// nodeMark is what the page adds to a unit's node in a diagram.
type nodeMark struct {
	key    string // the unit's key on the page
	number string // its number, drawn in a badge on the node's corner
	kind   string // its kind's name in the diagram's language
	class  string // extra classes: a student's difference from the key
	// name formats the node's accessible name from its number, the text it
	// shows and its kind.
	name func(number, shown, kind string) string
}

// prepareSVG readies Graphviz's SVG for a place inside the page: the XML
// prolog and doctype go; every id gets a prefix, so that several diagrams
// share the page; each unit's node (id "unit-ID") that marks names gets its
// key, the link role, an accessible name that holds the text it shows and
// its kind, and a badge with its number; and edges get their classes.
// Graphviz escapes the text of labels and attributes, so ` id="` occurs
// only as an attribute, and the text of a node is its <text> elements. The
// work is one pass over the SVG.
func prepareSVG(svg []byte, prefix string, marks diagramMarks) template.HTML {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for {
		at, id, what, classes, tagEnd := nextGroup(s)
		if at < 0 {
			break
		}
		b.WriteString(prefixIDs(s[:at], prefix))
		tag, body := s[at:tagEnd], s[tagEnd:]
		end := strings.Index(body, "\n<!--")
		if end < 0 {
			end = strings.Index(body, "</svg>")
		}
		if end < 0 {
			end = len(body)
		}
		group := prefixIDs(body[:end], prefix)
		s = body[end:]
		mark, isUnit := marks.nodes[strings.TrimPrefix(id, "unit-")]
		switch {
		case what == "edge" && marks.edges[id] != "":
			fmt.Fprintf(&b, `<g id="%s" class="edge%s%s">`, html.EscapeString(prefix+id), classes, marks.edges[id])
		case what == "node" && isUnit && strings.HasPrefix(id, "unit-"):
			name := mark.name(mark.number, strings.Join(texts(group), " "), mark.kind)
			fmt.Fprintf(&b, `<g id="%s" class="node%s%s" data-unit="%s" role="link" tabindex="-1" aria-label="%s">`,
				html.EscapeString(prefix+id), classes, mark.class, html.EscapeString(mark.key), html.EscapeString(name))
			if at := strings.Index(group, "<text"); at >= 0 && mark.number != "" {
				if x, y, ok := topLeft(group[:at]); ok {
					group = group[:at] + badge(x, y, mark.number) + group[at:]
				}
			}
		default:
			b.WriteString(prefixIDs(tag, prefix))
		}
		b.WriteString(group)
	}
	b.WriteString(prefixIDs(s, prefix))
	return template.HTML(b.String()) // Graphviz output, its text escaped by Graphviz; our attributes escaped above
}

// nextGroup finds the next group of a node or an edge, as Graphviz starts
// it: <g id="ID" class="node ..."> or class="edge ...". It returns where
// the tag starts (-1 when there is none), the id unescaped, node or edge,
// the rest of the class, and where the tag ends.
func nextGroup(s string) (at int, id, what, classes string, tagEnd int) {
	const open = `<g id="`
	for from := 0; ; {
		i := strings.Index(s[from:], open)
		if i < 0 {
			return -1, "", "", "", 0
		}
		at = from + i
		rest := s[at+len(open):]
		q := strings.IndexByte(rest, '"')
		gt := strings.IndexByte(rest, '>')
		if q < 0 || gt < q {
			return -1, "", "", "", 0
		}
		for _, kind := range []string{"node", "edge"} {
			attr := `" class="` + kind
			if strings.HasPrefix(rest[q:], attr) && rest[gt-1] == '"' {
				return at, html.UnescapeString(rest[:q]), kind, rest[q+len(attr) : gt-1], at + len(open) + gt + 1
			}
		}
		from = at + len(open)
	}
}

func prefixIDs(s, prefix string) string {
	return strings.ReplaceAll(s, ` id="`, ` id="`+prefix)
}

// texts returns the text of each <text> element of a node, unescaped.
func texts(group string) []string {
	var out []string
	for rest := group; ; {
		i := strings.Index(rest, "<text")
		if i < 0 {
			return out
		}
		rest = rest[i:]
		open, end := strings.IndexByte(rest, '>'), strings.Index(rest, "</text>")
		if open < 0 || end < open {
			return out
		}
		out = append(out, html.UnescapeString(rest[open+1:end]))
		rest = rest[end:]
	}
}

// topLeft finds the top left corner of the shapes Graphviz drew for a node:
// the smallest x and y among the points of its polygons, polylines and
// paths (Graphviz writes absolute coordinates, x then y). Units are drawn
// as boxes, hexagons and notes, which Graphviz writes as these.
func topLeft(shapes string) (x, y float64, ok bool) {
	x, y = math.Inf(1), math.Inf(1)
	for _, attr := range []string{` points="`, ` d="`} {
		for rest := shapes; ; {
			i := strings.Index(rest, attr)
			if i < 0 {
				break
			}
			rest = rest[i+len(attr):]
			end := strings.IndexByte(rest, '"')
			if end < 0 {
				break
			}
			nums := numbers(rest[:end])
			for k := 0; k+1 < len(nums); k += 2 {
				x, y = min(x, nums[k]), min(y, nums[k+1])
			}
			rest = rest[end:]
		}
	}
	return x, y, !math.IsInf(x, 1) && !math.IsInf(y, 1)
}

// numbers reads the decimal numbers in a list of points or a path.
func numbers(s string) []float64 {
	var out []float64
	for i := 0; i < len(s); {
		if s[i] != '-' && s[i] != '.' && (s[i] < '0' || s[i] > '9') {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == '.' || s[j] >= '0' && s[j] <= '9') {
			j++
		}
		if f, err := strconv.ParseFloat(s[i:j], 64); err == nil {
			out = append(out, f)
		}
		i = j
	}
	return out
}

// badge draws a unit's number at a node's top left corner: a dark rounded
// tag with white figures, which reads in print and in greyscale.
func badge(x, y float64, number string) string {
	w := 8 + 6.6*float64(len(number))
	return fmt.Sprintf(`<g class="num" aria-hidden="true"><rect x="%.2f" y="%.2f" width="%.2f" height="15" rx="4" fill="#1b1b1b"/>`+
		`<text x="%.2f" y="%.2f" text-anchor="middle" font-family="Helvetica,sans-Serif" font-size="11" font-weight="bold" fill="#ffffff">%s</text></g>`+"\n",
		x-4, y-7, w, x-4+w/2, y+4, html.EscapeString(number))
}
