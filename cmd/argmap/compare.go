package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/argmap/argmap/render/report"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	key        string
	students   []string
	format     string
	output     string
	lang       string
	docs       []string
	paragraphs []string
	dispute    string
}

func newCompareCommand(g *globalOptions) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare KEY STUDENT...",
		Short: "Grade students' maps against a key, one student or a whole class",
		Long: `Compare students' maps with a key (KEY, such as the instructor's): match
units by their spans (same paragraph, overlapping quotes, best match
first), then report the agreement on unit kinds (Cohen's kappa), and
precision, recall and F1 of the relations (a relation matches when both ends
match and the types agree; the same units linked by another type are one
type difference). The method is in docs/classroom.md.

KEY is an annotation file or a folder of them (one map), and must validate.
Each STUDENT is a file, one student's map, or a folder whose every *.yaml
and *.yml file is one student, named by its file name.

With one STUDENT file, compare prints that student's figures and every
disagreement with its passage (text or json), and refuses a map with errors
(its errors go to standard error). With several, or a folder, it prints a class report: one row per
student, the class's figures pooled over every student compared, per
paragraph and per dispute, and the passages the class most often missed or
mistyped. A student file that does not validate is reported as invalid, with
its errors, and the report still runs. --format csv and html always give the
class report; html is a page a teacher can open (-o report.html), in any
language of the corpus (--lang zh), its own words in English for a language
argmap has no strings for.

--doc, --paragraphs and --dispute limit the key to the assignment: key units
outside it do not count as missed, and the students' units outside it do not
count as extra (the reports count them apart, as outside). --paragraphs takes references as argmap show does
(clark-1953-06-29:1,3), several separated by spaces or by repeating the
flag; --doc takes whole documents; --dispute a dispute of the key (argmap
disputes KEY lists them). Paragraphs and a dispute together mean the
dispute's units in those paragraphs.

Exit status: 0 the report ran and every file validates; 1 the key has
errors (no report), or a student file does not validate (the report lists
it); 2 usage error; 3 could not run.`,
		Example: `  argmap compare key.yaml student.yaml
  argmap compare key.yaml class/ --paragraphs clark-1953-06-29:1,3
  argmap compare key.yaml class/ --dispute condoning --format html --lang zh -o report.html
  argmap compare key.yaml class/ --format csv -o grades.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageError(errors.New("compare needs a KEY and at least one STUDENT file or folder"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.key, opts.students = args[0], args[1:]
			return runCompare(cmd.OutOrStdout(), cmd.ErrOrStderr(), g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "text", "output `FORMAT`: text, json, csv or html")
	f.StringVarP(&opts.output, "output", "o", "", "write to `FILE` instead of standard output")
	f.StringVar(&opts.lang, "lang", "", "language of the html report: any language of the corpus (default: its first)")
	f.StringArrayVar(&opts.docs, "doc", nil, "limit the key to document `ID` (repeatable)")
	f.StringArrayVar(&opts.paragraphs, "paragraphs", nil, "limit the key to paragraphs `REFS`, such as clark-1953-06-29:1,3 (repeatable)")
	f.StringVar(&opts.dispute, "dispute", "", "limit the key to dispute `ID` of the key")
	g.addStdinFlag(cmd)
	cmd.ValidArgsFunction = completeAnnotationFiles
	completeFlag(cmd, "format", completeWords("text", "json", "csv", "html"))
	completeFlag(cmd, "lang", g.completeLanguages())
	completeFlag(cmd, "doc", g.completeDocuments)
	completeFlag(cmd, "dispute", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return g.completeDisputes(cmd, args[:min(len(args), 1)], toComplete) // the key's
	})
	return cmd
}

func runCompare(stdout, stderr io.Writer, g *globalOptions, opts *compareOptions) error {
	switch opts.format {
	case "text", "json", "csv", "html":
	default:
		return usageError(fmt.Errorf("--format %q: compare writes text, json, csv or html", opts.format))
	}
	if opts.lang != "" && opts.lang != string(argmap.English) && opts.format != "html" {
		return usageError(fmt.Errorf("--lang %s: only the html report is written in other languages; text, json and csv are in English", opts.lang))
	}
	if opts.key == argmap.StdinArg && slices.Contains(opts.students, argmap.StdinArg) {
		return usageError(errors.New("compare reads standard input (-) once: give it as KEY or as a STUDENT, not both"))
	}
	outputs, err := outputStates(opts.output)
	if err != nil {
		return err
	}
	key, _, err := loadValidMap(stderr, g, []string{opts.key})
	if err != nil {
		return err
	}
	reportLang, err := corpusLang(key.Corpus, opts.lang)
	if err != nil {
		return err
	}
	lang := argmap.Lang(reportLang)
	assignment, err := compareAssignment(key, opts)
	if err != nil {
		return usageError(err)
	}
	var out bytes.Buffer
	if oneStudent(opts) {
		other, _, err := loadValidMap(stderr, g, opts.students)
		if err != nil {
			return err
		}
		c := argmap.CompareAssigned(key, other, assignment)
		keyName, studentName := g.inputName(opts.key), g.inputName(opts.students[0])
		if opts.format == "json" {
			err = report.WriteComparisonJSON(&out, c, keyName, studentName)
		} else {
			err = report.WriteComparisonText(&out, c, keyName, studentName)
		}
		if err != nil {
			return cannotRun(err)
		}
		return writeOutput(stdout, opts.output, out.Bytes(), outputs[0])
	}
	inputs, err := argmap.CollectInputs(opts.students, g.stdinInput())
	if err != nil {
		return cannotRun(err)
	}
	cc := argmap.CompareClass(key, submissions(inputs), assignment)
	r := report.ClassReport{ClassComparison: cc, KeyName: g.inputName(opts.key), Lang: lang}
	switch opts.format {
	case "json":
		err = report.WriteClassJSON(&out, r)
	case "csv":
		err = report.WriteClassCSV(&out, r)
	case "html":
		noteEnglishFallback(stderr, lang)
		err = report.WriteClassHTML(&out, r)
	default:
		err = report.WriteClassText(&out, r)
	}
	if err != nil {
		return cannotRun(err)
	}
	if err := writeOutput(stdout, opts.output, out.Bytes(), outputs[0]); err != nil {
		return err
	}
	var invalid []string
	for _, g := range cc.Grades {
		if !g.Valid() {
			invalid = append(invalid, g.Path)
		}
	}
	if len(invalid) > 0 {
		verb := "do not validate"
		if len(invalid) == 1 {
			verb = "does not validate"
		}
		fmt.Fprintf(stderr, "argmap: %d of %d student files %s (%s); the report lists their errors\n",
			len(invalid), len(cc.Grades), verb, strings.Join(invalid, ", "))
		return silentExit(exitFindings)
	}
	return nil
}

// oneStudent reports whether compare grades one student in detail: one
// STUDENT that is a file, and a format that shows one comparison.
func oneStudent(opts *compareOptions) bool {
	if len(opts.students) != 1 || (opts.format != "text" && opts.format != "json") {
		return false
	}
	if opts.students[0] == argmap.StdinArg {
		return true // a file's worth of YAML
	}
	info, err := os.Stat(opts.students[0])
	return err == nil && !info.IsDir()
}

// compareAssignment builds the assignment from --doc, --paragraphs and
// --dispute, and checks that the key has units in it.
func compareAssignment(key *argmap.Map, opts *compareOptions) (argmap.Assignment, error) {
	var a argmap.Assignment
	for _, id := range opts.docs {
		_, paras, err := key.Corpus.Resolve(argmap.Ref{Doc: id})
		if err != nil {
			return a, fmt.Errorf("--doc: %w", err)
		}
		a.Paragraphs = append(a.Paragraphs, paras...)
	}
	for _, value := range opts.paragraphs {
		for _, ref := range strings.Fields(value) {
			refs, err := argmap.ParseRefList(ref)
			if err != nil {
				return a, fmt.Errorf("--paragraphs: %w", err)
			}
			_, paras, err := key.Corpus.ResolveList(refs)
			if err != nil {
				return a, fmt.Errorf("--paragraphs: %w", err)
			}
			a.Paragraphs = append(a.Paragraphs, paras...)
		}
	}
	if opts.dispute != "" {
		a.Dispute = key.Dispute(opts.dispute)
		if a.Dispute == nil {
			ids := key.DisputeIDs()
			if len(ids) == 0 {
				return a, fmt.Errorf("--dispute %q: the key has no disputes", opts.dispute)
			}
			return a, fmt.Errorf("--dispute: the key has no dispute %q%s; its disputes: %s", opts.dispute,
				argmap.DidYouMean(opts.dispute, ids), strings.Join(ids, ", "))
		}
	}
	if !a.Whole() && len(a.Units(key)) == 0 {
		return a, fmt.Errorf("the key has no unit in the assignment (%s): nothing to grade", report.AssignmentName(a))
	}
	return a, nil
}

// submissions names each student by their file's name without its
// extension; students whose names clash are named by their paths.
func submissions(inputs []argmap.Input) []argmap.Submission {
	name := func(path string) string { return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) }
	count := map[string]int{}
	for _, in := range inputs {
		count[name(in.Path)]++
	}
	subs := make([]argmap.Submission, len(inputs))
	for i, in := range inputs {
		n := name(in.Path)
		if count[n] > 1 {
			n = strings.TrimSuffix(in.Path, filepath.Ext(in.Path))
		}
		subs[i] = argmap.Submission{Name: n, Input: in}
	}
	return subs
}
