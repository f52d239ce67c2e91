package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
	"github.com/spf13/cobra"
)

// globalOptions holds the flags every command shares.
type globalOptions struct {
	corpusDir string
	corpus    *argmap.Corpus
	// stdin is what "-" reads, and stdinName what diagnostics call it.
	stdin     io.Reader
	stdinName string
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
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		g.stdin = cmd.InOrStdin()
		if g.stdinName != "" && !slices.Contains(args, argmap.StdinArg) {
			return usageError(errors.New("--stdin-filename names standard input: give - among the files to read it"))
		}
		return nil
	}
	root.Version = versionLine()
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&g.corpusDir, "corpus", "", "load the corpus from `DIR` (a folder with corpus.yaml) instead of the embedded one")
	completeFlag(root, "corpus", completeFolders)
	root.SetFlagErrorFunc(flagError)
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
		newSchemaCommand(),
		newVersionCommand(),
		newSVGWorkerCommand(),
	)
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			completeShells(c)
		}
	}
	return root
}

// completeShells makes cobra's completion command refuse a shell it does
// not know, instead of printing its help and exiting 0.
func completeShells(completion *cobra.Command) {
	var shells []string
	for _, c := range completion.Commands() {
		shells = append(shells, c.Name())
	}
	completion.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usageError(fmt.Errorf("completion: unknown shell %q; shells: %s", args[0], strings.Join(shells, ", ")))
		}
		return nil
	}
	completion.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	code := exitUsage
	var e *exitError
	if errors.As(err, &e) {
		code = e.code
		err = e.err
	} else {
		// cobra's own errors, such as an unknown command.
		err = errors.New(plainCobraError(err.Error()))
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

// plainCobraError puts cobra's suggestions for a mistyped command on the
// message's line, and names the help: `unknown command "valdate" for
// "argmap"; did you mean validate? argmap --help lists the commands`.
func plainCobraError(msg string) string {
	const help = "argmap --help lists the commands"
	msg, suggestions, found := strings.Cut(strings.TrimSpace(msg), "\n\nDid you mean this?\n")
	if !found {
		return msg + "; " + help
	}
	return msg + "; did you mean " + strings.Join(strings.Fields(suggestions), " or ") + "? " + help
}
