package argmap

import (
	"fmt"
	"slices"
	"sort"
)

// Comparison is how far a second annotator's map agrees with a key: which
// units match, how well their kinds agree, and how many relations match.
type Comparison struct {
	Key, Other *Map
	// Matches pairs each key unit with at most one unit of the other map,
	// in key order.
	Matches []UnitMatch
	// Kappa is Cohen's kappa of the kinds of matched units; nil when it is
	// undefined (no matched unit).
	Kappa *float64
	// KindAgreement is the share of matched units whose kinds agree.
	KindAgreement float64
	// Units scores the matching itself: a key unit without a match is a
	// miss, an other unit without one is extra.
	Units Score
	// Relations scores the relations: one matches when both its ends match
	// and the types agree.
	Relations Score
	// Disagreements lists every difference, key order first.
	Disagreements []Disagreement
}

// UnitMatch is a key unit and the other map's unit anchored over it.
type UnitMatch struct {
	Key, Other *Unit
	Overlap    float64 // mean over languages of shared / combined code points
}

// Score counts matches between a key and another map, with precision
// (matched / other), recall (matched / key) and their harmonic mean F1.
// With nothing on either side all three are 1; with nothing on one side,
// the undefined ratio is 0.
type Score struct {
	Key, Other, Matched   int
	Precision, Recall, F1 float64
}

