package argmap

import (
	"fmt"
	"slices"
)

// Comparison is how far a second annotator's map agrees with a key: which
// units match, how well their kinds agree, and how many relations match.
// Only the part of the key an Assignment names is compared.
type Comparison struct {
	Key, Other *Map
	Assignment Assignment
	// Matches pairs each key unit of the assignment with at most one unit
	// of the other map, in key order.
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
	// Links scores the relations with their types set aside: one matches
	// when both its ends match.
	Links Score
	// TypeDiffers counts the key relations the other map links the same
	// units with, but by another type: Links.Matched - Relations.Matched.
	TypeDiffers int
	// RelationMatches pairs each key relation of the assignment with the
	// other map's relation between the matched units, when there is one,
	// in key order.
	RelationMatches []RelationMatch
	// Outside counts the other map's units that the assignment leaves out:
	// anchored outside its paragraphs, or matching a key unit outside it.
	// They count neither as matched nor as extra.
	Outside int
	// Tally holds the counts behind the figures, to add comparisons up.
	Tally Tally
	// Disagreements lists every difference, key order first.
	Disagreements []Disagreement

	keyMatch, otherMatch map[*Unit]*Unit
	keyIndex             map[*Unit]int
	// The units and relations the assignment counts.
	keyUnits, otherUnits    []*Unit
	inOther                 map[*Unit]bool
	keyRelations, otherRels []*Relation
	relationMatch           map[*Relation]*RelationMatch // by key relation
	linkedTo                map[*Relation]*Relation      // other relation to key relation
}

// UnitMatch is a key unit and the other map's unit anchored over it.
type UnitMatch struct {
	Key, Other *Unit
	Overlap    float64 // mean over languages of shared / combined code points
}

// RelationMatch is a key relation and the other map's relation between the
// units matched to its ends; SameType says whether their types agree.
type RelationMatch struct {
	Key, Other *Relation
	SameType   bool
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
	MissingUnit         = "missing-unit"          // a key unit the other map lacks
	ExtraUnit           = "extra-unit"            // an other unit the key lacks
	KindDiffers         = "kind-differs"          // matched units of different kinds
	MissingRelation     = "missing-relation"      // a key relation the other map lacks
	ExtraRelation       = "extra-relation"        // an other relation the key lacks
	RelationTypeDiffers = "relation-type-differs" // the same units linked by another type
)

// Disagreement is one difference between the key and the other map, with
// the passage it is about.
type Disagreement struct {
	Kind  string
	Key   *Unit // the key's unit (the relation's source), if any
	Other *Unit // the other map's unit (the relation's source), if any
	// Relation is the relation missing or extra; for a type difference, the
	// key's relation, and OtherRelation the other map's.
	Relation      *Relation
	OtherRelation *Relation
	Message       string
	Passage       *Passage
}

// Assignment is the part of a key that a class was asked to annotate. The
// zero Assignment is the whole key.
type Assignment struct {
	// Paragraphs, when not empty, limit the key to its units anchored in
	// them, and the other map likewise.
	Paragraphs []*Paragraph
	// Dispute, when set, limits the key to the dispute's units, and the
	// other map to its units anchored in the dispute's paragraphs, except
	// those matching a key unit outside the dispute.
	Dispute *Dispute
}

// Whole reports whether the assignment is the whole key.
func (a Assignment) Whole() bool { return len(a.Paragraphs) == 0 && a.Dispute == nil }

// paragraphKey names a paragraph by document id and position, so that maps
// loaded over two copies of a corpus still meet.
type paragraphKey struct {
	doc   string
	index int
}

func keyOf(p *Paragraph) paragraphKey {
	if p == nil || p.Doc == nil {
		return paragraphKey{index: -1}
	}
	return paragraphKey{p.Doc.ID, p.Index}
}

// Compare matches the units of two validated maps over the same corpus by
// their spans and measures how far other agrees with key. It is
// CompareAssigned with the whole key.
func Compare(key, other *Map) *Comparison { return CompareAssigned(key, other, Assignment{}) }

