package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/argmap/argmap/render/reader"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

type htmlOptions struct {
	paths  []string
	output string
	lang   string
}

func newHTMLCommand(g *globalOptions) *cobra.Command {
	opts := &htmlOptions{}
	cmd := &cobra.Command{
		Use:   "html [FILE|DIR ...]",
		Short: "Write the bilingual reader: the letters beside the map, in one HTML file",
		Long: `Write the bilingual reader: one self-contained HTML page with each letter
beside the reply to it, paragraph by paragraph, in English, Chinese or both;
every annotated passage highlighted by kind; the diagram in each language;
and a list of the units with their relations. Clicking a node finds its
passage, clicking a passage finds its node. The page loads nothing from the
network: it works from a file, offline, on a projector, and in print.

Files and folders are read as validate reads them, ./annotations or the
built-in map by default. A map with errors is refused: its diagnostics go to
standard error and the exit status is 1. A valid map's warnings are shown
at the top of the page. -o writes the file atomically;
-o - writes to standard output.`,
		Example: `  argmap html -o reader.html
  argmap html --lang both annotations/ -o seminar.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return runHTML(cmd.OutOrStdout(), cmd.ErrOrStderr(), g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write to `FILE` (- for standard output)")
	cmd.Flags().StringVar(&opts.lang, "lang", "", "language the page opens in: any language of the corpus, or both (default: its first)")
	return cmd
}

func runHTML(stdout, stderr io.Writer, g *globalOptions, opts *htmlOptions) error {
	if opts.output == "" {
		return usageError(fmt.Errorf("html needs -o FILE (or -o - for standard output)"))
	}
	c, err := g.loadCorpus()
	if err != nil {
		return err
	}
	if opts.lang, err = corpusLang(c, opts.lang, "both"); err != nil {
		return err
	}
	m, ds, err := loadValidMap(stderr, g, opts.paths)
	if err != nil {
		return err
	}
	noteEnglishFallback(stderr, c.Languages...)
	// The page shows the map's warnings, as argmap serve does, but not its
	// infos: a handout need not say which documents the map leaves out.
	var warnings []argmap.Diagnostic
	for _, d := range ds {
		if d.Severity == argmap.SeverityWarning {
			warnings = append(warnings, d)
		}
	}
	var buf bytes.Buffer
	if err := reader.Reader(&buf, m, reader.ReaderOptions{Lang: opts.lang, Diagnostics: warnings, Files: m.Files}); err != nil {
		return cannotRun(fmt.Errorf("writing the reader: %w", err))
	}
	return writeOutput(stdout, opts.output, buf.Bytes())
}
