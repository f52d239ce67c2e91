package argmap

import (
	"cmp"
	"slices"
)

// matchUnits pairs the units of both maps, best overlap first.
func (c *Comparison) matchUnits() {
	type candidate struct {
		k, o    int
		overlap float64
	}
	var cands []candidate
	for _, pair := range overlappingPairs(c.Key.Units, c.Other.Units) {
		ku, ou := c.Key.Units[pair[0]], c.Other.Units[pair[1]]
		if v, ok := spanOverlap(ku, ou); ok {
			cands = append(cands, candidate{pair[0], pair[1], v})
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.overlap, a.overlap), cmp.Compare(a.k, b.k), cmp.Compare(a.o, b.o))
	})
	c.keyMatch, c.otherMatch = map[*Unit]*Unit{}, map[*Unit]*Unit{}
	for _, cd := range cands {
		ku, ou := c.Key.Units[cd.k], c.Other.Units[cd.o]
		if c.keyMatch[ku] != nil || c.otherMatch[ou] != nil {
			continue
		}
		c.keyMatch[ku], c.otherMatch[ou] = ou, ku
		c.Matches = append(c.Matches, UnitMatch{Key: ku, Other: ou, Overlap: cd.overlap})
	}
}

// overlappingPairs returns the pairs (key index, other index) of units
// anchored in the same paragraph whose quotes overlap in some language, in
// no particular order. Per paragraph and language it sweeps the quotes'
// starts and ends in order, pairing a quote that opens with the other
// side's quotes still open, so the work is n log n plus the pairs found.
func overlappingPairs(keyUnits, otherUnits []*Unit) [][2]int {
	type bucket struct{ key, other []int }
	buckets := map[paragraphKey]*bucket{}
	var order []paragraphKey
	add := func(u *Unit, i int, side func(*bucket) *[]int) {
		if u.Span.Paragraph == nil {
			return
		}
		k := keyOf(u.Span.Paragraph)
		b := buckets[k]
		if b == nil {
			b = &bucket{}
			buckets[k] = b
			order = append(order, k)
		}
		list := side(b)
		*list = append(*list, i)
	}
	for i, u := range keyUnits {
		add(u, i, func(b *bucket) *[]int { return &b.key })
	}
	for i, u := range otherUnits {
		add(u, i, func(b *bucket) *[]int { return &b.other })
	}
	seen := map[[2]int]bool{}
	var pairs [][2]int
	type event struct {
		at, side, index int
		opens           bool
	}
	for _, k := range order {
		b := buckets[k]
		if len(b.key) == 0 || len(b.other) == 0 {
			continue
		}
		for _, lang := range quoteLanguages(keyUnits, b.key, otherUnits, b.other) {
			var events []event
			for side, list := range [2][]int{b.key, b.other} {
				units := [2][]*Unit{keyUnits, otherUnits}[side]
				for _, i := range list {
					if q := units[i].Span.Quotes[lang]; q != nil && q.Found && q.End > q.Start {
						events = append(events, event{q.Start, side, i, true}, event{q.End, side, i, false})
					}
				}
			}
			// Ends sort before starts at the same place: quotes are end
			// exclusive, so one ending where another starts shares nothing.
			slices.SortFunc(events, func(a, b event) int {
				if a.at != b.at {
					return a.at - b.at
				}
				if a.opens != b.opens {
					if a.opens {
						return 1
					}
					return -1
				}
				return 0
			})
			open := [2]map[int]bool{{}, {}}
			for _, e := range events {
				if !e.opens {
					delete(open[e.side], e.index)
					continue
				}
				for j := range open[1-e.side] {
					pair := [2]int{e.index, j}
					if e.side == 1 {
						pair = [2]int{j, e.index}
					}
					if !seen[pair] {
						seen[pair] = true
						pairs = append(pairs, pair)
					}
				}
				open[e.side][e.index] = true
			}
		}
	}
	return pairs
}

// quoteLanguages lists, sorted, the languages of the units' quotes.
func quoteLanguages(keyUnits []*Unit, key []int, otherUnits []*Unit, other []int) []Lang {
	set := map[Lang]bool{}
	for _, i := range key {
		for lang := range keyUnits[i].Span.Quotes {
			set[lang] = true
		}
	}
	for _, i := range other {
		for lang := range otherUnits[i].Span.Quotes {
			set[lang] = true
		}
	}
	langs := make([]Lang, 0, len(set))
	for lang := range set {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	return langs
}

// spanOverlap says whether two units can match and how well.
func spanOverlap(a, b *Unit) (float64, bool) {
	// Compare by id and position: the maps may be loaded over two copies of
	// the corpus.
	pa, pb := a.Span.Paragraph, b.Span.Paragraph
	if pa == nil || pb == nil || keyOf(pa) != keyOf(pb) {
		return 0, false
	}
	// Sum in a fixed order of languages, so that equal pairs score equal
	// to the last bit and ties break by order alone.
	langs := make([]Lang, 0, len(a.Span.Quotes))
	for lang := range a.Span.Quotes {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	sum, counted, overlaps := 0.0, 0, false
	for _, lang := range langs {
		qa, qb := a.Span.Quotes[lang], b.Span.Quotes[lang]
		if qa == nil || qb == nil || !qa.Found || !qb.Found {
			continue
		}
		counted++
		shared := min(qa.End, qb.End) - max(qa.Start, qb.Start)
		if shared > 0 {
			overlaps = true
			sum += float64(shared) / float64(max(qa.End, qb.End)-min(qa.Start, qb.Start))
		}
	}
	if !overlaps {
		return 0, false
	}
	return sum / float64(counted), true
}
