package argmap

import "fmt"

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
	if RuneLen(s) > 200 {
		return ""
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(s, c)
		// Two edits turn any two-letter key into any other ("fr" into
		// "en"): a suggestion must keep at least one character.
		limit := min(max(2, RuneLen(c)/3), RuneLen(c)-1)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance in code points.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
