package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/argmap/argmap/render/graph"
	"github.com/argmap/argmap/render/graph/png"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

type renderOptions struct {
	output   string
	format   string
	lang     string
	quotes   bool
	legend   bool
	focus    string
	depth    int
	doc      string
	dpi      float64
	fontFile string
}

func newRenderCommand(g *globalOptions) *cobra.Command {
	opts := &renderOptions{}
	cmd := &cobra.Command{
		Use:   "render [FILE|DIR ...] -o FILE",
		Short: "Draw the argument map as a Graphviz diagram: DOT, SVG or PNG",
		Long: `Draw the argument map: one column per letter in date order, units in
paragraph order, shape and colour by kind, line style by relation.

The format comes from the extension of -o (.dot, .svg, .png) or --format;
-o - writes to stdout (DOT unless --format says otherwise). With no files,
the map is read from ./annotations, else the map built into argmap.
Invalid annotations are refused with the validator's diagnostics (exit 1).
PNG needs a font with Chinese glyphs for --lang zh: without one, exit 3 and
a message saying what to install.`,
		Example: `  argmap render -o armistice.svg
  argmap render --lang zh --legend -o armistice-zh.png --dpi 192
  argmap render --focus kp-comparison-inappropriate --depth 2 -o focus.svg`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRender(cmd.OutOrStdout(), cmd.ErrOrStderr(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "write the diagram to `FILE` (- for stdout)")
	f.StringVar(&opts.format, "format", "", "dot, svg or png (default: from the -o extension)")
	f.StringVar(&opts.lang, "lang", "en", "language of labels and titles: en or zh")
	f.BoolVar(&opts.quotes, "quotes", false, "label units with their quotes instead of their summaries")
	f.BoolVar(&opts.legend, "legend", false, "add a key to the shapes and lines")
	f.StringVar(&opts.focus, "focus", "", "draw only the neighbourhood of unit `ID`")
	f.IntVar(&opts.depth, "depth", 1, "with --focus: how many relations away to draw")
	f.StringVar(&opts.doc, "doc", "", "draw only document `ID` and what answers it")
	f.Float64Var(&opts.dpi, "dpi", png.DefaultDPI, "PNG resolution (192 or more for slides)")
	f.StringVar(&opts.fontFile, "font", "", "PNG: font `FILE` with Chinese glyphs (default: $"+png.FontEnv+", else a system CJK font)")
	return cmd
}

func runRender(stdout, stderr io.Writer, g *globalOptions, opts *renderOptions, args []string) error {
	if opts.output == "" {
		return usageError(errors.New("render: say where the diagram goes with -o FILE (or -o - for stdout)"))
	}
	format, err := diagramFormat(opts.format, opts.output)
	if err != nil {
		return usageError(err)
	}
	lang := argmap.Lang(opts.lang)
	if lang != argmap.English && lang != argmap.Chinese {
		return usageError(fmt.Errorf("--lang %q: en or zh", opts.lang))
	}
	if opts.dpi < 18 || opts.dpi > 1200 {
		return usageError(fmt.Errorf("--dpi %g: between 18 and 1200", opts.dpi))
	}
	outputs, err := outputStates(opts.output)
	if err != nil {
		return err
	}
	m, _, err := loadValidMap(stderr, g, args)
	if err != nil {
		return err
	}
	dot, err := graph.DOT(m, graph.DiagramOptions{
		Lang: lang, Quotes: opts.quotes, Legend: opts.legend,
		Focus: opts.focus, Depth: opts.depth, Doc: opts.doc,
	})
	if err != nil {
		return usageError(err)
	}
	out := dot
	switch format {
	case "svg":
		if out, err = graph.SVG(dot); err != nil {
			return cannotRun(err)
		}
	case "png":
		out, err = png.PNG(dot, png.PNGOptions{DPI: opts.dpi, FontFile: opts.fontFile})
		if err != nil {
			return cannotRun(err)
		}
	}
	return writeOutput(stdout, opts.output, out, outputs[0])
}

// diagramFormat picks the output format: --format if given, else the -o
// extension, else DOT for stdout.
func diagramFormat(flag, output string) (string, error) {
	format := strings.ToLower(flag)
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(output)), ".")
		if output == "-" || format == "gv" {
			format = "dot"
		}
	}
	switch format {
	case "dot", "svg", "png":
		return format, nil
	case "":
		return "", fmt.Errorf("cannot tell the format of %q: give it a .dot, .svg or .png extension, or --format", output)
	}
	return "", fmt.Errorf("unknown format %q: render writes dot, svg or png", format)
}
