package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/diag"
	"github.com/argmap/argmap/seeds"
	"github.com/spf13/cobra"
)

// globalOptions holds the flags every command shares.
type globalOptions struct {
	corpusDir string // --corpus
	corpus    *argmap.Corpus
	location  *corpusLocation
	// stdin is what "-" reads, and stdinName what diagnostics call it.
	stdin     io.Reader
	stdinName string
}

// corpusEnv names a corpus folder for every command, as --corpus does; the
// flag wins over it.
const corpusEnv = "ARGMAP_CORPUS"

// corpusLocation says where the corpus in use is and how it was chosen.
type corpusLocation struct {
	dir string // its folder, as given or relative to the working folder; "" for the built-in corpus
	how string // "--corpus", "ARGMAP_CORPUS", or "found" for a corpus.yaml in the working folder or above it
}

// manifest is the path of the corpus's manifest, as messages name it.
func (l *corpusLocation) manifest() string {
	if l.dir == "" {
		return "the built-in corpus"
	}
	return filepath.Join(l.dir, argmap.ManifestFile)
}

// chosen says how the corpus was chosen, for `argmap corpus`.
func (l *corpusLocation) chosen() string {
	switch l.how {
	case "found":
		return "found in the working folder or above it"
	case "":
		return "built into argmap: no corpus.yaml in the working folder or any folder above it"
	}
	return "named by " + l.how
}

// locateCorpus finds the corpus the way go finds go.mod: --corpus, else
// $ARGMAP_CORPUS, else the first corpus.yaml in the working folder or a
// folder above it, else the corpus built into argmap.
func (g *globalOptions) locateCorpus() *corpusLocation {
	if g.location != nil {
		return g.location
	}
	switch env := os.Getenv(corpusEnv); {
	case g.corpusDir != "":
		g.location = &corpusLocation{dir: g.corpusDir, how: "--corpus"}
	case env != "":
		g.location = &corpusLocation{dir: env, how: corpusEnv}
	default:
		g.location = &corpusLocation{dir: findCorpus()}
		if g.location.dir != "" {
			g.location.how = "found"
		}
	}
	return g.location
}

