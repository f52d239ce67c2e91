package graph

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// The readability figures of a laid-out diagram, measured on the SVG as
// drawn, exactly as the reviewers' instrument svgstat.py (a copy is in
// testdata/svgstat.py) measures them: which relation edges cross, and which
// reach too far up or down.

// svgFigures are the figures of one drawing.
type svgFigures struct {
	Edges     int     // relation edges with a drawn path
	Crossings int     // pairs of relation edges that share no unit and cross, each pair once
	Long      int     // relation edges whose vertical reach exceeds a quarter of the height
	Width     float64 // the drawing's size in points
	Height    float64
	MinFont   float64     // the smallest font size of any text, in points at the drawing's size
	Crossing  [][2]string // the crossing pairs, by title, for messages
	LongEdges []string    // the long edges, by title
}

func (f svgFigures) String() string {
	return fmt.Sprintf("edges %d crossings %d long %d width %.0f height %.0f minfont %.1f", f.Edges, f.Crossings, f.Long, f.Width, f.Height, f.MinFont)
}

type point struct{ x, y float64 }

type drawnEdge struct {
	title      string
	tail, head string
	line       []point // the path, Bézier segments sampled
	lo, hi     point   // bounding box
}

// measureSVG computes the figures of a Graphviz SVG drawing. A relation edge
// is a g element whose class holds the word edge and the text relation; its
// ends are its title's two sides of "->", its line the first path in it.
func measureSVG(svg []byte) (svgFigures, error) {
	var f svgFigures
	dec := xml.NewDecoder(bytes.NewReader(svg))
	type group struct {
		depth    int
		edge     bool
		title    strings.Builder
		inTitle  bool
		hasTitle bool
		d        string
		hasPath  bool
	}
	var edges []drawnEdge
	var open []*group // the g elements being read, outermost first
	depth := 0
	scale := 1.0
	f.MinFont = 99
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return f, fmt.Errorf("svg: %w", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			switch el.Name.Local {
			case "svg":
				if depth == 1 {
					f.Width, f.Height = leadingPoints(attr(el, "width")), leadingPoints(attr(el, "height"))
					if box := strings.Fields(attr(el, "viewBox")); len(box) == 4 {
						if w, err := strconv.ParseFloat(box[2], 64); err == nil && w > 0 && f.Width > 0 {
							scale = f.Width / w
						}
					}
				}
			case "text":
				if size, err := strconv.ParseFloat(attr(el, "font-size"), 64); err == nil {
					f.MinFont = min(f.MinFont, size)
				}
			case "g":
				class := attr(el, "class")
				open = append(open, &group{depth: depth, edge: hasWord(class, "edge") && strings.Contains(class, "relation")})
			case "title":
				// An edge's title is its first title child.
				if n := len(open); n > 0 && open[n-1].depth == depth-1 && !open[n-1].hasTitle {
					open[n-1].inTitle, open[n-1].hasTitle = true, true
				}
			case "path":
				// An edge's line is the first path inside it.
				for _, g := range open {
					if !g.hasPath {
						g.d, g.hasPath = attr(el, "d"), true
					}
				}
			}
		case xml.CharData:
			if n := len(open); n > 0 && open[n-1].inTitle {
				open[n-1].title.Write(el)
			}
		case xml.EndElement:
			depth--
			n := len(open)
			switch {
			case n == 0:
			case el.Name.Local == "title":
				open[n-1].inTitle = false
			case el.Name.Local == "g" && open[n-1].depth == depth+1:
				g := open[n-1]
				open = open[:n-1]
				if e, ok := newDrawnEdge(g.title.String(), g.d); g.edge && ok {
					edges = append(edges, e)
				}
			}
		}
	}
	f.MinFont *= scale
	f.Edges = len(edges)
	for i := range edges {
		for j := i + 1; j < len(edges); j++ {
			a, b := &edges[i], &edges[j]
			if a.tail == b.tail || a.tail == b.head || a.head == b.tail || a.head == b.head {
				continue
			}
			if a.hi.x < b.lo.x || b.hi.x < a.lo.x || a.hi.y < b.lo.y || b.hi.y < a.lo.y {
				continue
			}
			if linesCross(a.line, b.line) {
				f.Crossings++
				f.Crossing = append(f.Crossing, [2]string{a.title, b.title})
			}
		}
	}
	if f.Height != 0 {
		for _, e := range edges {
			if e.hi.y-e.lo.y > f.Height/4 {
				f.Long++
				f.LongEdges = append(f.LongEdges, e.title)
			}
		}
	}
	return f, nil
}

