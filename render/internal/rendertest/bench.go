package rendertest

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
)

// BenchGraph is a DOT graph that benchmarks lay out.
type BenchGraph struct {
	Name string
	DOT  []byte
}

// BenchGraphs are a real map of 27 nodes and a generated one of 300.
func BenchGraphs(b *testing.B) []BenchGraph {
	dot, err := os.ReadFile(Testdata("engine/argument.dot"))
	if err != nil {
		b.Fatal(err)
	}
	return []BenchGraph{{"27nodes", dot}, {"300nodes", GeneratedDOT(300)}}
}

// GeneratedDOT returns an argument-map-like graph of n nodes in two
// clusters, each node answering one of the few nodes before it.
func GeneratedDOT(n int) []byte {
	var b strings.Builder
	b.WriteString("digraph g {\n\tnode [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f5\", fontname=\"Helvetica\"];\n")
	for c := range 2 {
		fmt.Fprintf(&b, "\tsubgraph cluster_%d { label=\"Letter %c\"; style=filled; fillcolor=\"#eef3fb\";\n", c, 'A'+c)
		for i := c; i < n; i += 2 {
			fmt.Fprintf(&b, "\t\tn%d [label=\"claim %d\\nin paragraph %d\"];\n", i, i, i%7+1)
		}
		b.WriteString("\t}\n")
	}
	styles := []string{"solid", "dashed", "bold", "dotted"}
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "\tn%d -> n%d [style=%s, label=\"r%d\"];\n", i, max(0, i-1-i%9*3), styles[i%4], i)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// SyntheticMap builds a map of n units over the bundled corpus: Clark's
// units support one another, and each of Kim and Peng's rebuts one of
// Clark's, so the diagram has the shape of the real one at any size. Quotes
// are distinct six-word windows of the English text; only English is
// quoted, which the validator reports as a warning, not an error.
func SyntheticMap(t testing.TB, n int) *argmap.Map {
	t.Helper()
	c := EmbeddedCorpus(t)
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
