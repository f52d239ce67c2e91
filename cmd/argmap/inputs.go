package main

import (
	"fmt"
	"os"

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
