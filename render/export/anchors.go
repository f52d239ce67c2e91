package export

import (
	"io"
	"strconv"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// anchorContext is how many code points of the paragraph a
// TextQuoteSelector carries on each side of the quote, enough to tell
// repeated phrases apart.
const anchorContext = 32

type anchorCollection struct {
	Context string     `json:"@context"`
	ID      string     `json:"id"`
	Type    string     `json:"type"`
	Label   string     `json:"label"`
	Total   int        `json:"total"`
	First   anchorPage `json:"first"`
}

type anchorPage struct {
	Type  string             `json:"type"`
	Items []anchorAnnotation `json:"items"`
}

type anchorAnnotation struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	Motivation string       `json:"motivation"`
	Body       []anchorBody `json:"body"`
	Target     anchorTarget `json:"target"`
}

type anchorBody struct {
	Type     string `json:"type"`
	Purpose  string `json:"purpose"`
	Value    string `json:"value"`
	Language string `json:"language,omitempty"`
}

type anchorTarget struct {
	Type     string         `json:"type"`
	Source   anchorSource   `json:"source"`
	Selector []anchorSelect `json:"selector"`
}

type anchorSource struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Language string `json:"language"`
}

// anchorSelect is a TextQuoteSelector (Exact, Prefix, Suffix) or a
// TextPositionSelector (Start, End).
type anchorSelect struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

// ParagraphURI names one language of a paragraph, the text that the
// anchors' positions count in: urn:argmap:text:DOC:PARAGRAPH:LANG, with the
// paragraph a body number or a role.
func ParagraphURI(p *argmap.Paragraph, lang argmap.Lang) string {
	where := string(p.Role)
	if p.Role == argmap.Body {
		where = strconv.Itoa(p.Number)
	}
	return "urn:argmap:text:" + p.Doc.ID + ":" + where + ":" + string(lang)
}

// WriteAnchors prints the anchors of a validated map's units as a W3C Web
// Annotation collection (JSON-LD), the sidecar of the AIF export, which
// holds no offsets. Each unit has one annotation per language whose quote
// was found, with the id UnitURI(u)+":"+lang; its target is the paragraph
// in that language, selected twice: by a TextQuoteSelector (the exact
// quote and up to 32 code points before and after it) and by a
// TextPositionSelector (code points, end exclusive).
func WriteAnchors(w io.Writer, m *argmap.Map) error {
	title := m.TitleIn(argmap.English)
	items := []anchorAnnotation{}
	for _, u := range m.Units {
		p := u.Span.Paragraph
		if p == nil {
			continue
		}
		for _, lang := range m.Corpus.Languages {
			q := u.Span.Quotes[lang]
			if q == nil || !q.Found {
				continue
			}
			text := []rune(p.Text[lang])
			start, end := q.Start, q.End
			body := []anchorBody{{Type: "TextualBody", Purpose: "identifying", Value: UnitURI(u)},
				{Type: "TextualBody", Purpose: "classifying", Value: string(u.Kind)}}
			if s := u.Summary[lang]; s != "" {
				body = append(body, anchorBody{Type: "TextualBody", Purpose: "describing", Value: s, Language: string(lang)})
			}
			items = append(items, anchorAnnotation{
				ID: UnitURI(u) + ":" + string(lang), Type: "Annotation", Motivation: "linking", Body: body,
				Target: anchorTarget{Type: "SpecificResource",
					Source: anchorSource{ID: ParagraphURI(p, lang), Type: "Text", Language: string(lang)},
					Selector: []anchorSelect{
						{Type: "TextQuoteSelector", Exact: q.Text,
							Prefix: string(text[max(0, start-anchorContext):start]),
							Suffix: string(text[end:min(len(text), end+anchorContext)])},
						{Type: "TextPositionSelector", Start: &start, End: &end},
					}},
			})
		}
	}
	return render.WriteIndentedJSON(w, anchorCollection{
		Context: "http://www.w3.org/ns/anno.jsonld", ID: "urn:argmap:anchors", Type: "AnnotationCollection",
		Label: title, Total: len(items), First: anchorPage{Type: "AnnotationPage", Items: items},
	})
}
