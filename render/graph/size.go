package graph

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A diagram fits a 1920×1080 screen at its natural size (96 px to the inch,
// 72 pt) when it is at most ScreenWidth by ScreenHeight points; its labels
// are 12 pt, so they read at 16 px.
const (
	ScreenWidth  = 1440.0
	ScreenHeight = 810.0
)

// Size returns the width and height, in points, of an SVG document that
// Graphviz wrote.
func Size(svg []byte) (width, height float64, err error) {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return 0, 0, fmt.Errorf("svg: no <svg> element")
		}
		if err != nil {
			return 0, 0, fmt.Errorf("svg: %w", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "svg" {
			continue
		}
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				width, err = points(a.Value)
			case "height":
				height, err = points(a.Value)
			}
			if err != nil {
				return 0, 0, err
			}
		}
		return width, height, nil
	}
}

func points(v string) (float64, error) {
	n, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSuffix(v, "pt"), "px"), 64)
	if err != nil {
		return 0, fmt.Errorf("svg: size %q is not a number of points", v)
	}
	return n, nil
}
