package png

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/render/graph"
)

// requireCJKFont skips a test on a machine without a CJK font, except in CI,
// where the font is part of the environment and its absence is a failure.
func requireCJKFont(t *testing.T) {
	t.Helper()
	fonts, err := loadFonts("", "")
	if err != nil {
		t.Fatal(err)
	}
	if fonts.cjk != nil {
		return
	}
	msg := "no CJK font installed: apt-get install fonts-noto-cjk"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// layoutOf returns the Graphviz layout PNG draws from, with the canvas
// transform that maps its points to the pixels of an image at dpi.
func layoutOf(t *testing.T, dot string, dpi float64) (*xdotGraph, *canvas) {
	t.Helper()
	out, err := graph.LayoutJSON([]byte(dot))
	if err != nil {
		t.Fatal(err)
	}
	var g xdotGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatal(err)
	}
	var bb [4]float64
	for i, f := range strings.Split(g.BB, ",") {
		bb[i] = parseFloat(t, f)
	}
	return &g, &canvas{scale: dpi / 72, left: bb[0] - pad, top: bb[3] + pad}
}

func parseFloat(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func renderPNG(t *testing.T, dot string, opts PNGOptions) image.Image {
	t.Helper()
	out, err := PNG([]byte(dot), opts)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	return img
}

// dark reports whether any pixel within one pixel of p is dark.
func dark(img image.Image, p point) bool {
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			r, g, b, _ := img.At(int(p.x)+dx, int(p.y)+dy).RGBA()
			if (r+g+b)/3 < 0x8000 {
				return true
			}
		}
	}
	return false
}

// darkPixels counts the dark pixels in r.
func darkPixels(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c, g, b, _ := img.At(x, y).RGBA()
			if (c+g+b)/3 < 0x8000 {
				n++
			}
		}
	}
	return n
}

// firstOp returns the first op with one of the given letters.
func firstOp(ops []xdotOp, letters ...string) xdotOp {
	for _, op := range ops {
		for _, l := range letters {
			if op.Op == l {
				return op
			}
		}
	}
	return xdotOp{}
}

// labelBox returns the pixels a label's first line of text occupies,
// estimated generously from its font size.
func labelBox(c *canvas, op xdotOp, size float64) image.Rectangle {
	p := c.pt([2]float64{op.Pt[0], op.Pt[1]})
	h := size * c.scale
	return image.Rect(int(p.x-2*h), int(p.y-h), int(p.x+2*h), int(p.y+h/4))
}

func TestPNGDrawsBoxOutlinesEdgesAndLabels(t *testing.T) {
	for _, tc := range []struct {
		name, claim, rebuttal string
		cjk                   bool
	}{
		{"Latin labels", "Claim", "Rebuttal", false},
		{"Chinese labels", "严重事件", "完全不恰当", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.cjk {
				requireCJKFont(t)
			}
			dot := `digraph { ranksep=1; node [shape=box, width=1.6]; a [label="` + tc.claim + `"]; b [label="` + tc.rebuttal + `"]; a -> b }`
			const dpi = 96
			img := renderPNG(t, dot, PNGOptions{DPI: dpi})
			g, c := layoutOf(t, dot, dpi)
			if got, want := img.Bounds().Dx(), int((parseFloat(t, strings.Split(g.BB, ",")[2])+2*pad)*c.scale+0.999); got != want {
				t.Errorf("image is %d pixels wide, want %d", got, want)
			}
			for _, node := range g.Objects {
				box := c.points(firstOp(node.Draw, "p", "P").Points)
				if len(box) != 4 {
					t.Fatalf("node outline has %d corners, want 4", len(box))
				}
				for i := range box {
					a, b := box[i], box[(i+1)%4]
					mid := point{(a.x + b.x) / 2, (a.y + b.y) / 2}
					if !dark(img, mid) {
						t.Errorf("box side midpoint %v is not dark", mid)
					}
				}
				text := firstOp(node.LDraw, "T")
				if n := darkPixels(img, labelBox(c, text, 14)); n < 20 {
					t.Errorf("label %q has %d dark pixels, want text", text.Text, n)
				}
				// Between the label and the bottom side the box is empty.
				r := boundsOf(box)
				centerY := (r.Min.Y + r.Max.Y) / 2
				if inside := image.Rect(r.Min.X+4, centerY+int(10*c.scale), r.Max.X-4, centerY+int(12*c.scale)); darkPixels(img, inside) > 0 {
					t.Errorf("the box is dark below its label, at %v", inside)
				}
			}
			edge := bezier(c.points(firstOp(g.Edges[0].Draw, "b", "B").Points))
			for _, p := range edge[1 : len(edge)-1] {
				if !dark(img, p) {
					t.Errorf("edge point %v is not dark", p)
				}
			}
			if head := firstOp(g.Edges[0].HDraw, "P"); len(head.Points) == 0 || darkPixels(img, boundsOf(c.points(head.Points))) < 10 {
				t.Error("arrowhead is not drawn")
			}
		})
	}
}

