// Package export writes a validated map for other tools: JSON with
// code-point offsets (WriteJSON), the Argument Interchange Format as AIFdb
// and OVA3 read it (WriteAIF) with a W3C Web Annotation file for the anchors
// AIF cannot hold (WriteAnchors), and Argdown (WriteArgdown).
package export

import (
	"io"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// ExportJSONVersion is the version of the JSON that WriteJSON prints,
// described by docs/export-json.schema.json.
const ExportJSONVersion = 1

type exportJSON struct {
	Version   int              `json:"version"`
	Title     string           `json:"title"`
	Titles    argmap.Names     `json:"titles"`
	Languages []argmap.Lang    `json:"languages"`
	Parties   []exportParty    `json:"parties"`
	Documents []exportDocument `json:"documents"`
	Units     []exportUnit     `json:"units"`
	Relations []exportRelation `json:"relations"`
}

type exportParty struct {
	ID    string       `json:"id"`
	Name  string       `json:"name"`
	Names argmap.Names `json:"names"`
	ZH    string       `json:"zh,omitempty"`
}

type exportSpeaker struct {
	ID     string       `json:"id"`
	Name   string       `json:"name"`
	Names  argmap.Names `json:"names"`
	Shorts argmap.Names `json:"short_names"`
	ZH     string       `json:"zh,omitempty"`
}

type exportDocument struct {
	ID         string              `json:"id"`
	Kind       string              `json:"kind"`
	Title      string              `json:"title"`
	Titles     argmap.Names        `json:"titles"`
	Speaker    *exportSpeaker      `json:"speaker"`
	Party      *string             `json:"party"`
	Date       string              `json:"date"`
	Addressee  string              `json:"addressee,omitempty"`
	RepliesTo  *string             `json:"replies_to"`
	HasText    bool                `json:"has_text"`
	Paragraphs map[argmap.Lang]int `json:"paragraphs"`
}

type exportUnit struct {
	ID             string                      `json:"id"`
	Kind           argmap.Kind                 `json:"kind"`
	Party          *string                     `json:"party"`
	Speaker        *string                     `json:"speaker"`
	Date           string                      `json:"date"`
	Doc            string                      `json:"doc"`
	Paragraph      any                         `json:"paragraph"`
	ParagraphLabel string                      `json:"paragraph_label"`
	Reports        *string                     `json:"reports"`
	Summary        map[argmap.Lang]string      `json:"summary"`
	Quotes         map[argmap.Lang]exportQuote `json:"quotes"`
	Note           string                      `json:"note,omitempty"`
}

type exportQuote struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type exportRelation struct {
	From string              `json:"from"`
	To   string              `json:"to"`
	Type argmap.RelationType `json:"type"`
}

// WriteJSON prints a validated map as one JSON object, indented, as
// docs/export-json.schema.json describes it: the corpus's parties and
// documents in manifest order, the units in map order with their quotes
// located in code points (end exclusive), and the relations in the order
// of their source units. The map must have no errors: a unit without a
// resolved span would be exported without its anchor.
func WriteJSON(w io.Writer, m *argmap.Map) error {
	c := m.Corpus
	out := exportJSON{Version: ExportJSONVersion, Title: m.TitleIn(c.Languages[0]), Titles: perLanguage(c, m.TitleIn),
		Languages: c.Languages, Parties: []exportParty{}, Documents: []exportDocument{}, Units: []exportUnit{}, Relations: []exportRelation{}}
	for _, p := range c.Parties {
		out.Parties = append(out.Parties, exportParty{ID: p.ID, Name: p.Name, Names: perLanguage(c, p.NameIn), ZH: p.Names[argmap.Chinese]})
	}
	for _, d := range c.Documents {
		ed := exportDocument{ID: d.ID, Kind: d.Kind, Title: d.Title, Titles: perLanguage(c, d.TitleIn), Date: d.Date.String(),
			Addressee: d.Addressee, HasText: d.HasText(), Paragraphs: map[argmap.Lang]int{}}
		if s := d.Speaker; s != nil {
			ed.Speaker = &exportSpeaker{ID: s.ID, Name: s.Name, Names: perLanguage(c, s.NameIn), Shorts: perLanguage(c, s.ShortIn), ZH: s.Names[argmap.Chinese]}
		}
		if d.Party != nil {
			ed.Party = &d.Party.ID
		}
		if d.RepliesTo != nil {
			ed.RepliesTo = &d.RepliesTo.ID
		}
		for _, lang := range c.Languages {
			n := 0
			for _, p := range d.Body() {
				if p.Text[lang] != "" {
					n++
				}
			}
			ed.Paragraphs[lang] = n
		}
		out.Documents = append(out.Documents, ed)
	}
	for _, u := range m.Units {
		out.Units = append(out.Units, exportUnitOf(u, c.Languages))
	}
	for _, r := range m.Relations {
		if r.To == nil {
			continue
		}
		out.Relations = append(out.Relations, exportRelation{From: r.From.ID, To: r.To.ID, Type: r.Type})
	}
	return render.WriteIndentedJSON(w, out)
}

// perLanguage gives a name or title in every language of the corpus, as
// the accessor resolves it (falling back to the corpus's first language);
// an untitled document has no titles.
func perLanguage(c *argmap.Corpus, in func(argmap.Lang) string) argmap.Names {
	out := argmap.Names{}
	for _, lang := range c.Languages {
		if s := in(lang); s != "" {
			out[lang] = s
		}
	}
	return out
}

func exportUnitOf(u *argmap.Unit, langs []argmap.Lang) exportUnit {
	eu := exportUnit{ID: u.ID, Kind: u.Kind, Date: u.Date.String(), Summary: map[argmap.Lang]string{},
		Quotes: map[argmap.Lang]exportQuote{}, Note: u.Note}
	if u.Party != nil {
		eu.Party = &u.Party.ID
	}
	if u.Speaker != nil {
		eu.Speaker = &u.Speaker.ID
	}
	if u.Span.Doc != nil {
		eu.Doc = u.Span.Doc.ID
	}
	if p := u.Span.Paragraph; p != nil {
		eu.ParagraphLabel = p.Label()
		if p.Role == argmap.Body {
			eu.Paragraph = p.Number
		} else {
			eu.Paragraph = string(p.Role)
		}
	}
	if u.Reports != nil {
		eu.Reports = &u.Reports.ID
	}
	for _, lang := range langs {
		if s := u.Summary[lang]; s != "" {
			eu.Summary[lang] = s
		}
		if q := u.Span.Quotes[lang]; q != nil && q.Found {
			eu.Quotes[lang] = exportQuote{Text: q.Text, Start: q.Start, End: q.End}
		}
	}
	return eu
}
