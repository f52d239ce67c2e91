package argmap

import "slices"

// KindPair is the kinds of a matched pair of units: the key's and the other
// map's.
type KindPair struct{ Key, Other Kind }

// Tally holds the counts behind a comparison's figures, for the whole
// assignment or one part of it. Tallies add up (the students of a class,
// the parts of a map) before their figures are taken.
type Tally struct {
	KeyUnits, OtherUnits, MatchedUnits int
	// Kinds counts the matched units by the kinds they have in each map.
	Kinds                        map[KindPair]int
	KeyRelations, OtherRelations int
	// MatchedRelations counts key relations matched with their type;
	// LinkedRelations those matched by their ends, whatever their type.
	MatchedRelations, LinkedRelations int
}

// Add adds another tally's counts to t.
func (t *Tally) Add(o Tally) {
	t.KeyUnits += o.KeyUnits
	t.OtherUnits += o.OtherUnits
	t.MatchedUnits += o.MatchedUnits
	t.KeyRelations += o.KeyRelations
	t.OtherRelations += o.OtherRelations
	t.MatchedRelations += o.MatchedRelations
	t.LinkedRelations += o.LinkedRelations
	for k, n := range o.Kinds {
		t.addKinds(k, n)
	}
}

func (t *Tally) addKinds(k KindPair, n int) {
	if t.Kinds == nil {
		t.Kinds = map[KindPair]int{}
	}
	t.Kinds[k] += n
}

// Empty reports whether the tally counts nothing on either side.
func (t Tally) Empty() bool {
	return t.KeyUnits == 0 && t.OtherUnits == 0 && t.KeyRelations == 0 && t.OtherRelations == 0
}

// Units scores the matching of units.
func (t Tally) Units() Score { return newScore(t.KeyUnits, t.OtherUnits, t.MatchedUnits) }

// Relations scores the relations matched with their types.
func (t Tally) Relations() Score {
	return newScore(t.KeyRelations, t.OtherRelations, t.MatchedRelations)
}

// Links scores the relations matched by their ends, types set aside.
func (t Tally) Links() Score { return newScore(t.KeyRelations, t.OtherRelations, t.LinkedRelations) }

// TypeDiffers counts the relations linked by their ends but of another type.
func (t Tally) TypeDiffers() int { return t.LinkedRelations - t.MatchedRelations }

// Kappa returns Cohen's kappa of the matched units' kinds and the share of
// them whose kinds agree: kappa = (po - pe) / (1 - pe), with po the
// observed agreement and pe the agreement expected by chance from each
// map's share of each kind. Kappa is nil when no unit matched, and 1 when
// both maps used one and the same kind throughout (pe = 1). It is worked in
// whole numbers, (n·agree − Σ) / (n² − Σ) with Σ the sum over kinds of the
// products of the two maps' counts, so that it does not depend on the
// order of a sum.
func (t Tally) Kappa() (*float64, float64) {
	n, agree := 0, 0
	keyCount, otherCount := map[Kind]int{}, map[Kind]int{}
	for k, c := range t.Kinds {
		n += c
		if k.Key == k.Other {
			agree += c
		}
		keyCount[k.Key] += c
		otherCount[k.Other] += c
	}
	if n == 0 {
		return nil, 0
	}
	chance := 0
	for k, c := range keyCount {
		chance += c * otherCount[k]
	}
	kappa := 1.0
	if chance < n*n {
		kappa = float64(n*agree-chance) / float64(n*n-chance)
	}
	return &kappa, float64(agree) / float64(n)
}

// Part is a comparison's tally over one part of the key: a paragraph, or a
// dispute.
type Part struct {
	// Paragraph is the part's paragraph, when the parts are paragraphs.
	Paragraph *Paragraph
	// Dispute is the part's dispute, when the parts are disputes; nil for
	// the part that holds what belongs to no dispute.
	Dispute *Dispute
	Tally
}

// ID names the part: its paragraph's reference (DOC:N), its dispute's id,
// or "" for what belongs to no dispute.
func (p Part) ID() string {
	switch {
	case p.Paragraph != nil:
		return p.Paragraph.Ref()
	case p.Dispute != nil:
		return p.Dispute.ID
	}
	return ""
}

// tallyInto counts the comparison into the tallies that unitParts and
// relationParts name for each unit and relation of the assignment. The
// other map's matched units and linked relations count where their key
// counterparts do, so that a part's matches never exceed either side.
// unitParts and relationParts are called with a key unit or relation (key
// true) or an unmatched other one (key false).
func (c *Comparison) tallyInto(unitParts func(u *Unit, key bool) []*Tally, relationParts func(r *Relation, key bool) []*Tally) {
	for _, u := range c.keyUnits {
		for _, t := range unitParts(u, true) {
			t.KeyUnits++
		}
	}
	for _, u := range c.otherUnits {
		parts := unitParts(u, false)
		if ku := c.otherMatch[u]; ku != nil {
			parts = unitParts(ku, true)
		}
		for _, t := range parts {
			t.OtherUnits++
		}
	}
	for _, m := range c.Matches {
		for _, t := range unitParts(m.Key, true) {
			t.MatchedUnits++
			t.addKinds(KindPair{m.Key.Kind, m.Other.Kind}, 1)
		}
	}
	for _, r := range c.keyRelations {
		rm := c.relationMatch[r]
		for _, t := range relationParts(r, true) {
			t.KeyRelations++
			if rm != nil {
				t.LinkedRelations++
				if rm.SameType {
					t.MatchedRelations++
				}
			}
		}
	}
	for _, r := range c.otherRels {
		parts := relationParts(r, false)
		if kr := c.linkedTo[r]; kr != nil {
			parts = relationParts(kr, true)
		}
		for _, t := range parts {
			t.OtherRelations++
		}
	}
}

