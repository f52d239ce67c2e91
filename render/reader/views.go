package reader

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/graph"
)

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
	Key, Number, Kind string
	Place             text
	Quote             text
}

// reader builds the whole reader: the letters, the whole map and each
// dispute, and the list of units.
func (b *pageBuilder) reader() error {
	page := b.page
	pm := newPageMap(b.m, "", "")
	page.Heading = b.data(b.titles(b.m))
	// The whole map first: its layout takes longest, and the rest of the
	// page is built while it runs.
	fig, err := b.figure(pm, "fig-map", "", b.say(msgWholeMap), graph.DiagramOptions{Legend: true}, nil)
	if err != nil {
		return err
	}
	page.Sections = b.letters(b.anchors(pm, nil, nil), nil)
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
	fig.Diagrams = make([]readerDiagram, len(b.modes))
	for i, lang := range b.modes {
		opts.Lang = lang
		dot, err := graph.DOT(pm.m, opts)
		if err != nil {
			return nil, err
		}
		prefix := strings.TrimPrefix(id, "fig-") + "-" + string(lang) + "-"
		fig.Diagrams[i] = readerDiagram{Mode: string(lang), Lang: string(lang), Prefix: prefix, Map: pm.prefix}
		b.draw(dot, &fig.Diagrams[i], lang, pm.marksIn(lang))
	}
	if d != nil {
		fig.Passages = b.passages(pm, d.Units)
	}
	return fig, nil
}

// drawing is one diagram being laid out for the page.
type drawing struct {
	done  chan struct{}
	svg   template.HTML // laid out and marked for the page
	err   error
	lang  argmap.Lang
	marks diagramMarks
}

// draw starts laying out a diagram and puts a placeholder for it in the
// page. Layouts run side by side, as many at once as there are processors
// (at least two), while the page goes on being built and written; finish
// waits for them and splice puts each in its place. The page's views draw
// twenty-odd diagrams, and argmap serve lays them out in worker processes,
// so a save that changes the whole map and a dispute waits for the slower,
// not both, and not for the page.
func (b *pageBuilder) draw(dot []byte, diagram *readerDiagram, lang argmap.Lang, marks diagramMarks) {
	layout := b.opts.SVG
	if layout == nil {
		layout = graph.SVG
	}
	d := &drawing{done: make(chan struct{}), lang: lang, marks: marks}
	diagram.SVG = template.HTML(b.placeholder.of(len(b.drawings)))
	b.drawings = append(b.drawings, d)
	prefix := diagram.Prefix
	go func() {
		defer close(d.done)
		b.slots <- struct{}{}
		defer func() { <-b.slots }()
		svg, err := layout(dot)
		if err != nil {
			d.err = err
			return
		}
		d.svg = prepareSVG(svg, prefix, d.marks)
	}()
}

// finish waits for every diagram started by draw. It reports the first
// failure, after all have ended, so that no layout outlives the page.
func (b *pageBuilder) finish() error {
	var first error
	for _, d := range b.drawings {
		<-d.done
		if d.err != nil && first == nil {
			first = fmt.Errorf("drawing the %s diagram: %w", d.lang.Name(), d.err)
		}
	}
	return first
}

// splice writes the page, written with a placeholder for each diagram, to
// w with the diagrams in their places. It follows finish, and writes
// nothing unless every placeholder names a diagram.
func (b *pageBuilder) splice(w io.Writer, page []byte) error {
	type piece struct {
		text    []byte
		diagram int // -1 for none
	}
	var pieces []piece
	for {
		at, end, n := b.placeholder.next(page)
		if at < 0 {
			pieces = append(pieces, piece{page, -1})
			break
		}
		if n < 0 || n >= len(b.drawings) {
			return fmt.Errorf("reader: the page names diagram %d of %d", n, len(b.drawings))
		}
		pieces = append(pieces, piece{page[:at], n})
		page = page[end:]
	}
	for _, p := range pieces {
		if _, err := w.Write(p.text); err != nil {
			return err
		}
		if p.diagram >= 0 {
			if _, err := io.WriteString(w, string(b.drawings[p.diagram].svg)); err != nil {
				return err
			}
		}
	}
	return nil
}

// placeholder marks where a diagram goes in a page being written: an HTML
// comment that names the diagram and carries a number drawn at random for
// the page. The page's text is escaped as it is written and the diagrams
// are not yet in it, so nothing else in the page can look like one.
type placeholder string

func newPlaceholder() placeholder {
	return placeholder("<!--argmap-diagram " + rand.Text() + " ")
}

// of is the placeholder of diagram n.
func (p placeholder) of(n int) string { return string(p) + strconv.Itoa(n) + "-->" }

// next finds the first placeholder in page: where it starts and ends, and
// its diagram's number (-1 if it has none); at is -1 when there is none.
func (p placeholder) next(page []byte) (at, end, n int) {
	at = bytes.Index(page, []byte(p))
	if at < 0 {
		return -1, 0, 0
	}
	rest := page[at+len(p):]
	closing := bytes.Index(rest, []byte("-->"))
	if closing < 0 {
		return at, len(page), -1
	}
	n, err := strconv.Atoi(string(rest[:closing]))
	if err != nil {
		n = -1
	}
	return at, at + len(p) + closing + len("-->"), n
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
