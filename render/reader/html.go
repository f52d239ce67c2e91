// Package reader writes the bilingual reader: one self-contained HTML page
// with each letter beside the replies to it, in each language of the corpus
// or all of them in parallel; every annotated passage highlighted, numbered
// and linked to its node in the diagram; the map whole and dispute by
// dispute; a list of the units; and no network access. The same page serves
// a class: an exercise mode hides the answers until they are revealed, a
// one-dispute handout prints on its own, and a student's map can be shown
// beside a key with the differences marked.
//
// Data flows one way: Reader builds a readerPage from the map (the letters
// cut into marked segments, the diagrams drawn once per language and view
// and prepared for the page, the units and their relations, every string in
// every language mode), then executes the template; reader.js links the
// parts in the browser.
package reader

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
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

// BothMode is the language mode that shows every language of the corpus in
// parallel.
const BothMode = "both"

// ReaderOptions tune the bilingual reader.
type ReaderOptions struct {
	// Lang is the mode the page opens in: a language of the corpus, or
	// BothMode for every language in parallel. The corpus's first language
	// when empty.
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
	// Exercise opens the page with the highlights and the map hidden; the
	// reader reveals them a paragraph or a dispute at a time, or all at
	// once. Every page has the control; this only sets where it starts.
	Exercise bool
	// Dispute makes a one-dispute handout: the dispute's diagram, its
	// paragraphs with only its passages marked, and its units.
	Dispute string
	// Key, when not nil, is a key the map is compared with: the page shows
	// the map (a student's) beside the key's, with the differences marked,
	// as argmap.Compare finds them. StudentName and KeyName name the two
	// in headings (their files, say).
	Key                  *argmap.Map
	StudentName, KeyName string
	// Assignment limits the comparison with Key to the part of it a class
	// was asked to annotate, as argmap compare's --doc, --paragraphs and
	// --dispute do: key units outside it are not missed.
	Assignment argmap.Assignment
}

// readerPage is what the template sees.
type readerPage struct {
	langs
	Opening   string // the mode the page opens in
	HTMLLang  string // <html lang>: the opening mode's language
	Modes     []modeButton
	ModeCSS   template.CSS
	Fallbacks []text // one note per language mode without strings of its own
	Heading   text
	Subtitle  text
	TabTitle  string
	CSP       string
	CSS       template.CSS
	Script    template.JS
	Data      readerData
	Sections  []readerSection
	Disputes  []readerDispute
	Figures   []readerFigure
	Lists     []readerList
	// Differences lists how a student's map differs from the key; nil
	// unless the page compares.
	Differences *readerDifferences
	Handout     bool // a one-dispute handout
	Compare     bool
	Diagnostics string
	Problem     string
	Errors      int
	Warnings    int
	Invalid     bool
}

// Say gives one of the page's own strings, by key, in every mode. A key
// the table lacks is an error, so that a misspelt key in the template
// fails the tests that execute it.
func (p *readerPage) Say(key string, args ...any) (template.HTML, error) {
	m := render.Message(key)
	if _, ok := pageMessages[argmap.English][m]; !ok {
		return "", fmt.Errorf("the reader's table has no message %q", key)
	}
	return p.say(m, args...).HTML(), nil
}

// Diagram gives a string of render's table (kinds, "Key"), which the
// diagrams' legends share, in every mode.
func (p *readerPage) Diagram(key string) (template.HTML, error) {
	m := render.Message(key)
	if !slices.Contains(render.Messages(), m) {
		return "", fmt.Errorf("render's table has no message %q", key)
	}
	return p.sayDiagram(func(lang argmap.Lang) string { return render.Say(lang, m) }).HTML(), nil
}

type modeButton struct {
	Mode  string
	Lang  string // the language of the label, empty for the parallel mode
	Label string
}

// readerData is handed to the script as JSON.
type readerData struct {
	Live      bool                  `json:"live"`
	Version   string                `json:"version"`
	Primary   string                `json:"primary"`
	Titles    map[string]string     `json:"titles"` // the document's title in each mode
	Units     map[string]readerLink `json:"units"`
	Order     []string              `json:"order"`     // unit keys in reading order
	Relations [][3]string           `json:"relations"` // edge key, from key, to key
	Disputes  map[string][]string   `json:"disputes"`  // dispute id: its unit keys
	Exercise  bool                  `json:"exercise"`
	View      string                `json:"view,omitempty"` // a handout's one view
}