func (c *Comparison) tallyAll() Tally {
	var all Tally
	one := []*Tally{&all}
	c.tallyInto(func(*Unit, bool) []*Tally { return one }, func(*Relation, bool) []*Tally { return one })
	return all
}

// ByParagraph tallies the comparison per paragraph, in reading order: a
// unit counts in the paragraph it is anchored in, a relation in its
// source's.
func (c *Comparison) ByParagraph() []Part {
	parts := map[paragraphKey]*Part{}
	at := func(u *Unit) []*Tally {
		k := keyOf(u.Span.Paragraph)
		p := parts[k]
		if p == nil {
			p = &Part{Paragraph: u.Span.Paragraph}
			parts[k] = p
		}
		return []*Tally{&p.Tally}
	}
	c.tallyInto(func(u *Unit, _ bool) []*Tally { return at(u) }, func(r *Relation, _ bool) []*Tally { return at(r.From) })
	out := make([]Part, 0, len(parts))
	for _, p := range parts {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Part) int { return CompareParagraphs(a.Paragraph, b.Paragraph) })
	return out
}

// CompareParagraphs orders paragraphs as a reader meets them, for sorting:
// by their letter's date, then the letter's id, then their place in it;
// nil last.
func CompareParagraphs(a, b *Paragraph) int {
	switch {
	case a == nil || b == nil:
		if a == b {
			return 0
		}
		if a == nil {
			return 1
		}
		return -1
	case a.Doc != b.Doc && a.Doc.ID != b.Doc.ID:
		if c := a.Doc.Date.Compare(b.Doc.Date); c != 0 {
			return c
		}
		if a.Doc.ID < b.Doc.ID {
			return -1
		}
		return 1
	}
	return a.Index - b.Index
}

// ByDispute tallies the comparison per dispute of the key (the assigned
// dispute alone when there is one), in the key's order, then a part for
// what belongs to no dispute, when anything does:
//
//   - a key unit counts in every dispute that holds it (declared disputes
//     may share units), and so does the other unit matched to it;
//   - a key relation counts in every dispute that holds both its ends, and
//     so does the other relation linked to it;
//   - an unmatched other unit counts in the disputes of the key units
//     matched to the other units it is related to, directly;
//   - an unlinked other relation counts where its source unit does.
//
// A part's precision therefore judges the other map's units and relations
// by where they attach to the key; an extra unit related to nothing
// matched belongs to no dispute.
func (c *Comparison) ByDispute() []Part {
	disputes := c.Key.Disputes()
	if c.Assignment.Dispute != nil {
		disputes = []*Dispute{c.Assignment.Dispute}
	}
	parts := make([]Part, len(disputes)+1)
	unitParts := map[*Unit][]*Tally{}
	relationParts := map[*Relation][]*Tally{}
	for i, d := range disputes {
		parts[i].Dispute = d
		for _, u := range d.Units {
			unitParts[u] = append(unitParts[u], &parts[i].Tally)
		}
		for _, r := range d.Relations {
			relationParts[r] = append(relationParts[r], &parts[i].Tally)
		}
	}
	none := []*Tally{&parts[len(disputes)].Tally}
	orNone := func(ts []*Tally) []*Tally {
		if len(ts) == 0 {
			return none
		}
		return ts
	}
	// An unmatched other unit's parts come from its neighbours; they are
	// worked out once per unit, so a unit with many relations costs its
	// degree once, not once per relation.
	memo := map[*Unit][]*Tally{}
	otherUnitParts := func(u *Unit) []*Tally {
		if ku := c.otherMatch[u]; ku != nil && c.inOther[u] {
			return orNone(unitParts[ku])
		}
		if ts, ok := memo[u]; ok {
			return ts
		}
		var ts []*Tally
		seen := map[*Tally]bool{}
		related := func(v *Unit) {
			if ku := c.otherMatch[v]; ku != nil && c.inOther[v] {
				for _, t := range unitParts[ku] {
					if !seen[t] {
						seen[t] = true
						ts = append(ts, t)
					}
				}
			}
		}
		for _, r := range u.Relations {
			if r.To != nil {
				related(r.To)
			}
		}
		for _, r := range u.Incoming {
			related(r.From)
		}
		memo[u] = orNone(ts)
		return memo[u]
	}
	c.tallyInto(func(u *Unit, key bool) []*Tally {
		if key {
			return orNone(unitParts[u])
		}
		return otherUnitParts(u)
	}, func(r *Relation, key bool) []*Tally {
		if key {
			return orNone(relationParts[r])
		}
		return otherUnitParts(r.From)
	})
	return slices.DeleteFunc(parts, func(p Part) bool { return p.Empty() })
}
