package reader

import (
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render/graph"
	"github.com/argmap/argmap/render/internal/rendertest"
)

// rememberedSVG lays out each distinct DOT once, as argmap serve does
// between saves: what is left is the cost of building the page.
func rememberedSVG() func([]byte) ([]byte, error) {
	var mu sync.Mutex
	seen := map[string][]byte{}
	return func(dot []byte) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		if svg, ok := seen[string(dot)]; ok {
			return svg, nil
		}
		svg, err := graph.SVG(dot)
		if err == nil {
			seen[string(dot)] = svg
		}
		return svg, err
	}
}

// BenchmarkReader measures argmap html's page: on the bundled map with
// every diagram laid out (the whole map and each dispute, in each
// language), and with layouts remembered (argmap serve after a save that
// changes no diagram), on the bundled map and on synthetic maps of n and
// 4n units.
func BenchmarkReader(b *testing.B) {
	bundled := rendertest.BundledMap(b)
	b.Run("bundled/laid-out", func(b *testing.B) {
		for b.Loop() {
			if err := Reader(io.Discard, bundled, ReaderOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, tc := range []struct {
		name string
		m    *argmap.Map
	}{
		{"bundled", bundled},
		{"synthetic-100-units", rendertest.SyntheticMap(b, 100)},
		{"synthetic-400-units", rendertest.SyntheticMap(b, 400)},
	} {
		b.Run(fmt.Sprintf("%s/layouts-remembered", tc.name), func(b *testing.B) {
			opts := ReaderOptions{SVG: rememberedSVG()}
			if err := Reader(io.Discard, tc.m, opts); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := Reader(io.Discard, tc.m, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