type readerLink struct {
	Kind   string   `json:"kind"`
	Number string   `json:"n"`
	Edges  []string `json:"edges"` // keys of relations in and out
	Near   []string `json:"near"`  // units at the other end of them
	Match  string   `json:"match,omitempty"`
}

// readerDispute is an entry of the list of disputes.
type readerDispute struct {
	ID      string
	Title   text
	Parties text
	Count   text
	Units   string // its unit keys, for the reveal toggle
}

// readerFigure is a diagram in each language, for one view: the whole map
// (View empty) or a dispute.
type readerFigure struct {
	ElementID string
	View      string
	Caption   text
	Diagrams  []readerDiagram
	// Passages are a dispute's passages by document, which print after its
	// diagram.
	Passages []passageColumn
}

type readerDiagram struct {
	Mode   string // the mode that shows it
	Lang   string
	Prefix string // of its element ids
	Map    string // the prefix of its units' keys
	SVG    template.HTML
}

type passageColumn struct {
	Title text
	Items []passageItem
}

type passageItem struct {
	Key, Number, Kind, Class string
	Place                    text
	Quote                    text
}

// readerList is a list of units: the map's, or a student's and the key's.
type readerList struct {
	ElementID string
	Heading   text
	Units     []readerUnit
}

type readerUnit struct {
	Key       string
	ID        string
	Number    string
	Kind      string
	Class     string
	KindName  text
	Summary   text
	Party     text
	Place     text
	Note      text // what a student's unit matches in the key
	Relations []readerRelation
}

type readerRelation struct {
	Label   text // "rebuts", "rebutted by"
	Target  string
	Number  string
	Summary text
	Class   string
}

// pageBuilder holds what building a page needs.
type pageBuilder struct {
	langs
	m       *argmap.Map
	opening argmap.Lang // a language, or BothMode
	opts    ReaderOptions
	page    *readerPage
}

// pageMap is one map on the page with how the page names its units: the
// map itself, or a key shown beside a student's map.
type pageMap struct {
	m      *argmap.Map
	prefix string // of unit keys: "" or "key."
	number map[*argmap.Unit]string
	diff   mapDiff // where a compared map differs from the other
	marks  map[argmap.Lang]diagramMarks
}

func (pm *pageMap) key(u *argmap.Unit) string { return pm.prefix + u.ID }

// newPageMap numbers a map's units in reading order, each number preceded
// by label ("K" for a key's units).
func newPageMap(m *argmap.Map, prefix, label string) *pageMap {
	pm := &pageMap{m: m, prefix: prefix, number: map[*argmap.Unit]string{}, marks: map[argmap.Lang]diagramMarks{}}
	for i, u := range argmap.SortUnitsByPlace(m.Units) {
		pm.number[u] = label + strconv.Itoa(i+1)
	}
	return pm
}

// Reader writes the bilingual reader: one self-contained HTML page with the
// letters, every anchored span highlighted and numbered, the diagrams of
// the map and of each dispute in each language, and a list of units, all
// linked. It loads nothing from the network. With a nil map it shows only
// opts.Diagnostics, as a preview server does while the annotations are
// invalid.
func Reader(w io.Writer, m *argmap.Map, opts ReaderOptions) error {
	page := &readerPage{
		CSS:    template.CSS(readerCSS),
		Script: template.JS(readerJS),
		Data:   readerData{Live: opts.Live, Version: opts.Version, Units: map[string]readerLink{}, Titles: map[string]string{}},
	}
	csp := "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src " + readerScriptHash
	if opts.Live {
		csp += "; connect-src 'self'"
	}
	page.CSP = csp
	if err := page.diagnostics(opts); err != nil {
		return err
	}
	if m == nil {
		return invalidPage(w, page, opts)
	}
	b := &pageBuilder{m: m, opts: opts, page: page}
	if err := b.setModes(); err != nil {
		return err
	}
	var err error
	switch {
	case opts.Key != nil:
		err = b.comparison()
	case opts.Dispute != "":
		err = b.handout()
	default:
		err = b.reader()
	}
	if err != nil {
		return err
	}
	page.TabTitle = page.Heading.In(b.opening)
	for _, mode := range b.modes {
		page.Data.Titles[string(mode)] = page.Heading.In(mode)
	}
	page.Data.Titles[BothMode] = page.Heading.In(b.primary)
	page.Data.Exercise = opts.Exercise
	return readerTemplate.Execute(w, page)
}