func newScore(key, other, matched int) Score {
	s := Score{Key: key, Other: other, Matched: matched}
	ratio := func(n, d int) float64 {
		if d == 0 {
			if key == 0 && other == 0 {
				return 1
			}
			return 0
		}
		return float64(n) / float64(d)
	}
	s.Precision, s.Recall = ratio(matched, other), ratio(matched, key)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// The kinds of disagreement.
const (
	MissingUnit     = "missing-unit"     // a key unit the other map lacks
	ExtraUnit       = "extra-unit"       // an other unit the key lacks
	KindDiffers     = "kind-differs"     // matched units of different kinds
	MissingRelation = "missing-relation" // a key relation the other map lacks
	ExtraRelation   = "extra-relation"   // an other relation the key lacks
)

// Disagreement is one difference between the key and the other map, with
// the passage it is about.
type Disagreement struct {
	Kind     string
	Key      *Unit     // the key's unit (the relation's source), if any
	Other    *Unit     // the other map's unit (the relation's source), if any
	Relation *Relation // the relation missing or extra, if any
	Message  string
	Passage  *Passage
}

// Compare matches the units of two validated maps over the same corpus by
// their spans and measures how far other agrees with key.
//
// Two units can match when they are anchored in the same paragraph and
// their quotes overlap in at least one language; the overlap of a pair is
// the mean, over the languages where both quotes were found, of shared
// code points over the code points either covers (Jaccard). Pairs are
// matched best first (highest overlap, then key order, then other order),
// each unit at most once.
func Compare(key, other *Map) *Comparison {
	c := &Comparison{Key: key, Other: other}
	type candidate struct {
		k, o    int
		overlap float64
	}
	var cands []candidate
	for i, ku := range key.Units {
		for j, ou := range other.Units {
			if v, ok := spanOverlap(ku, ou); ok {
				cands = append(cands, candidate{i, j, v})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].overlap > cands[b].overlap })
	keyMatch := map[*Unit]*Unit{}
	otherMatch := map[*Unit]*Unit{}
	for _, cd := range cands {
		ku, ou := key.Units[cd.k], other.Units[cd.o]
		if keyMatch[ku] != nil || otherMatch[ou] != nil {
			continue
		}
		keyMatch[ku], otherMatch[ou] = ou, ku
		c.Matches = append(c.Matches, UnitMatch{Key: ku, Other: ou, Overlap: cd.overlap})
	}
	sort.SliceStable(c.Matches, func(a, b int) bool { return unitIndex(key, c.Matches[a].Key) < unitIndex(key, c.Matches[b].Key) })
	c.Units = newScore(len(key.Units), len(other.Units), len(c.Matches))
	c.kinds()

	for _, ku := range key.Units {
		ou := keyMatch[ku]
		switch {
		case ou == nil:
			c.add(Disagreement{Kind: MissingUnit, Key: ku, Message: fmt.Sprintf("the key's %s %s has no match", ku.Kind, ku.ID)}, ku)
		case ou.Kind != ku.Kind:
			c.add(Disagreement{Kind: KindDiffers, Key: ku, Other: ou,
				Message: fmt.Sprintf("the key's %s is a %s; %s is a %s", ku.ID, ku.Kind, ou.ID, ou.Kind)}, ku)
		}
	}
	for _, ou := range other.Units {
		if otherMatch[ou] == nil {
			c.add(Disagreement{Kind: ExtraUnit, Other: ou, Message: fmt.Sprintf("%s %s matches no unit of the key", ou.Kind, ou.ID)}, ou)
		}
	}

	matched := 0
	found := map[*Relation]bool{}
	for _, kr := range key.Relations {
		hit := false
		if of, ot := keyMatch[kr.From], keyMatch[kr.To]; of != nil && ot != nil {
			for _, or := range of.Relations {
				if or.To == ot && or.Type == kr.Type && !found[or] {
					found[or], hit = true, true
					break
				}
			}
		}
		if hit {
			matched++
			continue
		}
		c.add(Disagreement{Kind: MissingRelation, Key: kr.From, Relation: kr,
			Message: fmt.Sprintf("the key's %s %s %s is missing", kr.From.ID, kr.Type, kr.To.ID)}, kr.From)
	}
	for _, or := range other.Relations {
		if !found[or] {
			c.add(Disagreement{Kind: ExtraRelation, Other: or.From, Relation: or,
				Message: fmt.Sprintf("%s %s %s is not in the key", or.From.ID, or.Type, or.To.ID)}, or.From)
		}
	}
	c.Relations = newScore(len(key.Relations), len(other.Relations), matched)
	return c
}

// kinds computes Cohen's kappa of the matched units' kinds:
// kappa = (po - pe) / (1 - pe), with po the observed agreement and pe the
// agreement expected by chance from each map's share of each kind.
func (c *Comparison) kinds() {
	n := len(c.Matches)
	if n == 0 {
		return
	}
	agree := 0
	keyCount, otherCount := map[Kind]int{}, map[Kind]int{}
	for _, m := range c.Matches {
		if m.Key.Kind == m.Other.Kind {
			agree++
		}
		keyCount[m.Key.Kind]++
		otherCount[m.Other.Kind]++
	}
	po := float64(agree) / float64(n)
	pe := 0.0
	for k, kc := range keyCount {
		pe += float64(kc) / float64(n) * float64(otherCount[k]) / float64(n)
	}
	kappa := 1.0 // pe == 1: both used one and the same kind throughout
	if pe < 1 {
		kappa = (po - pe) / (1 - pe)
	}
	c.KindAgreement, c.Kappa = po, &kappa
}

func (c *Comparison) add(d Disagreement, u *Unit) {
	d.Passage = unitPassage(u)
	c.Disagreements = append(c.Disagreements, d)
}

// unitPassage is the paragraph of a unit with the unit's quote marked, in
// English when the quote was found there, else in the first language, by
// tag, whose quote was.
func unitPassage(u *Unit) *Passage {
	p := u.Span.Paragraph
	if p == nil || u.File == nil {
		return nil
	}
	var langs []Lang
	for lang, q := range u.Span.Quotes {
		if q.Found {
			langs = append(langs, lang)
		}
	}
	if len(langs) == 0 {
		return nil
	}
	slices.Sort(langs)
	lang := langs[0]
	if slices.Contains(langs, English) {
		lang = English
	}
	q := u.Span.Quotes[lang]
	return &Passage{Doc: p.Doc.ID, Paragraph: p.Label(), Lang: lang, Text: p.Text[lang], Start: q.Start, End: q.End}
}

// spanOverlap says whether two units can match and how well.
func spanOverlap(a, b *Unit) (float64, bool) {
	// Compare by id and position: the maps may be loaded over two copies of
	// the corpus.
	pa, pb := a.Span.Paragraph, b.Span.Paragraph
	if pa == nil || pb == nil || pa.Doc.ID != pb.Doc.ID || pa.Index != pb.Index {
		return 0, false
	}
	sum, langs, overlaps := 0.0, 0, false
	for lang, qa := range a.Span.Quotes {
		qb := b.Span.Quotes[lang]
		if qa == nil || qb == nil || !qa.Found || !qb.Found {
			continue
		}
		langs++
		shared := min(qa.End, qb.End) - max(qa.Start, qb.Start)
		if shared > 0 {
			overlaps = true
			sum += float64(shared) / float64(max(qa.End, qb.End)-min(qa.Start, qb.Start))
		}
	}
	if !overlaps {
		return 0, false
	}
	return sum / float64(langs), true
}

func unitIndex(m *Map, u *Unit) int {
	for i, x := range m.Units {
		if x == u {
			return i
		}
	}
	return -1
}
