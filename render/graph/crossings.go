package graph

import (
	"slices"
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
// the earlier column, or the upper end in one column. Two edges share a
// unit when they share a slot. An edge between two units next to each other
// in a column and a band is adjacent: Graphviz draws it straight from one
// to the other, between them, where it crosses nothing. It holds no
// pointer, so that sorting edges is cheap.
type placedEdge struct {
	lo, hi   slot
	adjacent bool
}

func (e placedEdge) flat() bool { return e.lo.col == e.hi.col }

// arc reports whether the edge runs beside its column, on a side.
func (e placedEdge) arc() bool { return e.flat() && !e.adjacent }

// side is the side of its column a flat edge runs on.
type side uint8

const (
	noSide side = iota // an edge between columns, or between neighbours
	west
	east
)

// port is the side as a Graphviz compass port in a left-to-right graph.
func (s side) port() string {
	switch s {
	case west:
		return "w"
	case east:
		return "e"
	}
	return ""
}

func (s side) opposite() side { return west + east - s }

// leaving counts, for each column and side, the edges to other columns
// that leave the column on that side, by the place of the unit they leave
// from, so that between answers in O(1).
type leaving struct {
	start  []int    // where each column's counts begin
	before [3][]int // per side, at start[c]+k: the edges leaving column c from places before k
}

func newLeaving(edges []placedEdge, columns int) *leaving {
	size := make([]int, columns)
	for _, e := range edges {
		size[e.lo.col] = max(size[e.lo.col], e.lo.pos+1)
		size[e.hi.col] = max(size[e.hi.col], e.hi.pos+1)
	}
	l := &leaving{start: make([]int, columns+1)}
	for c, n := range size {
		l.start[c+1] = l.start[c] + n + 1
	}
	for _, s := range []side{west, east} {
		l.before[s] = make([]int, l.start[columns])
	}
	for _, e := range edges {
		if !e.flat() {
			l.before[east][l.start[e.lo.col]+e.lo.pos+1]++
			l.before[west][l.start[e.hi.col]+e.hi.pos+1]++
		}
	}
	for _, s := range []side{west, east} {
		for c := range size {
			for k := l.start[c] + 1; k < l.start[c+1]; k++ {
				l.before[s][k] += l.before[s][k-1]
			}
		}
	}
	return l
}

// between counts the edges that leave column col on side s from a place
// strictly between lo and hi.
func (l *leaving) between(col int, s side, lo, hi int) int {
	if hi <= lo+1 {
		return 0
	}
	return l.before[s][l.start[col]+hi] - l.before[s][l.start[col]+lo+1]
}

func (l *leaving) columns() int { return len(l.start) - 1 }

// countCrossings counts the pairs of edges that cross, given the side of
// every edge (sides[i] for edges[i]) and what leaves each column.
func countCrossings(edges []placedEdge, sides []side, out *leaving) int {
	between := make([]placedEdge, 0, len(edges)) // edges between columns, by the pair of columns
	arcs := make([][3][]placedEdge, out.columns())
	for i, e := range edges {
		switch {
		case e.adjacent:
		case e.flat():
			arcs[e.lo.col][sides[i]] = append(arcs[e.lo.col][sides[i]], e)
		default:
			between = append(between, e)
		}
	}
	slices.SortStableFunc(between, func(a, b placedEdge) int {
		if a.lo.col != b.lo.col {
			return a.lo.col - b.lo.col
		}
		return a.hi.col - b.hi.col
	})
	n := 0
	for i := 0; i < len(between); {
		j := i
		for j < len(between) && between[j].lo.col == between[i].lo.col && between[j].hi.col == between[i].hi.col {
			j++
		}
		n += inversions(between[i:j])
		i = j
	}
	for c := range arcs {
		for _, s := range []side{west, east} {
			n += interleavings(arcs[c][s])
			for _, a := range arcs[c][s] {
				n += out.between(c, s, a.lo.pos, a.hi.pos)
			}
		}
	}
	return n
}

// inversions counts the pairs of edges between two columns whose ends come
// in opposite orders: one above the other in the first column and below it
// in the second. It sorts the edges.
func inversions(edges []placedEdge) int {
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
// spans interleave: a < c < b < d for arcs (a, b) and (c, d). It sorts the
// arcs.
func interleavings(arcs []placedEdge) int {
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

// chooseSides picks the side each arc runs on (sides[i] for edges[i];
// noSide for the other edges), given what leaves each column. On one side, an arc crosses the edges that
// leave that side of the column between its ends, and the arcs on that
// side whose spans interleave with its own. Arcs are placed shortest
// first, each on its cheaper side given the arcs placed before it; then
// any arc whose move to the other side would cross fewer edges moves,
// until none would, a few rounds at most. Beyond maxFlatEdgesCompared arcs
// in a column, arcs are not compared with one another, to stay within
// O(e log e).
func chooseSides(edges []placedEdge, out *leaving) []side {
	arcs := make([][]int, out.columns()) // indices of the arcs of each column
	for i, e := range edges {
		if e.arc() {
			arcs[e.lo.col] = append(arcs[e.lo.col], i)
		}
	}
	sides := make([]side, len(edges))
	for c, as := range arcs {
		span := func(i int) int { return edges[i].hi.pos - edges[i].lo.pos }
		slices.SortStableFunc(as, func(a, b int) int { return span(a) - span(b) })
		compared := len(as) <= maxFlatEdgesCompared
		// cost returns what arc as[k] crosses on side s, among the arcs
		// as[:limit] that have a side.
		cost := func(k int, s side, limit int) int {
			a := edges[as[k]]
			n := out.between(c, s, a.lo.pos, a.hi.pos)
			if compared {
				for j, o := range as[:limit] {
					if j != k && sides[o] == s && interleave(a, edges[o]) {
						n++
					}
				}
			}
			return n
		}
		for k, i := range as {
			sides[i] = west
			if cost(k, east, k) < cost(k, west, k) {
				sides[i] = east
			}
		}
		for round := 0; compared && round < maxSideRounds; round++ {
			moved := false
			for k, i := range as {
				if other := sides[i].opposite(); cost(k, other, len(as)) < cost(k, sides[i], len(as)) {
					sides[i], moved = other, true
				}
			}
			if !moved {
				break
			}
		}
	}
	return sides
}

// maxFlatEdgesCompared bounds how many flat edges of a column chooseSides
// compares with one another.
const maxFlatEdgesCompared = 200

// maxSideRounds bounds the rounds in which chooseSides moves arcs to the
// other side.
const maxSideRounds = 8

// interleave reports whether two arcs beside one column cross: one begins
// strictly inside the other and ends strictly outside it.
func interleave(a, b placedEdge) bool {
	return a.lo.pos < b.lo.pos && b.lo.pos < a.hi.pos && a.hi.pos < b.hi.pos ||
		b.lo.pos < a.lo.pos && a.lo.pos < b.hi.pos && b.hi.pos < a.hi.pos
}
