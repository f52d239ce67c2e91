package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/argmap/argmap/render/export"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

// exportFormats lists what export writes, in the order help names them.
var exportFormats = []string{"json", "aif", "argdown"}

type exportOptions struct {
	paths   []string
	format  string
	output  string
	anchors string
	lang    string
}

func newExportCommand(g *globalOptions) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [FILE|DIR ...]",
		Short: "Write the map in a format other tools read",
		Long: `Write the map in a format other tools read. --format json writes the
documents, units (with their quotes located in code points) and relations,
as docs/export-json.schema.json describes. --format aif writes AIF JSON in
AIFdb's shape, which OVA3 loads, and --anchors FILE writes the units'
anchors beside it as W3C Web Annotations; --format argdown writes an
Argdown document (docs/interchange.md). --lang picks the language of the
AIF and Argdown texts, any language of the corpus (default: its first);
JSON holds every language.

Files and folders are read as validate reads them, ./annotations or the
built-in map by default. A map with errors is refused: its diagnostics go to
standard error and the exit status is 1. -o writes a file atomically (the
file is whole or untouched); without -o, or with -o -, the output goes to
standard output.`,
		Example: "  argmap export --format json -o map.json",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return runExport(cmd.OutOrStdout(), cmd.ErrOrStderr(), g, opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "json", "output `FORMAT`: json, aif or argdown")
	cmd.Flags().StringVar(&opts.anchors, "anchors", "", "also write the units' anchors to `FILE` as W3C Web Annotations (docs/interchange.md)")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "-", "write to `FILE` instead of standard output")
	cmd.Flags().StringVar(&opts.lang, "lang", "", "language of AIF and Argdown texts: any language of the corpus (default: its first)")
	cmd.ValidArgsFunction = completeAnnotationFiles
	completeFlag(cmd, "format", completeWords(exportFormats...))
	completeFlag(cmd, "lang", g.completeLanguages())
	g.addStdinFlag(cmd)
	return cmd
}

func runExport(stdout, stderr io.Writer, g *globalOptions, opts *exportOptions) error {
	if !slices.Contains(exportFormats, opts.format) {
		return usageError(fmt.Errorf("--format %q: export writes %s", opts.format, strings.Join(exportFormats, ", ")))
	}
	if opts.format == "json" && opts.lang != "" {
		return usageError(fmt.Errorf("--lang: JSON holds every language of the corpus; --lang picks the language of aif and argdown"))
	}
	lang, err := g.corpusLanguage(opts.lang)
	if err != nil {
		return err
	}
	write := export.WriteJSON
	switch opts.format {
	case "aif":
		write = func(w io.Writer, m *argmap.Map) error { return export.WriteAIF(w, m, export.AIFOptions{Lang: lang}) }
	case "argdown":
		write = func(w io.Writer, m *argmap.Map) error {
			return export.WriteArgdown(w, m, export.ArgdownOptions{Lang: lang})
		}
	}
	outputs, err := outputStates(opts.output, opts.anchors)
	if err != nil {
		return err
	}
	m, _, err := loadValidMap(stderr, g, opts.paths)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, m); err != nil {
		return cannotRun(fmt.Errorf("exporting %s: %w", opts.format, err))
	}
	if opts.anchors != "" {
		var anchors bytes.Buffer
		if err := export.WriteAnchors(&anchors, m); err != nil {
			return cannotRun(fmt.Errorf("exporting anchors: %w", err))
		}
		if err := writeOutput(stdout, opts.anchors, anchors.Bytes(), outputs[1]); err != nil {
			return err
		}
	}
	return writeOutput(stdout, opts.output, buf.Bytes(), outputs[0])
}

// outputStates notes what the files -o (and the like) name are when the
// command starts, so that writeOutput refuses to replace one that someone
// else wrote in the meantime. Standard output ("-" or "") has no state.
func outputStates(paths ...string) ([]*argmap.FileState, error) {
	states := make([]*argmap.FileState, len(paths))
	for i, path := range paths {
		if path == "-" || path == "" {
			continue
		}
		s, err := argmap.StateOf(path)
		if err != nil {
			return nil, cannotRun(fmt.Errorf("writing %s: %w", path, err))
		}
		states[i] = s
	}
	return states, nil
}

// writeOutput writes data to the file -o names, or to stdout for "-". A
// file is replaced atomically (argmap.WriteFileAtomic): data goes to a
// temporary file in the same folder, renamed over the target once
// complete, so that a reader never sees half a file and a failed run
// leaves the old one intact. A symbolic link is written through; a file
// that changed since the command started (start), a read-only file and a
// file with other hard links are refused.
func writeOutput(stdout io.Writer, path string, data []byte, start *argmap.FileState) error {
	if path == "-" || path == "" {
		if _, err := stdout.Write(data); err != nil {
			return cannotRun(fmt.Errorf("writing output: %w", err))
		}
		return nil
	}
	if err := argmap.WriteFileAtomic(path, data, start); err != nil {
		return cannotRun(fmt.Errorf("writing %s: %w", path, err))
	}
	return nil
}