func boundsOf(ps []point) image.Rectangle {
	r := image.Rect(int(ps[0].x), int(ps[0].y), int(ps[0].x)+1, int(ps[0].y)+1)
	for _, p := range ps {
		r = r.Union(image.Rect(int(p.x), int(p.y), int(p.x)+1, int(p.y)+1))
	}
	return r
}

func TestPNGDrawsChineseGlyphsNotEmptyBoxes(t *testing.T) {
	requireCJKFont(t)
	// Missing glyphs all render as the same .notdef box; real glyphs differ.
	dot := `digraph { node [shape=plaintext]; a [label="中"]; b [label="国"]; }`
	const dpi = 192
	img := renderPNG(t, dot, PNGOptions{DPI: dpi})
	g, c := layoutOf(t, dot, dpi)
	var masks [2][]bool
	for i, node := range g.Objects {
		r := labelBox(c, firstOp(node.LDraw, "T"), 14)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				masks[i] = append(masks[i], darkPixels(img, image.Rect(x, y, x+1, y+1)) == 1)
			}
		}
	}
	differ := 0
	for i := range masks[0] {
		if masks[0][i] != masks[1][i] {
			differ++
		}
	}
	if differ < 50 {
		t.Errorf("中 and 国 differ in %d pixels: drawn as empty boxes?", differ)
	}
}

func TestPNGDashedEdgeHasGapsAndSolidEdgeHasNone(t *testing.T) {
	for _, tc := range []struct {
		style    string
		wantGaps bool
	}{
		{"solid", false},
		{"dashed", true},
		{"dotted", true},
	} {
		t.Run(tc.style, func(t *testing.T) {
			dot := `digraph { ranksep=2; a -> b [style=` + tc.style + `] }`
			const dpi = 96
			img := renderPNG(t, dot, PNGOptions{DPI: dpi})
			g, c := layoutOf(t, dot, dpi)
			edge := bezier(c.points(firstOp(g.Edges[0].Draw, "b", "B").Points))
			light := 0
			for _, p := range edge[2 : len(edge)-2] {
				if r, gr, b, _ := img.At(int(p.x+0.5), int(p.y+0.5)).RGBA(); (r+gr+b)/3 > 0xc000 {
					light++
				}
			}
			if gaps := light > 0; gaps != tc.wantGaps {
				t.Errorf("%s edge has %d light points of %d, want gaps: %v", tc.style, light, len(edge)-4, tc.wantGaps)
			}
		})
	}
}

func TestPNGScalesWithDPI(t *testing.T) {
	dot := `digraph { a -> b }`
	small := renderPNG(t, dot, PNGOptions{DPI: 96}).Bounds()
	large := renderPNG(t, dot, PNGOptions{DPI: 192}).Bounds()
	if dx := large.Dx() - 2*small.Dx(); dx < -2 || dx > 2 {
		t.Errorf("192 DPI is %v, 96 DPI is %v: want twice the size", large, small)
	}
}

