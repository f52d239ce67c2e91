package graph

import (
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/argmap/argmap/argmap"
)

// The whole map is drawn in bands: one horizontal stripe per dispute across
// the letters' columns, so that a reply sits level with what it answers.
// Within a band, each column keeps paragraph order.

// maxOrderedBands bounds the search for a band order: beyond it, bands keep
// the disputes' own order, and have no labels.
const maxOrderedBands = 40

// searchBudget bounds the work of the search for a banded layout, counted
// as the units and relations of each layout it tries: a map small enough is
// searched fully, a larger one tries fewer layouts, so that the search
// costs at most a constant on top of the linear work of drawing.
const searchBudget = 1_000_000

// bandedLayout lays out the units in bands, one per dispute, and a last
// band for the units no dispute reaches. A unit goes to the band of the
// first dispute in the order that holds it; a unit that none holds goes
// with the dispute nearest to it through relations (the earlier in the
// disputes' own order on a tie), else to the last band.
//
// Which layout is drawn is searched, by local moves from the disputes' own
// order (arrangement.cost: the crossings and the long edges foreseen). Each
// round takes the best move of one band to another place in the order, if
// any helps; then each unit that several disputes hold moves to the band of
// another of them, and each unit that none holds to the band of another of
// its neighbours, if that helps. Rounds go on until no move helps, within
// searchBudget. Between orders that cost as much, the one nearer the
// disputes' own order wins, and then the one found first: the result is
// deterministic, and an edit that changes no crossing does not move the
// bands.
func bandedLayout(m *argmap.Map, units []*argmap.Unit, opts DiagramOptions) *layout {
	s := newBandSearch(m, units, opts)
	n := len(s.disputes)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	home := map[int]int{} // units moved to another band: the dispute whose band they join
	best := s.arrange(order, home)
	if n > maxOrderedBands {
		// So many bands are an overview, and a column of their labels
		// would double Graphviz's work: argmap disputes lists them.
		return s.p.layout(best)
	}
	key := s.key()
	if found, ok := foundBands(key); ok {
		order, best = found.order, s.arrangeBands(found.order, slices.Clone(found.band))
	} else {
		best, order = s.improve(order, home, best)
		rememberBands(key, searchResult{order: order, band: best.band})
	}
	l := s.p.layout(best)
	l.titles = make([]*argmap.Dispute, n+1)
	for b, d := range order {
		l.titles[b] = s.disputes[d]
	}
	return l
}

// searched remembers the last banded layouts, by map and selection. The
// search measures every node in every language, so its result is the same
// whichever language is drawn: the reader and argmap serve, which draw the
// whole map in each language in turn, search once. A layout is read, never
// changed, once made.
var searched struct {
	sync.Mutex
	layouts []searchedLayout // the newest last
}

type searchedLayout struct {
	m      *argmap.Map
	doc    string // the selection: the whole map, or one document
	layout *layout
}

// maxSearchedLayouts bounds what searched keeps, and so the maps it keeps
// alive.
const maxSearchedLayouts = 4

// rememberedLayout is bandedLayout, searched once per map and selection.
func rememberedLayout(m *argmap.Map, units []*argmap.Unit, opts DiagramOptions) *layout {
	searched.Lock()
	for _, s := range searched.layouts {
		if s.m == m && s.doc == opts.Doc {
			searched.Unlock()
			return s.layout
		}
	}
	searched.Unlock()
	l := bandedLayout(m, units, opts)
	searched.Lock()
	defer searched.Unlock()
	searched.layouts = append(searched.layouts, searchedLayout{m: m, doc: opts.Doc, layout: l})
	if len(searched.layouts) > maxSearchedLayouts {
		searched.layouts = searched.layouts[1:]
	}
	return l
}

