package reader

import (
	"sort"
	"strconv"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// readerSection is a row of the letters: a letter and a reply to it side by
// side, or one document alone.
type readerSection struct {
	Columns []readerDocument
}

type readerDocument struct {
	// ElementID is the document's element id, empty for a repeat: in a
	// chain A1→B→A2, B sits beside A1 and again beside A2, and only its
	// first showing carries ids and tab stops.
	ElementID  string
	Title      text
	Repeat     bool
	Paragraphs []readerParagraph
}

type readerParagraph struct {
	ElementID string // empty in a repeat
	Ref       string // the paragraph as links name it: DOC:N, DOC:ROLE
	Label     text   // "¶3" for body paragraphs, else empty
	Role      string
	LeftOut   bool // a one-dispute handout leaves paragraphs out before this one
	// Units are the keys of the units anchored in the paragraph, which its
	// reveal toggle shows in an exercise; Name names it for that toggle.
	Units string
	Name  text
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
	Key    string // the unit's key on the page: its id, or "key." and its id for a key's unit
	Kind   string
	Class  string // extra classes: a student's difference from the key
	Number string
	// First marks the unit's first segment in a language: it carries the
	// unit's number and is its link. Tab makes it a tab stop: the first
	// showing, in the language the page opens in.
	First bool
	Tab   bool
}

// anchor is a unit as the letters mark it.
type anchor struct {
	unit   *argmap.Unit
	key    string
	class  string
	number string
}

// letters lays out the documents that have text: each reply beside the
// document it answers, whatever the number of documents, so that in a chain
// A1→B→A2, B shows beside A1 and again beside A2. A document that answers
// none of them and that none answers stands alone. Rows go by the date of
// their later document. keep, when not nil, limits the paragraphs shown (a
// one-dispute handout).
func (b *pageBuilder) letters(anchors map[*argmap.Paragraph][]anchor, keep map[*argmap.Paragraph]bool) []readerSection {
	docs := b.m.Corpus.Chronological()
	answered := map[*argmap.Document]bool{}
	for _, d := range docs {
		if d.HasText() && d.RepliesTo != nil && d.RepliesTo.HasText() {
			answered[d.RepliesTo] = true
		}
	}
	var rows [][]*argmap.Document
	for _, d := range docs {
		switch {
		case !d.HasText():
		case d.RepliesTo != nil && d.RepliesTo.HasText():
			rows = append(rows, []*argmap.Document{d.RepliesTo, d})
		case !answered[d]:
			rows = append(rows, []*argmap.Document{d})
		}
	}
	shown := map[*argmap.Document]bool{}
	var sections []readerSection
	for _, row := range rows {
		var section readerSection
		for _, d := range row {
			if keep != nil && !hasKept(d, keep) {
				continue
			}
			section.Columns = append(section.Columns, b.document(d, anchors, keep, shown[d]))
			shown[d] = true
		}
		if len(section.Columns) == 0 || (len(section.Columns) == 1 && section.Columns[0].Repeat) {
			continue // a repeat alone adds nothing
		}
		sections = append(sections, section)
	}
	return sections
}

func hasKept(d *argmap.Document, keep map[*argmap.Paragraph]bool) bool {
	for _, p := range d.Paragraphs {
		if keep[p] {
			return true
		}
	}
	return false
}

func (b *pageBuilder) document(d *argmap.Document, anchors map[*argmap.Paragraph][]anchor, keep map[*argmap.Paragraph]bool, repeat bool) readerDocument {
	rd := readerDocument{Title: b.documentTitle(d), Repeat: repeat}
	if !repeat {
		rd.ElementID = "doc-" + d.ID
	}
	leftOut := false
	for _, p := range d.Paragraphs {
		if keep != nil && !keep[p] {
			leftOut = true
			continue
		}
		rp := readerParagraph{Ref: p.Ref(), Role: string(p.Role), LeftOut: leftOut}
		leftOut = false
		if !repeat {
			rp.ElementID = "p-" + d.ID + "-" + strconv.Itoa(p.Index)
		}
		if p.Role == argmap.Body {
			rp.Label = b.sayDiagram(func(lang argmap.Lang) string { return render.ParagraphName(lang, p) })
		}
		var keys []string
		for _, a := range anchors[p] {
			keys = append(keys, a.key)
		}
		if len(keys) > 0 {
			rp.Units = strings.Join(keys, " ")
			rp.Name = b.sayDiagram(func(lang argmap.Lang) string {
				return render.Say(lang, render.MsgLocation, d.Speaker.ShortIn(lang), render.ParagraphName(lang, p))
			})
		}
		for _, lang := range b.modes {
			tab := !repeat && (lang == b.opening || b.opening == BothMode && lang == b.primary)
			rp.Texts = append(rp.Texts, readerText{Lang: lang, Segments: segments(p.Text[lang], lang, anchors[p], tab)})
		}
		rd.Paragraphs = append(rd.Paragraphs, rp)
	}
	return rd
}

// documentTitle names a document in each mode: speaker and date, or
// "Communiqué" and date.
func (b *pageBuilder) documentTitle(d *argmap.Document) text {
	if d.Kind == "communiqué" {
		return b.langs.each(false, func(lang argmap.Lang) (argmap.Lang, string) {
			return writtenIn(pageMessages.Has(lang), lang), pageMessages.Say(lang, msgCommunique, render.DateIn(lang, d.Date))
		})
	}
	return b.named(false, func(lang argmap.Lang) string {
		return render.Say(lang, render.MsgSpeakerDate, d.Speaker.ShortIn(lang), render.DateIn(lang, d.Date))
	})
}

// segments cuts a paragraph's text in one language at every boundary of the
// anchors' quotes found in it, and gives each segment the anchors covering
// it, longest first. Offsets are code points. tab makes each unit's first
// segment a tab stop.
func segments(s string, lang argmap.Lang, anchors []anchor, tab bool) []readerSegment {
	type span struct {
		a          anchor
		start, end int
	}
	var spans []span
	n := argmap.RuneLen(s)
	cuts := []int{0, n}
	for _, a := range anchors {
		q := a.unit.Span.Quotes[lang]
		if q == nil || !q.Found || q.Start >= q.End || q.End > n {
			continue
		}
		spans = append(spans, span{a, q.Start, q.End})
		cuts = append(cuts, q.Start, q.End)
	}
	sort.Ints(cuts)
	// The cuts' byte offsets, found in one pass over the text.
	byteAt := make([]int, len(cuts))
	j, runes := 0, 0
	for i := range s {
		for j < len(cuts) && cuts[j] == runes {
			byteAt[j] = i
			j++
		}
		runes++
	}
	for ; j < len(cuts); j++ {
		byteAt[j] = len(s)
	}
	seen := map[string]bool{}
	var segs []readerSegment
	// Spans sorted by start let each segment look only at the spans open
	// over it.
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var open []span
	next := 0
	for i := 1; i < len(cuts); i++ {
		a, z := cuts[i-1], cuts[i]
		if a == z {
			continue
		}
		for next < len(spans) && spans[next].start <= a {
			open = append(open, spans[next])
			next++
		}
		// Every cut is a span's start or end, so a span open past a
		// covers the whole segment.
		kept := open[:0]
		for _, sp := range open {
			if sp.end > a {
				kept = append(kept, sp)
			}
		}
		open = kept
		cover := append([]span(nil), open...)
		seg := readerSegment{Text: s[byteAt[i-1]:byteAt[i]]}
		sort.SliceStable(cover, func(i, j int) bool {
			li, lj := cover[i].end-cover[i].start, cover[j].end-cover[j].start
			if li != lj {
				return li > lj
			}
			return cover[i].a.key < cover[j].a.key
		})
		for _, sp := range cover {
			first := !seen[sp.a.key]
			seen[sp.a.key] = true
			seg.Units = append(seg.Units, segmentUnit{Key: sp.a.key, Kind: string(sp.a.unit.Kind), Class: sp.a.class,
				Number: sp.a.number, First: first, Tab: first && tab})
		}
		segs = append(segs, seg)
	}
	return segs
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
