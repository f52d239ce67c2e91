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
		Long: `List the documents of the corpus, one a line, in manifest order: id, date,
party, speaker, the document it replies to (replies-to:ID, or - for none),
and the number of body paragraphs in each language (en:7; "-" for a
document whose text the corpus lacks).`,
		Args: exactArgs(),
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
	for _, d := range c.Documents {
		replies := "-"
		if d.RepliesTo != nil {
			replies = d.RepliesTo.ID
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\treplies-to:%s", d.ID, d.Date, d.Party.ID, d.Speaker.Name, replies)
		for _, lang := range c.Languages {
			count := "-"
			if d.HasText() {
				count = fmt.Sprint(d.BodyCount())
			}
			fmt.Fprintf(tw, "\t%s:%s", lang, count)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
