package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/argmap/argmap/render/graph"
	"github.com/argmap/argmap/render/graph/png"
	"github.com/argmap/argmap/render/report"

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
	dispute  string
	split    string
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

The whole map is drawn in bands, one per dispute (argmap disputes), so that
a reply sits level with what it answers. --dispute ID draws one dispute,
laid out to fit a 1920×1080 screen at its natural size (1440×810 pt, 12 pt
labels); a dispute too large for that is drawn, with a warning naming the
parts to split it into. --split DIR draws every dispute into DIR, one file
each in the --format given (svg by default), with an index in reading order.

The format comes from the extension of -o (.dot, .svg, .png) or --format;
-o - writes to stdout (DOT unless --format says otherwise). With no files,
the map is read from ./annotations, else the map built into argmap.
Invalid annotations are refused with the validator's diagnostics (exit 1).
--lang is any language the corpus declares; argmap's own words in the
diagram (the key, kinds, relations) are in English for a language it has
no strings for, and it says so. PNG needs a font with Chinese glyphs for
--lang zh: without one, exit 3 and a message saying what to install.`,
		Example: `  argmap render -o armistice.svg
  argmap render --lang zh --legend -o armistice-zh.png --dpi 192
  argmap render --dispute condoning --legend -o condoning.svg
  argmap render --split disputes --legend --format png
  argmap render --focus kp-comparison-inappropriate --depth 2 -o focus.svg`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRender(cmd.OutOrStdout(), cmd.ErrOrStderr(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "write the diagram to `FILE` (- for stdout)")
	f.StringVar(&opts.format, "format", "", "dot, svg or png (default: from the -o extension)")
	f.StringVar(&opts.lang, "lang", "", "language of labels and titles: any language of the corpus (default: its first, en for the built-in corpus)")
	f.BoolVar(&opts.quotes, "quotes", false, "label units with their quotes instead of their summaries")
	f.BoolVar(&opts.legend, "legend", false, "add a key to the shapes and lines")
	f.StringVar(&opts.focus, "focus", "", "draw only the neighbourhood of unit `ID`")
	f.IntVar(&opts.depth, "depth", 1, "with --focus: how many relations away to draw")
	f.StringVar(&opts.doc, "doc", "", "draw only document `ID`, what answers it and, greyed, what it answers")
	f.StringVar(&opts.dispute, "dispute", "", "draw only dispute `ID` (argmap disputes lists them), sized for a 16:9 screen")
	f.StringVar(&opts.split, "split", "", "write one diagram per dispute into folder `DIR`, with index.md and index.html in reading order")
	f.Float64Var(&opts.dpi, "dpi", png.DefaultDPI, "PNG resolution (192 or more for slides)")
	f.StringVar(&opts.fontFile, "font", "", "PNG: font `FILE` with Chinese glyphs (default: $"+fontEnv+", else a system CJK font)")
	g.addStdinFlag(cmd)
	cmd.ValidArgsFunction = completeAnnotationFiles
	completeFlag(cmd, "format", completeWords("dot", "svg", "png"))
	completeFlag(cmd, "lang", completeWords("en", "zh"))
	completeFlag(cmd, "focus", g.completeUnits)
	completeFlag(cmd, "doc", g.completeDocuments)
	completeFlag(cmd, "dispute", g.completeDisputes)
	completeFlag(cmd, "split", completeFolders)
	completeFlag(cmd, "font", cobra.FixedCompletions([]string{"ttc", "ttf", "otf"}, cobra.ShellCompDirectiveFilterFileExt))
	return cmd
}

func runRender(stdout, stderr io.Writer, g *globalOptions, opts *renderOptions, args []string) error {
	if opts.output == "" && opts.split == "" {
		return usageError(errors.New("render: say where the diagram goes with -o FILE (or -o - for stdout), or --split DIR"))
	}
	if opts.output != "" && opts.split != "" {
		return usageError(errors.New("render: -o and --split are exclusive: --split DIR writes one file per dispute"))
	}
	if opts.split != "" && (opts.dispute != "" || opts.focus != "" || opts.doc != "") {
		return usageError(errors.New("render: --split draws every dispute; it takes no --dispute, --focus or --doc"))
	}
	format, err := diagramFormat(opts.format, opts.output)
	if opts.split != "" && opts.format == "" {
		format, err = "svg", nil
	}
	if err != nil {
		return usageError(err)
	}
	if opts.dpi < 18 || opts.dpi > 1200 {
		return usageError(fmt.Errorf("--dpi %g: between 18 and 1200", opts.dpi))
	}
	lang, err := g.corpusLanguage(opts.lang)
	if err != nil {
		return err
	}
	outputs, err := outputStates(opts.output)
	if err != nil {
		return err
	}
	m, _, err := loadValidMap(stderr, g, args)
	if err != nil {
		return err
	}
	noteEnglishFallback(stderr, lang)
	diagram := graph.DiagramOptions{
		Lang: lang, Quotes: opts.quotes, Legend: opts.legend,
		Focus: opts.focus, Depth: opts.depth, Doc: opts.doc, Dispute: opts.dispute,
	}
	if opts.split != "" {
		return renderSplit(stderr, m, opts, diagram, format)
	}
	out, err := draw(stderr, m, opts, diagram, format)
	if err != nil {
		return err
	}
	return writeOutput(stdout, opts.output, out, outputs[0])
}

// draw makes one diagram in a format. A dispute's diagram is checked
// against a 16:9 screen, with a warning when it does not fit.
func draw(stderr io.Writer, m *argmap.Map, opts *renderOptions, diagram graph.DiagramOptions, format string) ([]byte, error) {
	dot, err := graph.DOT(m, diagram)
	if err != nil {
		return nil, usageError(err)
	}
	var svg []byte
	if format == "svg" || diagram.Dispute != "" {
		if svg, err = graph.SVG(dot); err != nil {
			return nil, cannotRun(err)
		}
	}
	if d := m.Dispute(diagram.Dispute); d != nil {
		if err := warnIfTooLarge(stderr, d, svg, diagram.Lang); err != nil {
			return nil, cannotRun(err)
		}
	}
	switch format {
	case "svg":
		return svg, nil
	case "png":
		out, err := png.PNG(dot, pngOptions(opts))
		if err != nil {
			var missing *png.MissingFontError
			if errors.As(err, &missing) {
				err = fmt.Errorf("%w: --font FILE or %s=FILE names one", err, fontEnv)
			}
			return nil, cannotRun(err)
		}
		return out, nil
	}
	return dot, nil
}

// fontEnv names the environment variable that points PNG rendering at a
// font file with Chinese glyphs when --font does not.
const fontEnv = "ARGMAP_FONT"

// pngOptions names the font --font gives, else the one $ARGMAP_FONT gives.
func pngOptions(opts *renderOptions) png.PNGOptions {
	o := png.PNGOptions{DPI: opts.dpi, FontFile: opts.fontFile, FontFileOrigin: "--font"}
	if o.FontFile == "" {
		o.FontFile, o.FontFileOrigin = os.Getenv(fontEnv), fontEnv
	}
	return o
}

// warnIfTooLarge says when a dispute's diagram is larger than a 1920×1080
// screen shows at its natural size, and names the parts it could be split
// into.
func warnIfTooLarge(stderr io.Writer, d *argmap.Dispute, svg []byte, lang argmap.Lang) error {
	w, h, err := graph.Size(svg)
	if err != nil {
		return err
	}
	if w <= graph.ScreenWidth && h <= graph.ScreenHeight {
		return nil
	}
	fmt.Fprintf(stderr, "argmap: warning: dispute %s is drawn %.0f×%.0f pt, larger than a 1920×1080 screen shows at its natural size (%.0f×%.0f pt)\n",
		d.ID, w, h, graph.ScreenWidth, graph.ScreenHeight)
	parts := d.Parts()
	if len(parts) < 2 {
		fmt.Fprintf(stderr, "  its answers hang together; split it by declaring two disputes, for example by paragraph: %s\n",
			strings.Join(report.ParagraphRefs(d.Paragraphs()), " "))
		return nil
	}
	fmt.Fprintf(stderr, "  split it into %d disputes, one per chain of answers:\n", len(parts))
	for _, p := range parts {
		var ids []string
		for _, u := range p.Units {
			ids = append(ids, u.ID)
		}
		fmt.Fprintf(stderr, "    roots: [%s]  units: [%s]\n", p.ID, strings.Join(ids, ", "))
	}
	return nil
}

// renderSplit draws every dispute into a folder, then writes an index of
// them in reading order as Markdown and as HTML.
func renderSplit(stderr io.Writer, m *argmap.Map, opts *renderOptions, diagram graph.DiagramOptions, format string) error {
	if err := os.MkdirAll(opts.split, 0o755); err != nil {
		return cannotRun(fmt.Errorf("--split: %w", err))
	}
	var files []string
	for _, d := range m.Disputes() {
		diagram.Dispute = d.ID
		out, err := draw(stderr, m, opts, diagram, format)
		if err != nil {
			return err
		}
		name := d.ID + "." + format
		if err := writeOutput(nil, filepath.Join(opts.split, name), out, nil); err != nil {
			return err
		}
		files = append(files, name)
	}
	var md, page bytes.Buffer
	if err := report.WriteDisputeIndexMarkdown(&md, m, diagram.Lang, files); err != nil {
		return cannotRun(err)
	}
	if err := report.WriteDisputeIndexHTML(&page, m, diagram.Lang, files); err != nil {
		return cannotRun(err)
	}
	if err := writeOutput(nil, filepath.Join(opts.split, "index.md"), md.Bytes(), nil); err != nil {
		return err
	}
	return writeOutput(nil, filepath.Join(opts.split, "index.html"), page.Bytes(), nil)
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