// bandSearch holds what the search for a banded layout works on.
type bandSearch struct {
	p        *problem
	disputes []*argmap.Dispute
	holders  [][]int   // the disputes that hold each unit
	nearest  []int     // for a unit no dispute holds, the dispute nearest to it, or -1
	header   []float64 // the height of each dispute's label
	tries    int       // layouts it may still try
}

func newBandSearch(m *argmap.Map, units []*argmap.Unit, opts DiagramOptions) *bandSearch {
	disputes := m.Disputes()
	// The map is laid out alike in every language: a node or a label is
	// measured at its tallest in any language it has. Without a search,
	// nothing is weighed and nothing measured.
	height := map[*argmap.Unit]float64{}
	for _, u := range units {
		for _, lang := range unitLanguages(u) {
			if len(disputes) > maxOrderedBands {
				break
			}
			opts.Lang = lang
			_, lines := nodeLabel(u, opts)
			_, h := nodeSize(u, lines)
			height[u] = max(height[u], h*72)
		}
	}
	s := &bandSearch{p: newProblem(units, height), disputes: disputes}
	s.tries = searchBudget / (len(units) + len(s.p.relations) + 1)
	index := make(map[*argmap.Unit]int, len(units))
	for i, u := range units {
		index[u] = i
	}
	s.holders = make([][]int, len(units))
	dispute := map[*argmap.Unit]int{} // each unit's first dispute, or the nearest
	var queue []*argmap.Unit
	for d, dis := range s.disputes {
		for _, u := range dis.Units {
			if i, ok := index[u]; ok {
				s.holders[i] = append(s.holders[i], d)
			}
			if _, ok := dispute[u]; !ok {
				dispute[u] = d
				queue = append(queue, u)
			}
		}
		tallest := 0.0
		for lang := range dis.Title {
			if len(disputes) > maxOrderedBands {
				break
			}
			_, h := bandLabelSize(bandLabelLines(dis, lang))
			tallest = max(tallest, h*72)
		}
		s.header = append(s.header, tallest)
	}
	// Breadth first through relations from the disputes' units, in the
	// disputes' order, over the whole map.
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, rs := range [][]*argmap.Relation{u.Relations, u.Incoming} {
			for _, r := range rs {
				for _, v := range []*argmap.Unit{r.From, r.To} {
					if _, ok := dispute[v]; !ok && v != nil {
						dispute[v] = dispute[u]
						queue = append(queue, v)
					}
				}
			}
		}
	}
	s.nearest = make([]int, len(units))
	for i, u := range units {
		s.nearest[i] = -1
		if d, ok := dispute[u]; ok {
			s.nearest[i] = d
		}
	}
	return s
}

// improve searches from an arrangement with the given order and homes, and
// returns the best arrangement found and its order.
func (s *bandSearch) improve(order []int, home map[int]int, best *arrangement) (*arrangement, []int) {
	n := len(s.disputes)
	bestMoved := 0
	for improved := true; improved && s.tries > 0; {
		improved = false
		// The best of all the moves of one band, not the first that helps:
		// the search then takes the same path after a small edit more often.
		var moves [][]int
		for i := 0; i < n && len(moves) < s.tries; i++ {
			for j := 0; j < n && len(moves) < s.tries; j++ {
				if i != j {
					next := slices.Clone(order)
					moves = append(moves, slices.Insert(slices.Delete(next, i, i+1), j, order[i]))
				}
			}
		}
		var stepOrder []int
		var step *arrangement
		stepMoved := 0
		for k, a := range s.arrangeAll(moves, home) {
			moved := displacement(moves[k])
			if !better(a, moved, best, bestMoved) {
				continue
			}
			if step == nil || better(a, moved, step, stepMoved) {
				stepOrder, step, stepMoved = moves[k], a, moved
			}
		}
		if step != nil {
			order, best, bestMoved, improved = stepOrder, step, stepMoved, true
		}
		for i := range s.p.units {
			for _, d := range s.homes(i, order, best) {
				if s.tries <= 0 {
					return best, order
				}
				if disputeOf(order, best.band[i]) == d {
					continue
				}
				moved := maps.Clone(home)
				moved[i] = d
				if a := s.arrange(order, moved); a.cost() < best.cost() {
					best, home, improved = a, moved, true
				}
			}
		}
	}
	return best, order
}

