package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/argmap/argmap/render/diag"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	paths     []string
	strict    bool
	listRules bool
	format    string
	color     string
}

func newValidateCommand(g *globalOptions) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [FILE|DIR ...]",
		Short: "Check annotation files against the letters and the annotation model",
		Long: `Check annotation files against the text of the letters and the rules of
the annotation model, and print every problem with its position.

All files given form one map. A folder stands for its *.yaml and *.yml
files (not those of its subfolders; a corpus.yaml there is the corpus
manifest, not annotations). With no argument, validate reads the corpus
folder's annotations/; with the built-in corpus, ./annotations if it
exists, else the map built into argmap. The summary line names the corpus
the map was checked against. A corpus with errors is reported in the same
format, and the exit status is 3.

--format text (the default on a terminal) prints each problem with its
source line and the passage of the letter; json prints one object
(docs/validate-json.schema.json); github prints GitHub Actions workflow
commands, which annotate a pull request; sarif prints SARIF 2.1.0 for code
scanning. auto is github when GITHUB_ACTIONS=true, else text. Every format
goes to standard output; standard error carries only errors that stop the
command.

Exit status: 0 no errors (warnings allowed unless --strict), 1 findings,
2 usage error, 3 could not run (unreadable input, broken corpus).`,
		Example: `  argmap validate
  argmap validate --strict annotations/
  argmap validate --format sarif > argmap.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return runValidate(cmd.OutOrStdout(), g, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.strict, "strict", false, "fail on warnings too")
	f.BoolVar(&opts.listRules, "list-rules", false, "list the rules, one a line: id, severity, description")
	f.StringVar(&opts.format, "format", "auto", "output `FORMAT`: text, json, github, sarif or auto")
	f.StringVar(&opts.color, "color", "auto", "colour text output: auto, always or never (auto: on a terminal, unless NO_COLOR is set)")
	return cmd
}

func runValidate(w io.Writer, g *globalOptions, opts *validateOptions) error {
	format, err := diagnosticFormat(opts.format)
	if err != nil {
		return usageError(err)
	}
	color, err := useColor(opts.color, w)
	if err != nil {
		return usageError(err)
	}
	if opts.listRules {
		if len(opts.paths) > 0 {
			return usageError(fmt.Errorf("--list-rules takes no files"))
		}
		return writeRules(w)
	}
	cwd, _ := os.Getwd()
	dopts := diag.DiagnosticOptions{Color: color, ToolVersion: toolVersion(), BaseDir: cwd}
	c, err := g.loadCorpus()
	var invalid *invalidCorpusError
	if errors.As(err, &invalid) {
		// The corpus's problems are validate's findings too, in the
		// format asked for, so that CI annotates the manifest; but
		// nothing else can be checked: exit 3.
		if err := diag.WriteDiagnostics(w, format, corpusReport(invalid), dopts); err != nil {
			return cannotRun(fmt.Errorf("writing diagnostics: %w", err))
		}
		return cannotRun(errors.New(invalid.Error())) // printed above, not again
	}
	if err != nil {
		return err
	}
	inputs, err := g.mapInputs(opts.paths)
	if err != nil {
		return err
	}
	m, ds := argmap.Validate(c, inputs)
	report := diag.NewReport(m, ds)
	report.Corpus = "built-in"
	if loc := g.locateCorpus(); loc.dir != "" {
		report.Corpus = loc.manifest()
	}
	if err := diag.WriteDiagnostics(w, format, report, dopts); err != nil {
		return cannotRun(fmt.Errorf("writing diagnostics: %w", err))
	}
	if argmap.Fails(ds, opts.strict) {
		return silentExit(exitFindings)
	}
	return nil
}

// diagnosticFormat resolves --format: auto is github inside GitHub Actions,
// where workflow commands become annotations, and text elsewhere.
func diagnosticFormat(format string) (string, error) {
	if format == "auto" {
		if os.Getenv("GITHUB_ACTIONS") == "true" {
			return "github", nil
		}
		return "text", nil
	}
	for _, f := range diag.DiagnosticFormats {
		if f == format {
			return f, nil
		}
	}
	return "", fmt.Errorf("--format %q: formats are %s, auto", format, strings.Join(diag.DiagnosticFormats, ", "))
}

// useColor resolves --color: auto colours a terminal, unless NO_COLOR is
// set to anything but "" (https://no-color.org).
func useColor(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if os.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		f, ok := w.(*os.File)
		if !ok {
			return false, nil
		}
		info, err := f.Stat()
		return err == nil && info.Mode()&os.ModeCharDevice != 0, nil
	}
	return false, fmt.Errorf("--color %q: use auto, always or never", mode)
}

func writeRules(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range argmap.AllRules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Name, r.Severity, r.Description)
	}
	return tw.Flush()
}

// toolVersion is argmap's module version, for SARIF.
func toolVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
