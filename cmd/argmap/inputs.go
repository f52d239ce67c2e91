package main

import (
	"fmt"
	"io"
	"os"

	"github.com/argmap/argmap/render/diag"

	"github.com/argmap/argmap/annotations"
	"github.com/argmap/argmap/argmap"
)

// defaultAnnotationsDir is the folder commands read when no annotation
// files are named, if the current folder has one.
const defaultAnnotationsDir = "annotations"

// readInputs reads the annotation files named on the command line. With
// none, it reads ./annotations when that folder exists, so that a checkout
// of a map's repository validates itself; else the map embedded in argmap,
// its paths shown as annotations/<name>. Unreadable input means the command
// cannot run.
func readInputs(args []string) ([]argmap.Input, error) {
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
	inputs, err := argmap.CollectInputs(args)
	if err != nil {
		return nil, cannotRun(err)
	}
	return inputs, nil
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
