package graph

import (
	"maps"
	"slices"

	"github.com/argmap/argmap/argmap"
)

// The whole map is drawn in bands: one horizontal stripe per dispute across
// the letters' columns, so that a reply sits level with what it answers.
// Within a band, each column keeps paragraph order.

// maxOrderedBands bounds the search for a band order: beyond it, bands keep
// the disputes' own order.
const maxOrderedBands = 40

// searchBudget bounds the work of the search for a band order, counted as
// the units and relations of each layout it tries: a map small enough is
// searched fully, a larger one tries fewer orders, so that the cost stays
// linear in the size of the map.
const searchBudget = 1_000_000

// bandedLayout lays out the units in bands, one per dispute, and a last
// band for the units no dispute reaches. A unit goes to the first band in
// the order whose dispute holds it, else to the band of the unit nearest to
// it through relations (see placeUnits).
//
// Which layout is drawn is searched, by local moves from the disputes' own
// order (layout.cost: the crossings and the long edges foreseen). Each
// round takes the best move of one band to another place in the order, if
// any helps; then each unit that several disputes hold moves to the band of
// another of them, and each unit that none holds to the band of another of
// its neighbours, if that helps. Rounds go on until no move helps, within
// searchBudget. Between orders that cost as much, the one nearer the
// disputes' own order wins, and then the one found first: the result is
// deterministic, and an edit that changes no crossing does not move the
// bands.
func bandedLayout(m *argmap.Map, units []*argmap.Unit, opts DiagramOptions) *layout {
	s := &bandSearch{m: m, disputes: m.Disputes(), units: units, height: map[*argmap.Unit]float64{}, holders: map[*argmap.Unit][]int{}}
	// The map is laid out alike in every language: a node or a label is
	// measured at its tallest in any language it has.
	for _, u := range units {
		for _, lang := range unitLanguages(u) {
			opts.Lang = lang
			_, lines := nodeLabel(u, opts)
			_, h := nodeSize(u, lines)
			s.height[u] = max(s.height[u], h*72)
		}
	}
	for i, d := range s.disputes {
		for _, u := range d.Units {
			s.holders[u] = append(s.holders[u], i)
		}
		tallest := 0.0
		for lang := range d.Title {
			_, h := bandLabelSize(bandLabelLines(d, lang))
			tallest = max(tallest, h*72)
		}
		s.header = append(s.header, tallest)
	}
	n := len(s.disputes)
	s.tries = searchBudget / (len(units) + len(m.Relations) + 1)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	home := map[*argmap.Unit]int{} // units moved to another band: the dispute whose band they join
	best := s.layout(order, home)
	if n > maxOrderedBands {
		return best
	}
	bestMoved := 0
	for improved := true; improved && s.tries > 0; {
		improved = false
		// The best of all the moves of one band, not the first that helps:
		// the search then takes the same path after a small edit more often.
		var stepOrder []int
		var step *layout
		stepMoved := 0
		for i := 0; i < n && s.tries > 0; i++ {
			for j := 0; j < n && s.tries > 0; j++ {
				if i == j {
					continue
				}
				next := slices.Clone(order)
				d := next[i]
				next = slices.Insert(slices.Delete(next, i, i+1), j, d)
				l := s.layout(next, home)
				moved := displacement(next)
				if !better(l, moved, best, bestMoved) {
					continue
				}
				if step == nil || better(l, moved, step, stepMoved) {
					stepOrder, step, stepMoved = next, l, moved
				}
			}
		}
		if step != nil {
			order, best, bestMoved, improved = stepOrder, step, stepMoved, true
		}
		for _, u := range units {
			for _, d := range s.homes(u, order, best.band) {
				if s.tries <= 0 {
					return best
				}
				if order[best.band[u]] == d {
					continue
				}
				moved := maps.Clone(home)
				moved[u] = d
				if l := s.layout(order, moved); l.cost() < best.cost() {
					best, home, improved = l, moved, true
				}
			}
		}
	}
	return best
}

