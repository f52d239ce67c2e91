package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

// fmtOptions holds the flags of argmap fmt.
type fmtOptions struct {
	write bool
	check bool
	args  []string
}

func newFmtCommand() *cobra.Command {
	o := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt [-w] [--check] [FILE|DIR ...]",
		Short: "Rewrite annotation files in canonical form",
		Long: `Rewrite annotation files in canonical form: keys in the order the format
documents (unknown keys last, in their order), two-space indentation and a
blank line between units. Comments and the quoting of each value are kept.

Without -w the formatted file is printed (one file only); -w replaces each
file atomically; --check writes nothing, lists the files that would change
and exits 1 if there are any. Files and folders are read as validate reads
them, ./annotations by default; the built-in map is not formatted. A file
that does not parse is left alone and reported (exit status 1).`,
		Example: "  argmap fmt -w annotations\n  argmap fmt --check\n  argmap fmt student.yaml",
		RunE: func(cmd *cobra.Command, args []string) error {
			o.args = args
			return runFmt(o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().BoolVarP(&o.write, "write", "w", false, "write the result to each file instead of printing it")
	cmd.Flags().BoolVar(&o.check, "check", false, "write nothing; list the files that are not formatted and exit 1 if any")
	return cmd
}

func runFmt(o *fmtOptions, stdout, stderr io.Writer) error {
	if o.write && o.check {
		return usageError(errors.New("fmt: -w and --check exclude each other"))
	}
	if len(o.args) == 0 {
		if info, err := os.Stat(defaultAnnotationsDir); err != nil || !info.IsDir() {
			return usageError(errors.New("fmt: name the files to format; there is no ./annotations folder"))
		}
	}
	inputs, err := readInputs(o.args, argmap.Stdin{})
	if err != nil {
		return err
	}
	if !o.write && !o.check && len(inputs) != 1 {
		return usageError(fmt.Errorf("fmt: printing needs exactly one file, not %d; use -w or --check", len(inputs)))
	}
	failed, changed := false, false
	for _, in := range inputs {
		out, err := argmap.Format(in.Data)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", in.Path, err)
			failed = true
			continue
		}
		switch {
		case o.check:
			if !bytes.Equal(out, in.Data) {
				fmt.Fprintln(stdout, in.Path)
				changed = true
			}
		case o.write:
			if bytes.Equal(out, in.Data) {
				continue
			}
			if err := argmap.WriteFileAtomic(in.Path, out); err != nil {
				return cannotRun(fmt.Errorf("writing %s: %w", in.Path, err))
			}
		default:
			if _, err := stdout.Write(out); err != nil {
				return cannotRun(fmt.Errorf("writing output: %w", err))
			}
		}
	}
	if failed || changed {
		return silentExit(exitFindings)
	}
	return nil
}
