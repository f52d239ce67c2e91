package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/argmap/argmap/render/graph/gvcache"
	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"
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
	mu  sync.Mutex
	gvc *gvc.Context
}

// Output formats that go-graphviz renders correctly. Its PNG and JPG output
// lose edges and outlines (upstream issue #106), and an unsupported format
// leaves the context unable to render the next graph.
const (
	formatSVG  = "svg"
	formatJSON = "json"
)

// SVG lays out the DOT source with Graphviz's dot engine and returns the
// diagram as an SVG document, each relation edge titled FROM->TO.
func SVG(dot []byte) ([]byte, error) {
	var svg []byte
	err := run(dot, formatSVG, func(out []byte) error {
		svg = retitleRelations(out)
		return nil
	})
	return svg, err
}

// WriteSVG writes to w what SVG returns, in one Write, before Graphviz
// frees the layout: a process that draws one diagram and exits (argmap
// serve's worker) hands it over without waiting for the clean-up. Every
// other layout in the process waits while w is written, so w should be
// quick, as a pipe or a buffer is.
func WriteSVG(w io.Writer, dot []byte) error {
	return run(dot, formatSVG, func(out []byte) error {
		_, err := w.Write(retitleRelations(out))
		return err
	})
}

// LayoutJSON lays out the DOT source with Graphviz's dot engine and returns
// Graphviz's JSON output: every object with its position and its xdot drawing
// operations (_draw_, _ldraw_ and the arrowhead ops), in points with the
// origin at the bottom left.
func LayoutJSON(dot []byte) ([]byte, error) {
	var layout []byte
	err := run(dot, formatJSON, func(out []byte) error {
		layout = out
		return nil
	})
	return layout, err
}

// run lays the DOT source out, renders it in format and hands the output
// to use, then frees the layout.
func run(dot []byte, format string, use func(out []byte) error) (err error) {
	engine.mu.Lock()
	defer engine.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			// A panic inside go-graphviz may leave its context half-used;
			// drop it so the next call starts from a fresh one.
			resetEngine()
			err = fmt.Errorf("graphviz: internal failure: %v", r)
		}
	}()
	if engine.gvc == nil {
		c, err := gvc.New(context.Background())
		if err != nil {
			return fmt.Errorf("graphviz: creating context: %w", err)
		}
		engine.gvc = c
	}
	failed, err := renderGraph(engine.gvc, dot, format, use)
	if failed {
		resetEngine()
	}
	return err
}

// renderGraph lays out and renders the DOT source and hands the output to
// use. failed reports that Graphviz failed, which leaves its context in
// doubt; an error of use alone does not.
func renderGraph(c *gvc.Context, dot []byte, format string, use func(out []byte) error) (failed bool, err error) {
	if len(bytes.TrimSpace(dot)) == 0 {
		return false, errors.New("graphviz: empty DOT source")
	}
	ctx := context.Background()
	graph, err := graphviz.ParseBytes(dot)
	if err != nil {
		return true, fmt.Errorf("graphviz: parsing DOT: %w", err)
	}
	if graph == nil {
		return true, errors.New("graphviz: parsing DOT: no graph")
	}
	defer graph.Close()
	// As go-graphviz's Render does: the layout is freed even when laying
	// out fails part way.
	defer func() {
		if ferr := c.FreeLayout(ctx, graph); ferr != nil {
			failed = true
			if err == nil {
				err = fmt.Errorf("graphviz: freeing the layout: %w", ferr)
			}
		}
	}()
	if err := c.Layout(ctx, graph, "dot"); err != nil {
		return true, fmt.Errorf("graphviz: laying out: %w", err)
	}
	var buf bytes.Buffer
	if err := c.RenderData(ctx, graph, format, &buf); err != nil {
		return true, fmt.Errorf("graphviz: rendering %s: %w", format, err)
	}
	if buf.Len() == 0 {
		return true, fmt.Errorf("graphviz: rendering %s: empty output", format)
	}
	return false, use(buf.Bytes())
}

// resetEngine closes the shared context; the caller holds engine.mu.
func resetEngine() {
	if engine.gvc != nil {
		_ = engine.gvc.Close()
		engine.gvc = nil
	}
}
