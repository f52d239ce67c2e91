package argmap

import (
	"fmt"
	"math"
	"strings"
)

// step is how many paragraphs of two languages one stretch of an alignment
// pairs: 1 and 1 when they correspond, 2 and 1 when the second language
// runs two paragraphs of the first into one, 1 and 0 when a paragraph has
// no counterpart.
type step struct{ a, b int }

// alignSteps are the steps an alignment may take, with their costs: the
// negative log of how often each occurs between a text and its translation
// (Gale and Church, "A program for aligning sentences in bilingual
// corpora", 1993: 0.89, 0.089 and 0.0099).
var alignSteps = []struct {
	step
	cost float64
}{
	{step{1, 1}, 0.12},
	{step{2, 1}, 2.4},
	{step{1, 2}, 2.4},
	{step{1, 0}, 4.6},
	{step{0, 1}, 4.6},
}

// maxAlignSkew bounds the difference in paragraph counts that divergence
// explains; beyond it the texts are too far apart for a guess to help, and
// the band the alignment searches stays narrow, so its cost is linear in
// the number of paragraphs.
const maxAlignSkew = 20

// divergence finds where the paragraphs of two languages, given by their
// lengths in code points, stop pairing one to one: the first step of their
// cheapest alignment that is not 1 and 1, and the paragraph of each
// language where it starts. Lengths are compared through the ratio of the
// two texts' totals, so English and Chinese, whose lengths differ by a
// factor of three, align as well as two European languages. ok is false
// when the counts differ by more than maxAlignSkew.
func divergence(a, b []int) (at step, s step, ok bool) {
	n, m := len(a), len(b)
	if n-m > maxAlignSkew || m-n > maxAlignSkew {
		return step{}, step{}, false
	}
	totalA, totalB := 0, 0
	for _, x := range a {
		totalA += x
	}
	for _, y := range b {
		totalB += y
	}
	ratio := 1.0
	if totalA > 0 && totalB > 0 {
		ratio = float64(totalB) / float64(totalA)
	}
	pairCost := func(x, y int) float64 {
		// How far y is from what x predicts, in standard deviations that
		// grow with the length, as Gale and Church model it.
		expected := ratio * float64(x)
		d := (float64(y) - expected) / math.Sqrt(expected+float64(y)+1)
		return d * d / 2
	}
	// Cells (i, j) with j-i in [lo, hi]: every alignment path stays inside
	// this band, since each step moves j-i by at most one.
	lo, hi := min(0, m-n)-2, max(0, m-n)+2
	width := hi - lo + 1
	cost := make([]float64, (n+1)*width)
	back := make([]int8, (n+1)*width)
	for i := range cost {
		cost[i] = math.Inf(1)
		back[i] = -1
	}
	cell := func(i, j int) int {
		if i < 0 || j < 0 || i > n || j > m || j-i < lo || j-i > hi {
			return -1
		}
		return i*width + (j - i - lo)
	}
	cost[cell(0, 0)] = 0
	for i := 0; i <= n; i++ {
		for j := max(0, i+lo); j <= min(m, i+hi); j++ {
			here := cell(i, j)
			for k, st := range alignSteps {
				from := cell(i-st.a, j-st.b)
				if from < 0 || math.IsInf(cost[from], 1) {
					continue
				}
				x, y := 0, 0
				for t := i - st.a; t < i; t++ {
					x += a[t]
				}
				for t := j - st.b; t < j; t++ {
					y += b[t]
				}
				c := cost[from] + st.cost
				if st.a > 0 && st.b > 0 {
					// A paragraph without counterpart has no length to
					// compare: only its rarity counts.
					c += pairCost(x, y)
				}
				if c < cost[here] {
					cost[here], back[here] = c, int8(k)
				}
			}
		}
	}
	// Walk back from the end; the last step met that is not 1 and 1 is the
	// first of the alignment.
	i, j := n, m
	found := false
	for i > 0 || j > 0 {
		k := back[cell(i, j)]
		if k < 0 {
			return step{}, step{}, false
		}
		st := alignSteps[k].step
		i, j = i-st.a, j-st.b
		if st != (step{1, 1}) {
			at, s, found = step{i, j}, st, true
		}
	}
	return at, s, found
}