// findCorpus returns the nearest folder, from the working folder up, that
// holds a corpus.yaml, relative to the working folder ("." or "../.."), or
// "" when there is none.
func findCorpus() string {
	cwd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := cwd; ; {
		if info, err := os.Stat(filepath.Join(dir, argmap.ManifestFile)); err == nil && !info.IsDir() {
			if rel, err := filepath.Rel(cwd, dir); err == nil {
				return rel
			}
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// loadCorpus returns the corpus locateCorpus finds. A corpus with errors
// is an *invalidCorpusError, which run prints as diagnostics.
func (g *globalOptions) loadCorpus() (*argmap.Corpus, error) {
	if g.corpus != nil {
		return g.corpus, nil
	}
	loc := g.locateCorpus()
	var err error
	if loc.dir == "" {
		g.corpus, err = argmap.LoadCorpus(seeds.FS, argmap.EmbeddedOrigin)
	} else {
		g.corpus, err = argmap.LoadCorpusDir(loc.dir)
	}
	var invalid *argmap.CorpusError
	switch {
	case errors.As(err, &invalid):
		return nil, &invalidCorpusError{invalid, loc}
	case err != nil && loc.dir != "":
		return nil, cannotRun(fmt.Errorf("%s: %w", loc.how, err))
	case err != nil:
		return nil, cannotRun(err)
	}
	return g.corpus, nil
}

// invalidCorpusError is a corpus that cannot be used: its diagnostics are
// printed, and the command cannot run.
type invalidCorpusError struct {
	*argmap.CorpusError
	location *corpusLocation
}

func (e *invalidCorpusError) Error() string {
	how := ""
	if e.location.how == "found" {
		how = " (found in the working folder or above it; --corpus DIR names another)"
	}
	e0, _, _ := argmap.Count(e.Diagnostics)
	return fmt.Sprintf("the corpus %s%s has %s: nothing can run until they are fixed (docs/corpus.md)", e.location.manifest(), how, pluralize(e0, "error"))
}

func pluralize(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// corpusReport gathers an invalid corpus's diagnostics for the printers.
func corpusReport(e *invalidCorpusError) *diag.Report {
	return &diag.Report{Files: []*argmap.File{e.Manifest}, Diagnostics: e.Diagnostics}
}

// mapInputs reads the annotation files of a command that works on a map.
// With no file named, a corpus folder's map is DIR/annotations, and the
// built-in corpus's is ./annotations, else the map built into argmap: the
// built-in map is never checked against another corpus.
func (g *globalOptions) mapInputs(args []string) ([]argmap.Input, error) {
	loc := g.locateCorpus()
	if len(args) > 0 || loc.dir == "" {
		return readInputs(args, g.stdinInput())
	}
	dir := filepath.Join(loc.dir, defaultAnnotationsDir)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, cannotRun(fmt.Errorf("no annotation files named, and the corpus %s has no %s folder: name files or folders, or start a map with: mkdir %s && argmap init -o %s",
			loc.manifest(), dir, dir, filepath.Join(dir, "map.yaml")))
	}
	return readInputs([]string{dir}, g.stdinInput())
}

// corpusLang resolves a --lang flag against the languages the corpus
// declares: "" is its first language; also lists other accepted words
// (both).
func corpusLang(c *argmap.Corpus, flag string, also ...string) (string, error) {
	if flag == "" {
		return string(c.Languages[0]), nil
	}
	if c.HasLanguage(argmap.Lang(flag)) || slices.Contains(also, flag) {
		return flag, nil
	}
	choices := append(langList(c.Languages), also...)
	return "", usageError(fmt.Errorf("--lang %q: the corpus's languages are %s", flag, orList(choices)))
}

// corpusLanguage loads the corpus and resolves a --lang flag of a command
// that draws or writes in one language.
func (g *globalOptions) corpusLanguage(flag string) (argmap.Lang, error) {
	c, err := g.loadCorpus()
	if err != nil {
		return "", err
	}
	tag, err := corpusLang(c, flag)
	return argmap.Lang(tag), err
}

func langList(langs []argmap.Lang) []string {
	out := make([]string, len(langs))
	for i, l := range langs {
		out[i] = string(l)
	}
	return out
}

// orList writes "en, zh or both".
func orList(words []string) string { return joinWords(words, "or") }

// noteEnglishFallback says, once, which languages argmap has no strings
// for: their diagrams' and pages' own words (the key, kinds, relations)
// are in English.
func noteEnglishFallback(stderr io.Writer, langs ...argmap.Lang) {
	var missing []string
	for _, l := range langs {
		if !render.HasMessages(l) {
			missing = append(missing, l.Name())
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(stderr, "argmap: argmap has no %s strings: the diagram's and page's own words (key, kinds, relations) are in English; the letters and the map's text are not affected\n",
			orList(missing))
	}
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

The corpus (the letters, their texts and the manifest that declares them)
is the folder --corpus names, else $ARGMAP_CORPUS, else the nearest folder
holding a corpus.yaml, from the working folder up, else the corpus built
into argmap. ` + "`argmap corpus`" + ` says which is in use.

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
	root.PersistentFlags().StringVar(&g.corpusDir, "corpus", "", "load the corpus from `DIR`, a folder with corpus.yaml (default: $"+corpusEnv+", else the nearest corpus.yaml in the working folder or above it, else the built-in corpus)")
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
	var invalid *invalidCorpusError
	if errors.As(err, &invalid) {
		if err := diag.WriteText(stderr, corpusReport(invalid), diag.DiagnosticOptions{}); err == nil {
			fmt.Fprintf(stderr, "argmap: %v\n", invalid)
		}
		return exitCannotRun
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
