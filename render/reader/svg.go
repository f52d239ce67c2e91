package reader

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"regexp"
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

var (
	svgIDAttr = regexp.MustCompile(` id="([^"]*)"`)
	svgGroup  = regexp.MustCompile(`<g id="([^"]*)" class="(node|edge)([^"]*)">`)
	svgShape  = regexp.MustCompile(`\b(?:points|d)="([^"]*)"|<ellipse [^>]*cx="([-0-9.]+)" cy="([-0-9.]+)" rx="([-0-9.]+)" ry="([-0-9.]+)"`)
	svgNumber = regexp.MustCompile(`-?[0-9]+(?:\.[0-9]+)?`)
	svgText   = regexp.MustCompile(`<text [^>]*>([^<]*)</text>`)
)

// prepareSVG readies Graphviz's SVG for a place inside the page: the XML
// prolog and doctype go; every id gets a prefix, so that several diagrams
// share the page; each unit's node (id "unit-ID") that marks names gets its
// key, the link role, an accessible name that holds the text it shows and
// its kind, and a badge with its number; and edges get their classes. Graphviz escapes the text of
// labels and attributes, so ` id="` occurs only as an attribute, and the
// text of a node is its <text> elements. The work is one pass over the SVG.
func prepareSVG(svg []byte, prefix string, marks diagramMarks) template.HTML {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for {
		loc := svgGroup.FindStringSubmatchIndex(s)
		if loc == nil {
			break
		}
		b.WriteString(prefixIDs(s[:loc[0]], prefix))
		id := html.UnescapeString(s[loc[2]:loc[3]])
		what, classes := s[loc[4]:loc[5]], s[loc[6]:loc[7]]
		tag, body := s[loc[0]:loc[1]], s[loc[1]:]
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
			var shown []string
			for _, m := range svgText.FindAllStringSubmatch(group, -1) {
				shown = append(shown, html.UnescapeString(m[1]))
			}
			name := mark.name(mark.number, strings.Join(shown, " "), mark.kind)
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

func prefixIDs(s, prefix string) string {
	return svgIDAttr.ReplaceAllString(s, ` id="`+prefix+`$1"`)
}

// topLeft finds the top left corner of the shapes Graphviz drew for a node:
// the smallest x and y among the points of its polygons and paths, and the
// bounds of its ellipses.
func topLeft(shapes string) (x, y float64, ok bool) {
	x, y = math.Inf(1), math.Inf(1)
	for _, m := range svgShape.FindAllStringSubmatch(shapes, -1) {
		if m[1] != "" {
			nums := svgNumber.FindAllString(m[1], -1)
			for i := 0; i+1 < len(nums); i += 2 {
				px, err1 := strconv.ParseFloat(nums[i], 64)
				py, err2 := strconv.ParseFloat(nums[i+1], 64)
				if err1 == nil && err2 == nil {
					x, y = min(x, px), min(y, py)
				}
			}
			continue
		}
		cx, _ := strconv.ParseFloat(m[2], 64)
		cy, _ := strconv.ParseFloat(m[3], 64)
		rx, _ := strconv.ParseFloat(m[4], 64)
		ry, _ := strconv.ParseFloat(m[5], 64)
		x, y = min(x, cx-rx), min(y, cy-ry)
	}
	return x, y, !math.IsInf(x, 1) && !math.IsInf(y, 1)
}

// badge draws a unit's number at a node's top left corner: a dark rounded
// tag with white figures, which reads in print and in greyscale.
func badge(x, y float64, number string) string {
	w := 8 + 6.6*float64(len(number))
	return fmt.Sprintf(`<g class="num" aria-hidden="true"><rect x="%.2f" y="%.2f" width="%.2f" height="15" rx="4" fill="#1b1b1b"/>`+
		`<text x="%.2f" y="%.2f" text-anchor="middle" font-family="Helvetica,sans-Serif" font-size="11" font-weight="bold" fill="#ffffff">%s</text></g>`+"\n",
		x-4, y-7, w, x-4+w/2, y+4, html.EscapeString(number))
}
