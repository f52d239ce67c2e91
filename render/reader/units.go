package reader

import (
	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/graph"
)

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