// paragraphCountMismatch reports two languages of a document whose
// paragraph counts differ, and says where they seem to part.
func (l *manifestLoader) paragraphCountMismatch(what string, a, b *languageText) {
	lengths := func(t *languageText) []int {
		out := make([]int, len(t.paras))
		for i, p := range t.paras {
			out[i] = RuneLen(p.text)
		}
		return out
	}
	at, s, ok := divergence(lengths(a), lengths(b))
	msg := fmt.Sprintf("%s: the %s text has %s and the %s text %d: paragraphs pair one to one across languages",
		what, a.lang.Name(), plural(len(a.paras), "paragraph"), b.lang.Name(), len(b.paras))
	if !ok {
		l.report(l.rangeOf(b.node), RuleParagraphCount, paragraphsSeparated(b.layout), "%s", msg)
		return
	}
	detail, related := explainDivergence(a, b, at, s)
	l.report(l.rangeOf(b.node), RuleParagraphCount, detail, "%s", msg)
	for _, r := range related {
		l.relatedFile(r.File, r.Range, r.Message)
	}
}

// explainDivergence words where two texts part, for the detail of a
// paragraph-count diagnostic, with the places in each file.
func explainDivergence(a, b *languageText, at, s step) (string, []Related) {
	where := func(t *languageText, i int) string {
		return fmt.Sprintf("%s paragraph %d (%s line %d)", t.lang.Name(), i+1, t.file, t.paras[i].line)
	}
	place := func(t *languageText, i int, message string) Related {
		return Related{File: t.file, Range: lineRange(t.paras[i].line), Message: message}
	}
	agreed := ""
	if at.a > 0 {
		agreed = fmt.Sprintf("the texts pair one to one up to %s paragraph %d and %s paragraph %d; then ", a.lang.Name(), at.a, b.lang.Name(), at.b)
	}
	switch s {
	case step{2, 1}, step{1, 2}:
		two, one, i, j := a, b, at.a, at.b
		if s == (step{1, 2}) {
			two, one, i, j = b, a, at.b, at.a
		}
		tooMany := two.file + " has one too many"
		if two.layout == LayoutLines {
			tooMany += " (in the lines layout, indent the lines of one paragraph, as a signature is indented)"
		}
		detail := fmt.Sprintf("%s%s and %d seem to be %s: %s lacks a paragraph break %s, or %s",
			agreed, where(two, i), i+2, where(one, j), one.file, breakPlace(one, j, two.paras[i].text, two.paras[i+1].text), tooMany)
		return detail, []Related{
			place(two, i, fmt.Sprintf("%s paragraphs %d and %d start here", two.lang.Name(), i+1, i+2)),
			place(one, j, fmt.Sprintf("%s paragraph %d seems to hold both", one.lang.Name(), j+1)),
		}
	case step{1, 0}:
		return fmt.Sprintf("%s%s has no counterpart in the %s text: a paragraph is missing from %s, or one too many in %s",
				agreed, where(a, at.a), b.lang.Name(), b.file, a.file),
			[]Related{place(a, at.a, fmt.Sprintf("%s paragraph %d has no %s counterpart", a.lang.Name(), at.a+1, b.lang.Name()))}
	default: // step{0, 1}
		return fmt.Sprintf("%s%s has no counterpart in the %s text: a paragraph is missing from %s, or one too many in %s",
				agreed, where(b, at.b), a.lang.Name(), a.file, b.file),
			[]Related{place(b, at.b, fmt.Sprintf("%s paragraph %d has no %s counterpart", b.lang.Name(), at.b+1, a.lang.Name()))}
	}
}

// breakPlace suggests where in paragraph j of t a break would split it as
// the other language splits first and second: between two of its lines,
// at the one that divides its length in the same proportion, when it has
// several; inside its line when it has one.
func breakPlace(t *languageText, j int, first, second string) string {
	p := t.paras[j]
	lines := p.lines()
	if len(lines) < 2 {
		if t.layout == LayoutLines {
			return fmt.Sprintf("inside line %d: it runs two paragraphs together, so split the line where the other language splits them", p.line)
		}
		return fmt.Sprintf("inside line %d: it runs two paragraphs together", p.line)
	}
	want := float64(RuneLen(first)) / float64(max(1, RuneLen(first)+RuneLen(second)))
	total := RuneLen(p.text)
	best, bestGap, sofar := 0, math.Inf(1), 0
	for k := 0; k < len(lines)-1; k++ {
		sofar += RuneLen(lines[k]) + 1
		if gap := math.Abs(float64(sofar)/float64(max(1, total)) - want); gap < bestGap {
			best, bestGap = k, gap
		}
	}
	separator := "a blank line"
	if t.layout == LayoutLines {
		separator = "less indentation"
	}
	return fmt.Sprintf("between lines %d and %d (%s there would make two paragraphs: %q | %q)",
		p.line+best, p.line+best+1, separator, clip(lines[best], 30), clip(strings.TrimSpace(lines[best+1]), 30))
}
