package argmap

import "sort"

// ParagraphStats counts what a map anchors in one body paragraph.
type ParagraphStats struct {
	Paragraph *Paragraph
	Units     map[Kind]int         // units anchored here, by kind
	Relations map[RelationType]int // relations whose source is anchored here, by type
	// Coverage is, per language, the share of the paragraph's code points
	// that the union of its units' quotes covers, from 0 to 1.
	Coverage map[Lang]float64
}

// Stats counts, for every body paragraph of every document with text, the
// units by kind, the relations by type and the share of the text the
// quotes cover in each language, in manifest and reading order.
func Stats(m *Map) []ParagraphStats {
	var out []ParagraphStats
	anchored := map[*Paragraph][]*Unit{}
	for _, u := range m.Units {
		if p := u.Span.Paragraph; p != nil {
			anchored[p] = append(anchored[p], u)
		}
	}
	for _, d := range m.Corpus.Documents {
		for _, p := range d.Body() {
			s := ParagraphStats{Paragraph: p, Units: map[Kind]int{}, Relations: map[RelationType]int{}, Coverage: map[Lang]float64{}}
			ranges := map[Lang][][2]int{}
			for _, u := range anchored[p] {
				s.Units[u.Kind]++
				for _, r := range u.Relations {
					if r.To != nil {
						s.Relations[r.Type]++
					}
				}
				for lang, q := range u.Span.Quotes {
					if q != nil && q.Found {
						ranges[lang] = append(ranges[lang], [2]int{q.Start, q.End})
					}
				}
			}
			for _, lang := range m.Corpus.Languages {
				if n := RuneLen(p.Text[lang]); n > 0 {
					s.Coverage[lang] = float64(unionLength(ranges[lang])) / float64(n)
				}
			}
			out = append(out, s)
		}
	}
	return out
}

// unionLength is the number of code points that at least one of the
// half-open ranges covers.
func unionLength(ranges [][2]int) int {
	sort.Slice(ranges, func(i, j int) bool { return ranges[i][0] < ranges[j][0] })
	total, end := 0, -1
	for _, r := range ranges {
		start := max(r[0], end)
		if r[1] > start {
			total += r[1] - start
		}
		end = max(end, r[1])
	}
	return total
}
