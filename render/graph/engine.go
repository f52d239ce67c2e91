package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/argmap/argmap/render/graph/gvcache"
	"github.com/goccy/go-graphviz"
)

// go-graphviz compiled its WebAssembly module in its own init, which ran
// before this one: gvcache can seal what it wrote to the cache and give the
// temporary directory it redirected back to the user.
func init() {
	gvcache.Finish()
}

// engine serialises every call into go-graphviz. The WebAssembly module
// behind it is a single global instance that is not safe for concurrent use:
// parallel calls panic, corrupt output or hang.
var engine struct {
	mu sync.Mutex
	gv *graphviz.Graphviz
}

// Output formats that go-graphviz renders correctly. Its PNG and JPG output
// lose edges and outlines (upstream issue #106), and an unsupported format
// leaves the context unable to render the next graph.
const (
	formatSVG  graphviz.Format = "svg"
	formatJSON graphviz.Format = "json"
)

// SVG lays out the DOT source with Graphviz's dot engine and returns the
// diagram as an SVG document, each relation edge titled FROM->TO.
func SVG(dot []byte) ([]byte, error) {
	svg, err := run(dot, formatSVG)
	if err != nil {
		return nil, err
	}
	return retitleRelations(svg), nil
}

// LayoutJSON lays out the DOT source with Graphviz's dot engine and returns
// Graphviz's JSON output: every object with its position and its xdot drawing
// operations (_draw_, _ldraw_ and the arrowhead ops), in points with the
// origin at the bottom left.
func LayoutJSON(dot []byte) ([]byte, error) {
	return run(dot, formatJSON)
}

func run(dot []byte, format graphviz.Format) (out []byte, err error) {
	engine.mu.Lock()
	defer engine.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			// A panic inside go-graphviz may leave its context half-used;
			// drop it so the next call starts from a fresh one.
			resetEngine()
			out, err = nil, fmt.Errorf("graphviz: internal failure: %v", r)
		}
	}()
	if engine.gv == nil {
		gv, err := graphviz.New(context.Background())
		if err != nil {
			return nil, fmt.Errorf("graphviz: creating context: %w", err)
		}
		engine.gv = gv
	}
	out, err = renderGraph(engine.gv, dot, format)
	if err != nil {
		resetEngine()
	}
	return out, err
}

func renderGraph(gv *graphviz.Graphviz, dot []byte, format graphviz.Format) ([]byte, error) {
	if len(bytes.TrimSpace(dot)) == 0 {
		return nil, errors.New("graphviz: empty DOT source")
	}
	graph, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("graphviz: parsing DOT: %w", err)
	}
	if graph == nil {
		return nil, errors.New("graphviz: parsing DOT: no graph")
	}
	defer graph.Close()
	var buf bytes.Buffer
	if err := gv.Render(context.Background(), graph, format, &buf); err != nil {
		return nil, fmt.Errorf("graphviz: rendering %s: %w", format, err)
	}
	if buf.Len() == 0 {
		return nil, fmt.Errorf("graphviz: rendering %s: empty output", format)
	}
	return buf.Bytes(), nil
}

// resetEngine closes the shared context; the caller holds engine.mu.
func resetEngine() {
	if engine.gv != nil {
		_ = engine.gv.Close()
		engine.gv = nil
	}
}
