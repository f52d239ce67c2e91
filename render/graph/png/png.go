// Package png draws a diagram as a PNG image. go-graphviz's own PNG output
// loses edges and outlines, so this package takes only the layout from
// Graphviz (its JSON output with xdot drawing operations) and rasterises it
// in Go, with the Go fonts for Latin text and a system CJK font for Chinese.
package png

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strconv"
	"strings"

	"github.com/argmap/argmap/render/graph"
	"golang.org/x/image/colornames"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// PNGOptions controls how PNG draws a diagram.
type PNGOptions struct {
	// DPI is the resolution: the diagram's points are scaled by DPI/72.
	// Zero means 96, the resolution of a screen; use 192 or more for slides
	// and print.
	DPI float64
	// FontFile names a font file with Chinese glyphs (.ttf, .otf or .ttc).
	// Empty means the file named by ARGMAP_FONT, else a CJK font found on
	// the system.
	FontFile string
}

// DefaultDPI is the resolution PNG uses when PNGOptions.DPI is zero.
const DefaultDPI = 96

// maxPixels bounds the size of a PNG, so that a huge graph or DPI fails
// with an error instead of exhausting memory.
const maxPixels = 400 << 20

// pad is the margin Graphviz leaves around a drawing, in points.
const pad = 4

// PNG lays out the DOT source with Graphviz's dot engine and draws it as a
// PNG image on a white background. It takes only the layout from
// go-graphviz, whose own PNG output loses edges and outlines, and draws the
// shapes, edges and text itself. It returns a *MissingFontError when labels
// hold Chinese text and no font with Chinese glyphs is available.
func PNG(dot []byte, opts PNGOptions) ([]byte, error) {
	img, err := Image(dot, opts)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("render: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// Image is PNG without the encoding: it returns the drawn diagram.
func Image(dot []byte, opts PNGOptions) (*image.RGBA, error) {
	dpi := opts.DPI
	if dpi == 0 {
		dpi = DefaultDPI
	}
	if dpi < 0 || math.IsNaN(dpi) || math.IsInf(dpi, 0) {
		return nil, fmt.Errorf("render: invalid DPI %v", opts.DPI)
	}
	fonts, err := loadFonts(opts.FontFile)
	if err != nil {
		return nil, err
	}
	return drawDOT(dot, dpi, fonts)
}

func drawDOT(dot []byte, dpi float64, fonts *fontSet) (*image.RGBA, error) {
	layout, err := graph.LayoutJSON(protectBackslashes(dot))
	if err != nil {
		return nil, err
	}
	var g xdotGraph
	if err := json.Unmarshal(layout, &g); err != nil {
		return nil, fmt.Errorf("render: reading Graphviz layout: %w", err)
	}
	g.restoreBackslashes()
	if sample := missingCJK(fonts, g.texts()); sample != "" {
		return nil, &MissingFontError{Sample: sample}
	}
	return g.draw(dpi/72, fonts)
}

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

func (g *xdotGraph) draw(scale float64, fonts *fontSet) (*image.RGBA, error) {
	var bb [4]float64
	for i, f := range strings.SplitN(g.BB, ",", 4) {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return nil, fmt.Errorf("render: reading Graphviz bounding box %q: %w", g.BB, err)
		}
		bb[i] = v
	}
	w := math.Ceil((bb[2] - bb[0] + 2*pad) * scale)
	h := math.Ceil((bb[3] - bb[1] + 2*pad) * scale)
	if w < 1 || h < 1 || w*h > maxPixels {
		return nil, fmt.Errorf("render: a %.0f×%.0f pixel image is too large; lower the DPI", w, h)
	}
	c := &canvas{
		img:    image.NewRGBA(image.Rect(0, 0, int(w), int(h))),
		scale:  scale,
		left:   bb[0] - pad,
		top:    bb[3] + pad,
		text:   newTextDrawer(fonts),
		filled: g.filledBezier(),
	}
	draw.Draw(c.img, c.img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, ops := range g.opLists() {
		c.run(ops)
	}
	return c.img, nil
}

// point is a position in pixels, y down.
type point struct{ x, y float64 }

// canvas draws xdot operations onto an image.
type canvas struct {
	img       *image.RGBA
	scale     float64
	left, top float64 // the drawing's top-left corner, in points
	text      *textDrawer
	filled    string // op letter of a filled Bézier curve
	rast      vector.Rasterizer
}

// drawState is the xdot graphics state, fresh for every list of operations.
type drawState struct {
	pen, fill    color.Color
	width        float64   // pen width in points
	dash         []float64 // dash pattern in points; nil for solid lines
	fontSize     float64
	fontName     string
	bold, italic bool
}

func (c *canvas) pt(p [2]float64) point {
	return point{(p[0] - c.left) * c.scale, (c.top - p[1]) * c.scale}
}

func (c *canvas) points(ps [][2]float64) []point {
	out := make([]point, len(ps))
	for i, p := range ps {
		out[i] = c.pt(p)
	}
	return out
}

func (c *canvas) run(ops []xdotOp) {
	st := drawState{pen: color.Black, fill: color.Black, width: 1, fontSize: 14, fontName: "Times-Roman"}
	for _, op := range ops {
		switch op.Op {
		case "c":
			st.pen = parseColor(op)
		case "C":
			st.fill = parseColor(op)
		case "S":
			st.setStyle(op.Style)
		case "F":
			st.fontSize, st.fontName = op.Size, op.Face
		case "t":
			st.bold, st.italic = op.Fontchar&1 != 0, op.Fontchar&2 != 0
		case "E", "e":
			if len(op.Rect) == 4 {
				c.shape(ellipse(c.pt([2]float64{op.Rect[0], op.Rect[1]}), op.Rect[2]*c.scale, op.Rect[3]*c.scale), op.Op == "E", st)
			}
		case "P", "p":
			c.shape(c.points(op.Points), op.Op == "P", st)
		case "L":
			c.stroke(c.points(op.Points), st)
		case "B", "b":
			curve := bezier(c.points(op.Points))
			if op.Op == c.filled {
				c.shape(curve, true, st)
			} else {
				c.stroke(curve, st)
			}
		case "T":
			c.drawText(op, st)
		}
	}
}

func (st *drawState) setStyle(style string) {
	switch {
	case style == "solid":
		st.dash = nil
	case style == "dashed":
		st.dash = []float64{5, 2} // Graphviz's SVG dash pattern
	case style == "dotted":
		st.dash = []float64{1, 5}
	case style == "bold":
		st.width = 2
	case strings.HasPrefix(style, "setlinewidth(") && strings.HasSuffix(style, ")"):
		if w, err := strconv.ParseFloat(style[len("setlinewidth("):len(style)-1], 64); err == nil && w >= 0 {
			st.width = w
		}
	}
}

// shape fills a closed outline with the fill colour when filled, then
// strokes it with the pen.
func (c *canvas) shape(outline []point, filled bool, st drawState) {
	if len(outline) < 2 {
		return
	}
	if filled {
		c.fill([][]point{outline}, st.fill)
	}
	closed := append(outline[:len(outline):len(outline)], outline[0])
	c.stroke(closed, st)
}

// fill paints the contours with the non-zero rule, restricting the
// rasteriser to their bounding box.
func (c *canvas) fill(contours [][]point, col color.Color) {
	if _, _, _, a := col.RGBA(); a == 0 {
		return
	}
	if len(contours) == 1 && c.fillRect(contours[0], col) {
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, ps := range contours {
		for _, p := range ps {
			minX, minY = math.Min(minX, p.x), math.Min(minY, p.y)
			maxX, maxY = math.Max(maxX, p.x), math.Max(maxY, p.y)
		}
	}
	r := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1)
	r = r.Intersect(c.img.Bounds())
	if r.Empty() {
		return
	}
	// The rasteriser covers only r: its origin is r.Min, and Draw paints
	// its coverage into the same rectangle of the image.
	c.rast.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for _, ps := range contours {
		if len(ps) < 3 {
			continue
		}
		c.rast.MoveTo(float32(ps[0].x-ox), float32(ps[0].y-oy))
		for _, p := range ps[1:] {
			c.rast.LineTo(float32(p.x-ox), float32(p.y-oy))
		}
		c.rast.ClosePath()
	}
	c.rast.Draw(c.img, r, image.NewUniform(col), image.Point{})
}

// fillRect paints an axis-aligned rectangle, as cluster and graph
// backgrounds are, without the rasteriser, whose buffers would be the size
// of the rectangle. It reports whether ps was such a rectangle.
func (c *canvas) fillRect(ps []point, col color.Color) bool {
	if len(ps) != 4 {
		return false
	}
	for i := range ps {
		a, b := ps[i], ps[(i+1)%4]
		if a.x != b.x && a.y != b.y {
			return false
		}
	}
	r := image.Rect(int(math.Round(min(ps[0].x, ps[2].x))), int(math.Round(min(ps[0].y, ps[2].y))),
		int(math.Round(max(ps[0].x, ps[2].x))), int(math.Round(max(ps[0].y, ps[2].y))))
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Over)
	return true
}

// stroke draws a polyline with the pen's width and dash pattern, with round
// joins and caps.
func (c *canvas) stroke(line []point, st drawState) {
	if _, _, _, a := st.pen.RGBA(); a == 0 || st.width <= 0 || len(line) < 2 {
		return
	}
	half := math.Max(st.width*c.scale, 0.8) / 2
	pieces := [][]point{line}
	if st.dash != nil {
		pieces = dashes(line, st.dash, c.scale)
	}
	for _, piece := range pieces {
		for _, chunk := range chunks(piece, 32) {
			c.fill(strokeOutline(chunk, half), st.pen)
		}
	}
}

// chunks cuts a polyline into consecutive stretches that each stay within
// size pixels of where they start. Filling costs the area of a stretch's
// bounding box, so a long or diagonal line is far cheaper drawn in short
// stretches than whole.
func chunks(line []point, size float64) [][]point {
	var out [][]point
	cur := []point{line[0]}
	for _, p := range line[1:] {
		a := cur[len(cur)-1]
		n := max(1, int(math.Ceil(math.Hypot(p.x-a.x, p.y-a.y)/size)))
		for k := 1; k <= n; k++ {
			t := float64(k) / float64(n)
			q := point{a.x + (p.x-a.x)*t, a.y + (p.y-a.y)*t}
			cur = append(cur, q)
			if math.Hypot(q.x-cur[0].x, q.y-cur[0].y) >= size {
				out = append(out, cur)
				cur = []point{q}
			}
		}
	}
	if len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// strokeOutline returns contours covering a polyline of half-width half:
// one quadrilateral per segment and a disc at each end and sharp turn, all
// wound the same way so that the non-zero fill unites them.
func strokeOutline(line []point, half float64) [][]point {
	var out [][]point
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		dx, dy := b.x-a.x, b.y-a.y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*half, dx/l*half
		out = append(out, positive([]point{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}}))
	}
	for i, p := range line {
		if i == 0 || i == len(line)-1 || turns(line[i-1], p, line[i+1]) {
			out = append(out, disc(p, half))
		}
	}
	return out
}

