package png

import (
	"bytes"
	"image"
	"image/color"
	stdpng "image/png"
	"math/rand/v2"
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"
)

func TestEncodeKeepsEveryPixel(t *testing.T) {
	diagram, err := Image([]byte(`digraph { a [label="claim", style=filled, fillcolor="#ddeeff"]; a -> b [style=dashed] }`), PNGOptions{DPI: 96})
	if err != nil {
		t.Fatal(err)
	}
	translucent := image.NewRGBA(image.Rect(0, 0, 70, 3))
	for x := range 70 {
		translucent.SetRGBA(x, 0, color.RGBA{uint8(x), uint8(2 * x), 0, uint8(x)})       // premultiplied: r, g <= a
		translucent.SetRGBA(x, 1, color.RGBA{0, 0, uint8(3 * x), 255})                   // opaque
		translucent.SetRGBA(x, 2, color.RGBA{uint8(x / 2), uint8(x / 3), uint8(x), 200}) // some alpha
	}
	noise := image.NewRGBA(image.Rect(0, 0, 400, 300)) // more than one IDAT chunk
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(rng.Uint32())
		if i%4 == 3 {
			noise.Pix[i] = 255
		}
	}
	cases := map[string]*image.RGBA{
		"a drawn diagram":          diagram,
		"translucent pixels":       translucent,
		"a sub-image":              diagram.SubImage(image.Rect(3, 5, 40, 30)).(*image.RGBA),
		"noise, in several chunks": noise,
		"one pixel":                image.NewRGBA(image.Rect(0, 0, 1, 1)),
	}
	for name, img := range cases {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := encode(&buf, img); err != nil {
				t.Fatal(err)
			}
			got, err := stdpng.Decode(&buf)
			if err != nil {
				t.Fatalf("image/png cannot read it: %v", err)
			}
			b := img.Bounds()
			if got.Bounds().Dx() != b.Dx() || got.Bounds().Dy() != b.Dy() {
				t.Fatalf("size %v, want %v", got.Bounds(), b)
			}
			for y := 0; y < b.Dy(); y++ {
				for x := 0; x < b.Dx(); x++ {
					want := color.NRGBAModel.Convert(img.At(b.Min.X+x, b.Min.Y+y))
					if have := color.NRGBAModel.Convert(got.At(got.Bounds().Min.X+x, got.Bounds().Min.Y+y)); have != want {
						t.Fatalf("pixel (%d, %d) is %v, want %v", x, y, have, want)
					}
				}
			}
		})
	}
}

// BenchmarkEncode compares the encoder with image/png's at its fastest
// level on the drawn diagrams of BenchGraphs, and reports the sizes.
func BenchmarkEncode(b *testing.B) {
	for _, bc := range rendertest.BenchGraphs(b) {
		img, err := Image(bc.DOT, PNGOptions{DPI: 192})
		if err != nil {
			b.Fatal(err)
		}
		encoders := []struct {
			name   string
			encode func(*bytes.Buffer) error
		}{
			{"argmap", func(w *bytes.Buffer) error { return encode(w, img) }},
			{"image-png", func(w *bytes.Buffer) error {
				return (&stdpng.Encoder{CompressionLevel: stdpng.BestSpeed}).Encode(w, img)
			}},
		}
		for _, e := range encoders {
			b.Run(bc.Name+"/"+e.name, func(b *testing.B) {
				var buf bytes.Buffer
				for b.Loop() {
					buf.Reset()
					if err := e.encode(&buf); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(buf.Len()), "bytes")
			})
		}
	}
}
