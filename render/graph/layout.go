package graph

import (
	"cmp"
	"math"
	"slices"

	"github.com/argmap/argmap/argmap"
)

// layout is where a diagram draws its units and how it routes the supports
// within a letter: columns of units in order, top to bottom, cut into
// horizontal bands, and the side of its column each arc runs on.
type layout struct {
	columns   []column
	bands     int                  // how many bands; each column has an anchor per band
	band      map[*argmap.Unit]int // the band of each unit drawn
	place     map[*argmap.Unit]slot
	side      map[*argmap.Relation]side // for each arc
	crossings int                       // the crossings countCrossings foresees
	long      int                       // the edges foreseen to reach over more than a quarter of the height
	// titles are the disputes drawn as the bands, whose titles label them;
	// none for a diagram of one band, nil for the band of units in no
	// dispute.
	titles []*argmap.Dispute
}

type column struct {
	doc   *argmap.Document
	units []*argmap.Unit
}

// problem is what stays the same while layouts of some units are tried:
// one column per origin document (the reported document for units that
// report one), in date order; in each column the units in paragraph order
// (then by the place of the quote, then in map order); the relations among
// them; and the height of each unit's node. Units are numbered in map
// order.
type problem struct {
	units      []*argmap.Unit
	column     []int    // each unit's column
	columns    []column // the units of each column in paragraph order
	byColumn   []int    // the units column by column, each column in paragraph order
	relations  []problemRelation
	neighbours [][]int   // the units each unit is related to
	height     []float64 // each unit's node height, in points
}

// problemRelation is a relation between two units drawn, by their numbers.
type problemRelation struct {
	r        *argmap.Relation
	from, to int
}

func newProblem(units []*argmap.Unit, height map[*argmap.Unit]float64) *problem {
	p := &problem{units: units, column: make([]int, len(units)), height: make([]float64, len(units))}
	index := make(map[*argmap.Unit]int, len(units))
	byDoc := map[*argmap.Document]int{}
	for i, u := range units {
		index[u] = i
		p.height[i] = height[u]
		d := u.Origin()
		if _, ok := byDoc[d]; !ok {
			byDoc[d] = len(p.columns)
			p.columns = append(p.columns, column{doc: d})
		}
		c := byDoc[d]
		p.columns[c].units = append(p.columns[c].units, u)
	}
	slices.SortStableFunc(p.columns, func(a, b column) int {
		if c := a.doc.Date.Compare(b.doc.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.doc.ID, b.doc.ID)
	})
	for c := range p.columns {
		slices.SortStableFunc(p.columns[c].units, compareParagraphs)
		for _, u := range p.columns[c].units {
			p.column[index[u]] = c
			p.byColumn = append(p.byColumn, index[u])
		}
	}
	p.neighbours = make([][]int, len(units))
	for i, u := range units {
		for _, r := range u.Relations {
			if j, ok := index[r.To]; ok && r.To != u {
				p.relations = append(p.relations, problemRelation{r, i, j})
				p.neighbours[i] = append(p.neighbours[i], j)
				p.neighbours[j] = append(p.neighbours[j], i)
			}
		}
	}
	return p
}

// compareParagraphs orders the units of a column by paragraph, then by the
// place of their quotes.
func compareParagraphs(a, b *argmap.Unit) int {
	pa, pb := a.Span.Paragraph, b.Span.Paragraph
	if pa.Doc != pb.Doc {
		if pa.Doc.Date.Before(pb.Doc.Date) {
			return -1
		}
		return 1
	}
	if pa.Index != pb.Index {
		return pa.Index - pb.Index
	}
	return a.QuoteStart() - b.QuoteStart()
}

// arrangement is one layout of a problem as the search weighs it: band[i]
// is the band of unit i, pos[i] its place in its column; edges[n] and
// sides[n] are for the problem's relation n.
type arrangement struct {
	band, pos []int
	bands     int
	edges     []placedEdge
	sides     []side
	crossings int
	long      int
}

// cost is what the search for a layout minimises: an edge that reaches
// over a quarter of the drawing is as hard to follow as longEdgeCost
// crossings.
func (a *arrangement) cost() int { return a.crossings + longEdgeCost*a.long }

const longEdgeCost = 2