// turns reports whether the polyline bends at b by more than a few degrees.
func turns(a, b, c point) bool {
	ux, uy, vx, vy := b.x-a.x, b.y-a.y, c.x-b.x, c.y-b.y
	lu, lv := math.Hypot(ux, uy), math.Hypot(vx, vy)
	if lu == 0 || lv == 0 {
		return false
	}
	return (ux*vx+uy*vy)/(lu*lv) < math.Cos(5*math.Pi/180)
}

func disc(c point, r float64) []point {
	n := max(8, min(32, int(r*4)))
	ps := make([]point, n)
	for i := range ps {
		a := 2 * math.Pi * float64(i) / float64(n)
		ps[i] = point{c.x + r*math.Cos(a), c.y + r*math.Sin(a)}
	}
	return positive(ps)
}

// positive returns the contour wound with positive signed area.
func positive(ps []point) []point {
	area := 0.0
	for i := range ps {
		j := (i + 1) % len(ps)
		area += ps[i].x*ps[j].y - ps[j].x*ps[i].y
	}
	if area < 0 {
		for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
			ps[i], ps[j] = ps[j], ps[i]
		}
	}
	return ps
}

// dashes cuts a polyline into the pieces a dash pattern (in points) keeps.
func dashes(line []point, pattern []float64, scale float64) [][]point {
	var total float64
	for _, d := range pattern {
		total += d
	}
	if total <= 0 {
		return [][]point{line}
	}
	var pieces [][]point
	var cur []point
	idx, left, on := 0, pattern[0]*scale, true
	if on {
		cur = []point{line[0]}
	}
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		seg := math.Hypot(b.x-a.x, b.y-a.y)
		pos := 0.0
		for seg-pos > left {
			pos += left
			t := pos / seg
			p := point{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
			if on {
				pieces = append(pieces, append(cur, p))
				cur = nil
			} else {
				cur = []point{p}
			}
			on = !on
			idx = (idx + 1) % len(pattern)
			left = pattern[idx] * scale
		}
		left -= seg - pos
		if on {
			cur = append(cur, b)
		}
	}
	if on && len(cur) > 1 {
		pieces = append(pieces, cur)
	}
	return pieces
}

