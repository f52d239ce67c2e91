// Package report prints the results of the classroom tools, argmap compare
// and argmap stats, as text for people and JSON for scripts.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/argmap/argmap/argmap"
)

// WriteComparisonText writes a comparison for an instructor: the scores,
// then every disagreement with its passage. keyName and otherName say which
// files were compared.
func WriteComparisonText(w io.Writer, c *argmap.Comparison, keyName, otherName string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "key:   %s\nother: %s\n\n", keyName, otherName)
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

// WriteComparisonJSON writes a comparison as JSON: scores rounded to six
// decimals, kappa null when no unit matched, lists never null.
func WriteComparisonJSON(w io.Writer, c *argmap.Comparison, keyName, otherName string) error {
	out := compareJSON{Key: keyName, Other: otherName, KindAgreement: round(c.KindAgreement),
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
