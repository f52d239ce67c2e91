package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"sync"
)

// The search for a band order is the costliest part of drawing the whole
// map before Graphviz (about 10 ms for the bundled map), and argmap serve
// draws the whole map again after every save. Most saves change words, not
// the shape the search weighs: the search is a function of what key
// reads, so a search once made is remembered by that key, across maps.

// searchKey identifies a search for a band order by everything it reads:
// the units' columns and places in them, their nodes' heights, the
// disputes that hold each unit or are nearest to it, the relations between
// them, the height of each dispute's label, and the budget.
type searchKey [sha256.Size]byte

// searchResult is what a search found: the order of the disputes' bands
// and the band of each unit.
type searchResult struct {
	order, band []int
}

// maxRememberedSearches bounds the searches remembered: the whole map and
// a document or two, in the map being edited and the one before.
const maxRememberedSearches = 8

var rememberedSearches struct {
	sync.Mutex
	searches []rememberedSearch // the newest last
}

type rememberedSearch struct {
	key    searchKey
	result searchResult
}

// key is the search's key. Two searches with the same key try the same
// arrangements in the same order and find the same result.
func (s *bandSearch) key() searchKey {
	h := sha256.New()
	var buf []byte
	put := func(xs ...int) {
		buf = buf[:0]
		for _, x := range xs {
			buf = binary.AppendVarint(buf, int64(x))
		}
		h.Write(buf)
	}
	put(len(s.p.units), len(s.p.columns), len(s.disputes), len(s.p.relations))
	for _, i := range s.p.byColumn {
		put(i, s.p.column[i], int(math.Float64bits(s.p.height[i])), s.nearest[i], len(s.holders[i]))
		put(s.holders[i]...)
	}
	for _, r := range s.p.relations {
		put(r.from, r.to)
	}
	for _, h := range s.header {
		put(int(math.Float64bits(h)))
	}
	var key searchKey
	h.Sum(key[:0])
	return key
}

// foundBands returns the result of a search remembered by key.
func foundBands(key searchKey) (searchResult, bool) {
	rememberedSearches.Lock()
	defer rememberedSearches.Unlock()
	for _, r := range rememberedSearches.searches {
		if r.key == key {
			return r.result, true
		}
	}
	return searchResult{}, false
}

// rememberBands remembers a search's result by its key, forgetting the
// oldest beyond maxRememberedSearches. The slices are kept, never changed.
func rememberBands(key searchKey, result searchResult) {
	rememberedSearches.Lock()
	defer rememberedSearches.Unlock()
	rememberedSearches.searches = append(rememberedSearches.searches, rememberedSearch{key, result})
	if len(rememberedSearches.searches) > maxRememberedSearches {
		rememberedSearches.searches = rememberedSearches.searches[1:]
	}
}
