// Package reader writes the bilingual reader: one self-contained HTML page
// with the letters side by side in each language, every annotated passage
// highlighted and linked to its node in the diagram, and no network access.
package reader

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/diag"
	"github.com/argmap/argmap/render/graph"
)

//go:embed html/reader.html.tmpl html/reader.css html/reader.js
var readerFiles embed.FS

var (
	readerTemplate = template.Must(template.New("reader.html.tmpl").ParseFS(readerFiles, "html/reader.html.tmpl"))
	readerCSS      = mustRead("html/reader.css")
	readerJS       = mustRead("html/reader.js")
	// readerScriptHash lets the Content-Security-Policy allow exactly the
	// reader's own script: an injected inline handler or script never runs,
	// even if some text escaped escaping.
	readerScriptHash = scriptHash(readerJS)
)

func mustRead(name string) string {
	b, err := readerFiles.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// ReaderOptions tune the bilingual reader.
type ReaderOptions struct {
	// Lang is the language the page opens in: en, zh, or "both" for the
	// texts in parallel. English when empty.
	Lang string
	// Live connects the page to a preview server's /events stream, which
	// tells it to reload when the annotations change.
	Live bool
	// Version names the state of the map the page shows, for Live pages:
	// the page reloads when the server's version differs.
	Version string
	// Diagnostics are shown above the reader (warnings of a valid map), or
	// instead of it when the map is nil.
	Diagnostics []argmap.Diagnostic
	// Files are the annotation files, for source lines in diagnostics.
	Files []*argmap.File
	// Problem is an error that kept the map from being read at all (an
	// unreadable file, a broken corpus); with a nil map the page shows it.
	Problem string
	// SVG lays out and draws a diagram; SVG in this package when nil. A
	// long-running server passes one that renders in a child process,
	// because go-graphviz never frees the memory a render takes.
	SVG func(dot []byte) ([]byte, error)
}

// readerPage is what the template sees.
type readerPage struct {
	Title       string
	Lang        string
	Langs       []argmap.Lang
	CSP         string
	CSS         template.CSS
	Script      template.JS
	Data        readerData
	Sections    []readerSection
	Diagrams    []readerDiagram
	Units       []readerUnit
	Diagnostics string
	Problem     string
	Errors      int
	Warnings    int
	Invalid     bool
}

// readerData is handed to the script as JSON.
type readerData struct {
	Live    bool                  `json:"live"`
	Version string                `json:"version"`
	Units   map[string]readerLink `json:"units"`
}

type readerLink struct {
	Kind  string   `json:"kind"`
	Edges []string `json:"edges"` // element ids of relations in and out
	Near  []string `json:"near"`  // units at the other end of them
}

type readerSection struct {
	Columns []readerDocument // one, or a letter and the reply beside it
}

type readerDocument struct {
	ID         string
	Title      map[string]string
	Paragraphs []readerParagraph
}

type readerParagraph struct {
	ID    string
	Label string
	Role  string
	Texts []readerText
}

type readerText struct {
	Lang     argmap.Lang
	Segments []readerSegment
}

// readerSegment is a stretch of a paragraph covered by the same units,
// outermost (longest) first: the template nests a mark per unit, so
// overlapping spans still give well-formed HTML.
type readerSegment struct {
	Text  string
	Units []segmentUnit
}

type segmentUnit struct {
	ID    string
	Kind  string
	First bool // the unit's first segment in this language: its tab stop
}

type readerDiagram struct {
	Lang argmap.Lang
	SVG  template.HTML
}

type readerUnit struct {
	ID        string
	Kind      string
	Party     string
	Place     string
	Summary   map[string]string
	Relations []readerRelation
}

type readerRelation struct {
	Label   string // "rebuts", "rebutted by"
	Target  string
	Summary map[string]string
}

// passive names each relation seen from its target.
var passive = map[argmap.RelationType]string{
	argmap.Rebuts:    "rebutted by",
	argmap.Undercuts: "undercut by",
	argmap.Concedes:  "conceded by",
	argmap.Supports:  "supported by",
}

// Reader writes the bilingual reader: one self-contained HTML page with the
// letters side by side, every anchored span highlighted, the diagram in
// each language, and a list of units, all linked. It loads nothing from the
// network. With a nil map it shows only opts.Diagnostics, as a preview
// server does while the annotations are invalid.
func Reader(w io.Writer, m *argmap.Map, opts ReaderOptions) error {
	page := readerPage{
		Lang:   opts.Lang,
		CSS:    template.CSS(readerCSS),
		Script: template.JS(readerJS),
		Data:   readerData{Live: opts.Live, Version: opts.Version, Units: map[string]readerLink{}},
	}
	if page.Lang == "" {
		page.Lang = string(argmap.English)
	}
	csp := "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src " + readerScriptHash
	if opts.Live {
		csp += "; connect-src 'self'"
	}
	page.CSP = csp
	for _, d := range opts.Diagnostics {
		switch d.Severity {
		case argmap.SeverityError:
			page.Errors++
		case argmap.SeverityWarning:
			page.Warnings++
		}
	}
	if len(opts.Diagnostics) > 0 && (m == nil || page.Warnings > 0) {
		var b bytes.Buffer
		if err := diag.WriteText(&b, &diag.Report{Files: opts.Files, Diagnostics: opts.Diagnostics}, diag.DiagnosticOptions{}); err != nil {
			return err
		}
		page.Diagnostics = b.String()
	}
	if m == nil {
		page.Invalid = true
		page.Problem = opts.Problem
		page.Title = "argmap: invalid annotations"
		return readerTemplate.Execute(w, page)
	}
	page.Title = m.TitleIn(argmap.English)
	page.Langs = m.Corpus.Languages
	page.Sections = readerSections(m)
	for _, lang := range page.Langs {
		dot, err := graph.DOT(m, graph.DiagramOptions{Lang: lang, Legend: true})
		if err != nil {
			return err
		}
		draw := opts.SVG
		if draw == nil {
			draw = graph.SVG
		}
		svg, err := draw(dot)
		if err != nil {
			return fmt.Errorf("drawing the %s diagram: %w", lang.Name(), err)
		}
		page.Diagrams = append(page.Diagrams, readerDiagram{Lang: lang, SVG: inlineSVG(svg, string(lang)+"-")})
	}
	for _, u := range m.Units {
		page.Units = append(page.Units, newReaderUnit(u))
		link := readerLink{Kind: string(u.Kind), Edges: []string{}, Near: []string{}}
		for _, r := range u.Relations {
			link.Edges = append(link.Edges, graph.RelationElementID(r))
			link.Near = append(link.Near, r.ToID)
		}
		for _, r := range u.Incoming {
			link.Edges = append(link.Edges, graph.RelationElementID(r))
			link.Near = append(link.Near, r.From.ID)
		}
		page.Data.Units[u.ID] = link
	}
	return readerTemplate.Execute(w, page)
}

func newReaderUnit(u *argmap.Unit) readerUnit {
	ru := readerUnit{ID: u.ID, Kind: string(u.Kind), Summary: langMap(u.Summary)}
	if u.Party != nil {
		ru.Party = u.Party.Name
	}
	if p := u.Span.Paragraph; p != nil {
		ru.Place = p.Doc.Speaker.Short + " " + p.Doc.Date.English() + ", " + p.Label()
		if u.Reports != nil {
			ru.Place += ", reporting " + u.Reports.Speaker.Short + " " + u.Reports.Date.English()
		}
	}
	for _, r := range u.Relations {
		rel := readerRelation{Label: string(r.Type), Target: r.ToID}
		if r.To != nil {
			rel.Summary = langMap(r.To.Summary)
		}
		ru.Relations = append(ru.Relations, rel)
	}
	for _, r := range u.Incoming {
		ru.Relations = append(ru.Relations, readerRelation{Label: passive[r.Type], Target: r.From.ID, Summary: langMap(r.From.Summary)})
	}
	return ru
}

// readerSections lays out the documents that have text, in date order: a
// letter whose reply is in the corpus sits in the left column with the reply
// beside it; the others take the whole width.
func readerSections(m *argmap.Map) []readerSection {
	spans := spansByParagraph(m)
	placed := map[*argmap.Document]bool{}
	var sections []readerSection
	docs := m.Corpus.Chronological()
	for _, d := range docs {
		if !d.HasText() || placed[d] {
			continue
		}
		section := readerSection{Columns: []readerDocument{readerDoc(m, d, spans)}}
		placed[d] = true
		for _, reply := range docs {
			if reply.RepliesTo == d && reply.HasText() && !placed[reply] {
				section.Columns = append(section.Columns, readerDoc(m, reply, spans))
				placed[reply] = true
				break
			}
		}
		sections = append(sections, section)
	}
	return sections
}

func readerDoc(m *argmap.Map, d *argmap.Document, spans map[*argmap.Paragraph][]*argmap.Unit) readerDocument {
	rd := readerDocument{ID: d.ID, Title: map[string]string{}}
	for _, lang := range m.Corpus.Languages {
		rd.Title[string(lang)] = render.Say(lang, render.MsgSpeakerDate, d.Speaker.ShortIn(lang), render.DateIn(lang, d.Date))
	}
	if d.Kind == "communiqué" {
		rd.Title["en"] = "Communiqué, " + d.Date.English()
		rd.Title["zh"] = "公报，" + d.Date.Chinese()
	}
	for _, p := range d.Paragraphs {
		rp := readerParagraph{ID: "p-" + d.ID + "-" + fmt.Sprint(p.Index), Label: p.Label(), Role: string(p.Role)}
		if p.Role != argmap.Body {
			rp.Label = ""
		}
		for _, lang := range m.Corpus.Languages {
			rp.Texts = append(rp.Texts, readerText{Lang: lang, Segments: segments(p.Text[lang], lang, spans[p])})
		}
		rd.Paragraphs = append(rd.Paragraphs, rp)
	}
	return rd
}

func spansByParagraph(m *argmap.Map) map[*argmap.Paragraph][]*argmap.Unit {
	spans := map[*argmap.Paragraph][]*argmap.Unit{}
	for _, u := range m.Units {
		if u.Span.Paragraph != nil {
			spans[u.Span.Paragraph] = append(spans[u.Span.Paragraph], u)
		}
	}
	return spans
}

// segments cuts a paragraph's text in one language at every boundary of the
// units' quotes found in it, and gives each segment the units covering it,
// longest first. Offsets are code points.
func segments(text string, lang argmap.Lang, units []*argmap.Unit) []readerSegment {
	type span struct {
		u          *argmap.Unit
		start, end int
	}
	var spans []span
	n := argmap.RuneLen(text)
	cuts := []int{0, n}
	for _, u := range units {
		q := u.Span.Quotes[lang]
		if q == nil || !q.Found || q.Start >= q.End || q.End > n {
			continue
		}
		spans = append(spans, span{u, q.Start, q.End})
		cuts = append(cuts, q.Start, q.End)
	}
	sort.Ints(cuts)
	seen := map[string]bool{}
	var segs []readerSegment
	for i := 1; i < len(cuts); i++ {
		a, b := cuts[i-1], cuts[i]
		if a == b {
			continue
		}
		seg := readerSegment{Text: text[argmap.ByteOffset(text, a):argmap.ByteOffset(text, b)]}
		var cover []span
		for _, s := range spans {
			if s.start <= a && b <= s.end {
				cover = append(cover, s)
			}
		}
		sort.SliceStable(cover, func(i, j int) bool {
			li, lj := cover[i].end-cover[i].start, cover[j].end-cover[j].start
			if li != lj {
				return li > lj
			}
			return cover[i].u.ID < cover[j].u.ID
		})
		for _, s := range cover {
			seg.Units = append(seg.Units, segmentUnit{ID: s.u.ID, Kind: string(s.u.Kind), First: !seen[s.u.ID]})
			seen[s.u.ID] = true
		}
		segs = append(segs, seg)
	}
	return segs
}

// inlineSVG prepares Graphviz's SVG document for a place inside an HTML
// page: the XML prolog and doctype go, and every id gets a prefix so that
// the diagrams of two languages can share the page. Graphviz escapes the
// text of labels and attributes, so ` id="` occurs only as an attribute.
func inlineSVG(svg []byte, prefix string) template.HTML {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	s = strings.ReplaceAll(s, ` id="`, ` id="`+prefix)
	return template.HTML(s) // Graphviz output, its text escaped by Graphviz
}

// langMap keys a per-language map by plain strings, which templates index.
func langMap(m map[argmap.Lang]string) map[string]string {
	out := make(map[string]string, len(m))
	for lang, s := range m {
		out[string(lang)] = s
	}
	return out
}
