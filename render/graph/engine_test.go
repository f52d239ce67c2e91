package graph

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"
)

// svgNodes returns the label text of every node group in an SVG document,
// keyed by the node's name (its <title>).
func svgNodes(t *testing.T, svg []byte) map[string]string {
	t.Helper()
	type text struct {
		Value string `xml:",chardata"`
	}
	type group struct {
		Class  string  `xml:"class,attr"`
		Title  string  `xml:"title"`
		Texts  []text  `xml:"text"`
		Groups []group `xml:"g"`
	}
	var doc struct {
		Groups []group `xml:"g"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("SVG is not XML: %v\n%s", err, svg)
	}
	nodes := make(map[string]string)
	var walk func([]group)
	walk = func(gs []group) {
		for _, g := range gs {
			if g.Class == "node" {
				var lines []string
				for _, tx := range g.Texts {
					lines = append(lines, tx.Value)
				}
				nodes[g.Title] = strings.Join(lines, "\n")
			}
			walk(g.Groups)
		}
	}
	walk(doc.Groups)
	return nodes
}

func TestSVGHasANodePerDOTNodeWithItsLabel(t *testing.T) {
	dot := []byte(`digraph { node [shape=box];
		claim [label="serious event"];
		rebuttal [label="completely\ninappropriate"];
		zh [label="严重事件"];
		claim -> rebuttal; zh -> claim }`)
	svg, err := SVG(dot)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"claim":    "serious event",
		"rebuttal": "completely\ninappropriate",
		"zh":       "严重事件",
	}
	got := svgNodes(t, svg)
	if len(got) != len(want) {
		t.Errorf("SVG has %d nodes, want %d: %v", len(got), len(want), got)
	}
	for name, label := range want {
		if got[name] != label {
			t.Errorf("node %s has label %q, want %q", name, got[name], label)
		}
	}
}

func TestLayoutJSONGivesPositionsAndDrawingOps(t *testing.T) {
	out, err := LayoutJSON([]byte(`digraph { a -> b }`))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		BB      string            `json:"bb"`
		Objects []json.RawMessage `json:"objects"`
		Edges   []struct {
			Draw []json.RawMessage `json:"_draw_"`
		} `json:"edges"`
	}
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("layout is not JSON: %v", err)
	}
	if g.BB == "" || len(g.Objects) != 2 || len(g.Edges) != 1 || len(g.Edges[0].Draw) == 0 {
		t.Errorf("layout lacks a bounding box, the two nodes or the edge's drawing: %s", out)
	}
}

func TestConcurrentSVGCallsAllSucceed(t *testing.T) {
	const goroutines, renders = 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*renders)
	for i := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range renders {
				name := fmt.Sprintf("n%d_%d", i, j)
				svg, err := SVG(fmt.Appendf(nil, "digraph { %s -> other }", name))
				if err != nil {
					errs <- err
					continue
				}
				if !strings.Contains(string(svg), "<title>"+name+"</title>") {
					errs <- fmt.Errorf("render of %s returned another graph", name)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestInvalidDOTIsAnErrorAndTheNextRenderWorks(t *testing.T) {
	for _, tc := range []struct{ name, dot string }{
		{"empty input", ""},
		{"unclosed graph", "digraph { a -> b"},
		{"not DOT at all", "this is not a graph"},
		{"dangling edge", "digraph { a -> }"},
		{"binary garbage", "\x00\xff\xfe digraph \x01"},
		{"unterminated string", `digraph { a [label="open] }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := SVG([]byte(tc.dot)); err == nil {
				t.Errorf("SVG(%q) succeeded, want an error", tc.dot)
			}
			svg, err := SVG([]byte(`digraph { after -> error }`))
			if err != nil {
				t.Fatalf("render after the invalid input failed: %v", err)
			}
			if nodes := svgNodes(t, svg); len(nodes) != 2 {
				t.Errorf("render after the invalid input has nodes %v, want after and error", nodes)
			}
		})
	}
}

// TestMemoryStaysBoundedOverManyRenders guards against leaking whole graphs
// or layouts. go-graphviz's bindings copy every string into WebAssembly
// memory and never free it, so each render keeps somewhat less than twice
// the size of its DOT input and its output (about 52 KB for this graph);
// leaving the graph open raises that to about 81 KB and fails the test.
func TestMemoryStaysBoundedOverManyRenders(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 300 graphs")
	}
	dot, err := os.ReadFile(rendertest.Testdata("engine/argument.dot"))
	if err != nil {
		t.Fatal(err)
	}
	svg, err := SVG(dot) // warm up
	if err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	const renders = 300
	before := heap()
	for range renders {
		if _, err := SVG(dot); err != nil {
			t.Fatal(err)
		}
	}
	growth := int64(heap()) - int64(before)
	// The WebAssembly memory grows in steps of a quarter of its size,
	// which the 1 MiB of slack absorbs.
	perRender := int64(len(dot) + len(svg))
	limit := renders*perRender*5/2 + 1<<20
	t.Logf("heap grew %d KiB over %d renders (%d B per render; DOT+SVG is %d B)", growth>>10, renders, growth/renders, perRender)
	if growth > limit {
		t.Errorf("heap grew %d KiB over %d renders, want at most %d KiB", growth>>10, renders, limit>>10)
	}
}

func BenchmarkSVG(b *testing.B) {
	for _, bc := range rendertest.BenchGraphs(b) {
		b.Run(bc.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := SVG(bc.DOT); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
