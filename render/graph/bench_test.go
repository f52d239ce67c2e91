package graph

import (
	"fmt"
	"strings"
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/argmap"
)

// syntheticMap builds a map of n units over the bundled corpus: Clark's
// units support one another, and each of Kim and Peng's rebuts one of
// Clark's, so the diagram has the shape of the real one at any size. Quotes
// are distinct six-word windows of the English text; only English is
// quoted, which the validator reports as a warning, not an error.
func syntheticMap(t testing.TB, n int) *argmap.Map {
	t.Helper()
	c := rendertest.EmbeddedCorpus(t)
	var b strings.Builder
	b.WriteString("argmap: 1\ntitle: synthetic\nunits:\n")
	var clarkIDs []string
	made := 0
	for _, docID := range []string{"clark-1953-06-29", "kim-peng-1953-07-07"} {
		d := c.Document(docID)
		for _, p := range d.Body() {
			text := p.Text[argmap.English]
			words := strings.Fields(text)
			limit := n
			if docID == "clark-1953-06-29" {
				limit = n / 2 // leave half the units to the reply
			}
			for start := 0; start+6 <= len(words) && made < limit; start += 2 {
				quote := strings.Join(words[start:start+6], " ")
				if strings.Count(text, quote) != 1 || strings.ContainsAny(quote, `"\`) {
					continue
				}
				quote = strings.Trim(quote, ",.;:()")
				if strings.Count(text, quote) != 1 {
					continue
				}
				id := fmt.Sprintf("u%d", made)
				kind, rel := "claim", ""
				if docID == "clark-1953-06-29" {
					if len(clarkIDs) > 0 {
						rel = "    supports: [" + clarkIDs[len(clarkIDs)-1] + "]\n"
					}
					clarkIDs = append(clarkIDs, id)
				} else {
					kind = "rebuttal"
					rel = "    rebuts: [" + clarkIDs[(made*7)%len(clarkIDs)] + "]\n"
				}
				fmt.Fprintf(&b, "  - id: %s\n    kind: %s\n    summary: {en: %q}\n    span: {doc: %s, paragraph: %d, en: %q}\n%s",
					id, kind, "Synthetic unit "+id+" summarising a passage of the letter", docID, p.Number, quote, rel)
				made++
			}
		}
	}
	m, ds := argmap.Validate(c, []argmap.Input{{Path: "synthetic.yaml", Data: []byte(b.String())}})
	for _, d := range ds {
		if d.Severity == argmap.SeverityError {
			t.Fatalf("synthetic map: %s", d)
		}
	}
	if len(m.Units) != n {
		t.Fatalf("synthetic map has %d units, want %d", len(m.Units), n)
	}
	return m
}

// BenchmarkRerender is what the preview server does on every save: the
// map to DOT, then DOT to SVG, in one process that has rendered before.
func BenchmarkRerender(b *testing.B) {
	cases := []struct {
		name string
		m    *argmap.Map
	}{
		{"bundled-64-units", rendertest.BundledMap(b)},
		{"synthetic-500-units", syntheticMap(b, 500)},
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
	m := syntheticMap(b, 500)
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