func TestPNGDrawsClusterFrameAndLabel(t *testing.T) {
	dot := `digraph { subgraph cluster_a { label="Letter A"; style=filled; fillcolor="#ddeeff"; color="#000000"; a } }`
	const dpi = 96
	img := renderPNG(t, dot, PNGOptions{DPI: dpi})
	g, c := layoutOf(t, dot, dpi)
	frame := c.points(firstOp(g.Objects[0].Draw, "P").Points)
	if !dark(img, point{(frame[0].x + frame[1].x) / 2, (frame[0].y + frame[1].y) / 2}) {
		t.Error("cluster frame is not drawn")
	}
	if n := darkPixels(img, labelBox(c, firstOp(g.Objects[0].LDraw, "T"), 14)); n < 20 {
		t.Errorf("cluster label has %d dark pixels, want text", n)
	}
	inside := point{frame[0].x + 4, (frame[0].y + frame[1].y) / 2}
	if r, gr, b, _ := img.At(int(inside.x), int(inside.y)).RGBA(); r>>8 != 0xdd || gr>>8 != 0xee || b>>8 != 0xff {
		t.Errorf("cluster fill at %v is %x %x %x, want ddeeff", inside, r>>8, gr>>8, b>>8)
	}
}

func TestPNGWithoutCJKFontIsAMissingFontError(t *testing.T) {
	latin, err := goFonts()
	if err != nil {
		t.Fatal(err)
	}
	_, err = drawDOT([]byte(`digraph { a [label="严重事件"] }`), 96, latin)
	var missing *MissingFontError
	if !errors.As(err, &missing) {
		t.Fatalf("got error %v, want a *MissingFontError", err)
	}
	for _, want := range []string{"apt-get install fonts-noto-cjk", "name a font file"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if _, err := drawDOT([]byte(`digraph { a [label="Latin only"] }`), 96, latin); err != nil {
		t.Errorf("Latin labels without a CJK font: %v", err)
	}
}

func TestPNGRejectsAFontFileThatCannotBeLoaded(t *testing.T) {
	for _, path := range []string{"../../testdata/engine/no-such-font.ttf", "../../testdata/engine/argument.dot"} {
		if _, err := PNG([]byte(`digraph { a }`), PNGOptions{FontFile: path}); err == nil {
			t.Errorf("PNG with FontFile %s succeeded, want an error", path)
		}
	}
	opts := PNGOptions{FontFile: "../../testdata/engine/no-such-font.ttf", FontFileOrigin: "ARGMAP_FONT"}
	if _, err := PNG([]byte(`digraph { a }`), opts); err == nil || !strings.Contains(err.Error(), "ARGMAP_FONT") {
		t.Errorf("PNG with a broken font file from ARGMAP_FONT gave %v, want an error naming its origin", err)
	}
}

func TestPNGInvalidInputIsAnError(t *testing.T) {
	if _, err := PNG([]byte(`digraph {`), PNGOptions{}); err == nil {
		t.Error("invalid DOT: want an error")
	}
	if _, err := PNG([]byte(`digraph { a }`), PNGOptions{DPI: -1}); err == nil {
		t.Error("negative DPI: want an error")
	}
	if _, err := PNG([]byte(`digraph { a [width=500, height=500] }`), PNGOptions{DPI: 600}); err == nil {
		t.Error("a gigapixel image: want an error")
	}
}

func BenchmarkPNG(b *testing.B) {
	for _, bc := range rendertest.BenchGraphs(b) {
		for _, dpi := range []float64{96, 192} {
			b.Run(bc.Name+"/dpi="+map[float64]string{96: "96", 192: "192"}[dpi], func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := PNG(bc.DOT, PNGOptions{DPI: dpi}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestPNGLabelsKeepTheirBackslashes: labels reach the PNG drawer as
// written, backslashes included, though go-graphviz's JSON writer mangles
// them; and the other escapes of DOT still work.
func TestPNGLabelsKeepTheirBackslashes(t *testing.T) {
	dot := []byte(`digraph { label="a backslash \\N and \\\\ two"; n [label="C:\\\\path \"q\""]; }`)
	layout, err := graph.LayoutJSON(protectBackslashes(dot))
	if err != nil {
		t.Fatal(err)
	}
	var g xdotGraph
	if err := json.Unmarshal(layout, &g); err != nil {
		t.Fatal(err)
	}
	g.restoreBackslashes()
	got := strings.Join(g.texts(), "|")
	for _, want := range []string{`a backslash \N and \\ two`, `C:\\path "q"`} {
		if !strings.Contains(got, want) {
			t.Errorf("texts %q lack %q", got, want)
		}
	}
}
