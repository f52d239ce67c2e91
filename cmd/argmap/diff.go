package main

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// diffContext is how many unchanged lines surround each change, as in
// diff -u and gofmt -d.
const diffContext = 3

// unifiedDiff returns the change from old to new in unified format, as
// gofmt -d prints it: a "diff" line naming both, then hunks of changed
// lines with three lines of context. Equal inputs give nothing.
//
// Lines are matched on anchors, the lines that occur exactly once in each
// text, in the longest order-preserving sequence of them (patience diff),
// then each anchor is widened over the equal lines around it. The cost is
// O(n log n) in lines, so that formatting a 4 MiB file of one line into
// 200,000 lines diffs as fast as it formats; the diff is not always the
// shortest, but it never pairs lines that differ.
func unifiedDiff(oldName string, old []byte, newName string, new []byte) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	x, y := splitLinesKeepEnds(old), splitLinesKeepEnds(new)
	var out bytes.Buffer
	fmt.Fprintf(&out, "diff %s %s\n--- %s\n+++ %s\n", oldName, newName, oldName, newName)
	runs := equalRuns(x, y)
	// Between consecutive equal runs lies a change. A hunk gathers the
	// changes whose equal lines between are too few to separate them.
	var hunk []string
	var hunkX, hunkY, countX, countY int
	flush := func() {
		if len(hunk) == 0 {
			return
		}
		fromX, fromY := hunkX+1, hunkY+1
		if countX == 0 {
			fromX = hunkX
		}
		if countY == 0 {
			fromY = hunkY
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", fromX, countX, fromY, countY)
		for _, l := range hunk {
			out.WriteString(l)
		}
		hunk, countX, countY = hunk[:0], 0, 0
	}
	for i := 0; i+1 < len(runs); i++ {
		prev, next := runs[i], runs[i+1]
		changeX, changeY := prev.x+prev.n, prev.y+prev.n // where the change starts
		if changeX == next.x && changeY == next.y {
			continue // two runs that touch: no change between
		}
		// Leading context: the end of prev, unless the hunk already
		// holds it.
		lead := min(diffContext, prev.n)
		if len(hunk) > 0 && prev.n <= 2*diffContext {
			lead = prev.n // the whole run joins the open hunk
		} else {
			if len(hunk) > 0 {
				// Close the open hunk with trailing context.
				for _, l := range x[prev.x : prev.x+diffContext] {
					hunk = append(hunk, " "+l)
					countX++
					countY++
				}
				flush()
			}
			hunkX, hunkY = changeX-lead, changeY-lead
		}
		for _, l := range x[changeX-lead : changeX] {
			hunk = append(hunk, " "+l)
			countX++
			countY++
		}
		for _, l := range x[changeX:next.x] {
			hunk = append(hunk, "-"+l)
			countX++
		}
		for _, l := range y[changeY:next.y] {
			hunk = append(hunk, "+"+l)
			countY++
		}
	}
	if len(hunk) > 0 {
		last := runs[len(runs)-1]
		for _, l := range x[last.x : last.x+min(diffContext, last.n)] {
			hunk = append(hunk, " "+l)
			countX++
			countY++
		}
		flush()
	}
	return out.Bytes()
}

// splitLinesKeepEnds cuts text into lines, each with its line end; a last
// line without one is marked, as diff marks it.
func splitLinesKeepEnds(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "\n\\ No newline at end of file\n"
	return lines
}

// equalRun is a stretch of n lines equal in both texts, from x[x] and y[y].
type equalRun struct{ x, y, n int }

// equalRuns returns the stretches of lines the two texts share, in order,
// between an empty run at the start and one at the end.
func equalRuns(x, y []string) []equalRun {
	runs := []equalRun{{0, 0, 0}}
	done := equalRun{} // lines before done.x and done.y are placed
	for _, a := range append(anchors(x, y), equalRun{len(x), len(y), 0}) {
		if a.x < done.x || a.y < done.y {
			continue // inside a run already widened
		}
		start, end := a, a
		for start.x > done.x && start.y > done.y && x[start.x-1] == y[start.y-1] {
			start.x, start.y = start.x-1, start.y-1
		}
		for end.x < len(x) && end.y < len(y) && x[end.x] == y[end.y] {
			end.x, end.y = end.x+1, end.y+1
		}
		if n := end.x - start.x; n > 0 {
			runs = append(runs, equalRun{start.x, start.y, n})
		}
		done = equalRun{x: end.x, y: end.y}
	}
	if last := runs[len(runs)-1]; last.x+last.n != len(x) || last.y+last.n != len(y) {
		runs = append(runs, equalRun{len(x), len(y), 0})
	}
	return runs
}

// anchors pairs the lines that occur exactly once in each text, keeping
// the longest sequence of pairs in the same order in both.
func anchors(x, y []string) []equalRun {
	type seen struct{ countX, countY, atX, atY int }
	lines := map[string]*seen{}
	for i, l := range x {
		s := lines[l]
		if s == nil {
			s = &seen{}
			lines[l] = s
		}
		s.countX++
		s.atX = i
	}
	for i, l := range y {
		if s := lines[l]; s != nil {
			s.countY++
			s.atY = i
		}
	}
	var pairs []equalRun
	for _, s := range lines {
		if s.countX == 1 && s.countY == 1 {
			pairs = append(pairs, equalRun{s.atX, s.atY, 1})
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].x < pairs[j].x })
	// The longest run of pairs whose y also increases: patience sorting,
	// with a back link from each pair to its predecessor.
	var tops []int // tops[k]: the pair ending the best sequence of length k+1
	back := make([]int, len(pairs))
	for i, p := range pairs {
		k := sort.Search(len(tops), func(k int) bool { return pairs[tops[k]].y > p.y })
		back[i] = -1
		if k > 0 {
			back[i] = tops[k-1]
		}
		if k == len(tops) {
			tops = append(tops, i)
		} else {
			tops[k] = i
		}
	}
	if len(tops) == 0 {
		return nil
	}
	out := make([]equalRun, len(tops))
	for i, k := len(tops)-1, tops[len(tops)-1]; i >= 0; i, k = i-1, back[k] {
		out[i] = pairs[k]
	}
	return out
}
