package graph

import (
	"math"
	"slices"

	"github.com/argmap/argmap/argmap"
)

// layout is where a diagram draws its units and how it routes the supports
// within a letter: columns of units in order, top to bottom, cut into
// horizontal bands, and the side of its column each flat edge runs on.
type layout struct {
	columns   []column
	bands     int                  // how many bands; each column has an anchor per band
	band      map[*argmap.Unit]int // the band of each unit
	place     map[*argmap.Unit]slot
	side      map[*argmap.Relation]string // west or east, for each flat edge not adjacent
	crossings int                         // the crossings countCrossings foresees
	long      int                         // the edges that reach over more than a quarter of the height, as foreseen
	// titles are the disputes drawn as the bands, whose titles label them;
	// none for a diagram of one band, nil for the band of units in no
	// dispute.
	titles []*argmap.Dispute
}

// cost is what the search for a layout minimises: an edge that reaches
// over a quarter of the drawing is as hard to follow as longEdgeCost
// crossings.
func (l *layout) cost() int { return l.crossings + longEdgeCost*l.long }

const longEdgeCost = 2

// arrange lays the units out in the given bands: a column per letter, each
// column by band and then by paragraph, and every flat edge on the side
// where it crosses least. height gives each unit's node height in points,
// and header the least height of each band (its label's), if any.
func arrange(units []*argmap.Unit, band map[*argmap.Unit]int, bands int, height map[*argmap.Unit]float64, header []float64) *layout {
	columns := groupByOrigin(units, band)
	place := make(map[*argmap.Unit]slot, len(units))
	for i, c := range columns {
		for j, u := range c.units {
			place[u] = slot{i, j}
		}
	}
	edges := placeEdges(units, place, band)
	side := chooseSides(edges)
	return &layout{columns: columns, bands: bands, band: band, place: place, side: side,
		crossings: countCrossings(edges, side), long: countLong(columns, edges, band, bands, height, header)}
}

// countLong foresees how many edges reach over more than a quarter of the
// drawing's height. Graphviz aligns each band's anchors across the columns,
// so a band is as tall as its tallest column, and a unit sits in its band
// below the units above it in its column.
func countLong(columns []column, edges []placedEdge, band map[*argmap.Unit]int, bands int, height map[*argmap.Unit]float64, header []float64) int {
	tall := make([]float64, bands) // each band's height
	for k, h := range header {
		tall[k] = h + 2*nodeSepPt
	}
	for _, c := range columns {
		used := make([]float64, bands)
		for _, u := range c.units {
			used[band[u]] += height[u] + nodeSepPt
		}
		for k := range tall {
			tall[k] = max(tall[k], used[k]+nodeSepPt)
		}
	}
	top := make([]float64, bands+1)
	for k := range tall {
		top[k+1] = top[k] + tall[k]
	}
	y := map[*argmap.Unit]float64{}
	for _, c := range columns {
		below := slices.Clone(top[:bands]) // where the next unit of each band goes
		for _, u := range c.units {
			k := band[u]
			below[k] += nodeSepPt
			y[u] = below[k] + height[u]/2
			below[k] += height[u]
		}
	}
	quarter := top[bands] / 4
	n := 0
	for _, e := range edges {
		if math.Abs(y[e.r.From]-y[e.r.To]) > quarter {
			n++
		}
	}
	return n
}

// chooseSides picks the side each flat edge runs on. On one side, an arc
// crosses the edges that leave that side of the column between its ends,
// and the arcs on that side whose spans interleave with its own. Arcs are
// placed shortest first, each on its cheaper side given the arcs placed
// before it; then any arc whose move to the other side would cross fewer
// edges moves, until none would, a few rounds at most. Beyond
// maxFlatEdgesCompared arcs in a column, arcs are not compared with one
// another, to stay within O(e log e).
func chooseSides(edges []placedEdge) map[*argmap.Relation]string {
	leaving := map[columnSide][]int{}
	arcs := map[int][]placedEdge{} // by column
	var cols []int
	for _, e := range edges {
		if e.adjacent {
			continue
		}
		if e.flat() {
			if arcs[e.lo.col] == nil {
				cols = append(cols, e.lo.col)
			}
			arcs[e.lo.col] = append(arcs[e.lo.col], e)
			continue
		}
		leaving[columnSide{e.lo.col, east}] = append(leaving[columnSide{e.lo.col, east}], e.lo.pos)
		leaving[columnSide{e.hi.col, west}] = append(leaving[columnSide{e.hi.col, west}], e.hi.pos)
	}
	for _, ends := range leaving {
		slices.Sort(ends)
	}
	side := map[*argmap.Relation]string{}
	for _, col := range cols {
		as := arcs[col]
		slices.SortStableFunc(as, func(a, b placedEdge) int {
			return (a.hi.pos - a.lo.pos) - (b.hi.pos - b.lo.pos)
		})
		own := func(a placedEdge, s string) int {
			return strictlyBetween(leaving[columnSide{col, s}], a.lo.pos, a.hi.pos)
		}
		compared := len(as) <= maxFlatEdgesCompared
		// cost returns what arc i crosses on side s, among the arcs
		// before limit that have a side.
		cost := func(i int, s string, limit int) int {
			c := own(as[i], s)
			if compared {
				for j := 0; j < limit; j++ {
					if j != i && side[as[j].r] == s && interleave(as[i], as[j]) {
						c++
					}
				}
			}
			return c
		}
		for i, a := range as {
			side[a.r] = west
			if cost(i, east, i) < cost(i, west, i) {
				side[a.r] = east
			}
		}
		for round := 0; compared && round < maxSideRounds; round++ {
			moved := false
			for i, a := range as {
				other := opposite(side[a.r])
				if cost(i, other, len(as)) < cost(i, side[a.r], len(as)) {
					side[a.r], moved = other, true
				}
			}
			if !moved {
				break
			}
		}
	}
	return side
}

// maxFlatEdgesCompared bounds how many flat edges of a column chooseSides
// compares with one another.
const maxFlatEdgesCompared = 200

// maxSideRounds bounds the rounds in which chooseSides moves arcs to the
// other side.
const maxSideRounds = 8

func opposite(s string) string {
	if s == west {
		return east
	}
	return west
}

// interleave reports whether two arcs beside one column cross: one begins
// strictly inside the other and ends strictly outside it.
func interleave(a, b placedEdge) bool {
	return a.lo.pos < b.lo.pos && b.lo.pos < a.hi.pos && a.hi.pos < b.hi.pos ||
		b.lo.pos < a.lo.pos && a.lo.pos < b.hi.pos && b.hi.pos < a.hi.pos
}