// ellipse returns a polygon approximating an ellipse with centre c and
// radii rx, ry, in pixels.
func ellipse(c point, rx, ry float64) []point {
	n := max(24, min(128, int((rx+ry)/2)))
	ps := make([]point, n)
	for i := range ps {
		a := 2 * math.Pi * float64(i) / float64(n)
		ps[i] = point{c.x + rx*math.Cos(a), c.y + ry*math.Sin(a)}
	}
	return ps
}

// bezier flattens a piecewise cubic Bézier curve, xdot's B and b ops, into a
// polyline fine enough that its segments are about two pixels long.
func bezier(ps []point) []point {
	if len(ps) < 4 {
		return ps
	}
	out := []point{ps[0]}
	for i := 0; i+3 < len(ps); i += 3 {
		p0, p1, p2, p3 := ps[i], ps[i+1], ps[i+2], ps[i+3]
		hull := math.Hypot(p1.x-p0.x, p1.y-p0.y) + math.Hypot(p2.x-p1.x, p2.y-p1.y) + math.Hypot(p3.x-p2.x, p3.y-p2.y)
		n := max(1, min(100, int(hull/2)))
		for j := 1; j <= n; j++ {
			t := float64(j) / float64(n)
			u := 1 - t
			a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
			out = append(out, point{a*p0.x + b*p1.x + c*p2.x + d*p3.x, a*p0.y + b*p1.y + c*p2.y + d*p3.y})
		}
	}
	return out
}

