package argmap_test

import (
	"fmt"
	"testing"

	"github.com/argmap/argmap/argmap"
)

// BenchmarkCompare compares two maps of n units each, all in one paragraph
// (the shape where matching every key unit with every other unit would
// cost n²), each other unit overlapping one key unit, each unit supporting
// the next. Run at n and 4n, the time should grow about four times;
// docs/performance.md records the figures.
func BenchmarkCompare(b *testing.B) {
	for _, n := range []int{2000, 8000} {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			key, other := chainMap(n, 0), chainMap(n, 2)
			b.ReportAllocs()
			for b.Loop() {
				c := argmap.Compare(key, other)
				if len(c.Matches) != n || c.Relations.Matched != n-1 {
					b.Fatalf("%d matches, %d relations matched", len(c.Matches), c.Relations.Matched)
				}
			}
		})
	}
}

// chainMap is n claims in one paragraph, the i-th quoting code points
// 10i+shift to 10i+shift+8, each supporting the next.
func chainMap(n, shift int) *argmap.Map {
	doc := &argmap.Document{ID: "d"}
	p := &argmap.Paragraph{Doc: doc, Role: argmap.Body, Number: 1}
	m := &argmap.Map{}
	for i := range n {
		u := &argmap.Unit{ID: fmt.Sprintf("u%d", i), Kind: argmap.Claim, Span: argmap.Span{Doc: doc, Paragraph: p,
			Quotes: map[argmap.Lang]*argmap.Quote{argmap.English: {Lang: argmap.English, Start: 10*i + shift, End: 10*i + shift + 8, Found: true}}}}
		m.Units = append(m.Units, u)
	}
	for i := 1; i < n; i++ {
		r := &argmap.Relation{Type: argmap.Supports, From: m.Units[i-1], To: m.Units[i], ToID: m.Units[i].ID}
		m.Units[i-1].Relations = append(m.Units[i-1].Relations, r)
		m.Units[i].Incoming = append(m.Units[i].Incoming, r)
		m.Relations = append(m.Relations, r)
	}
	return m
}
