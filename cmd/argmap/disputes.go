package main

import (
	"fmt"
	"io"

	"github.com/argmap/argmap/render/report"
	"github.com/spf13/cobra"
)

type disputesOptions struct {
	format string
	lang   string
}

func newDisputesCommand(g *globalOptions) *cobra.Command {
	opts := &disputesOptions{}
	cmd := &cobra.Command{
		Use:   "disputes [FILE|DIR ...]",
		Short: "List the disputes of the map: the contested points, in reading order",
		Long: `List the map's disputes, one a line beginning with its id: the title, the
parties, the paragraphs involved (as argmap show takes them), and the number
of units and relations. A dispute is one contested point: a proposition, the
other side's answers to it down the letters, and the support each side
brings. Annotation files may declare them (disputes:); otherwise argmap
derives them from the relations (docs/annotations.md, "Disputes").

Each id works with render --dispute ID and html --dispute ID.
Files and folders are read as validate reads them; a map with errors is
refused (exit status 1).`,
		Example: "  argmap disputes\n  argmap disputes --lang zh\n  argmap disputes --format json",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDisputes(cmd.OutOrStdout(), cmd.ErrOrStderr(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "text", "text or json")
	f.StringVar(&opts.lang, "lang", "", "language of the titles: any language of the corpus (default: its first)")
	g.addStdinFlag(cmd)
	cmd.ValidArgsFunction = completeAnnotationFiles
	completeFlag(cmd, "format", completeWords("text", "json"))
	completeFlag(cmd, "lang", g.completeLanguages())
	return cmd
}

func runDisputes(stdout, stderr io.Writer, g *globalOptions, opts *disputesOptions, args []string) error {
	if opts.format != "text" && opts.format != "json" {
		return usageError(fmt.Errorf("--format %q: text or json", opts.format))
	}
	lang, err := g.corpusLanguage(opts.lang)
	if err != nil {
		return err
	}
	m, _, err := loadValidMap(stderr, g, args)
	if err != nil {
		return err
	}
	if opts.format == "json" {
		return report.WriteDisputesJSON(stdout, m)
	}
	return report.WriteDisputes(stdout, m, lang)
}
