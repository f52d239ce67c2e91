// Package graph draws the map as a diagram. DOT writes Graphviz source
// (one column per letter, units in paragraph order, shapes and colours by
// kind, line styles by relation); SVG and LayoutJSON lay it out with
// go-graphviz, in memory, behind one lock (engine.go).
package graph

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// DiagramOptions choose what a diagram shows.
type DiagramOptions struct {
	Lang   argmap.Lang // language of labels and titles; English when empty
	Quotes bool        // label units with their quotes instead of summaries
	Legend bool        // add a key to kinds and relations
	Focus  string      // draw only the neighbourhood of this unit
	Depth  int         // with Focus: how many relations away to go (default 1)
	Doc    string      // draw only this document's units, what answers them, and (greyed) what they answer
	// Dispute draws only the units of this dispute (argmap disputes lists
	// them), laid out for a 16:9 screen.
	Dispute string
}

// Label metrics. go-graphviz measures CJK text too narrow (about 10.5 pt a
// character at 14 pt), so node sizes come from a display-width estimate:
// a CJK character takes two columns, a column about 0.55 em.
const (
	nodeSepPt     = 18.0 // the graph's nodesep, between units of a column
	fontSize      = 12.0
	wrapColumns   = 34
	pointsPerCol  = fontSize * 0.55
	lineHeightPt  = fontSize * 1.25
	nodePaddingPt = 22.0
)

