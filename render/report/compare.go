// Package report prints the results of the classroom tools, argmap compare
// and argmap stats, as text for people and JSON for scripts; a class's
// comparison also as CSV for spreadsheets and as an HTML page for a
// teacher, in English or Chinese.
package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// WriteComparisonText writes a comparison for an instructor: the scores,
// then every disagreement with its passage. keyName and otherName say which
// files were compared. An assignment other than the whole key is named,
// with the number of the other map's units it leaves out.
func WriteComparisonText(w io.Writer, c *argmap.Comparison, keyName, otherName string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "key:   %s\nother: %s\n", sanitizeLine(keyName), sanitizeLine(otherName))
	if !c.Assignment.Whole() {
		fmt.Fprintf(&b, "assignment: %s; %d units of the other map lie outside it and do not count\n", AssignmentName(c.Assignment), c.Outside)
	}
	b.WriteString("\n")
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
	l := c.Links
	fmt.Fprintf(&b, "links:     %d matched of %d in the key and %d in the other, types set aside; precision %.3f, recall %.3f, F1 %.3f; %d type %s\n",
		l.Matched, l.Key, l.Other, l.Precision, l.Recall, l.F1, c.TypeDiffers, plural(c.TypeDiffers, "difference", "differences"))
	if len(c.Disagreements) == 0 {
		b.WriteString("\nno disagreement\n")
	} else {
		fmt.Fprintf(&b, "\n%d %s:\n", len(c.Disagreements), plural(len(c.Disagreements), "disagreement", "disagreements"))
	}
	for _, d := range c.Disagreements {
		fmt.Fprintf(&b, "\n%s: %s\n", d.Kind, d.Message)
		if p := d.Passage; p != nil {
			fmt.Fprintf(&b, "  %s %s: %s\n", p.Doc, p.Paragraph, passageQuote(p))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type compareJSON struct {
	Key           string             `json:"key"`
	Other         string             `json:"other"`
	Assignment    assignmentJSON     `json:"assignment"`
	Kappa         *float64           `json:"kappa"`
	KindAgreement float64            `json:"kind_agreement"`
	Units         scoreJSON          `json:"units"`
	Relations     scoreJSON          `json:"relations"`
	Links         scoreJSON          `json:"links"`
	TypeDiffers   int                `json:"type_differences"`
	Outside       int                `json:"outside"`
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
	Kind          string          `json:"kind"`
	Key           string          `json:"key,omitempty"`
	Other         string          `json:"other,omitempty"`
	Relation      *relationJSON   `json:"relation,omitempty"`
	OtherRelation *relationJSON   `json:"other_relation,omitempty"`
	Message       string          `json:"message"`
	Passage       *argmap.Passage `json:"passage,omitempty"`
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

// WriteComparisonJSON writes a comparison as JSON: scores rounded to six
// decimals, kappa null when no unit matched, lists never null.
func WriteComparisonJSON(w io.Writer, c *argmap.Comparison, keyName, otherName string) error {
	out := compareJSON{Key: keyName, Other: otherName, Assignment: assignmentOf(c.Assignment), KindAgreement: round(c.KindAgreement),
		Units: scoreOf(c.Units), Relations: scoreOf(c.Relations), Links: scoreOf(c.Links), TypeDiffers: c.TypeDiffers,
		Outside: c.Outside, Matches: []matchJSON{}, Disagreements: disagreementsJSON(c.Disagreements)}
	if c.Kappa != nil {
		k := round(*c.Kappa)
		out.Kappa = &k
	}
	for _, m := range c.Matches {
		out.Matches = append(out.Matches, matchJSON{m.Key.ID, m.Other.ID, round(m.Overlap)})
	}
	return render.WriteIndentedJSON(w, out)
}

func disagreementsJSON(ds []argmap.Disagreement) []disagreementJSON {
	out := []disagreementJSON{}
	for _, d := range ds {
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
		if r := d.OtherRelation; r != nil {
			dj.OtherRelation = &relationJSON{r.From.ID, r.Type, r.ToID}
		}
		out = append(out, dj)
	}
	return out
}

// assignmentOf lists an assignment's paragraphs, in reading order, and its
// dispute.
func assignmentOf(a argmap.Assignment) assignmentJSON {
	out := assignmentJSON{Paragraphs: []string{}}
	paras := slices.Clone(a.Paragraphs)
	slices.SortFunc(paras, argmap.CompareParagraphs)
	for _, p := range paras {
		out.Paragraphs = append(out.Paragraphs, p.Ref())
	}
	if a.Dispute != nil {
		out.Dispute = &a.Dispute.ID
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
