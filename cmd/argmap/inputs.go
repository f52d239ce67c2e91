package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/argmap/argmap/render/diag"
	"github.com/spf13/cobra"

	"github.com/argmap/argmap/annotations"
	"github.com/argmap/argmap/argmap"
)

// defaultAnnotationsDir is the folder commands read when no annotation
// files are named, if the current folder has one.
const defaultAnnotationsDir = "annotations"

// readInputs reads the annotation files named on the command line, and
// standard input for "-" when the command reads it (stdin.Reader set).
// With no argument, it reads ./annotations when that folder exists, so
// that a checkout of a map's repository validates itself; else the map
// embedded in argmap, its paths shown as annotations/<name>. Unreadable
// input means the command cannot run.
func readInputs(args []string, stdin argmap.Stdin) ([]argmap.Input, error) {
	if stdin.Reader == nil && slices.Contains(args, argmap.StdinArg) {
		return nil, usageError(errors.New("this command does not read standard input (-): name the files"))
	}
	if len(args) == 0 {
		info, err := os.Stat(defaultAnnotationsDir)
		if err != nil || !info.IsDir() {
			inputs, err := argmap.FSInputs(annotations.FS, defaultAnnotationsDir+"/")
			if err != nil {
				return nil, cannotRun(fmt.Errorf("reading the embedded map: %w", err))
			}
			return inputs, nil
		}
		args = []string{defaultAnnotationsDir}
	}
	inputs, err := argmap.CollectInputs(args, stdin)
	if err != nil {
		return nil, cannotRun(err)
	}
	return inputs, nil
}

// addStdinFlag gives a command that reads annotation files
// --stdin-filename, the name diagnostics give standard input ("-").
func (g *globalOptions) addStdinFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&g.stdinName, "stdin-filename", "", "with -: the `PATH` diagnostics name standard input by (default "+argmap.StdinName+")")
}

// inputName is how messages name a command-line argument: standard input
// by the name diagnostics give it.
func (g *globalOptions) inputName(arg string) string {
	if arg != argmap.StdinArg {
		return arg
	}
	if g.stdinName != "" {
		return g.stdinName
	}
	return argmap.StdinName
}

// stdinInput is standard input as the command reads it for "-".
func (g *globalOptions) stdinInput() argmap.Stdin {
	return argmap.Stdin{Reader: g.stdin, Name: g.stdinName}
}

// loadValidMap reads and validates the annotation files of a command that
// needs a valid map, and returns it with its warnings and infos. An invalid
// map is refused: its errors go to stderr, in text, and the command ends
// with ExitFindings.
func loadValidMap(stderr io.Writer, g *globalOptions, paths []string) (*argmap.Map, []argmap.Diagnostic, error) {
	c, err := g.loadCorpus()
	if err != nil {
		return nil, nil, err
	}
	inputs, err := g.mapInputs(paths)
	if err != nil {
		return nil, nil, err
	}
	m, ds := argmap.Validate(c, inputs)
	if !argmap.Fails(ds, false) {
		return m, ds, nil
	}
	var errs []argmap.Diagnostic
	for _, d := range ds {
		if d.Severity == argmap.SeverityError {
			errs = append(errs, d)
		}
	}
	if err := diag.WriteText(stderr, diag.NewReport(m, errs), diag.DiagnosticOptions{}); err != nil {
		return nil, nil, cannotRun(err)
	}
	fmt.Fprintln(stderr, "argmap: the map has errors; fix them first (argmap validate lists every problem)")
	return nil, nil, silentExit(exitFindings)
}
