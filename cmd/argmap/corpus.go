package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

func newCorpusCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "corpus",
		Short: "List the documents of the corpus, and say which corpus is in use",
		Long: `List the documents of the corpus. Two comment lines say which corpus is
in use and how it was chosen (--corpus, $ARGMAP_CORPUS, the nearest
corpus.yaml from the working folder up, or the corpus built into argmap),
its title and languages. Then one line per document, in manifest order: id,
date, party, speaker, the document it replies to (replies-to:ID, or - for
none), and the number of body paragraphs in each language (en:7; "-" for a
document whose text the corpus lacks).

A corpus with errors is listed as diagnostics, each at its line of
corpus.yaml, and the exit status is 3.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadCorpus()
			if err != nil {
				return err
			}
			return writeCorpus(cmd.OutOrStdout(), c, g.locateCorpus())
		},
	}
	cmd.AddCommand(newCorpusInitCommand())
	return cmd
}

func writeCorpus(w io.Writer, c *argmap.Corpus, loc *corpusLocation) error {
	title := c.Title
	if title == "" {
		title = "(untitled)"
	}
	where := loc.manifest() + ", " + loc.chosen()
	if loc.dir == "" {
		where = loc.chosen()
	}
	fmt.Fprintf(w, "# %s\n# %s; languages: %s\n", oneLine(title), where, strings.Join(langList(c.Languages), ", "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, d := range c.Documents {
		replies := "-"
		if d.RepliesTo != nil {
			replies = d.RepliesTo.ID
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\treplies-to:%s", d.ID, d.Date, d.Party.ID, oneLine(d.Speaker.Name), replies)
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

// oneLine collapses runs of white space, line breaks included, so that a
// name from a manifest cannot break the listing's lines.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

type corpusInitOptions struct {
	dir    string
	output string
	force  bool
}

func newCorpusInitCommand() *cobra.Command {
	o := &corpusInitOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR] [-o FILE]",
		Short: "Write a starter corpus.yaml for a folder of text files",
		Long: `Write a starter corpus manifest for the text files in DIR (default: the
working folder) and its subfolders: every file named ID.LANG.txt
(north-1902-03-01.en.txt) becomes the LANG text of document ID, and every
other .txt file a source, with its SHA-256. Dates come from ids that end in
YYYY-MM-DD, speakers and parties from what comes before the date; a text
typed one paragraph a line gets the lines layout. Each document says how
many paragraphs each language has, and leaves front, back and replies-to
for you to fill in. argmap corpus then names whatever is still missing.

The manifest goes to standard output, or with -o to FILE (usually
DIR/corpus.yaml), written atomically; an existing file is kept unless
--force is given.`,
		Example: "  argmap corpus init -o corpus.yaml\n  argmap corpus init letters/ > letters/corpus.yaml",
		Args:    optionalArgs("DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = "."
			if len(args) == 1 {
				o.dir = args[0]
			}
			return runCorpusInit(o, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the manifest to `FILE` instead of standard output")
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func runCorpusInit(o *corpusInitOptions, stdout io.Writer) error {
	if o.output != "" && o.output != "-" && !o.force {
		if _, err := os.Stat(o.output); err == nil {
			return cannotRun(fmt.Errorf("%s exists; use --force to overwrite it", o.output))
		} else if !errors.Is(err, os.ErrNotExist) {
			return cannotRun(err)
		}
	}
	outputs, err := outputStates(o.output)
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(o.dir)
	if err != nil {
		return cannotRun(err)
	}
	defer root.Close()
	manifest, err := argmap.StarterManifest(root.FS())
	if err != nil {
		return cannotRun(fmt.Errorf("%s: %w", o.dir, err))
	}
	return writeOutput(stdout, o.output, manifest, outputs[0])
}