// CompareAssigned compares other with the part of key that an assignment
// names.
//
// Two units can match when they are anchored in the same paragraph and
// their quotes overlap in at least one language; the overlap of a pair is
// the mean, over the languages where both quotes were found, of shared
// code points over the code points either covers (Jaccard). Pairs are
// matched best first (highest overlap, then key order, then other order),
// each unit at most once. Every unit of both maps takes part in the
// matching; the assignment then decides which count.
//
// A key relation matches an other relation from the unit matched to its
// source to the unit matched to its target, of the same type; an other
// relation between those units of another type is a type difference,
// reported once. Relations count when both their ends count.
//
// The work is linear in the units and relations of both maps, plus the
// number of pairs of overlapping quotes.
func CompareAssigned(key, other *Map, a Assignment) *Comparison {
	c := &Comparison{Key: key, Other: other, Assignment: a}
	c.index()
	c.matchUnits()
	c.scope()
	c.compareUnits()
	c.compareRelations()
	c.Tally = c.tallyAll()
	c.Units, c.Relations, c.Links = c.Tally.Units(), c.Tally.Relations(), c.Tally.Links()
	c.TypeDiffers = c.Tally.TypeDiffers()
	c.Kappa, c.KindAgreement = c.Tally.Kappa()
	return c
}

func (c *Comparison) index() {
	c.keyIndex = make(map[*Unit]int, len(c.Key.Units))
	for i, u := range c.Key.Units {
		c.keyIndex[u] = i
	}
}

// Units returns the key's units that the assignment holds, in key order.
func (a Assignment) Units(key *Map) []*Unit {
	holds, _ := a.filters()
	var out []*Unit
	for _, u := range key.Units {
		if holds(u) {
			out = append(out, u)
		}
	}
	return out
}

// filters returns whether the assignment holds a key unit, and whether a
// unit of the other map lies in the assignment's paragraphs (before
// matching decides whether it counts).
func (a Assignment) filters() (holds, inParagraphs func(*Unit) bool) {
	var keyParas, otherParas map[paragraphKey]bool
	if len(a.Paragraphs) > 0 {
		keyParas = map[paragraphKey]bool{}
		for _, p := range a.Paragraphs {
			keyParas[keyOf(p)] = true
		}
		otherParas = keyParas
	}
	var inDispute map[*Unit]bool
	if a.Dispute != nil {
		inDispute = map[*Unit]bool{}
		for _, u := range a.Dispute.Units {
			inDispute[u] = true
		}
		disputeParas := map[paragraphKey]bool{}
		for _, p := range a.Dispute.Paragraphs() {
			if k := keyOf(p); keyParas == nil || keyParas[k] {
				disputeParas[k] = true
			}
		}
		otherParas = disputeParas
	}
	holds = func(u *Unit) bool {
		return (keyParas == nil || keyParas[keyOf(u.Span.Paragraph)]) && (inDispute == nil || inDispute[u])
	}
	inParagraphs = func(u *Unit) bool { return otherParas == nil || otherParas[keyOf(u.Span.Paragraph)] }
	return holds, inParagraphs
}

// scope picks the units and relations of both maps that the assignment
// counts.
func (c *Comparison) scope() {
	holds, inParagraphs := c.Assignment.filters()
	inKey := map[*Unit]bool{}
	for _, u := range c.Key.Units {
		if holds(u) {
			inKey[u] = true
			c.keyUnits = append(c.keyUnits, u)
		}
	}
	c.inOther = map[*Unit]bool{}
	for _, u := range c.Other.Units {
		ku := c.otherMatch[u]
		if inParagraphs(u) && (ku == nil || inKey[ku]) {
			c.inOther[u] = true
			c.otherUnits = append(c.otherUnits, u)
		} else {
			c.Outside++
		}
	}
	c.Matches = slices.DeleteFunc(c.Matches, func(m UnitMatch) bool { return !inKey[m.Key] })
	slices.SortFunc(c.Matches, func(a, b UnitMatch) int { return c.keyIndex[a.Key] - c.keyIndex[b.Key] })
	for _, r := range c.Key.Relations {
		if inKey[r.From] && r.To != nil && inKey[r.To] {
			c.keyRelations = append(c.keyRelations, r)
		}
	}
	for _, r := range c.Other.Relations {
		if c.inOther[r.From] && r.To != nil && c.inOther[r.To] {
			c.otherRels = append(c.otherRels, r)
		}
	}
}

