package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render/diag"
	"github.com/spf13/cobra"
)

// fmtOptions holds the flags of argmap fmt.
type fmtOptions struct {
	write         bool
	check         bool
	diff          bool
	stdinFilename string
	args          []string
}

func newFmtCommand() *cobra.Command {
	o := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt [-w | --check] [-d] [FILE|DIR ... | -]",
		Short: "Rewrite annotation files in canonical form",
		Long: `Rewrite annotation files in canonical form: keys in the order the format
documents (unknown keys last, in their order), two-space indentation and a
blank line between units. Comments and the quoting of each value are kept.

Without -w the formatted file is printed (one file only); -w replaces each
file atomically; --check writes nothing, lists the files that would change
and exits 1 if there are any; -d (--diff) prints what would change as a
unified diff instead of the file or the list, and with --check still exits
1. Files and folders are read as validate reads them, ./annotations by
default; the built-in map is not formatted. - reads standard input and
writes the formatted file to standard output; --stdin-filename names it in
messages.

A file that does not parse is left alone and its problems are printed on
standard error, as validate prints them, with exit status 1. -w writes a
symbolic link's target and keeps the link; it refuses, with exit status 3,
a file that changed since fmt read it ("changed on disk; run again"), a
read-only file, and a file with other hard links.`,
		Example: "  argmap fmt -w annotations\n  argmap fmt --check -d\n  argmap fmt - --stdin-filename student.yaml < student.yaml",
		RunE: func(cmd *cobra.Command, args []string) error {
			o.args = args
			return runFmt(o, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().BoolVarP(&o.write, "write", "w", false, "write the result to each file instead of printing it")
	cmd.Flags().BoolVar(&o.check, "check", false, "write nothing; list the files that are not formatted and exit 1 if any")
	cmd.Flags().BoolVarP(&o.diff, "diff", "d", false, "print what would change as a unified diff")
	cmd.Flags().StringVar(&o.stdinFilename, "stdin-filename", "", "with -: the `NAME` standard input stands for, in messages")
	return cmd
}

func runFmt(o *fmtOptions, stdin io.Reader, stdout, stderr io.Writer) error {
	inputs, err := fmtInputs(o, stdin)
	if err != nil {
		return err
	}
	var problems []argmap.Diagnostic
	changed := false
	for _, in := range inputs {
		out, ds, err := argmap.Format(in)
		if err != nil {
			return cannotRun(fmt.Errorf("formatting %s: %w", in.Path, err))
		}
		if len(ds) > 0 {
			problems = append(problems, ds...)
			continue
		}
		if bytes.Equal(out, in.Data) {
			if !o.write && !o.check && !o.diff {
				if _, err := stdout.Write(out); err != nil {
					return cannotRun(fmt.Errorf("writing output: %w", err))
				}
			}
			continue
		}
		changed = true
		switch {
		case o.diff:
			if _, err := stdout.Write(unifiedDiff(in.Path+".orig", in.Data, in.Path, out)); err != nil {
				return cannotRun(fmt.Errorf("writing output: %w", err))
			}
		case o.check:
			fmt.Fprintln(stdout, in.Path)
		case !o.write:
			if _, err := stdout.Write(out); err != nil {
				return cannotRun(fmt.Errorf("writing output: %w", err))
			}
		}
		if o.write {
			if err := argmap.WriteFileAtomic(in.Path, out, argmap.ContentState(in.Data)); err != nil {
				return cannotRun(fmt.Errorf("writing %s: %w", in.Path, err))
			}
		}
	}
	if len(problems) > 0 {
		files := make([]*argmap.File, len(inputs))
		for i, in := range inputs {
			files[i] = &argmap.File{Path: in.Path, Data: in.Data}
		}
		color, _ := useColor("auto", stderr)
		if err := diag.WriteText(stderr, &diag.Report{Files: files, Diagnostics: problems}, diag.DiagnosticOptions{Color: color}); err != nil {
			return cannotRun(fmt.Errorf("writing diagnostics: %w", err))
		}
	}
	if len(problems) > 0 || (changed && o.check) {
		return silentExit(exitFindings)
	}
	return nil
}

// fmtInputs checks the flags against each other and reads the files to
// format: standard input for -, else the files and folders named, else
// ./annotations.
func fmtInputs(o *fmtOptions, stdin io.Reader) ([]argmap.Input, error) {
	if o.write && o.check {
		return nil, usageError(errors.New("fmt: -w and --check exclude each other"))
	}
	fromStdin := len(o.args) == 1 && o.args[0] == "-"
	switch {
	case !fromStdin && o.stdinFilename != "":
		return nil, usageError(errors.New("fmt: --stdin-filename names standard input: give - as the file"))
	case fromStdin && o.write:
		return nil, usageError(errors.New("fmt: -w cannot write standard input; the formatted file goes to standard output"))
	case fromStdin:
		data, err := io.ReadAll(io.LimitReader(stdin, argmap.MaxFileSize+1))
		if err != nil {
			return nil, cannotRun(fmt.Errorf("reading standard input: %w", err))
		}
		name := o.stdinFilename
		if name == "" {
			name = argmap.StdinName
		}
		return []argmap.Input{{Path: name, Data: data}}, nil
	}
	for _, a := range o.args {
		if a == "-" {
			return nil, usageError(errors.New("fmt: - (standard input) cannot be mixed with files"))
		}
	}
	if len(o.args) == 0 {
		if info, err := os.Stat(defaultAnnotationsDir); err != nil || !info.IsDir() {
			return nil, usageError(errors.New("fmt: name the files to format; there is no ./annotations folder"))
		}
	}
	inputs, err := readInputs(o.args, argmap.Stdin{})
	if err != nil {
		return nil, err
	}
	if !o.write && !o.check && !o.diff && len(inputs) != 1 {
		return nil, usageError(fmt.Errorf("fmt: printing needs exactly one file, not %d; use -w, --check or -d", len(inputs)))
	}
	return inputs, nil
}
