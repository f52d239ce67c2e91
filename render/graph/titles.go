package graph

import (
	"bytes"
	"regexp"
)

// A relation edge's title in SVG is "FROM->TO": the unit that makes the
// move, then the unit it answers or supports. Graphviz titles an edge with
// its tail and head instead, and their ports: an edge drawn backwards
// (dir=back, to keep the columns in date order) reads TO->FROM, and a
// support routed beside its column reads "a:e->b:e". So DOT gives each
// relation edge its title as its comment, which Graphviz writes just before
// the edge's group, and retitleRelations puts it in the title.

// relationTitle is the comment that carries a relation edge's title.
func relationTitle(from, to string) string { return from + "->" + to }

var relationEdge = regexp.MustCompile(`<!-- ([^\n]*?) -->\n(<g id="[^"]*" class="edge relation[^"]*">\n<title>)[^<]*(</title>)`)

// retitleRelations gives every relation edge of an SVG document that
// Graphviz wrote the title its comment holds. Graphviz escaped the comment
// as it escapes a title, so the text moves as it is.
func retitleRelations(svg []byte) []byte {
	if !bytes.Contains(svg, []byte(`class="edge relation`)) {
		return svg
	}
	return relationEdge.ReplaceAll(svg, []byte("<!-- $1 -->\n$2$1$3"))
}
