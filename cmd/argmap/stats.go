package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

func newStatsCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
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
			m, err := loadValidMap(cmd.ErrOrStderr(), g, args)
			if err != nil {
				return err
			}
			return writeStats(cmd.OutOrStdout(), m)
		},
	}
}

func writeStats(w io.Writer, m *argmap.Map) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"paragraph"}
	for _, k := range argmap.Kinds {
		head = append(head, string(k))
	}
	for _, t := range argmap.RelationTypes {
		head = append(head, string(t))
	}
	for _, lang := range m.Corpus.Languages {
		head = append(head, string(lang))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	units, relations := map[argmap.Kind]int{}, map[argmap.RelationType]int{}
	for _, s := range argmap.Stats(m) {
		row := []string{s.Paragraph.Ref()}
		for _, k := range argmap.Kinds {
			row = append(row, fmt.Sprint(s.Units[k]))
			units[k] += s.Units[k]
		}
		for _, t := range argmap.RelationTypes {
			row = append(row, fmt.Sprint(s.Relations[t]))
			relations[t] += s.Relations[t]
		}
		for _, lang := range m.Corpus.Languages {
			row = append(row, fmt.Sprintf("%.1f%%", 100*s.Coverage[lang]))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	row := []string{"total"}
	for _, k := range argmap.Kinds {
		row = append(row, fmt.Sprint(units[k]))
	}
	for _, t := range argmap.RelationTypes {
		row = append(row, fmt.Sprint(relations[t]))
	}
	fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	return tw.Flush()
}
