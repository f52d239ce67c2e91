package graph

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/argmap/argmap/argmap"
)

// plan is a made-up layout for the crossing tests: units named by their
// place, relations between places.
type plan struct {
	units map[slot]*argmap.Unit
	edges []placedEdge
	side  map[*argmap.Relation]string
}

func newPlan() *plan {
	return &plan{units: map[slot]*argmap.Unit{}, side: map[*argmap.Relation]string{}}
}

func (p *plan) unit(s slot) *argmap.Unit {
	if p.units[s] == nil {
		p.units[s] = &argmap.Unit{ID: fmt.Sprintf("c%d-p%d", s.col, s.pos)}
	}
	return p.units[s]
}

// relate adds an edge between two places; side is west or east for an arc
// beside one column, "" otherwise.
func (p *plan) relate(a, b slot, side string) *plan {
	r := &argmap.Relation{Type: argmap.Supports, From: p.unit(a), To: p.unit(b)}
	e := placedEdge{r: r, lo: a, hi: b}
	if b.col < a.col || b.col == a.col && b.pos < a.pos {
		e.lo, e.hi = b, a
	}
	p.edges = append(p.edges, e)
	if side != "" {
		p.side[r] = side
	}
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
			newPlan().relate(at(0, 0), at(1, 0), "").relate(at(0, 1), at(1, 1), ""), 0},
		{"edges between two columns in opposite orders cross",
			newPlan().relate(at(0, 0), at(1, 1), "").relate(at(0, 1), at(1, 0), ""), 1},
		{"edges that share a unit do not count",
			newPlan().relate(at(0, 0), at(1, 1), "").relate(at(0, 0), at(1, 0), "").relate(at(0, 1), at(1, 1), ""), 0},
		{"edges between different pairs of columns do not cross",
			newPlan().relate(at(0, 0), at(1, 1), "").relate(at(1, 0), at(2, 1), ""), 0},
		{"an arc crosses an edge that leaves its side between its ends",
			newPlan().relate(at(0, 0), at(0, 2), east).relate(at(0, 1), at(1, 0), ""), 1},
		{"an arc does not cross an edge that leaves the other side",
			newPlan().relate(at(1, 0), at(1, 2), east).relate(at(0, 0), at(1, 1), ""), 0},
		{"an arc does not cross an edge that leaves beyond its ends",
			newPlan().relate(at(0, 0), at(0, 2), east).relate(at(0, 3), at(1, 0), ""), 0},
		{"arcs on one side cross when their spans interleave",
			newPlan().relate(at(0, 0), at(0, 2), west).relate(at(0, 1), at(0, 3), west), 1},
		{"nested arcs on one side do not cross",
			newPlan().relate(at(0, 0), at(0, 3), west).relate(at(0, 1), at(0, 2), west), 0},
		{"interleaving arcs on opposite sides do not cross",
			newPlan().relate(at(0, 0), at(0, 2), west).relate(at(0, 1), at(0, 3), east), 0},
		{"an edge between neighbours of a band crosses nothing",
			newPlan().relate(at(0, 0), at(0, 1), "").relate(at(0, 0), at(1, 1), "").relate(at(0, 1), at(1, 0), ""), 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for i, e := range tc.plan.edges {
				tc.plan.edges[i].adjacent = e.flat() && tc.plan.side[e.r] == ""
			}
			if got := countCrossings(tc.plan.edges, tc.plan.side); got != tc.want {
				t.Errorf("countCrossings = %d, want %d", got, tc.want)
			}
		})
	}
}

// TestCountCrossingsAgreesWithPairs compares countCrossings, which sorts and
// counts, with the rules applied to every pair, on random layouts.
func TestCountCrossingsAgreesWithPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sides := []string{west, east}
	for round := 0; round < 200; round++ {
		p := newPlan()
		for range 1 + rng.IntN(40) {
			a := slot{rng.IntN(3), rng.IntN(8)}
			b := slot{rng.IntN(3), rng.IntN(8)}
			if a == b {
				continue
			}
			side := ""
			if a.col == b.col {
				side = sides[rng.IntN(2)]
			}
			p.relate(a, b, side)
		}
		if got, want := countCrossings(p.edges, p.side), pairCrossings(p.edges, p.side); got != want {
			t.Fatalf("round %d: countCrossings = %d, pair by pair %d", round, got, want)
		}
	}
}

// pairCrossings applies the rules of countCrossings to every pair of edges.
func pairCrossings(edges []placedEdge, side map[*argmap.Relation]string) int {
	n := 0
	for i, a := range edges {
		for _, b := range edges[i+1:] {
			if a.r.From == b.r.From || a.r.From == b.r.To || a.r.To == b.r.From || a.r.To == b.r.To {
				continue
			}
			switch {
			case a.flat() && b.flat():
				if a.lo.col == b.lo.col && side[a.r] == side[b.r] && interleave(a, b) {
					n++
				}
			case a.flat() || b.flat():
				arc, e := a, b
				if b.flat() {
					arc, e = b, a
				}
				inside := func(s slot) bool { return s.col == arc.lo.col && arc.lo.pos < s.pos && s.pos < arc.hi.pos }
				if side[arc.r] == east && inside(e.lo) || side[arc.r] == west && inside(e.hi) {
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
		p := newPlan().relate(at(1, 0), at(1, 3), "").
			relate(at(0, 0), at(1, 1), "").relate(at(0, 1), at(1, 2), ""). // two arrive from the west
			relate(at(1, 2), at(2, 0), "")                                 // one leaves east
		side := chooseSides(p.edges)
		if got := side[p.edges[0].r]; got != east {
			t.Errorf("the arc runs %q, want east", got)
		}
	})
	t.Run("interleaving arcs run on opposite sides", func(t *testing.T) {
		p := newPlan().relate(at(0, 0), at(0, 2), "").relate(at(0, 1), at(0, 3), "")
		side := chooseSides(p.edges)
		if side[p.edges[0].r] == side[p.edges[1].r] {
			t.Errorf("both arcs run %q", side[p.edges[0].r])
		}
		if n := countCrossings(p.edges, side); n != 0 {
			t.Errorf("%d crossings remain", n)
		}
	})
	t.Run("an adjacent edge gets no side", func(t *testing.T) {
		p := newPlan().relate(at(0, 0), at(0, 1), "")
		p.edges[0].adjacent = true
		if side, ok := chooseSides(p.edges)[p.edges[0].r]; ok {
			t.Errorf("the edge runs %q", side)
		}
	})
}
