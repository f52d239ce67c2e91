package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	key, other string
	format     string
}

func newCompareCommand(g *globalOptions) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare KEY OTHER",
		Short: "Measure how far a second map agrees with a key",
		Long: `Compare a map (OTHER, such as a student's) with a key (KEY, such as the
instructor's): match units by their spans (same paragraph, overlapping
quotes, best match first), then report the agreement on unit kinds
(Cohen's kappa), precision, recall and F1 of the relations (a relation
matches when both ends match and the types agree), and every disagreement
with its passage. KEY and OTHER are annotation files or folders; both must
validate without errors. The method is in docs/interchange.md.

--format text (the default) or json. Exit status: 0 compared, 1 a map has
errors, 2 usage error, 3 could not run.`,
		Example: "  argmap compare key.yaml student.yaml\n  argmap compare --format json key/ student/",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.key, opts.other = args[0], args[1]
			return runCompare(cmd.OutOrStdout(), cmd.ErrOrStderr(), g, opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output `FORMAT`: text or json")
	return cmd
}

func runCompare(stdout, stderr io.Writer, g *globalOptions, opts *compareOptions) error {
	if opts.format != "text" && opts.format != "json" {
		return usageError(fmt.Errorf("--format %q: compare writes text or json", opts.format))
	}
	key, err := loadValidMap(stderr, g, []string{opts.key})
	if err != nil {
		return err
	}
	other, err := loadValidMap(stderr, g, []string{opts.other})
	if err != nil {
		return err
	}
	c := argmap.Compare(key, other)
	if opts.format == "json" {
		return writeCompareJSON(stdout, c, opts)
	}
	return writeCompareText(stdout, c, opts)
}

func writeCompareText(w io.Writer, c *argmap.Comparison, opts *compareOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "key:   %s\nother: %s\n\n", opts.key, opts.other)
	u := c.Units
	fmt.Fprintf(&b, "units:     %d matched of %d in the key and %d in the other; precision %.3f, recall %.3f, F1 %.3f\n",
		u.Matched, u.Key, u.Other, u.Precision, u.Recall, u.F1)
	kappa := "undefined (no unit matched)"
	if c.Kappa != nil {
		kappa = fmt.Sprintf("%.3f", *c.Kappa)
	}
	fmt.Fprintf(&b, "kinds:     Cohen's kappa %s; the same kind in %.3f of matched units\n", kappa, c.KindAgreement)
	r := c.Relations
	fmt.Fprintf(&b, "relations: %d matched of %d in the key and %d in the other; precision %.3f, recall %.3f, F1 %.3f\n",
		r.Matched, r.Key, r.Other, r.Precision, r.Recall, r.F1)
	if len(c.Disagreements) == 0 {
		b.WriteString("\nno disagreement\n")
	} else {
		fmt.Fprintf(&b, "\n%d disagreements:\n", len(c.Disagreements))
	}
	for _, d := range c.Disagreements {
		fmt.Fprintf(&b, "\n%s: %s\n", d.Kind, d.Message)
		if p := d.Passage; p != nil {
			runes := []rune(p.Text)
			fmt.Fprintf(&b, "  %s %s: %s\n", p.Doc, p.Paragraph, string(runes[p.Start:p.End]))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type compareJSON struct {
	Key           string             `json:"key"`
	Other         string             `json:"other"`
	Kappa         *float64           `json:"kappa"`
	KindAgreement float64            `json:"kind_agreement"`
	Units         scoreJSON          `json:"units"`
	Relations     scoreJSON          `json:"relations"`
	Matches       []matchJSON        `json:"matches"`
	Disagreements []disagreementJSON `json:"disagreements"`
}

type scoreJSON struct {
	Key       int     `json:"key"`
	Other     int     `json:"other"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

type matchJSON struct {
	Key     string  `json:"key"`
	Other   string  `json:"other"`
	Overlap float64 `json:"overlap"`
}

type disagreementJSON struct {
	Kind     string          `json:"kind"`
	Key      string          `json:"key,omitempty"`
	Other    string          `json:"other,omitempty"`
	Relation *relationJSON   `json:"relation,omitempty"`
	Message  string          `json:"message"`
	Passage  *argmap.Passage `json:"passage,omitempty"`
}

type relationJSON struct {
	From string              `json:"from"`
	Type argmap.RelationType `json:"type"`
	To   string              `json:"to"`
}

func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func scoreOf(s argmap.Score) scoreJSON {
	return scoreJSON{s.Key, s.Other, s.Matched, round(s.Precision), round(s.Recall), round(s.F1)}
}

func writeCompareJSON(w io.Writer, c *argmap.Comparison, opts *compareOptions) error {
	out := compareJSON{Key: opts.key, Other: opts.other, KindAgreement: round(c.KindAgreement),
		Units: scoreOf(c.Units), Relations: scoreOf(c.Relations), Matches: []matchJSON{}, Disagreements: []disagreementJSON{}}
	if c.Kappa != nil {
		k := round(*c.Kappa)
		out.Kappa = &k
	}
	for _, m := range c.Matches {
		out.Matches = append(out.Matches, matchJSON{m.Key.ID, m.Other.ID, round(m.Overlap)})
	}
	for _, d := range c.Disagreements {
		dj := disagreementJSON{Kind: d.Kind, Message: d.Message, Passage: d.Passage}
		if d.Key != nil {
			dj.Key = d.Key.ID
		}
		if d.Other != nil {
			dj.Other = d.Other.ID
		}
		if r := d.Relation; r != nil {
			dj.Relation = &relationJSON{r.From.ID, r.Type, r.ToID}
		}
		out.Disagreements = append(out.Disagreements, dj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
