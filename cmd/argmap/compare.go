package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/argmap/argmap/render/report"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	key, other string
	format     string
}

func newCompareCommand(g *globalOptions) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare KEY OTHER",
		Short: "Measure how far a second map agrees with a key",
		Long: `Compare a map (OTHER, such as a student's) with a key (KEY, such as the
instructor's): match units by their spans (same paragraph, overlapping
quotes, best match first), then report the agreement on unit kinds
(Cohen's kappa), precision, recall and F1 of the relations (a relation
matches when both ends match and the types agree), and every disagreement
with its passage. KEY and OTHER are annotation files or folders; both must
validate without errors. The method is in docs/interchange.md.

--format text (the default) or json. Exit status: 0 compared, 1 a map has
errors, 2 usage error, 3 could not run.`,
		Example: "  argmap compare key.yaml student.yaml\n  argmap compare --format json key/ student/",
		Args:    exactArgs("KEY", "OTHER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.key, opts.other = args[0], args[1]
			return runCompare(cmd.OutOrStdout(), cmd.ErrOrStderr(), g, opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output `FORMAT`: text or json")
	cmd.ValidArgsFunction = completeAnnotationFiles
	completeFlag(cmd, "format", completeWords("text", "json"))
	g.addStdinFlag(cmd)
	return cmd
}

func runCompare(stdout, stderr io.Writer, g *globalOptions, opts *compareOptions) error {
	if opts.format != "text" && opts.format != "json" {
		return usageError(fmt.Errorf("--format %q: compare writes text or json", opts.format))
	}
	if opts.key == argmap.StdinArg && opts.other == argmap.StdinArg {
		return usageError(errors.New("compare reads standard input (-) once: give it as KEY or as OTHER, not both"))
	}
	key, _, err := loadValidMap(stderr, g, []string{opts.key})
	if err != nil {
		return err
	}
	other, _, err := loadValidMap(stderr, g, []string{opts.other})
	if err != nil {
		return err
	}
	c := argmap.Compare(key, other)
	keyName, otherName := g.inputName(opts.key), g.inputName(opts.other)
	if opts.format == "json" {
		return report.WriteComparisonJSON(stdout, c, keyName, otherName)
	}
	return report.WriteComparisonText(stdout, c, keyName, otherName)
}
