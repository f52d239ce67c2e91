package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

type showOptions struct {
	ref  string
	lang string
}

func newShowCommand(g *globalOptions) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show REF",
		Short: "Print a document or some of its paragraphs, numbered",
		Long: `Print a document or some of its paragraphs with the numbers readers cite.
REF is DOC, DOC:N, DOC:N-M, or DOC:heading|salutation|signature, or a list
of these after one DOC: (DOC:1,3,5-6); ` + "`argmap corpus`" + `
lists the documents. --lang both prints each paragraph in every language
of the corpus, one after the other.`,
		Example: "  argmap show kim-peng-1953-07-07:3 --lang both",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ref = args[0]
			c, err := g.loadCorpus()
			if err != nil {
				return err
			}
			return runShow(cmd.OutOrStdout(), c, opts)
		},
	}
	cmd.Flags().StringVar(&opts.lang, "lang", "", "language: any language of the corpus, or both for each in turn (default: its first)")
	return cmd
}

func runShow(w io.Writer, c *argmap.Corpus, opts *showOptions) error {
	lang, err := corpusLang(c, opts.lang, "both")
	if err != nil {
		return err
	}
	langs := c.Languages
	if lang != "both" {
		langs = []argmap.Lang{argmap.Lang(lang)}
	}
	refs, err := argmap.ParseRefList(opts.ref)
	if err != nil {
		return usageError(err)
	}
	d, paras, err := c.ResolveList(refs)
	if err != nil {
		return usageError(err)
	}
	if title := d.TitleIn(langs[0]); title != "" {
		fmt.Fprintf(w, "%s: %s (%s)\n", d.ID, title, d.Date)
	} else {
		fmt.Fprintf(w, "%s (%s)\n", d.ID, d.Date)
	}
	if !d.HasText() {
		fmt.Fprintf(w, "\nThe corpus does not hold this document's text.\n")
		if d.Note != "" {
			fmt.Fprintf(w, "Note: %s\n", d.Note)
		}
		return nil
	}
	for _, p := range paras {
		fmt.Fprintln(w)
		for i, lang := range langs {
			label := p.Label()
			if i > 0 {
				label = ""
			}
			text := strings.ReplaceAll(p.Text[lang], "\n", "\n"+strings.Repeat(" ", 11))
			if len(langs) > 1 {
				text = strings.ReplaceAll(p.Text[lang], "\n", "\n"+strings.Repeat(" ", 16))
				fmt.Fprintf(w, "%-10s [%s] %s\n", label, lang, text)
			} else {
				fmt.Fprintf(w, "%-10s %s\n", label, text)
			}
		}
	}
	return nil
}