// diagnostics counts the diagnostics and writes the ones the page shows.
func (page *readerPage) diagnostics(opts ReaderOptions) error {
	for _, d := range opts.Diagnostics {
		switch d.Severity {
		case argmap.SeverityError:
			page.Errors++
		case argmap.SeverityWarning:
			page.Warnings++
		}
	}
	if len(opts.Diagnostics) == 0 || (page.Warnings == 0 && page.Errors == 0) {
		return nil
	}
	var b bytes.Buffer
	if err := diag.WriteText(&b, &diag.Report{Files: opts.Files, Diagnostics: opts.Diagnostics}, diag.DiagnosticOptions{}); err != nil {
		return err
	}
	page.Diagnostics = b.String()
	return nil
}

// invalidPage writes the page of a map that does not validate: its
// diagnostics, in the language it would have opened in.
func invalidPage(w io.Writer, page *readerPage, opts ReaderOptions) error {
	lang := argmap.Lang(opts.Lang)
	if lang == "" || lang == BothMode {
		lang = argmap.English
	}
	page.langs = langs{modes: []argmap.Lang{lang}, primary: lang}
	page.Opening, page.HTMLLang = string(lang), string(lang)
	page.Invalid = true
	page.Problem = opts.Problem
	page.TabTitle = pageMessages.Say(lang, msgInvalidTitle)
	page.Heading = page.say(msgInvalidTitle)
	return readerTemplate.Execute(w, page)
}

// setModes reads the corpus's languages into the page's modes, buttons
// and style, and checks the opening mode.
func (b *pageBuilder) setModes() error {
	page := b.page
	b.modes = slices.Clone(b.m.Corpus.Languages)
	if len(b.modes) == 0 {
		return errors.New("the corpus declares no language")
	}
	b.primary = b.modes[0]
	page.langs = b.langs
	b.opening = argmap.Lang(b.opts.Lang)
	switch {
	case b.opening == "":
		b.opening = b.primary
	case b.opening == BothMode && len(b.modes) == 1:
		b.opening = b.primary // one language is all of them
	case b.opening == BothMode:
	case !slices.Contains(b.modes, b.opening):
		var names []string
		for _, l := range b.modes {
			names = append(names, string(l))
		}
		if len(b.modes) > 1 {
			names = append(names, BothMode)
		}
		return fmt.Errorf("language %q: the corpus's are %s", b.opening, strings.Join(names, ", "))
	}
	page.Opening = string(b.opening)
	page.HTMLLang = string(b.opening)
	if b.opening == BothMode {
		page.HTMLLang = string(b.primary)
	}
	page.Data.Primary = string(b.primary)
	var css strings.Builder
	var labels []string
	for _, l := range b.modes {
		label := strings.ToUpper(string(l))
		if pageMessages.Has(l) {
			label = pageMessages.Say(l, msgLanguageButton)
		}
		labels = append(labels, label)
		page.Modes = append(page.Modes, modeButton{Mode: string(l), Lang: string(l), Label: label})
		fmt.Fprintf(&css, "html[data-lang=%[1]s] [data-l]:not([data-l=%[1]s]) { display: none !important; }\n", cssString(string(l)))
		if !pageMessages.Has(l) {
			// Said once, in the mode it is about.
			page.Fallbacks = append(page.Fallbacks, b.each(true, func(mode argmap.Lang) (argmap.Lang, string) {
				if mode != l {
					return mode, ""
				}
				return argmap.English, pageMessages.Say(argmap.English, msgFallback, string(l))
			}))
		}
	}
	if len(b.modes) > 1 {
		page.Modes = append(page.Modes, modeButton{Mode: BothMode, Label: strings.Join(labels, " + ")})
		fmt.Fprintf(&css, "html[data-lang=%s] .one[data-l]:not([data-l=%s]) { display: none !important; }\n", cssString(BothMode), cssString(string(b.primary)))
	}
	page.ModeCSS = template.CSS(css.String())
	return nil
}

