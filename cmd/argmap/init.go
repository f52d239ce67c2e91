package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/argmap/argmap/argmap"
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
--force is given.`,
		Example: "  argmap init -o annotations/mine.yaml",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runInit(g, o, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the starter to `FILE` instead of standard output")
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func runInit(g *globalOptions, o *initOptions, stdout io.Writer) error {
	c, err := g.loadCorpus()
	if err != nil {
		return err
	}
	if o.output != "" && o.output != "-" && !o.force {
		if _, err := os.Stat(o.output); err == nil {
			return cannotRun(fmt.Errorf("%s exists; use --force to overwrite it", o.output))
		} else if !errors.Is(err, os.ErrNotExist) {
			return cannotRun(err)
		}
	}
	outputs, err := outputStates(o.output)
	if err != nil {
		return err
	}
	return writeOutput(stdout, o.output, argmap.Starter(c), outputs[0])
}
