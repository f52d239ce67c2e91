package graph

import (
	"math/rand/v2"
	"testing"
)

// plan is a made-up layout for the crossing tests: edges between places,
// and their sides.
type plan struct {
	edges []placedEdge
	sides []side
}

// columns is how many columns plans have.
const columns = 3

func newPlan() *plan { return &plan{} }

// relate adds an edge between two places; s is west or east for an arc
// beside one column, noSide otherwise: between columns, or between
// neighbours of one column, which it marks adjacent.
func (p *plan) relate(a, b slot, s side) *plan {
	e := placedEdge{lo: a, hi: b}
	if b.col < a.col || b.col == a.col && b.pos < a.pos {
		e.lo, e.hi = b, a
	}
	e.adjacent = e.flat() && s == noSide
	p.edges = append(p.edges, e)
	p.sides = append(p.sides, s)
	return p
}

func TestCountCrossings(t *testing.T) {
	at := func(col, pos int) slot { return slot{col, pos} }
	cases := []struct {
		name string
		plan *plan
		want int
	}{
		{"edges between two columns in the same order do not cross",
			newPlan().relate(at(0, 0), at(1, 0), noSide).relate(at(0, 1), at(1, 1), noSide), 0},
		{"edges between two columns in opposite orders cross",
			newPlan().relate(at(0, 0), at(1, 1), noSide).relate(at(0, 1), at(1, 0), noSide), 1},
		{"edges that share a unit do not count",
			newPlan().relate(at(0, 0), at(1, 1), noSide).relate(at(0, 0), at(1, 0), noSide).relate(at(0, 1), at(1, 1), noSide), 0},
		{"edges between different pairs of columns do not cross",
			newPlan().relate(at(0, 0), at(1, 1), noSide).relate(at(1, 0), at(2, 1), noSide), 0},
		{"an arc crosses an edge that leaves its side between its ends",
			newPlan().relate(at(0, 0), at(0, 2), east).relate(at(0, 1), at(1, 0), noSide), 1},
		{"an arc does not cross an edge that leaves the other side",
			newPlan().relate(at(1, 0), at(1, 2), east).relate(at(0, 0), at(1, 1), noSide), 0},
		{"an arc does not cross an edge that leaves beyond its ends",
			newPlan().relate(at(0, 0), at(0, 2), east).relate(at(0, 3), at(1, 0), noSide), 0},
		{"arcs on one side cross when their spans interleave",
			newPlan().relate(at(0, 0), at(0, 2), west).relate(at(0, 1), at(0, 3), west), 1},
		{"nested arcs on one side do not cross",
			newPlan().relate(at(0, 0), at(0, 3), west).relate(at(0, 1), at(0, 2), west), 0},
		{"interleaving arcs on opposite sides do not cross",
			newPlan().relate(at(0, 0), at(0, 2), west).relate(at(0, 1), at(0, 3), east), 0},
		{"an edge between neighbours of a band crosses nothing",
			newPlan().relate(at(0, 0), at(0, 1), noSide).relate(at(0, 0), at(1, 1), noSide).relate(at(0, 1), at(1, 0), noSide), 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := countCrossings(tc.plan.edges, tc.plan.sides, newLeaving(tc.plan.edges, columns)); got != tc.want {
				t.Errorf("countCrossings = %d, want %d", got, tc.want)
			}
		})
	}
}

// TestCountCrossingsAgreesWithPairs compares countCrossings, which sorts and
// counts, with the rules applied to every pair, on random layouts.
func TestCountCrossingsAgreesWithPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sides := []side{west, east}
	for round := 0; round < 200; round++ {
		p := newPlan()
		for range 1 + rng.IntN(40) {
			a := slot{rng.IntN(columns), rng.IntN(8)}
			b := slot{rng.IntN(columns), rng.IntN(8)}
			if a == b {
				continue
			}
			s := noSide
			if a.col == b.col {
				s = sides[rng.IntN(2)]
			}
			p.relate(a, b, s)
		}
		if got, want := countCrossings(p.edges, p.sides, newLeaving(p.edges, columns)), pairCrossings(p.edges, p.sides); got != want {
			t.Fatalf("round %d: countCrossings = %d, pair by pair %d", round, got, want)
		}
	}
}

// pairCrossings applies the rules of countCrossings to every pair of edges.
func pairCrossings(edges []placedEdge, sides []side) int {
	n := 0
	for i, a := range edges {
		for j, b := range edges[i+1:] {
			j += i + 1
			if a.lo == b.lo || a.lo == b.hi || a.hi == b.lo || a.hi == b.hi {
				continue
			}
			switch {
			case a.flat() && b.flat():
				if a.lo.col == b.lo.col && sides[i] == sides[j] && interleave(a, b) {
					n++
				}
			case a.flat() || b.flat():
				arc, e, s := a, b, sides[i]
				if b.flat() {
					arc, e, s = b, a, sides[j]
				}
				inside := func(at slot) bool { return at.col == arc.lo.col && arc.lo.pos < at.pos && at.pos < arc.hi.pos }
				if s == east && inside(e.lo) || s == west && inside(e.hi) {
					n++
				}
			case a.lo.col == b.lo.col && a.hi.col == b.hi.col:
				if (a.lo.pos-b.lo.pos)*(a.hi.pos-b.hi.pos) < 0 {
					n++
				}
			}
		}
	}
	return n
}

func TestChooseSides(t *testing.T) {
	at := func(col, pos int) slot { return slot{col, pos} }
	t.Run("an arc runs on the side where fewer edges leave between its ends", func(t *testing.T) {
		p := newPlan().relate(at(1, 0), at(1, 3), west).
			relate(at(0, 0), at(1, 1), noSide).relate(at(0, 1), at(1, 2), noSide). // two arrive from the west
			relate(at(1, 2), at(2, 0), noSide)                                     // one leaves east
		sides := chooseSides(p.edges, newLeaving(p.edges, columns))
		if got := sides[0]; got != east {
			t.Errorf("the arc runs %q, want e", got.port())
		}
	})
	t.Run("interleaving arcs run on opposite sides", func(t *testing.T) {
		p := newPlan().relate(at(0, 0), at(0, 2), west).relate(at(0, 1), at(0, 3), west)
		sides := chooseSides(p.edges, newLeaving(p.edges, columns))
		if sides[0] == sides[1] {
			t.Errorf("both arcs run %q", sides[0].port())
		}
		if n := countCrossings(p.edges, sides, newLeaving(p.edges, columns)); n != 0 {
			t.Errorf("%d crossings remain", n)
		}
	})
	t.Run("an adjacent edge gets no side", func(t *testing.T) {
		p := newPlan().relate(at(0, 0), at(0, 1), noSide)
		if s := chooseSides(p.edges, newLeaving(p.edges, columns))[0]; s != noSide {
			t.Errorf("the edge runs %q", s.port())
		}
	})
}
