package argmap

import (
	"fmt"
)

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsKind(k string) bool {
	for _, x := range Kinds {
		if string(x) == k {
			return true
		}
	}
	return false
}

func kindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

func langNames(langs []Lang) []string {
	out := make([]string, len(langs))
	for i, l := range langs {
		out[i] = string(l)
	}
	return out
}

func partyIDs(c *Corpus) []string {
	out := make([]string, len(c.Parties))
	for i, p := range c.Parties {
		out[i] = p.ID
	}
	return out
}

// DidYouMean returns `; did you mean "x"?` when a candidate is close enough
// to s to be what a user mistyped, else "".
func DidYouMean(s string, candidates []string) string { return didYouMean(s, candidates) }

// didYouMean returns `; did you mean "x"?` when a candidate is close to s.
func didYouMean(s string, candidates []string) string {
	if c := closest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}

// closest returns the candidate nearest to s by edit distance, if it is near
// enough to be a likely typo.
func closest(s string, candidates []string) string {
	n := RuneLen(s)
	if n > 200 {
		return ""
	}
	best, bestDist := "", -1
	d := distances{a: []rune(s)}
	for _, c := range candidates {
		// The distance is at least the difference in length, and the
		// limit below is a third of the candidate's length, so a
		// candidate of more than 1.5n+2 code points (at most 4 bytes
		// each) cannot be near: skip it before counting them.
		if len(c) > 6*n+8 {
			continue
		}
		m := RuneLen(c)
		// Two edits turn any two-letter key into any other ("fr" into
		// "en"): a suggestion must keep at least one character.
		limit := min(max(2, m/3), m-1)
		if bestDist >= 0 {
			limit = min(limit, bestDist-1) // only a nearer one matters now
		}
		if abs(m-n) > limit {
			continue
		}
		if dist := d.within(c, limit); dist <= limit {
			best, bestDist = c, dist
		}
	}
	return best
}

// distances computes Levenshtein distances in code points from one string
// to many, reusing its rows: did-you-mean compares an unknown id with every
// id of the map.
type distances struct {
	a         []rune
	b         []rune
	prev, cur []int
}

// within returns the distance from d.a to b, or limit+1 as soon as every
// alignment costs more than limit.
func (d *distances) within(b string, limit int) int {
	d.b = d.b[:0]
	for _, r := range b {
		d.b = append(d.b, r)
	}
	d.prev, d.cur = d.prev[:0], d.cur[:0]
	for j := 0; j <= len(d.b); j++ {
		d.prev, d.cur = append(d.prev, j), append(d.cur, 0)
	}
	for i := 1; i <= len(d.a); i++ {
		d.cur[0] = i
		rowMin := i
		for j := 1; j <= len(d.b); j++ {
			cost := 1
			if d.a[i-1] == d.b[j-1] {
				cost = 0
			}
			d.cur[j] = min(d.prev[j]+1, d.cur[j-1]+1, d.prev[j-1]+cost)
			rowMin = min(rowMin, d.cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		d.prev, d.cur = d.cur, d.prev
	}
	return d.prev[len(d.b)]
}
