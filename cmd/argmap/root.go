package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
	"github.com/spf13/cobra"
)

// globalOptions holds the flags every command shares.
type globalOptions struct {
	corpusDir string
	corpus    *argmap.Corpus
}

// loadCorpus returns the corpus named by --corpus, else the embedded one.
func (g *globalOptions) loadCorpus() (*argmap.Corpus, error) {
	if g.corpus != nil {
		return g.corpus, nil
	}
	var err error
	if g.corpusDir == "" {
		g.corpus, err = argmap.LoadCorpus(seeds.FS, "embedded")
	} else {
		g.corpus, err = argmap.LoadCorpusDir(g.corpusDir)
		var invalid *argmap.CorpusError
		if err != nil && !errors.As(err, &invalid) {
			err = fmt.Errorf("--corpus: %w", err)
		}
	}
	if err != nil {
		return nil, cannotRun(err)
	}
	return g.corpus, nil
}

// exitError carries the exit status a command's failure should produce.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(err error) error { return &exitError{exitUsage, err} }
func cannotRun(err error) error  { return &exitError{exitCannotRun, err} }

// silentExit ends the command with a status and no further message: the
// command has already printed what the user needs (diagnostics, a list).
func silentExit(code int) error { return &exitError{code: code} }

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "argmap",
		Short: "Map the argument of an exchange of letters",
		Long: `argmap maps the argument of an exchange of letters: YAML annotations anchor
claims, rebuttals and concessions to exact passages of each letter, in the
English translation and the Chinese original, and link them across letters.

Exit status: 0 ok, 1 findings (invalid annotations), 2 usage error,
3 could not run (unreadable input, broken corpus, missing font).`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&g.corpusDir, "corpus", "", "load the corpus from `DIR` (a folder with corpus.yaml) instead of the embedded one")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.AddCommand(
		newCorpusCommand(g),
		newShowCommand(g),
		newValidateCommand(g),
		newExportCommand(g),
		newRenderCommand(g),
		newHTMLCommand(g),
		newServeCommand(g),
		newCompareCommand(g),
		newStatsCommand(g),
		newDisputesCommand(g),
		newFmtCommand(),
		newInitCommand(g),
		newVersionCommand(),
		newSVGWorkerCommand(),
	)
	return root
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	code := exitUsage // cobra's own errors: unknown command, bad arguments
	var e *exitError
	if errors.As(err, &e) {
		code = e.code
		err = e.err
	}
	if err != nil {
		msg := err.Error()
		if !strings.HasSuffix(msg, "\n") {
			msg += "\n"
		}
		fmt.Fprint(stderr, "argmap: "+msg)
	}
	return code
}
