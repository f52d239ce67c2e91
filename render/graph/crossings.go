package graph

import (
	"slices"

	"github.com/argmap/argmap/argmap"
)

// Crossings, as the layout can foresee them. With every unit's column and
// its place in the column fixed (as DOT fixes them), which relation edges
// cross is a matter of order, not of coordinates:
//
//   - two edges between the same two columns cross when their ends come in
//     opposite orders in the two columns;
//   - a support within one letter (a flat edge) runs as an arc beside its
//     column, on the side chosen for it, and crosses every edge that leaves
//     that side of the column from a unit between its ends;
//   - two arcs on the same side of a column cross when their spans
//     interleave (one begins inside the other and ends outside it).
//
// Edges that share a unit are never counted, as the reviewers' instrument
// does not count them. Edges that skip a column are compared only with
// edges between the same two columns: Graphviz routes them through the
// columns between, which the layout does not fix. Counting takes
// O(e log e) time for e edges.

// slot is where a unit is drawn: its column, and its place in the column
// from the top.
type slot struct{ col, pos int }

// placedEdge is a relation's edge as the layout places it: lo is the end in
// the earlier column, or the upper end in one column. An edge between two
// units next to each other in a column and a band is adjacent: Graphviz
// draws it straight from one to the other, between them, where it crosses
// nothing.
type placedEdge struct {
	r        *argmap.Relation
	lo, hi   slot
	adjacent bool
}

func (e placedEdge) flat() bool { return e.lo.col == e.hi.col }

// Sides a flat edge may run on, beside its column; the names are
// Graphviz's compass ports in a left-to-right graph.
const (
	west = "w"
	east = "e"
)

// columnSide is one side of a column.
type columnSide struct {
	col  int
	side string
}

// placeEdges returns the edges of the relations among the placed units, in
// the units' order and then the file order of their relations.
func placeEdges(units []*argmap.Unit, place map[*argmap.Unit]slot, band map[*argmap.Unit]int) []placedEdge {
	var edges []placedEdge
	for _, u := range units {
		for _, r := range u.Relations {
			from, ok1 := place[r.From]
			to, ok2 := place[r.To]
			if r.To == nil || !ok1 || !ok2 || r.From == r.To {
				continue
			}
			e := placedEdge{r: r, lo: from, hi: to}
			if to.col < from.col || to.col == from.col && to.pos < from.pos {
				e.lo, e.hi = to, from
			}
			e.adjacent = e.flat() && e.hi.pos == e.lo.pos+1 && band[r.From] == band[r.To]
			edges = append(edges, e)
		}
	}
	return edges
}

// countCrossings counts the pairs of edges that cross, given the side of
// every flat edge.
func countCrossings(edges []placedEdge, side map[*argmap.Relation]string) int {
	type gap struct{ from, to int }
	between := map[gap][]placedEdge{}
	arcs := map[columnSide][]placedEdge{}
	leaving := map[columnSide][]int{} // places of units that edges leave the column from, on that side
	var gaps []gap
	var sides []columnSide
	for _, e := range edges {
		if e.adjacent {
			continue
		}
		if e.flat() {
			k := columnSide{e.lo.col, side[e.r]}
			if arcs[k] == nil {
				sides = append(sides, k)
			}
			arcs[k] = append(arcs[k], e)
			continue
		}
		g := gap{e.lo.col, e.hi.col}
		if between[g] == nil {
			gaps = append(gaps, g)
		}
		between[g] = append(between[g], e)
		leaving[columnSide{e.lo.col, east}] = append(leaving[columnSide{e.lo.col, east}], e.lo.pos)
		leaving[columnSide{e.hi.col, west}] = append(leaving[columnSide{e.hi.col, west}], e.hi.pos)
	}
	n := 0
	for _, g := range gaps {
		n += inversions(between[g])
	}
	for _, k := range sides {
		n += interleavings(arcs[k])
		ends := slices.Clone(leaving[k])
		slices.Sort(ends)
		for _, a := range arcs[k] {
			n += strictlyBetween(ends, a.lo.pos, a.hi.pos)
		}
	}
	return n
}

// inversions counts the pairs of edges between two columns whose ends come
// in opposite orders: one above the other in the first column and below it
// in the second.
func inversions(edges []placedEdge) int {
	edges = slices.Clone(edges)
	// By upper end; on a tie by lower end, so that a pair sharing its upper
	// unit is never counted.
	slices.SortFunc(edges, func(a, b placedEdge) int {
		if a.lo.pos != b.lo.pos {
			return a.lo.pos - b.lo.pos
		}
		return a.hi.pos - b.hi.pos
	})
	size := 0
	for _, e := range edges {
		size = max(size, e.hi.pos+1)
	}
	seen := newFenwick(size)
	n := 0
	for i, e := range edges {
		n += i - seen.prefix(e.hi.pos+1) // earlier edges whose other end is strictly lower
		seen.add(e.hi.pos)
	}
	return n
}

// interleavings counts the pairs of arcs beside one side of a column whose
// spans interleave: a < c < b < d for arcs (a, b) and (c, d).
func interleavings(arcs []placedEdge) int {
	arcs = slices.Clone(arcs)
	slices.SortFunc(arcs, func(a, b placedEdge) int { return a.lo.pos - b.lo.pos })
	size := 0
	for _, a := range arcs {
		size = max(size, a.hi.pos+1)
	}
	ends := newFenwick(size) // lower ends of the arcs that begin strictly above
	n := 0
	for i := 0; i < len(arcs); {
		j := i
		for j < len(arcs) && arcs[j].lo.pos == arcs[i].lo.pos {
			c, d := arcs[j].lo.pos, arcs[j].hi.pos
			n += ends.prefix(d) - ends.prefix(c+1) // ends b with c < b < d
			j++
		}
		for ; i < j; i++ {
			ends.add(arcs[i].hi.pos)
		}
	}
	return n
}

// strictlyBetween counts the values of sorted that are greater than lo and
// less than hi.
func strictlyBetween(sorted []int, lo, hi int) int {
	from, _ := slices.BinarySearch(sorted, lo+1)
	to, _ := slices.BinarySearch(sorted, hi)
	return max(0, to-from)
}

// fenwick counts values in 0..n-1 and answers how many are below a bound in
// O(log n).
type fenwick []int

func newFenwick(n int) fenwick { return make(fenwick, n+1) }

func (f fenwick) add(v int) {
	for i := v + 1; i < len(f); i += i & -i {
		f[i]++
	}
}

// prefix returns how many values added are less than v.
func (f fenwick) prefix(v int) int {
	n := 0
	for i := min(v, len(f)-1); i > 0; i -= i & -i {
		n += f[i]
	}
	return n
}
