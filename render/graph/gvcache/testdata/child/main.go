// Command child is a minimal argmap for gvcache's tests: it starts like
// argmap, with go-graphviz initialised before main, renders a small graph
// and reports which cache directory go-graphviz used.
package main

import (
	"fmt"
	"os"

	"github.com/argmap/argmap/render/graph"
	"github.com/argmap/argmap/render/graph/gvcache"
)

func main() {
	svg, err := graph.SVG([]byte(`digraph { claim -> rebuttal }`))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("dir=%s\ntmpdir=%s\n", gvcache.Dir(), os.Getenv("TMPDIR"))
	os.Stdout.Write(svg)
}
