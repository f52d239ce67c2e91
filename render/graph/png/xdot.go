package png

import (
	"bytes"
	"image/color"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// xdotGraph is the part of Graphviz's JSON output that drawing needs.
type xdotGraph struct {
	BB      string       `json:"bb"`
	Draw    []xdotOp     `json:"_draw_"`
	LDraw   []xdotOp     `json:"_ldraw_"`
	Objects []xdotObject `json:"objects"` // subgraphs first, then nodes
	Edges   []xdotObject `json:"edges"`
}

type xdotObject struct {
	Draw   []xdotOp `json:"_draw_"`
	LDraw  []xdotOp `json:"_ldraw_"`
	HDraw  []xdotOp `json:"_hdraw_"`
	TDraw  []xdotOp `json:"_tdraw_"`
	HLDraw []xdotOp `json:"_hldraw_"`
	TLDraw []xdotOp `json:"_tldraw_"`
}

// xdotOp is one drawing operation in Graphviz's JSON form of xdot.
type xdotOp struct {
	Op       string       `json:"op"`
	Grad     string       `json:"grad"`
	Color    string       `json:"color"`
	Stops    []xdotStop   `json:"stops"`
	Points   [][2]float64 `json:"points"`
	Rect     []float64    `json:"rect"`
	Pt       []float64    `json:"pt"`
	Align    string       `json:"align"`
	Text     string       `json:"text"`
	Width    float64      `json:"width"`
	Size     float64      `json:"size"`
	Face     string       `json:"face"`
	Style    string       `json:"style"`
	Fontchar int          `json:"fontchar"`
}

type xdotStop struct {
	Color string `json:"color"`
}

// opLists returns the graph's drawing operations in painting order: the
// background, clusters, nodes, then edges with their arrowheads and labels.
func (g *xdotGraph) opLists() [][]xdotOp {
	lists := [][]xdotOp{g.Draw, g.LDraw}
	for _, o := range g.Objects {
		lists = append(lists, o.Draw, o.LDraw)
	}
	for _, e := range g.Edges {
		lists = append(lists, e.Draw, e.TDraw, e.HDraw, e.LDraw, e.TLDraw, e.HLDraw)
	}
	return lists
}

func (g *xdotGraph) texts() []string {
	var texts []string
	for _, ops := range g.opLists() {
		for _, op := range ops {
			if op.Op == "T" {
				texts = append(texts, op.Text)
			}
		}
	}
	return texts
}

// backslashStandIn takes the place of a literal backslash in labels while
// Graphviz lays them out: the JSON writer of the Graphviz that go-graphviz
// embeds (12.1) doubles each backslash of a label's text and then cuts the
// text short by as many bytes, so "a \\ b" would come back as "a \\\\ ".
// A character from the Private Use Area goes through unchanged, and
// restoreBackslashes puts the backslashes back before anything is drawn.
const backslashStandIn = '\uE000'

// protectBackslashes replaces each escaped backslash (\\) in the DOT
// source with backslashStandIn, leaving every other escape (\n, \", \l,
// \N) as it is.
func protectBackslashes(dot []byte) []byte {
	if !bytes.Contains(dot, []byte(`\\`)) {
		return dot
	}
	var out bytes.Buffer
	for i := 0; i < len(dot); i++ {
		if dot[i] == '\\' && i+1 < len(dot) {
			if dot[i+1] == '\\' {
				out.WriteRune(backslashStandIn)
			} else {
				out.Write(dot[i : i+2])
			}
			i++
			continue
		}
		out.WriteByte(dot[i])
	}
	return out.Bytes()
}

// restoreBackslashes turns backslashStandIn back into backslashes in the
// text of every label.
func (g *xdotGraph) restoreBackslashes() {
	for _, ops := range g.opLists() {
		for i := range ops {
			if ops[i].Op == "T" {
				ops[i].Text = strings.ReplaceAll(ops[i].Text, string(backslashStandIn), `\`)
			}
		}
	}
}

// filledBezier returns the op letter that marks a filled Bézier curve.
// The xdot format says "b", but Graphviz's JSON writer has the two letters
// swapped (seen in 2.43 and in the 12.x that go-graphviz embeds). Edge
// splines are never filled, so their letter tells which convention the
// output follows.
func (g *xdotGraph) filledBezier() string {
	for _, e := range g.Edges {
		for _, op := range e.Draw {
			switch op.Op {
			case "b":
				return "B"
			case "B":
				return "b"
			}
		}
	}
	return "B"
}

// parseColor reads an xdot colour: #rrggbb, #rrggbbaa, an SVG or X11 name,
// or a gradient, of which it takes the first stop.
func parseColor(op xdotOp) color.Color {
	s := op.Color
	if op.Grad != "" && op.Grad != "none" && len(op.Stops) > 0 {
		s = op.Stops[0].Color
	}
	return colorNamed(s)
}

func colorNamed(s string) color.Color {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "none", "transparent", "invis":
		return color.Transparent
	}
	if strings.HasPrefix(s, "#") {
		hex := s[1:]
		if len(hex) == 6 || len(hex) == 8 {
			if v, err := strconv.ParseUint(hex, 16, 32); err == nil {
				if len(hex) == 6 {
					v = v<<8 | 0xff
				}
				return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}
			}
		}
		return color.Black
	}
	if c, ok := colornames.Map[s]; ok {
		return c
	}
	// X11 grey levels ("grey90") and numbered variants ("lightblue2").
	base := strings.TrimRight(s, "0123456789")
	if n, err := strconv.Atoi(s[len(base):]); err == nil && (base == "gray" || base == "grey") && n <= 100 {
		v := uint8(math.Round(float64(n) * 255 / 100))
		return color.NRGBA{v, v, v, 0xff}
	}
	if c, ok := colornames.Map[base]; ok {
		return c
	}
	return color.Black
}