// compareUnits lists the missing and extra units and the kind differences.
func (c *Comparison) compareUnits() {
	for _, ku := range c.keyUnits {
		ou := c.keyMatch[ku]
		switch {
		case ou == nil:
			c.add(Disagreement{Kind: MissingUnit, Key: ku, Message: fmt.Sprintf("the key's %s %s has no match", ku.Kind, ku.ID)}, ku)
		case ou.Kind != ku.Kind:
			c.add(Disagreement{Kind: KindDiffers, Key: ku, Other: ou,
				Message: fmt.Sprintf("the key's %s is a %s; %s is a %s", ku.ID, ku.Kind, ou.ID, ou.Kind)}, ku)
		}
	}
	for _, ou := range c.otherUnits {
		if c.otherMatch[ou] == nil {
			c.add(Disagreement{Kind: ExtraUnit, Other: ou, Message: fmt.Sprintf("%s %s matches no unit of the key", ou.Kind, ou.ID)}, ou)
		}
	}
}

// compareRelations pairs the relations of the assignment: first those of
// the same type, then, among the rest, those between the same units.
func (c *Comparison) compareRelations() {
	type ends struct{ from, to *Unit }
	between := map[ends][]*Relation{}
	for _, r := range c.otherRels {
		e := ends{r.From, r.To}
		between[e] = append(between[e], r)
	}
	c.relationMatch = map[*Relation]*RelationMatch{}
	c.linkedTo = map[*Relation]*Relation{}
	pair := func(kr *Relation, sameType bool) {
		for _, or := range between[ends{c.keyMatch[kr.From], c.keyMatch[kr.To]}] {
			if c.linkedTo[or] == nil && (or.Type == kr.Type) == sameType {
				c.linkedTo[or] = kr
				c.relationMatch[kr] = &RelationMatch{Key: kr, Other: or, SameType: sameType}
				return
			}
		}
	}
	for _, kr := range c.keyRelations {
		pair(kr, true)
	}
	for _, kr := range c.keyRelations {
		if c.relationMatch[kr] == nil {
			pair(kr, false)
		}
	}
	for _, kr := range c.keyRelations {
		rm := c.relationMatch[kr]
		switch {
		case rm == nil:
			c.add(Disagreement{Kind: MissingRelation, Key: kr.From, Relation: kr,
				Message: fmt.Sprintf("the key's %s %s %s is missing", kr.From.ID, kr.Type, kr.To.ID)}, kr.From)
		case !rm.SameType:
			or := rm.Other
			c.add(Disagreement{Kind: RelationTypeDiffers, Key: kr.From, Other: or.From, Relation: kr, OtherRelation: or,
				Message: fmt.Sprintf("the key's %s %s %s; %s %s %s", kr.From.ID, kr.Type, kr.To.ID, or.From.ID, or.Type, or.To.ID)}, kr.From)
		}
		if rm != nil {
			c.RelationMatches = append(c.RelationMatches, *rm)
		}
	}
	for _, or := range c.otherRels {
		if c.linkedTo[or] == nil {
			c.add(Disagreement{Kind: ExtraRelation, Other: or.From, Relation: or,
				Message: fmt.Sprintf("%s %s %s is not in the key", or.From.ID, or.Type, or.To.ID)}, or.From)
		}
	}
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
