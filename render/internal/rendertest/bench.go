package rendertest

import (
	"fmt"
	"os"
	"strings"
	"testing"
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