func newDrawnEdge(title, d string) (drawnEdge, bool) {
	ends := html.UnescapeString(title)
	tail, head, _ := strings.Cut(ends, "->")
	e := drawnEdge{title: ends, tail: strings.TrimSpace(tail), head: strings.TrimSpace(head), line: pathPoints(d)}
	if len(e.line) < 2 {
		return e, false
	}
	e.lo, e.hi = e.line[0], e.line[0]
	for _, p := range e.line {
		e.lo.x, e.lo.y = math.Min(e.lo.x, p.x), math.Min(e.lo.y, p.y)
		e.hi.x, e.hi.y = math.Max(e.hi.x, p.x), math.Max(e.hi.y, p.y)
	}
	return e, true
}

var svgNumber = regexp.MustCompile(`-?\d+(?:\.\d+)?(?:e-?\d+)?`)

// pathPoints reads a path's numbers as points; a path with cubic Bézier
// segments (C) is sampled at 13 points a segment.
func pathPoints(d string) []point {
	var nums []float64
	for _, s := range svgNumber.FindAllString(d, -1) {
		v, _ := strconv.ParseFloat(s, 64)
		nums = append(nums, v)
	}
	var pts []point
	for i := 0; i+1 < len(nums); i += 2 {
		pts = append(pts, point{nums[i], nums[i+1]})
	}
	if !strings.Contains(d, "C") {
		return pts
	}
	var line []point
	for i := 0; i < len(pts)-3; i += 3 {
		seg := bezier(pts[i], pts[i+1], pts[i+2], pts[i+3], 12)
		if len(line) > 0 {
			seg = seg[1:]
		}
		line = append(line, seg...)
	}
	return line
}

func bezier(p0, p1, p2, p3 point, n int) []point {
	out := make([]point, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		a := math.Pow(1-t, 3)
		b := 3 * t * math.Pow(1-t, 2)
		c := 3 * t * t * (1 - t)
		d := math.Pow(t, 3)
		out = append(out, point{a*p0.x + b*p1.x + c*p2.x + d*p3.x, a*p0.y + b*p1.y + c*p2.y + d*p3.y})
	}
	return out
}

func linesCross(a, b []point) bool {
	for k := 0; k+1 < len(a); k++ {
		for m := 0; m+1 < len(b); m++ {
			if segmentsCross(a[k], a[k+1], b[m], b[m+1]) {
				return true
			}
		}
	}
	return false
}

// segmentsCross reports whether two segments cross properly: each
// segment's ends lie strictly on both sides of the other.
func segmentsCross(a, b, c, d point) bool {
	orient := func(p, q, r point) int {
		v := (q.x-p.x)*(r.y-p.y) - (q.y-p.y)*(r.x-p.x)
		switch {
		case v > 1e-9:
			return 1
		case v < -1e-9:
			return -1
		}
		return 0
	}
	return orient(a, b, c)*orient(a, b, d) < 0 && orient(c, d, a)*orient(c, d, b) < 0
}

var leadingNumber = regexp.MustCompile(`^([\d.]+)(pt|px)?`)

// leadingPoints reads a size such as "1430pt" as svgstat.py does: the
// leading digits and dots, whatever the unit.
func leadingPoints(v string) float64 {
	m := leadingNumber.FindStringSubmatch(v)
	if m == nil {
		return 0
	}
	n, _ := strconv.ParseFloat(m[1], 64)
	return n
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func hasWord(s, word string) bool {
	for _, w := range strings.Fields(s) {
		if w == word {
			return true
		}
	}
	return false
}
