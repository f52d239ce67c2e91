package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
	"github.com/spf13/cobra"
)

// exportFormats lists what export writes, in the order help names them.
var exportFormats = []string{"json", "aif", "argdown"}

type exportOptions struct {
	paths   []string
	format  string
	output  string
	anchors string
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
Argdown document (docs/interchange.md).

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
	return cmd
}

func runExport(stdout, stderr io.Writer, g *globalOptions, opts *exportOptions) error {
	var write func(io.Writer, *argmap.Map) error
	switch opts.format {
	case "json":
		write = render.WriteJSON
	case "aif":
		write = func(w io.Writer, m *argmap.Map) error { return render.WriteAIF(w, m, render.AIFOptions{}) }
	case "argdown":
		write = func(w io.Writer, m *argmap.Map) error { return render.WriteArgdown(w, m, render.ArgdownOptions{}) }
	default:
		return usageError(fmt.Errorf("--format %q: export writes %s", opts.format, strings.Join(exportFormats, ", ")))
	}
	m, err := loadValidMap(stderr, g, opts.paths)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, m); err != nil {
		return cannotRun(fmt.Errorf("exporting %s: %w", opts.format, err))
	}
	if opts.anchors != "" {
		var anchors bytes.Buffer
		if err := render.WriteAnchors(&anchors, m); err != nil {
			return cannotRun(fmt.Errorf("exporting anchors: %w", err))
		}
		if err := writeOutput(stdout, opts.anchors, anchors.Bytes()); err != nil {
			return err
		}
	}
	return writeOutput(stdout, opts.output, buf.Bytes())
}

// loadValidMap reads and validates the annotation files of a command that
// needs a valid map. An invalid one is refused: its diagnostics go to
// stderr, in text, and the command ends with ExitFindings.
func loadValidMap(stderr io.Writer, g *globalOptions, paths []string) (*argmap.Map, error) {
	c, err := g.loadCorpus()
	if err != nil {
		return nil, err
	}
	inputs, err := readInputs(paths)
	if err != nil {
		return nil, err
	}
	m, ds := argmap.Validate(c, inputs)
	if !argmap.Fails(ds, false) {
		return m, nil
	}
	var errs []argmap.Diagnostic
	for _, d := range ds {
		if d.Severity == argmap.SeverityError {
			errs = append(errs, d)
		}
	}
	if err := render.WriteText(stderr, render.NewReport(m, errs), render.DiagnosticOptions{}); err != nil {
		return nil, cannotRun(err)
	}
	fmt.Fprintln(stderr, "argmap: the map has errors; fix them first (argmap validate lists every problem)")
	return nil, silentExit(argmap.ExitFindings)
}

// writeOutput writes data to the file -o names, or to stdout for "-". A
// file is replaced atomically: data goes to a temporary file in the same
// folder, renamed over the target once complete, so that a reader never
// sees half a file and a failed run leaves the old one intact.
func writeOutput(stdout io.Writer, path string, data []byte) error {
	if path == "-" || path == "" {
		if _, err := stdout.Write(data); err != nil {
			return cannotRun(fmt.Errorf("writing output: %w", err))
		}
		return nil
	}
	if err := writeFileAtomic(path, data); err != nil {
		return cannotRun(err)
	}
	return nil
}

func writeFileAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