// arrangeAll is arrange for each of the orders, with the same homes: side
// by side on every processor, each arrangement being independent of the
// others, and in the orders' order.
func (s *bandSearch) arrangeAll(orders [][]int, home map[int]int) []*arrangement {
	s.tries -= len(orders)
	arranged := make([]*arrangement, len(orders))
	workers := min(runtime.GOMAXPROCS(0), len(orders))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(orders); k += workers {
				arranged[k] = s.arrangeBands(orders[k], s.bands(orders[k], home))
			}
		})
	}
	wg.Wait()
	return arranged
}

// disputeOf returns the dispute drawn as band b in an order, or
// len(order) for the last band, of units in no dispute.
func disputeOf(order []int, b int) int {
	if b < len(order) {
		return order[b]
	}
	return len(order)
}

// better reports whether arrangement a, whose band order is moved from the
// disputes' own, beats arrangement b, moved bMoved: it costs less, or as
// much and keeps nearer the disputes' order.
func better(a *arrangement, moved int, b *arrangement, bMoved int) bool {
	return a.cost() < b.cost() || a.cost() == b.cost() && moved < bMoved
}

// arrange lays the units out with the disputes' bands in the given order
// (order[b] is the dispute drawn as band b) and the units of home moved to
// the bands of their disputes there; the dispute len(disputes) stands for
// the last band, of units in no dispute.
func (s *bandSearch) arrange(order []int, home map[int]int) *arrangement {
	s.tries--
	return s.arrangeBands(order, s.bands(order, home))
}

// bands gives each unit its band, for the disputes' bands in the given
// order and the units of home moved to the bands of their disputes.
func (s *bandSearch) bands(order []int, home map[int]int) []int {
	n := len(s.disputes)
	rank := make([]int, n+1)
	for b, d := range order {
		rank[d] = b
	}
	rank[n] = n
	band := make([]int, len(s.p.units))
	for i := range band {
		switch {
		case len(s.holders[i]) > 0:
			band[i] = n
			for _, d := range s.holders[i] {
				band[i] = min(band[i], rank[d])
			}
		case s.nearest[i] >= 0:
			band[i] = rank[s.nearest[i]]
		default:
			band[i] = n
		}
	}
	for i, d := range home {
		band[i] = rank[d]
	}
	return band
}

// arrangeBands lays the units out with the disputes' bands in the given
// order and each unit i in band band[i].
func (s *bandSearch) arrangeBands(order, band []int) *arrangement {
	n := len(s.disputes)
	header := make([]float64, n+1)
	for b, d := range order {
		header[b] = s.header[d]
	}
	return s.p.arrange(band, n+1, header)
}

// homes are the disputes whose bands unit i may be drawn in: those that
// hold it; when none does, those of the bands its neighbours are in.
func (s *bandSearch) homes(i int, order []int, a *arrangement) []int {
	if len(s.holders[i]) > 0 {
		return s.holders[i]
	}
	var homes []int
	for _, j := range s.p.neighbours[i] {
		if d := disputeOf(order, a.band[j]); !slices.Contains(homes, d) {
			homes = append(homes, d)
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

// unitLanguages are the languages a unit's node may be drawn in: those of
// its summary and of its quotes, each once, in no particular order.
func unitLanguages(u *argmap.Unit) []argmap.Lang {
	var langs []argmap.Lang
	for lang := range u.Summary {
		langs = append(langs, lang)
	}
	for lang := range u.Span.Quotes {
		if !slices.Contains(langs, lang) {
			langs = append(langs, lang)
		}
	}
	return langs
}