// cssString quotes a language tag for a CSS attribute selector. Tags are
// letters, digits and hyphens; anything else is dropped, so the style
// cannot be broken out of.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// reader builds the whole reader: the letters, the whole map and each
// dispute, and the list of units.
func (b *pageBuilder) reader() error {
	page := b.page
	pm := newPageMap(b.m, "", "")
	page.Heading = b.data(b.titles(b.m))
	page.Sections = b.letters(b.anchors(pm, nil, nil), nil)
	fig, err := b.figure(pm, "fig-map", "", b.say(msgWholeMap), graph.DiagramOptions{Legend: true}, nil)
	if err != nil {
		return err
	}
	if fig != nil {
		page.Figures = append(page.Figures, *fig)
	}
	page.Data.Disputes = map[string][]string{}
	for i, d := range b.m.Disputes() {
		fig, err := b.figure(pm, "fig-dispute-"+strconv.Itoa(i), d.ID, b.named(false, d.TitleIn), graph.DiagramOptions{Dispute: d.ID}, d)
		if err != nil {
			return err
		}
		if fig == nil {
			continue
		}
		page.Figures = append(page.Figures, *fig)
		page.Disputes = append(page.Disputes, b.dispute(pm, d))
		var keys []string
		for _, u := range d.Units {
			keys = append(keys, pm.key(u))
		}
		page.Data.Disputes[d.ID] = keys
	}
	page.Lists = []readerList{{ElementID: "unit-list", Heading: b.say(msgUnits), Units: b.units(pm, nil, b.m.Units)}}
	b.link(pm, nil, b.m.Units)
	return nil
}

// handout builds a one-dispute handout: the dispute's diagram, the
// paragraphs that hold its passages with only those marked, and its units.
func (b *pageBuilder) handout() error {
	page := b.page
	d := b.m.Dispute(b.opts.Dispute)
	if d == nil {
		return fmt.Errorf("unknown dispute %q%s; disputes: %s", b.opts.Dispute,
			argmap.DidYouMean(b.opts.Dispute, b.m.DisputeIDs()), strings.Join(b.m.DisputeIDs(), ", "))
	}
	pm := newPageMap(b.m, "", "")
	in := map[*argmap.Unit]bool{}
	for _, u := range d.Units {
		in[u] = true
	}
	keep := map[*argmap.Paragraph]bool{}
	for _, p := range d.Paragraphs() {
		keep[p] = true
	}
	page.Handout = true
	page.Heading = b.named(false, d.TitleIn)
	title := b.titles(b.m)
	page.Subtitle = b.langs.each(true, func(lang argmap.Lang) (argmap.Lang, string) {
		t := title[lang]
		if t == "" {
			t = title[argmap.English]
		}
		return writtenIn(pageMessages.Has(lang), lang), pageMessages.Say(lang, msgDisputeOf, t)
	})
	page.Sections = b.letters(b.anchors(pm, in, nil), keep)
	fig, err := b.figure(pm, "fig-dispute-0", d.ID, b.named(false, d.TitleIn), graph.DiagramOptions{Dispute: d.ID}, d)
	if err != nil {
		return err
	}
	if fig != nil {
		page.Figures = append(page.Figures, *fig)
	}
	page.Data.View = d.ID
	page.Data.Disputes = map[string][]string{}
	var keys []string
	for _, u := range d.Units {
		keys = append(keys, pm.key(u))
	}
	page.Data.Disputes[d.ID] = keys
	page.Lists = []readerList{{ElementID: "unit-list", Heading: b.say(msgUnits), Units: b.units(pm, nil, d.Units)}}
	b.link(pm, nil, d.Units)
	return nil
}

// titles gives the map's title in each language.
func (b *pageBuilder) titles(m *argmap.Map) map[argmap.Lang]string {
	out := map[argmap.Lang]string{}
	for _, l := range b.modes {
		out[l] = m.TitleIn(l)
	}
	return out
}