// better reports whether layout a, whose band order is moved from the
// disputes' own, beats layout b, moved bMoved: it costs less, or as much
// and keeps nearer the disputes' order.
func better(a *layout, moved int, b *layout, bMoved int) bool {
	return a.cost() < b.cost() || a.cost() == b.cost() && moved < bMoved
}

// unitLanguages are the languages a unit's node may be drawn in: those of
// its summary and of its quotes.
func unitLanguages(u *argmap.Unit) []argmap.Lang {
	var langs []argmap.Lang
	for lang := range u.Summary {
		langs = append(langs, lang)
	}
	for lang := range u.Span.Quotes {
		langs = append(langs, lang)
	}
	return langs
}

// bandSearch holds what the search for a banded layout works on.
type bandSearch struct {
	m        *argmap.Map
	disputes []*argmap.Dispute
	units    []*argmap.Unit
	height   map[*argmap.Unit]float64
	holders  map[*argmap.Unit][]int // the disputes that hold each unit
	header   []float64              // the height of each dispute's label
	tries    int                    // layouts it may still try
}

// layout arranges the units with the disputes' bands in the given order
// and the units of home moved to the bands of their disputes there; the
// index len(disputes) stands for the last band, of units in no dispute.
func (s *bandSearch) layout(order []int, home map[*argmap.Unit]int) *layout {
	s.tries--
	n := len(s.disputes)
	band := placeUnits(s.m, s.disputes, order)
	rank := make([]int, n+1)
	for b, d := range order {
		rank[d] = b
	}
	rank[n] = n
	for u, d := range home {
		band[u] = rank[d]
	}
	header := make([]float64, n+1)
	titles := make([]*argmap.Dispute, n+1)
	for b, d := range order {
		header[b], titles[b] = s.header[d], s.disputes[d]
	}
	l := arrange(s.units, band, n+1, s.height, header)
	l.titles = titles
	return l
}

// homes are the disputes whose bands a unit may be drawn in: those that
// hold it, when several do; when none does, those of the bands its
// neighbours are in.
func (s *bandSearch) homes(u *argmap.Unit, order []int, band map[*argmap.Unit]int) []int {
	if homes := s.holders[u]; len(homes) > 0 {
		return homes
	}
	var homes []int
	for _, rs := range [][]*argmap.Relation{u.Relations, u.Incoming} {
		for _, r := range rs {
			v := r.From
			if v == u {
				v = r.To
			}
			b, ok := band[v]
			if v == nil || !ok {
				continue
			}
			d := len(s.disputes)
			if b < len(order) {
				d = order[b]
			}
			if !slices.Contains(homes, d) {
				homes = append(homes, d)
			}
		}
	}
	return homes
}

// displacement is how far an order of the disputes is from their own: the
// sum of each dispute's distance from its own place.
func displacement(order []int) int {
	d := 0
	for b, i := range order {
		d += abs(b - i)
	}
	return d
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// placeUnits gives each unit a band, with the disputes in the given order
// (order[b] is the index of the dispute drawn as band b): the first band
// whose dispute holds it, else breadth first through relations from the
// disputes' units, else the last band.
func placeUnits(m *argmap.Map, disputes []*argmap.Dispute, order []int) map[*argmap.Unit]int {
	band := map[*argmap.Unit]int{}
	var queue []*argmap.Unit
	for b, d := range order {
		for _, u := range disputes[d].Units {
			if _, ok := band[u]; !ok {
				band[u] = b
				queue = append(queue, u)
			}
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, rs := range [][]*argmap.Relation{u.Relations, u.Incoming} {
			for _, r := range rs {
				for _, v := range []*argmap.Unit{r.From, r.To} {
					if _, ok := band[v]; !ok && v != nil {
						band[v] = band[u]
						queue = append(queue, v)
					}
				}
			}
		}
	}
	for _, u := range m.Units {
		if _, ok := band[u]; !ok {
			band[u] = len(disputes)
		}
	}
	return band
}
