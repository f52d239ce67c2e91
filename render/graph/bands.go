package graph

import (
	"slices"

	"github.com/argmap/argmap/argmap"
)

// The whole map is drawn in bands: one horizontal stripe per dispute across
// the letters' columns, so that a reply sits level with what it answers.
// Within a band, each column keeps paragraph order.

// maxOrderedBands bounds the search for a band order: beyond it, bands keep
// the disputes' own order, so that a map of thousands of disputes costs
// linear time.
const maxOrderedBands = 40

// layoutBands assigns each unit its band and returns how many bands there
// are. A unit goes to a dispute that holds it (of several, the one nearest
// its neighbours); a unit in no dispute goes to the band of the unit
// nearest to it through relations, found breadth first; a unit related to
// no dispute goes to a last band of its own. The bands are ordered to keep
// related disputes next to each other (see orderBands).
func layoutBands(m *argmap.Map) (map[*argmap.Unit]int, int) {
	disputes := m.Disputes()
	order := orderBands(m, disputes)
	band := placeUnits(m, disputes, order)
	// A unit several disputes hold moves to the one of them nearest to its
	// neighbours, once, in map order, so that the result is deterministic.
	rank := make([]int, len(disputes)) // band of each dispute
	for b, d := range order {
		rank[d] = b
	}
	holders := map[*argmap.Unit][]int{}
	for i, d := range disputes {
		for _, u := range d.Units {
			holders[u] = append(holders[u], rank[i])
		}
	}
	for _, u := range m.Units {
		candidates := holders[u]
		if len(candidates) == 0 {
			// A unit no dispute holds may sit in any band of its neighbours.
			for _, rs := range [][]*argmap.Relation{u.Relations, u.Incoming} {
				for _, r := range rs {
					for _, v := range []*argmap.Unit{r.From, r.To} {
						if v != nil && v != u {
							candidates = append(candidates, band[v])
						}
					}
				}
			}
		}
		if len(candidates) < 2 {
			continue
		}
		best, bestCost := band[u], spanCost(u, band[u], band)
		for _, b := range candidates {
			if c := spanCost(u, b, band); c < bestCost {
				best, bestCost = b, c
			}
		}
		band[u] = best
	}
	return band, len(disputes) + 1
}

// spanCost is how many bands the relations of u cross if u is in band b.
func spanCost(u *argmap.Unit, b int, band map[*argmap.Unit]int) int {
	cost := 0
	for _, rs := range [][]*argmap.Relation{u.Relations, u.Incoming} {
		for _, r := range rs {
			for _, v := range []*argmap.Unit{r.From, r.To} {
				if v != nil && v != u {
					cost += abs(band[v] - b)
				}
			}
		}
	}
	return cost
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

// orderBands orders the disputes for the whole-map layout. The relations
// between units become weights between the disputes that hold them (each
// unit counted in the first dispute that holds it, or reached from one);
// then, from the disputes' own order, one dispute at a time moves to the
// place that most shortens those relations (the sum, over relations, of
// how many bands each crosses), until no move helps. Ties keep the earlier
// order, so the result is deterministic. The search works on disputes, not
// units, and a map of more than maxOrderedBands disputes keeps its order.
func orderBands(m *argmap.Map, disputes []*argmap.Dispute) []int {
	n := len(disputes)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if n > maxOrderedBands {
		return order
	}
	// Where a unit goes depends on the order (the first dispute that holds
	// it), so the order is searched again from the units' new places, a
	// few rounds at most.
	for round := 0; round < 4; round++ {
		next := improveOrder(n, bandWeights(m, disputes, order), order)
		if slices.Equal(next, order) {
			break
		}
		order = next
	}
	return order
}

// bandWeights counts the relations between the disputes that hold their
// units, each unit in the band placeUnits gives it with this order; row and
// column n stand for the units in no dispute.
func bandWeights(m *argmap.Map, disputes []*argmap.Dispute, order []int) [][]int {
	n := len(disputes)
	home := placeUnits(m, disputes, order)
	weight := make([][]int, n+1)
	for i := range weight {
		weight[i] = make([]int, n+1)
	}
	dispute := append(slices.Clone(order), n) // the dispute drawn as each band
	for _, r := range m.Relations {
		a, b := dispute[home[r.From]], dispute[home[r.To]]
		if a != b {
			weight[a][b]++
			weight[b][a]++
		}
	}
	return weight
}

// improveOrder moves one dispute at a time to the place that most shortens
// the weighted distances between bands, until no move helps. Between two
// orders of the same length it prefers the one nearer the disputes' own
// order (each dispute's distance from its place there), so that disputes
// the relations do not tie together keep the order a reader takes them in.
func improveOrder(n int, weight [][]int, order []int) []int {
	scale := n*n + 1 // more than any sum of displacements
	cost := func(order []int) int {
		at := make([]int, n+1)
		for b, d := range order {
			at[d] = b
		}
		at[n] = n
		total, moved := 0, 0
		for a := range weight {
			for b := a + 1; b <= n; b++ {
				total += weight[a][b] * abs(at[a]-at[b])
			}
			moved += abs(at[a] - a)
		}
		return total*scale + moved
	}
	best := cost(order)
	for improved := true; improved; {
		improved = false
		for i := range order {
			for j := range order {
				if i == j {
					continue
				}
				next := slices.Clone(order)
				d := next[i]
				next = slices.Delete(next, i, i+1)
				next = slices.Insert(next, j, d)
				if c := cost(next); c < best {
					order, best, improved = next, c, true
				}
			}
		}
	}
	return order
}
