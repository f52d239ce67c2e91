package graph

import (
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/argmap"
)

// BenchmarkRerender is what the preview server does on every save: the
// map to DOT, then DOT to SVG, in one process that has rendered before.
func BenchmarkRerender(b *testing.B) {
	cases := []struct {
		name string
		m    *argmap.Map
	}{
		{"bundled-64-units", rendertest.BundledMap(b)},
		{"synthetic-500-units", rendertest.SyntheticMap(b, 500)},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			if _, err := SVG(mustDOT(b, tc.m)); err != nil { // warm the engine
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := SVG(mustDOT(b, tc.m)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDOT measures the DOT generator alone.
func BenchmarkDOT(b *testing.B) {
	m := rendertest.SyntheticMap(b, 500)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mustDOT(b, m)
	}
}

func mustDOT(t testing.TB, m *argmap.Map) []byte {
	dot, err := DOT(m, DiagramOptions{Legend: true})
	if err != nil {
		t.Fatal(err)
	}
	return dot
}
