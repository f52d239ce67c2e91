package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

func newCorpusCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "corpus",
		Short: "List the documents of the corpus",
		Long: `List the documents of the corpus, one a line: id, date, party, speaker,
the document it replies to, and the number of body paragraphs in each
language ("-" for a document whose text the corpus lacks).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadCorpus()
			if err != nil {
				return err
			}
			return writeCorpus(cmd.OutOrStdout(), c)
		},
	}
}

func writeCorpus(w io.Writer, c *argmap.Corpus) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "ID\tDATE\tPARTY\tSPEAKER\tREPLIES-TO")
	for _, lang := range c.Languages {
		fmt.Fprintf(tw, "\t%s", lang)
	}
	fmt.Fprintln(tw)
	for _, d := range c.Documents {
		replies := "-"
		if d.RepliesTo != nil {
			replies = d.RepliesTo.ID
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s", d.ID, d.Date, d.Party.ID, d.Speaker.Name, replies)
		for range c.Languages {
			if d.HasText() {
				fmt.Fprintf(tw, "\t%d", d.BodyCount())
			} else {
				fmt.Fprint(tw, "\t-")
			}
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
