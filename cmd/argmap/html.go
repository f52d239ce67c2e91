package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/argmap/argmap/render/reader"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

type htmlOptions struct {
	paths      []string
	output     string
	lang       string
	exercise   bool
	dispute    string
	key        string
	docs       []string
	paragraphs []string
}

func newHTMLCommand(g *globalOptions) *cobra.Command {
	opts := &htmlOptions{}
	cmd := &cobra.Command{
		Use:   "html [FILE|DIR ...]",
		Short: "Write the bilingual reader: the letters beside the map, in one HTML file",
		Long: `Write the bilingual reader: one self-contained HTML page with each letter
beside the replies to it, paragraph by paragraph, in any language of the
corpus or all in parallel; every annotated passage highlighted by kind and
numbered; the map, whole and dispute by dispute, in each language; and a
list of the units with their relations. Clicking a node finds its passage,
clicking a passage finds its node, and the address names the selection
(reader.html#UNIT-ID, reader.html#DOC:N, reader.html#dispute:ID), so a link
can be shared. The page loads nothing from the network: it works from a
file, offline, on a projector, on a phone, and in print, where it makes a
handout with numbered passages and one page per dispute.

--exercise opens the page with the highlights and the map hidden, to be
revealed a paragraph or a dispute at a time. --dispute ID writes a handout
of one dispute (argmap disputes lists them). --key KEY shows the map named
(a student's) beside the key's, with the differences marked, as argmap
compare finds them; with --key, --doc, --paragraphs and --dispute limit
the key to the assignment, as they do for argmap compare.

Files and folders are read as validate reads them, ./annotations or the
built-in map by default. A map with errors is refused: its diagnostics go to
standard error and the exit status is 1. A valid map's warnings are shown
at the top of the page. -o writes the file atomically;
-o - writes to standard output.`,
		Example: `  argmap html -o reader.html
  argmap html --lang both annotations/ -o seminar.html
  argmap html --exercise -o exercise.html
  argmap html --dispute condoning -o condoning.html
  argmap html student.yaml --key key.yaml -o student.html
  argmap html student.yaml --key key.yaml --paragraphs clark-1953-06-29:3 -o student.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return runHTML(cmd.OutOrStdout(), cmd.ErrOrStderr(), g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write to `FILE` (- for standard output)")
	cmd.Flags().StringVar(&opts.lang, "lang", "", "language the page opens in: any language of the corpus, or both (default: its first)")
	cmd.Flags().BoolVar(&opts.exercise, "exercise", false, "open with the highlights and the map hidden until revealed")
	cmd.Flags().StringVar(&opts.dispute, "dispute", "", "write a handout of the dispute `ID` alone; with --key, limit the key to it")
	cmd.Flags().StringVar(&opts.key, "key", "", "show the map beside the key in `FILE|DIR`, with the differences marked")
	cmd.Flags().StringArrayVar(&opts.docs, "doc", nil, "with --key: limit the key to document `ID` (repeatable)")
	cmd.Flags().StringArrayVar(&opts.paragraphs, "paragraphs", nil, "with --key: limit the key to paragraphs `REFS`, such as clark-1953-06-29:1,3 (repeatable)")
	cmd.ValidArgsFunction = completeAnnotationFiles
	completeFlag(cmd, "lang", g.completeLanguages("both"))
	g.addStdinFlag(cmd)
	completeFlag(cmd, "dispute", g.completeDisputes)
	completeFlag(cmd, "doc", g.completeDocuments)
	return cmd
}

func runHTML(stdout, stderr io.Writer, g *globalOptions, opts *htmlOptions) error {
	if opts.output == "" {
		return usageError(fmt.Errorf("html needs -o FILE (or -o - for standard output)"))
	}
	if opts.key == "" && len(opts.docs)+len(opts.paragraphs) > 0 {
		return usageError(fmt.Errorf("--doc and --paragraphs limit the key of --key to an assignment; give --key KEY"))
	}
	c, err := g.loadCorpus()
	if err != nil {
		return err
	}
	if opts.lang, err = corpusLang(c, opts.lang, "both"); err != nil {
		return err
	}
	outputs, err := outputStates(opts.output)
	if err != nil {
		return err
	}
	m, ds, err := loadValidMap(stderr, g, opts.paths)
	if err != nil {
		return err
	}
	if opts.key == "" && opts.dispute != "" && m.Dispute(opts.dispute) == nil {
		return usageError(fmt.Errorf("--dispute: unknown dispute %q%s; disputes: %s", opts.dispute,
			argmap.DidYouMean(opts.dispute, m.DisputeIDs()), strings.Join(m.DisputeIDs(), ", ")))
	}
	noteEnglishFallback(stderr, c.Languages...)
	ropts := reader.ReaderOptions{Lang: opts.lang, Exercise: opts.exercise, Dispute: opts.dispute}
	if opts.key != "" {
		key, _, err := loadValidMap(stderr, g, []string{opts.key})
		if err != nil {
			return err
		}
		a, err := compareAssignment(key, &compareOptions{docs: opts.docs, paragraphs: opts.paragraphs, dispute: opts.dispute})
		if err != nil {
			return usageError(err)
		}
		ropts.Key, ropts.KeyName, ropts.StudentName, ropts.Assignment, ropts.Dispute = key, opts.key, strings.Join(opts.paths, ", "), a, ""
	}
	// The page shows the map's warnings, as argmap serve does, but not its
	// infos: a handout need not say which documents the map leaves out.
	for _, d := range ds {
		if d.Severity == argmap.SeverityWarning {
			ropts.Diagnostics = append(ropts.Diagnostics, d)
		}
	}
	ropts.Files = m.Files
	var buf bytes.Buffer
	if err := reader.Reader(&buf, m, ropts); err != nil {
		return cannotRun(fmt.Errorf("writing the reader: %w", err))
	}
	return writeOutput(stdout, opts.output, buf.Bytes(), outputs[0])
}
