package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// WriteDisputes lists a map's disputes, one a line beginning with its id:
// the title in lang, the parties, the paragraphs involved as argmap show
// takes them (clark-1953-06-29:1,3,5), and the number of units and
// relations.
func WriteDisputes(w io.Writer, m *argmap.Map, lang argmap.Lang) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, d := range m.Disputes() {
		var parties []string
		for _, p := range d.Parties() {
			parties = append(parties, p.ID)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.ID, sanitizeLine(d.TitleIn(lang)), strings.Join(parties, ","),
			strings.Join(ParagraphRefs(d.Paragraphs()), " "),
			render.Say(lang, render.MsgUnitCount, len(d.Units)), render.Say(lang, render.MsgRelationCount, len(d.Relations)))
	}
	return tw.Flush()
}

// ParagraphRefs writes paragraphs as argmap show reads them, one reference
// per document: "clark-1953-06-29:1,3,salutation".
func ParagraphRefs(paras []*argmap.Paragraph) []string {
	var refs []string
	var doc *argmap.Document
	for _, p := range paras {
		label := string(p.Role)
		if p.Role == argmap.Body {
			label = fmt.Sprint(p.Number)
		}
		if p.Doc != doc {
			doc = p.Doc
			refs = append(refs, p.Doc.ID+":"+label)
			continue
		}
		refs[len(refs)-1] += "," + label
	}
	return refs
}

// sanitizeLine keeps text from annotation files on one line of a listing.
func sanitizeLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

type disputeJSON struct {
	ID         string                 `json:"id"`
	Title      map[argmap.Lang]string `json:"title"`
	Declared   bool                   `json:"declared"`
	Roots      []string               `json:"roots"`
	Units      []string               `json:"units"`
	Relations  []relationJSON         `json:"relations"`
	Parties    []string               `json:"parties"`
	Paragraphs []string               `json:"paragraphs"`
}

// WriteDisputesJSON writes a map's disputes as a JSON list: id, title per
// language, whether a file declares it, its roots, units in reading order,
// relations, parties and paragraph references.
func WriteDisputesJSON(w io.Writer, m *argmap.Map) error {
	out := []disputeJSON{}
	for _, d := range m.Disputes() {
		dj := disputeJSON{ID: d.ID, Title: d.Title, Declared: d.Declared, Roots: []string{}, Units: []string{},
			Relations: []relationJSON{}, Parties: []string{}, Paragraphs: []string{}}
		for _, u := range d.Roots {
			dj.Roots = append(dj.Roots, u.ID)
		}
		for _, u := range d.Units {
			dj.Units = append(dj.Units, u.ID)
		}
		for _, r := range d.Relations {
			dj.Relations = append(dj.Relations, relationJSON{r.From.ID, r.Type, r.ToID})
		}
		for _, p := range d.Parties() {
			dj.Parties = append(dj.Parties, p.ID)
		}
		for _, p := range d.Paragraphs() {
			dj.Paragraphs = append(dj.Paragraphs, p.Ref())
		}
		out = append(out, dj)
	}
	return render.WriteIndentedJSON(w, out)
}
