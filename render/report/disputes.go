package report

import (
	"fmt"
	"html"
	"io"
	"net/url"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// WriteDisputes lists a map's disputes, one a line beginning with its id:
// the title in lang, the parties, the paragraphs involved as argmap show
// takes them (clark-1953-06-29:1,3,5), and the number of units and
// relations.
func WriteDisputes(w io.Writer, m *argmap.Map, lang argmap.Lang) error {
	var rows [][]string
	for _, d := range m.Disputes() {
		var parties []string
		for _, p := range d.Parties() {
			parties = append(parties, p.ID)
		}
		rows = append(rows, []string{d.ID, sanitizeLine(d.TitleIn(lang)), strings.Join(parties, ","),
			strings.Join(ParagraphRefs(d.Paragraphs()), " "),
			render.Say(lang, render.MsgUnitCount, len(d.Units)), render.Say(lang, render.MsgRelationCount, len(d.Relations))})
	}
	return render.WriteColumns(w, rows)
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

// WriteDisputeIndexMarkdown writes the index of a folder of dispute
// diagrams (argmap render --split): a heading per dispute in reading order,
// its id and paragraphs, and its diagram, shown when it is an image and
// linked otherwise. files[i] is the file of the i-th dispute.
func WriteDisputeIndexMarkdown(w io.Writer, m *argmap.Map, lang argmap.Lang, files []string) error {
	b := &strings.Builder{}
	fmt.Fprintf(b, "# %s\n", markdownText(render.Say(lang, render.MsgDisputesOf, m.TitleIn(lang))))
	for i, d := range m.Disputes() {
		title := markdownText(d.TitleIn(lang))
		fmt.Fprintf(b, "\n## %d. %s\n\n`%s` · %s · %s · %s\n\n", i+1, title, d.ID,
			strings.Join(ParagraphRefs(d.Paragraphs()), " "),
			render.Say(lang, render.MsgUnitCount, len(d.Units)), render.Say(lang, render.MsgRelationCount, len(d.Relations)))
		if isImage(files[i]) {
			fmt.Fprintf(b, "![%s](%s)\n", title, files[i])
		} else {
			fmt.Fprintf(b, "[%s](%s)\n", files[i], files[i])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteDisputeIndexHTML writes the same index as a page a teacher can open
// from the folder: the diagrams shown in reading order, each under its
// title.
func WriteDisputeIndexHTML(w io.Writer, m *argmap.Map, lang argmap.Lang, files []string) error {
	b := &strings.Builder{}
	heading := html.EscapeString(render.Say(lang, render.MsgDisputesOf, m.TitleIn(lang)))
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n", html.EscapeString(string(lang)), heading)
	b.WriteString("<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:100rem;padding:0 1rem;color:#1a1a1a}" +
		"figure{margin:0 0 3rem}img{max-width:100%;height:auto}code{background:#f2f2f2;padding:0 .2em}" +
		"@media print{section{break-before:page}section:first-of-type{break-before:auto}}</style>\n</head>\n<body>\n<main>\n")
	fmt.Fprintf(b, "<h1>%s</h1>\n", heading)
	for i, d := range m.Disputes() {
		title := html.EscapeString(d.TitleIn(lang))
		fmt.Fprintf(b, "<section>\n<h2>%d. %s</h2>\n<p><code>%s</code> · %s · %s · %s</p>\n", i+1, title, html.EscapeString(d.ID),
			html.EscapeString(strings.Join(ParagraphRefs(d.Paragraphs()), " ")),
			html.EscapeString(render.Say(lang, render.MsgUnitCount, len(d.Units))), html.EscapeString(render.Say(lang, render.MsgRelationCount, len(d.Relations))))
		file := html.EscapeString(url.PathEscape(files[i]))
		if isImage(files[i]) {
			fmt.Fprintf(b, "<figure><img src=\"%s\" alt=\"%s\"></figure>\n", file, title)
		} else {
			fmt.Fprintf(b, "<p><a href=\"%s\">%s</a></p>\n", file, html.EscapeString(files[i]))
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func isImage(name string) bool {
	return strings.HasSuffix(name, ".svg") || strings.HasSuffix(name, ".png")
}

// markdownText escapes the characters Markdown would read as markup, so
// that a title from an annotation file is shown as written.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range sanitizeLine(s) {
		if strings.ContainsRune("\\`*_{}[]()#+-.!|<>", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
