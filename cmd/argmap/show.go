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
lists the documents. --lang both prints each English paragraph with its
Chinese counterpart.`,
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
	cmd.Flags().StringVar(&opts.lang, "lang", "en", "language: en, zh or both")
	return cmd
}

func runShow(w io.Writer, c *argmap.Corpus, opts *showOptions) error {
	langs, err := showLanguages(c, opts.lang)
	if err != nil {
		return usageError(err)
	}
	refs, err := argmap.ParseRefList(opts.ref)
	if err != nil {
		return usageError(err)
	}
	d, paras, err := c.ResolveList(refs)
	if err != nil {
		return usageError(err)
	}
	fmt.Fprintf(w, "%s: %s (%s)\n", d.ID, d.Title, d.Date)
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

func showLanguages(c *argmap.Corpus, lang string) ([]argmap.Lang, error) {
	if lang == "both" {
		return c.Languages, nil
	}
	for _, l := range c.Languages {
		if string(l) == lang {
			return []argmap.Lang{l}, nil
		}
	}
	names := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		names[i] = string(l)
	}
	return nil, fmt.Errorf("--lang %q: choose %s or both", lang, strings.Join(names, ", "))
}
