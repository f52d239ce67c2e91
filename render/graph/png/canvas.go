package png

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

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
