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
	"math"

	"github.com/argmap/argmap/render/graph"
)

// PNGOptions controls how PNG draws a diagram.
type PNGOptions struct {
	// DPI is the resolution: the diagram's points are scaled by DPI/72.
	// Zero means 96, the resolution of a screen; use 192 or more for slides
	// and print.
	DPI float64
	// FontFile names a font file with Chinese glyphs (.ttf, .otf or .ttc).
	// Empty means a CJK font found on the system.
	FontFile string
	// FontFileOrigin says where FontFile was named, such as a flag or an
	// environment variable, for the error when it cannot be loaded. Empty
	// means "font file".
	FontFileOrigin string
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
	if err := encode(&buf, img); err != nil {
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
	fonts, err := loadFonts(opts.FontFile, opts.FontFileOrigin)
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