// anchors gathers the units the letters mark, by paragraph of the page's
// corpus: the map's units, or those in only when it is not nil, with a
// class each when classes says so. A key compared with the page's map may
// have been read with its own copy of the corpus: its paragraphs are found
// by document and place.
func (b *pageBuilder) anchors(pm *pageMap, only map[*argmap.Unit]bool, classes map[*argmap.Unit]string) map[*argmap.Paragraph][]anchor {
	out := map[*argmap.Paragraph][]anchor{}
	for _, u := range pm.m.Units {
		p := u.Span.Paragraph
		if p == nil || only != nil && !only[u] {
			continue
		}
		if pm.m.Corpus != b.m.Corpus {
			d := b.m.Corpus.Document(p.Doc.ID)
			if d == nil || p.Index >= len(d.Paragraphs) {
				continue
			}
			p = d.Paragraphs[p.Index]
		}
		out[p] = append(out[p], anchor{unit: u, key: pm.key(u), class: classes[u], number: pm.number[u]})
	}
	return out
}

// dispute builds a dispute's entry in the list of disputes.
func (b *pageBuilder) dispute(pm *pageMap, d *argmap.Dispute) readerDispute {
	var keys []string
	for _, u := range d.Units {
		keys = append(keys, pm.key(u))
	}
	parties := d.Parties()
	return readerDispute{
		ID:    d.ID,
		Title: b.named(false, d.TitleIn),
		Parties: b.named(true, func(lang argmap.Lang) string {
			var names []string
			for _, p := range parties {
				names = append(names, p.NameIn(lang))
			}
			return strings.Join(names, render.Say(lang, render.MsgListSeparator))
		}),
		Count: b.say(msgDisputeUnits, len(d.Units)),
		Units: strings.Join(keys, " "),
	}
}

// figure draws one view of a map in each language, once: the whole map, or
// a dispute (whose passages it lists for print). It returns nil when the
// view has nothing to draw.
func (b *pageBuilder) figure(pm *pageMap, id, view string, caption text, opts graph.DiagramOptions, d *argmap.Dispute) (*readerFigure, error) {
	units := pm.m.Units
	if d != nil {
		units = d.Units
	}
	if !slices.ContainsFunc(units, func(u *argmap.Unit) bool { return u.Span.Paragraph != nil }) {
		return nil, nil
	}
	fig := &readerFigure{ElementID: id, View: view, Caption: caption}
	draw := b.opts.SVG
	if draw == nil {
		draw = graph.SVG
	}
	for _, lang := range b.modes {
		opts.Lang = lang
		dot, err := graph.DOT(pm.m, opts)
		if err != nil {
			return nil, err
		}
		svg, err := draw(dot)
		if err != nil {
			return nil, fmt.Errorf("drawing the %s diagram: %w", lang.Name(), err)
		}
		prefix := strings.TrimPrefix(id, "fig-") + "-" + string(lang) + "-"
		fig.Diagrams = append(fig.Diagrams, readerDiagram{Mode: string(lang), Lang: string(lang), Prefix: prefix, Map: pm.prefix,
			SVG: prepareSVG(svg, prefix, pm.marksIn(lang))})
	}
	if d != nil {
		fig.Passages = b.passages(pm, d.Units)
	}
	return fig, nil
}

// marksIn says what each node and edge of the map's diagrams in lang
// gets. Every view of the map in lang shares them, so they are built once.
func (pm *pageMap) marksIn(lang argmap.Lang) diagramMarks {
	if marks, ok := pm.marks[lang]; ok {
		return marks
	}
	marks := diagramMarks{nodes: map[string]nodeMark{}, edges: pm.diff.edges}
	name := func(number, shown, kind string) string {
		return pageMessages.Say(lang, msgUnitName, number, shown, kind)
	}
	for _, u := range pm.m.Units {
		marks.nodes[u.ID] = nodeMark{key: pm.key(u), number: pm.number[u], kind: render.KindName(lang, u.Kind),
			class: pm.diff.units[u], name: name}
	}
	pm.marks[lang] = marks
	return marks
}

