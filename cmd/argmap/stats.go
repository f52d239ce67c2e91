package main

import (
	"github.com/argmap/argmap/render/report"
	"github.com/spf13/cobra"
)

func newStatsCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "stats [FILE|DIR ...]",
		Short: "Count units, relations and the share of text covered, per paragraph",
		Long: `Print, for every body paragraph of every document with text, the units
anchored there by kind, the relations they make by type, and the share of
the paragraph the quotes cover in each language (the union of the quotes'
code-point ranges over the paragraph's length), then the totals.

Files and folders are read as validate reads them, ./annotations or the
built-in map by default; a map with errors is refused (exit status 1).`,
		Example: "  argmap stats\n  argmap stats student.yaml",
		RunE: func(cmd *cobra.Command, args []string) error {
			m, _, err := loadValidMap(cmd.ErrOrStderr(), g, args)
			if err != nil {
				return err
			}
			return report.WriteStats(cmd.OutOrStdout(), m)
		},
	}
	g.addStdinFlag(cmd)
	cmd.ValidArgsFunction = completeAnnotationFiles
	return cmd
}