// arrange lays the units out in bands (band[i] for unit i, of bands): each
// column by band and then by paragraph, every arc on the side where it
// crosses least. header gives the least height of each band (its label's),
// if any. It takes O((u + e) log e) time for u units and e relations.
func (p *problem) arrange(band []int, bands int, header []float64) *arrangement {
	a := &arrangement{band: band, bands: bands, pos: make([]int, len(p.units))}
	// Column by column, each in paragraph order; sorted by band, stably, it
	// is band by band, column by column, paragraph by paragraph.
	order := make([]int, len(p.byColumn))
	start := make([]int, bands+1)
	for _, i := range p.byColumn {
		start[band[i]+1]++
	}
	for k := 1; k <= bands; k++ {
		start[k] += start[k-1]
	}
	next := slices.Clone(start[:bands])
	for _, i := range p.byColumn {
		order[next[band[i]]] = i
		next[band[i]]++
	}
	filled := make([]int, len(p.columns))
	for _, i := range order {
		a.pos[i] = filled[p.column[i]]
		filled[p.column[i]]++
	}
	a.edges = make([]placedEdge, len(p.relations))
	for n, r := range p.relations {
		from, to := slot{p.column[r.from], a.pos[r.from]}, slot{p.column[r.to], a.pos[r.to]}
		e := placedEdge{lo: from, hi: to}
		if to.col < from.col || to.col == from.col && to.pos < from.pos {
			e.lo, e.hi = to, from
		}
		e.adjacent = e.flat() && e.hi.pos == e.lo.pos+1 && band[r.from] == band[r.to]
		a.edges[n] = e
	}
	out := newLeaving(a.edges, len(p.columns))
	a.sides = chooseSides(a.edges, out)
	a.crossings = countCrossings(a.edges, a.sides, out)
	a.long = p.countLong(a, order, header)
	return a
}

// countLong foresees how many edges reach over more than a quarter of the
// drawing's height. Graphviz aligns each band's anchors across the columns,
// so a band is as tall as its tallest column (or its label), and a unit
// sits in its band below the units above it in its column. order is the
// units band by band, column by column, in paragraph order.
func (p *problem) countLong(a *arrangement, order []int, header []float64) int {
	tall := make([]float64, a.bands)
	for k, h := range header {
		tall[k] = h + 2*nodeSepPt
	}
	y := make([]float64, len(p.units)) // from the top of the unit's band
	for n := 0; n < len(order); {
		k, c, below := a.band[order[n]], p.column[order[n]], 0.0
		for ; n < len(order) && a.band[order[n]] == k && p.column[order[n]] == c; n++ {
			i := order[n]
			below += nodeSepPt
			y[i] = below + p.height[i]/2
			below += p.height[i]
		}
		tall[k] = max(tall[k], below+nodeSepPt)
	}
	top := make([]float64, a.bands+1)
	for k := range tall {
		top[k+1] = top[k] + tall[k]
	}
	quarter := top[a.bands] / 4
	n := 0
	for _, r := range p.relations {
		if math.Abs(top[a.band[r.from]]+y[r.from]-top[a.band[r.to]]-y[r.to]) > quarter {
			n++
		}
	}
	return n
}

// layout turns an arrangement into the layout DOT draws.
func (p *problem) layout(a *arrangement) *layout {
	l := &layout{bands: a.bands, crossings: a.crossings, long: a.long,
		columns: make([]column, len(p.columns)), band: map[*argmap.Unit]int{},
		place: map[*argmap.Unit]slot{}, side: map[*argmap.Relation]side{}}
	for c, col := range p.columns {
		l.columns[c] = column{doc: col.doc, units: make([]*argmap.Unit, len(col.units))}
	}
	for i, u := range p.units {
		c := p.column[i]
		l.columns[c].units[a.pos[i]] = u
		l.place[u] = slot{c, a.pos[i]}
		l.band[u] = a.band[i]
	}
	for n, s := range a.sides {
		if s != noSide {
			l.side[p.relations[n].r] = s
		}
	}
	return l
}

// singleBand lays the units out in one band: paragraph order in each
// column.
func singleBand(units []*argmap.Unit) *layout {
	p := newProblem(units, nil)
	return p.layout(p.arrange(make([]int, len(units)), 1, nil))
}