// passages lists units' quotes by document, in reading order, for a
// dispute's printed page.
func (b *pageBuilder) passages(pm *pageMap, units []*argmap.Unit) []passageColumn {
	var cols []passageColumn
	byDoc := map[*argmap.Document]int{}
	for _, u := range argmap.SortUnitsByPlace(units) {
		p := u.Span.Paragraph
		if p == nil {
			continue
		}
		i, ok := byDoc[p.Doc]
		if !ok {
			i = len(cols)
			byDoc[p.Doc] = i
			cols = append(cols, passageColumn{Title: b.documentTitle(p.Doc)})
		}
		quotes := map[argmap.Lang]string{}
		for lang, q := range u.Span.Quotes {
			if q != nil {
				quotes[lang] = q.Text
			}
		}
		cols[i].Items = append(cols[i].Items, passageItem{Key: pm.key(u), Number: pm.number[u], Kind: string(u.Kind),
			Place: b.sayDiagram(func(lang argmap.Lang) string { return render.ParagraphName(lang, p) }),
			Quote: b.data(quotes)})
	}
	return cols
}

// units builds the list entries of units, in reading order.
func (b *pageBuilder) units(pm *pageMap, classes map[*argmap.Unit]string, units []*argmap.Unit) []readerUnit {
	var out []readerUnit
	for _, u := range argmap.SortUnitsByPlace(units) {
		ru := readerUnit{Key: pm.key(u), ID: u.ID, Number: pm.number[u], Kind: string(u.Kind), Class: classes[u],
			KindName: b.sayDiagram(func(lang argmap.Lang) string { return render.KindName(lang, u.Kind) }),
			Summary:  b.data(u.Summary)}
		if u.Party != nil {
			ru.Party = b.named(true, u.Party.NameIn)
		}
		if p := u.Span.Paragraph; p != nil {
			ru.Place = b.langs.each(true, func(lang argmap.Lang) (argmap.Lang, string) {
				place := pageMessages.Say(lang, msgPlace, p.Doc.Speaker.ShortIn(lang), render.DateIn(lang, p.Doc.Date), render.ParagraphName(lang, p))
				if r := u.Reports; r != nil {
					place = pageMessages.Say(lang, msgReporting, place, r.Speaker.ShortIn(lang), render.DateIn(lang, r.Date))
				}
				return writtenIn(pageMessages.Has(lang), lang), place
			})
		}
		for _, r := range u.Relations {
			if r.To == nil {
				continue
			}
			ru.Relations = append(ru.Relations, readerRelation{
				Label:  b.sayDiagram(func(lang argmap.Lang) string { return render.RelationName(lang, r.Type) }),
				Target: pm.key(r.To), Number: pm.number[r.To], Summary: b.data(r.To.Summary).oneInBoth()})
		}
		for _, r := range u.Incoming {
			ru.Relations = append(ru.Relations, readerRelation{
				Label:  b.say(passive[r.Type]),
				Target: pm.key(r.From), Number: pm.number[r.From], Summary: b.data(r.From.Summary).oneInBoth()})
		}
		out = append(out, ru)
	}
	return out
}

// link hands the script each unit's kind, number, relations and
// neighbours, and the map's reading order; match gives each unit's match in
// the other map, when the page compares two.
func (b *pageBuilder) link(pm *pageMap, match map[*argmap.Unit]string, units []*argmap.Unit) {
	in := map[*argmap.Unit]bool{}
	for _, u := range units {
		in[u] = true
	}
	for _, u := range argmap.SortUnitsByPlace(units) {
		link := readerLink{Kind: string(u.Kind), Number: pm.number[u], Edges: []string{}, Near: []string{}, Match: match[u]}
		for _, r := range u.Relations {
			if r.To == nil || !in[r.To] {
				continue
			}
			edge := pm.prefix + graph.RelationElementID(r)
			link.Edges = append(link.Edges, edge)
			link.Near = append(link.Near, pm.key(r.To))
			b.page.Data.Relations = append(b.page.Data.Relations, [3]string{edge, pm.key(u), pm.key(r.To)})
		}
		for _, r := range u.Incoming {
			if !in[r.From] {
				continue
			}
			link.Edges = append(link.Edges, pm.prefix+graph.RelationElementID(r))
			link.Near = append(link.Near, pm.key(r.From))
		}
		b.page.Data.Units[pm.key(u)] = link
		b.page.Data.Order = append(b.page.Data.Order, pm.key(u))
	}
}