// DOT writes the map as Graphviz DOT. The output is deterministic, and
// stable under edits: documents are columns in date order, and the units of
// a column follow the paragraphs, held in that order by a chain of invisible
// edges whatever the relations, so adding a unit to one letter does not
// reorder the others.
func DOT(m *argmap.Map, opts DiagramOptions) ([]byte, error) {
	if opts.Lang == "" {
		opts.Lang = argmap.English
	}
	if opts.Depth <= 0 {
		opts.Depth = 1
	}
	units, context, err := selectUnits(m, opts)
	if err != nil {
		return nil, err
	}
	var l *layout
	if opts.Dispute != "" || opts.Focus != "" {
		// One dispute, or one unit's neighbourhood: one band, paragraph
		// order in each column.
		l = singleBand(units)
	} else {
		l = rememberedLayout(m, units, opts)
	}
	var b bytes.Buffer
	title := m.TitleIn(opts.Lang)
	if d := m.Dispute(opts.Dispute); d != nil {
		title = d.TitleIn(opts.Lang)
	}
	title = clipTitle(title)
	if opts.Lang == argmap.Chinese {
		title = padCJK(title)
	}
	fmt.Fprintf(&b, "digraph argmap {\n")
	fmt.Fprintf(&b, "  graph [rankdir=LR, newrank=true, remincross=false, nodesep=%g, ranksep=1.1, pad=0.3, fontname=%s, fontsize=16, labelloc=t, label=%s];\n",
		nodeSepPt/72, quote(fontFor(opts.Lang)), quote(title))
	fmt.Fprintf(&b, "  node [fontname=%s, fontsize=%g, margin=\"0.12,0.06\", penwidth=1.4];\n", quote(fontFor(opts.Lang)), fontSize)
	fmt.Fprintf(&b, "  edge [fontname=%s, fontsize=10];\n", quote(fontFor(opts.Lang)))
	anchor := func(col, k int) string { return fmt.Sprintf("band_%d_%d", col, k) }
	for i, col := range l.columns {
		fmt.Fprintf(&b, "  subgraph %s {\n", quote(fmt.Sprintf("cluster_%d_%s", i, col.doc.ID)))
		fmt.Fprintf(&b, "    graph [label=%s, style=\"rounded,filled\", fillcolor=\"#F4F4F4\", color=\"#9A9A9A\", fontsize=14, margin=12];\n",
			quote(columnTitle(col, opts.Lang)))
		// The column's units come band by band: each band's anchor, then
		// its units.
		var chain []string
		next := 0
		for k := 0; k < l.bands; k++ {
			chain = append(chain, anchor(i, k))
			fmt.Fprintf(&b, "    %s [shape=point, width=0.01, height=0.01, style=invis];\n", quote(anchor(i, k)))
			for ; next < len(col.units) && l.band[col.units[next]] == k; next++ {
				chain = append(chain, col.units[next].ID)
				writeNode(&b, col.units[next], opts, context[col.units[next]])
			}
		}
		b.WriteString("    {rank=same;")
		for _, id := range chain {
			fmt.Fprintf(&b, " %s;", quote(id))
		}
		b.WriteString("}\n")
		// Across a rank of a left-to-right graph, Graphviz puts the tail of
		// an edge below its head: the chain runs upwards from the last unit.
		for j := len(chain) - 1; j > 0; j-- {
			fmt.Fprintf(&b, "    %s -> %s [style=invis];\n", quote(chain[j]), quote(chain[j-1]))
		}
		b.WriteString("  }\n")
	}
	for i := 1; i < len(l.columns); i++ {
		for k := 0; k < l.bands; k++ {
			fmt.Fprintf(&b, "  %s -> %s [style=invis, weight=1000];\n", quote(anchor(i-1, k)), quote(anchor(i, k)))
		}
	}
	writeBandLabels(&b, l, opts.Lang, anchor)
	for _, u := range units {
		for _, r := range u.Relations {
			if _, ok := l.place[r.To]; r.To == nil || !ok {
				continue
			}
			writeRelation(&b, r, l)
		}
	}
	if opts.Legend {
		writeLegend(&b, opts.Lang, l.columns[len(l.columns)-1].units[0].ID)
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// writeRelation writes a relation's edge. Graphviz ranks the tail of an
// edge before its head, and orders the units of a column by the edges
// between them; so an edge always runs from the earlier column, or from
// lower in a column, and dir=back puts the arrow at the right end. The
// columns and their order stay as the documents and paragraphs say, and
// every relation joins neighbouring columns or one column, which keeps the
// layout fast for large maps.
func writeRelation(b *bytes.Buffer, r *argmap.Relation, l *layout) {
	s := render.RelationStyles[r.Type]
	from, to := l.place[r.From], l.place[r.To]
	tail, head, dir, arrow := r.From.ID, r.To.ID, "forward", "arrowhead"
	if to.col < from.col || (to.col == from.col && to.pos > from.pos) {
		tail, head, dir, arrow = r.To.ID, r.From.ID, "back", "arrowtail"
	}
	ports := ""
	if s := l.side[r]; s != noSide {
		ports = fmt.Sprintf(", tailport=%s, headport=%s", s.port(), s.port())
	}
	fmt.Fprintf(b, "  %s -> %s [id=%s, class=%s, comment=%s, color=%s, style=%s, dir=%s, %s=%s, penwidth=%s, tooltip=%s%s];\n",
		quote(tail), quote(head), quote(RelationElementID(r)), quote("relation "+string(r.Type)), quote(relationTitle(r.From.ID, r.To.ID)),
		quote(s.Line), s.EdgeStyle, dir, arrow, s.Arrow, s.PenWidth, quote(r.From.ID+" "+string(r.Type)+" "+r.ToID), ports)
}

// NodeElementID is the id a unit's node carries in SVG output, which the
// bilingual reader uses to link the diagram to the text.
func NodeElementID(u *argmap.Unit) string { return "unit-" + u.ID }

// RelationElementID is the id a relation's edge carries in SVG output.
func RelationElementID(r *argmap.Relation) string {
	return "rel-" + r.From.ID + "-" + string(r.Type) + "-" + r.ToID
}

// selectUnits applies Focus, Doc and Dispute. It returns the units to draw
// and, among them, the context units: drawn greyed, they are there only so
// that what the selection answers keeps its target.
func selectUnits(m *argmap.Map, opts DiagramOptions) ([]*argmap.Unit, map[*argmap.Unit]bool, error) {
	// A dispute's diagram starts from the dispute's units, so that drawing
	// every dispute of a map costs time in proportion to the disputes.
	all := m.Units
	if opts.Dispute != "" {
		d := m.Dispute(opts.Dispute)
		if d == nil {
			return nil, nil, fmt.Errorf("--dispute: unknown dispute %q%s; disputes: %s", opts.Dispute,
				argmap.DidYouMean(opts.Dispute, m.DisputeIDs()), strings.Join(m.DisputeIDs(), ", "))
		}
		all = argmap.SortUnitsByMap(d.Units)
	}
	var units []*argmap.Unit
	for _, u := range all {
		if u.Span.Paragraph != nil {
			units = append(units, u)
		}
	}
	context := map[*argmap.Unit]bool{}
	if opts.Focus != "" {
		start := m.Unit(opts.Focus)
		if start == nil {
			var ids []string
			for _, u := range m.Units {
				ids = append(ids, u.ID)
			}
			return nil, nil, fmt.Errorf("--focus: unknown unit %q%s (argmap disputes --format json lists the units of every dispute)",
				opts.Focus, argmap.DidYouMean(opts.Focus, ids))
		}
		keep := map[*argmap.Unit]bool{start: true}
		frontier := []*argmap.Unit{start}
		for d := 0; d < opts.Depth; d++ {
			var next []*argmap.Unit
			for _, u := range frontier {
				for _, r := range append(append([]*argmap.Relation(nil), u.Relations...), u.Incoming...) {
					for _, v := range []*argmap.Unit{r.From, r.To} {
						if v != nil && !keep[v] {
							keep[v] = true
							next = append(next, v)
						}
					}
				}
			}
			frontier = next
		}
		units = filter(units, keep)
	}
	if opts.Doc != "" {
		d := m.Corpus.Document(opts.Doc)
		if d == nil {
			return nil, nil, fmt.Errorf("--doc: unknown document %q%s; documents: %s", opts.Doc,
				argmap.DidYouMean(opts.Doc, m.Corpus.DocumentIDs()), strings.Join(m.Corpus.DocumentIDs(), ", "))
		}
		keep := map[*argmap.Unit]bool{}
		for _, u := range units {
			if u.Origin() == d || u.Span.Doc == d {
				keep[u] = true
				for _, r := range u.Incoming {
					keep[r.From] = true
				}
			}
		}
		for _, u := range units {
			if !keep[u] || (u.Origin() != d && u.Span.Doc != d) {
				continue
			}
			for _, r := range u.Relations {
				if r.Type.Answers() && r.To != nil && !keep[r.To] {
					keep[r.To], context[r.To] = true, true
				}
			}
		}
		units = filter(units, keep)
	}
	if len(units) == 0 {
		return nil, nil, fmt.Errorf("nothing to draw: the selection has no units")
	}
	return units, context, nil
}

func filter(units []*argmap.Unit, keep map[*argmap.Unit]bool) []*argmap.Unit {
	var out []*argmap.Unit
	for _, u := range units {
		if keep[u] {
			out = append(out, u)
		}
	}
	return out
}

// writeNode writes a unit's node: its summary (or quote) wrapped, where it
// is, its kind's shape and colours. Its tooltip, which is the node's
// accessible name in SVG, says what the node shows: the summary and the
// kind. A context unit is drawn greyed.
func writeNode(b *bytes.Buffer, u *argmap.Unit, opts DiagramOptions, context bool) {
	text, lines := nodeLabel(u, opts)
	width, height := nodeSize(u, lines)
	s := render.KindStyles[u.Kind]
	class, fill, line, font := "unit "+string(u.Kind), s.Fill, s.Line, "#000000"
	if context {
		class, fill, line, font = class+" context", contextFill, contextLine, contextText
	}
	fmt.Fprintf(b, "    %s [id=%s, class=%s, label=%s, shape=%s, style=%s, fillcolor=%s, color=%s, fontcolor=%s, width=%.2f, height=%.2f, tooltip=%s];\n",
		quote(u.ID), quote(NodeElementID(u)), quote(class), quoteLines(lines), s.Shape, quote(s.NodeStyle),
		quote(fill), quote(line), quote(font), width, height, quote(shownText(text)+" ("+render.KindName(opts.Lang, u.Kind)+")"))
}

// nodeLabel returns the text a unit's node shows (its summary, or its
// quote) and the node's label: that text wrapped, then where the unit is.
func nodeLabel(u *argmap.Unit, opts DiagramOptions) (string, []string) {
	text := u.Summary[opts.Lang]
	if text == "" {
		text = u.Summary[argmap.English]
	}
	if opts.Quotes {
		if q := u.Span.Quotes[opts.Lang]; q != nil {
			text = "“" + q.Text + "”"
		}
	}
	return text, append(render.Wrap(text, wrapColumns), location(u, opts.Lang))
}

// nodeSize returns the width and height of a unit's node, in inches, from
// the lines of its label.
func nodeSize(u *argmap.Unit, lines []string) (width, height float64) {
	widest := 0
	for _, l := range lines {
		widest = max(widest, render.DisplayWidth(l))
	}
	extra := 0.0
	if u.Kind == argmap.Rebuttal {
		extra = 2 * lineHeightPt // a hexagon's slanted sides need room
	}
	width = (float64(widest)*pointsPerCol + nodePaddingPt + extra) / 72
	height = (float64(len(lines))*lineHeightPt + nodePaddingPt) / 72
	return width, height
}

// maxTooltip bounds a node's tooltip in code points, as Wrap bounds its
// label: a megabyte of summary must not reach Graphviz twice (native dot
// refuses strings of more than 16,384 characters).
const maxTooltip = render.MaxWrapLines * wrapColumns

// shownText is the text a node's label shows, clipped as Wrap clips it, for
// its accessible name.
func shownText(text string) string {
	runes := 0
	for i := range text {
		if runes == maxTooltip {
			return text[:i] + "…"
		}
		runes++
	}
	return text
}

// maxTitleWidth bounds a diagram's title, in columns: a title is one line,
// and a derived dispute is titled by a summary of any length.
const maxTitleWidth = 4 * wrapColumns

// clipTitle shortens a title wider than maxTitleWidth, marking the cut.
func clipTitle(s string) string {
	w := 0
	for i, r := range s {
		if w += render.RuneWidth(r); w > maxTitleWidth {
			return s[:i] + "…"
		}
	}
	return s
}

// The look of a context unit: grey, with text dark enough for AA contrast
// (#555555 on #F2F2F2 is 6.7:1).
const (
	contextFill = "#F2F2F2"
	contextLine = "#8C8C8C"
	contextText = "#555555"
)

// location says where a unit is, as readers cite it: "Clark ¶5".
func location(u *argmap.Unit, lang argmap.Lang) string {
	p := u.Span.Paragraph
	loc := render.Say(lang, render.MsgLocation, p.Doc.Speaker.ShortIn(lang), render.ParagraphName(lang, p))
	if u.Reports != nil {
		return render.Say(lang, render.MsgLocationReported, loc)
	}
	return loc
}

func columnTitle(c column, lang argmap.Lang) string {
	d := c.doc
	t := render.Say(lang, render.MsgSpeakerDate, d.Speaker.ShortIn(lang), render.DateIn(lang, d.Date))
	if !d.HasText() {
		t = render.Say(lang, render.MsgReportedLetter, t)
	}
	if lang == argmap.Chinese {
		return padCJK(t)
	}
	return t
}

// padCJK widens a label that Graphviz will measure: go-graphviz counts a
// CJK character about a quarter em too narrow, so a cluster sized from its
// measure would clip its own title. A space per two wide characters on each
// side makes up the difference and keeps the title centred.
func padCJK(s string) string {
	wide := 0
	for _, r := range s {
		if argmap.IsWide(r) {
			wide++
		}
	}
	pad := strings.Repeat(" ", (wide+1)/2)
	return pad + s + pad
}

// writeLegend draws a key to the right of the last column: the kinds, then
// one row per relation type with a short line in its style. after is the top
// unit of the last column, which the key is aligned with.
func writeLegend(b *bytes.Buffer, lang argmap.Lang, after string) {
	name := func(k string) string { return render.Say(lang, render.Message(k)) }
	fmt.Fprintf(b, "  subgraph cluster_legend {\n    graph [label=%s, style=\"rounded\", color=\"#9A9A9A\", fontsize=14, margin=10];\n", quote(name("key")))
	var column []string // top to bottom
	for _, k := range argmap.Kinds {
		s := render.KindStyles[k]
		id := "legend-" + string(k)
		column = append(column, id)
		fmt.Fprintf(b, "    %s [label=%s, shape=%s, style=%s, fillcolor=%s, color=%s, width=1.1, height=0.4];\n",
			quote(id), quote(name(string(k))), s.Shape, quote(s.NodeStyle), quote(s.Fill), quote(s.Line))
	}
	for _, t := range argmap.RelationTypes {
		s := render.RelationStyles[t]
		from, to := "legend-"+string(t), "legend-"+string(t)+"-end"
		column = append(column, from)
		fmt.Fprintf(b, "    %s [label=%s, shape=plaintext, width=1.1, height=0.3];\n    %s [label=\"\", shape=point, width=0.02, style=invis];\n",
			quote(from), quote(name(string(t))), quote(to))
		fmt.Fprintf(b, "    %s -> %s [color=%s, style=%s, arrowhead=%s, penwidth=%s, minlen=1];\n",
			quote(from), quote(to), quote(s.Line), s.EdgeStyle, s.Arrow, s.PenWidth)
	}
	b.WriteString("    {rank=same;")
	for _, id := range column {
		fmt.Fprintf(b, " %s;", quote(id))
	}
	b.WriteString("}\n")
	for j := len(column) - 1; j > 0; j-- {
		fmt.Fprintf(b, "    %s -> %s [style=invis];\n", quote(column[j]), quote(column[j-1]))
	}
	b.WriteString("  }\n")
	fmt.Fprintf(b, "  %s -> %s [style=invis, weight=100];\n", quote(after), quote(column[0]))
}

func fontFor(lang argmap.Lang) string {
	if lang == argmap.Chinese {
		return "Noto Sans CJK SC"
	}
	return "Helvetica"
}

// quote writes s as a DOT double-quoted string. Annotation text is data:
// backslashes and quotes are escaped, so that nothing in a summary can end
// the string or act as a Graphviz escape such as \N or \G.
func quote(s string) string {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each byte that is not UTF-8 becomes U+FFFD
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	// The characters escaped are ASCII, which no byte of a longer UTF-8
	// sequence can be: the runs between them are copied whole.
	for {
		i := strings.IndexAny(s, "\"\\\n\r")
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(s[i])
		case '\n':
			b.WriteString(`\n`)
		}
		s = s[i+1:]
	}
	b.WriteString(s)
	b.WriteByte('"')
	return b.String()
}

// quoteLines writes lines as one centred DOT label.
func quoteLines(lines []string) string { return quote(strings.Join(lines, "\n")) }
