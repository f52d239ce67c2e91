package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/docs"
	"github.com/spf13/cobra"
)

// initOptions holds the flags of argmap init.
type initOptions struct {
	output string
	force  bool
}

func newInitCommand(g *globalOptions) *cobra.Command {
	o := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [-o FILE]",
		Short: "Print a starter annotation file for the corpus",
		Long: `Print a starter annotation file: an empty map that validates, and for
every body paragraph of every document with text a commented-out unit
anchored there, to copy into the units list and fill in.

With -o the file is written atomically; an existing file is kept unless
--force is given. The first line points editors at the format's JSON
Schema in annotations.schema.json beside the file, so that they check it
offline; -o writes that schema there too, unless the folder has one
(argmap schema prints it).`,
		Example: "  argmap init -o annotations/mine.yaml",
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runInit(g, o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the starter to `FILE` instead of standard output")
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func runInit(g *globalOptions, o *initOptions, stdout, stderr io.Writer) error {
	c, err := g.loadCorpus()
	if err != nil {
		return err
	}
	if o.output != "" && o.output != "-" && !o.force {
		if _, err := os.Stat(o.output); err == nil {
			return usageError(fmt.Errorf("%s exists; use --force to overwrite it", o.output))
		} else if !errors.Is(err, os.ErrNotExist) {
			return cannotRun(err)
		}
	}
	outputs, err := outputStates(o.output)
	if err != nil {
		return err
	}
	if err := writeOutput(stdout, o.output, argmap.Starter(c, schemaFileName), outputs[0]); err != nil {
		return err
	}
	if o.output == "" || o.output == "-" {
		return nil
	}
	return writeSchemaBeside(stderr, o.output)
}

// writeSchemaBeside writes the annotation schema beside a starter file, where
// its modeline points, unless a file of that name is there: the same schema
// is left as it is, and another is kept, with a note.
func writeSchemaBeside(stderr io.Writer, starter string) error {
	path := filepath.Join(filepath.Dir(starter), schemaFileName)
	existing, err := os.ReadFile(path)
	switch {
	case err == nil && bytes.Equal(existing, docs.AnnotationSchema):
		return nil
	case err == nil:
		fmt.Fprintf(stderr, "argmap: note: kept %s, which is not this argmap's schema; argmap schema -o %s replaces it\n", path, path)
		return nil
	case !errors.Is(err, os.ErrNotExist):
		return cannotRun(err)
	}
	absent, err := outputStates(path)
	if err != nil {
		return err
	}
	return writeOutput(nil, path, docs.AnnotationSchema, absent[0])
}
