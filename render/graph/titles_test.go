package graph

import (
	"regexp"
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"
)

// relationEdgeOracle is the regular expression retitleRelations was first
// written with; the scan that replaced it must do what it did.
var relationEdgeOracle = regexp.MustCompile(`<!-- ([^\n]*?) -->\n(<g id="[^"]*" class="edge relation[^"]*">\n<title>)[^<]*(</title>)`)

func retitleByOracle(svg []byte) []byte {
	return relationEdgeOracle.ReplaceAll(svg, []byte("<!-- $1 -->\n$2$1$3"))
}

// TestRetitleRelationsDoesWhatTheRegularExpressionDid compares the scan
// with the regular expression on the bundled map's diagrams and on the
// near misses a scan can get wrong.
func TestRetitleRelationsDoesWhatTheRegularExpressionDid(t *testing.T) {
	m := rendertest.BundledMap(t)
	cases := map[string]string{
		"a backward edge":           "<!-- a&#45;&gt;b -->\n<g id=\"rel-a\" class=\"edge relation rebuts\">\n<title>b&#45;&gt;a</title>\n<path/>\n</g>\n",
		"a port":                    "<!-- a&#45;&gt;b -->\n<g id=\"rel-a\" class=\"edge relation supports\">\n<title>a:e&#45;&gt;b:e</title>\n",
		"not a relation":            "<!-- a&#45;&gt;b -->\n<g id=\"e1\" class=\"edge anchor\">\n<title>b&#45;&gt;a</title>\n",
		"no comment":                "<text>x</text>\n<g id=\"rel-a\" class=\"edge relation\">\n<title>b</title>\n",
		"an empty comment":          "<!--  -->\n<g id=\"rel-a\" class=\"edge relation\">\n<title>b</title>\n",
		"text before the comment":   "x <!-- a -->\n<g id=\"rel-a\" class=\"edge relation\">\n<title>b</title>\n",
		"two comments on a line":    "<!-- a --> <!-- b -->\n<g id=\"rel-a\" class=\"edge relation\">\n<title>c</title>\n",
		"a quote in the class":      "<!-- a -->\n<g id=\"rel-a\" class=\"edge relation\" x=\"y\">\n<title>b</title>\n",
		"a tag in the title":        "<!-- a -->\n<g id=\"rel-a\" class=\"edge relation\">\n<title>b<i/></title>\n",
		"an empty title":            "<!-- a -->\n<g id=\"rel-a\" class=\"edge relation\">\n<title></title>\n",
		"no title":                  "<!-- a -->\n<g id=\"rel-a\" class=\"edge relation\">\n<path/>\n",
		"at the end":                "<!-- a -->\n<g id=\"rel-a\" class=\"edge relation\">\n<title>b</title>",
		"cut short":                 "<!-- a -->\n<g id=\"rel-a\" class=\"edge relation\">\n<title>b",
		"a title over two lines":    "<!-- a -->\n<g id=\"rel-a\" class=\"edge relation\">\n<title>b\nc</title>\n<!-- d -->\n<g id=\"rel-d\" class=\"edge relation\">\n<title>e</title>\n",
		"a comment after the title": "<!-- a -->\n<g id=\"rel-a\" class=\"edge relation\">\n<title>b</title><!-- c -->\n<g id=\"rel-c\" class=\"edge relation\">\n<title>d</title>\n",
	}
	for _, opts := range []DiagramOptions{{}, {Lang: "zh", Legend: true}, {Dispute: "condoning"}} {
		dot, err := DOT(m, opts)
		if err != nil {
			t.Fatal(err)
		}
		var svg []byte
		if err := run(dot, formatSVG, func(out []byte) error { svg = out; return nil }); err != nil {
			t.Fatal(err)
		}
		cases["the bundled map "+string(opts.Lang)+opts.Dispute] = string(svg)
	}
	for name, svg := range cases {
		t.Run(name, func(t *testing.T) {
			if got, want := string(retitleRelations([]byte(svg))), string(retitleByOracle([]byte(svg))); got != want {
				t.Errorf("retitleRelations gives\n%.2000s\nthe regular expression\n%.2000s", got, want)
			}
		})
	}
}

// FuzzRetitleRelations holds the scan to the regular expression on any
// input.
func FuzzRetitleRelations(f *testing.F) {
	f.Add([]byte("<!-- a&#45;&gt;b -->\n<g id=\"rel-a\" class=\"edge relation rebuts\">\n<title>b&#45;&gt;a</title>\n"))
	f.Add([]byte("<!-- a --> <!-- b -->\n<g id=\"r\" class=\"edge relation\">\n<title>c</title>\n"))
	f.Fuzz(func(t *testing.T, svg []byte) {
		if got, want := retitleRelations(svg), retitleByOracle(svg); string(got) != string(want) {
			t.Errorf("retitleRelations(%q) = %q, the regular expression gives %q", svg, got, want)
		}
	})
}