// drawText draws a T op: text whose baseline starts, centres or ends at the
// op's point. It centres on its own measurement rather than Graphviz's,
// which has no font metrics for Chinese.
func (c *canvas) drawText(op xdotOp, st drawState) {
	if len(op.Pt) != 2 || op.Text == "" || st.fontSize <= 0 {
		return
	}
	if _, _, _, a := st.pen.RGBA(); a == 0 {
		return
	}
	latin := c.text.latinFont(st.fontName, st.bold, st.italic)
	size := st.fontSize * c.scale
	runs, width := c.text.measure(op.Text, latin, size)
	// Graphviz reserved op.Width points for the text, measured with its
	// own metrics for Times or Helvetica, which are narrower than the Go
	// fonts; shrink Latin text to fit that space. Its widths for Chinese
	// are guesses, too narrow, so Chinese text keeps its size: the DOT
	// generator sizes those nodes itself.
	if fit := op.Width * c.scale * 64; op.Width > 0 && float64(width) > fit && !strings.ContainsFunc(op.Text, isCJK) {
		runs, width = c.text.measure(op.Text, latin, size*fit/float64(width))
	}
	p := c.pt([2]float64{op.Pt[0], op.Pt[1]})
	x := p.x
	switch op.Align {
	case "c":
		x -= float64(width) / 64 / 2
	case "r":
		x -= float64(width) / 64
	}
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(st.pen), Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(p.y * 64)}}
	for _, r := range runs {
		if r.face == nil {
			continue
		}
		d.Face = r.face
		d.DrawString(r.text)
	}
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
