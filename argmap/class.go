package argmap

import (
	"cmp"
	"slices"
)

// Submission is one student's annotation file, with the name a class
// report gives the student.
type Submission struct {
	Name  string
	Input Input
}

// Grade is one student's result in a class comparison.
type Grade struct {
	Name string
	Path string
	// Errors are the validation errors of a file that does not validate.
	// Such a student is not compared and counts in no class figure.
	Errors []Diagnostic
	// Comparison is the student's map against the key; nil when the file
	// does not validate.
	Comparison *Comparison
}

// Valid reports whether the student's file validated and was compared.
func (g *Grade) Valid() bool { return g.Comparison != nil }

// ClassComparison is a class's maps each compared with one key, and the
// class's figures: the students' tallies added up (pooled), so that every
// unit and relation of every student weighs the same.
type ClassComparison struct {
	Key        *Map
	Assignment Assignment
	Grades     []*Grade // in the order submitted
	Valid      int      // how many grades are valid
	Total      Tally    // pooled over the valid grades
	// ByParagraph and ByDispute pool the valid grades' parts, in the order
	// Comparison.ByParagraph and Comparison.ByDispute give them.
	ByParagraph, ByDispute []Part
	// Trouble lists the key's units and relations that at least one valid
	// student missed or gave another kind or type, most often first, then
	// in key order.
	Trouble []Trouble
}

// Trouble is a unit or relation of the key that students missed or
// mistyped.
type Trouble struct {
	Unit     *Unit     // the key's unit, or the source of Relation
	Relation *Relation // the key's relation, when the trouble is one
	// Missed names the students who lack it; Mistyped those who gave it
	// another kind or type, with what they gave.
	Missed   []string
	Mistyped []Mistyping
	Passage  *Passage // the unit's passage
}

// Count is how many students missed or mistyped it.
func (t Trouble) Count() int { return len(t.Missed) + len(t.Mistyped) }

// Mistyping is what one student gave instead of the key's kind or type.
type Mistyping struct {
	Student string
	Given   string // a Kind or a RelationType
}

// CompareClass validates each submission over the key's corpus and
// compares every valid one with the part of the key the assignment names.
// A submission that does not validate is kept, with its errors, and left
// out of the class's figures.
func CompareClass(key *Map, submissions []Submission, a Assignment) *ClassComparison {
	cc := &ClassComparison{Key: key, Assignment: a}
	for _, s := range submissions {
		g := &Grade{Name: s.Name, Path: s.Input.Path}
		m, ds := Validate(key.Corpus, []Input{s.Input})
		if Fails(ds, false) {
			for _, d := range ds {
				if d.Severity == SeverityError {
					g.Errors = append(g.Errors, d)
				}
			}
		} else {
			g.Comparison = CompareAssigned(key, m, a)
		}
		cc.Grades = append(cc.Grades, g)
	}
	cc.pool()
	return cc
}

// pool adds up the valid grades' tallies and parts, and lists the trouble.
func (cc *ClassComparison) pool() {
	var byParagraph, byDispute [][]Part
	for _, g := range cc.Grades {
		if !g.Valid() {
			continue
		}
		cc.Valid++
		cc.Total.Add(g.Comparison.Tally)
		byParagraph = append(byParagraph, g.Comparison.ByParagraph())
		byDispute = append(byDispute, g.Comparison.ByDispute())
	}
	cc.ByParagraph = poolParts(byParagraph, func(a, b Part) int { return CompareParagraphs(a.Paragraph, b.Paragraph) })
	disputeIndex := map[string]int{}
	for i, d := range cc.Key.Disputes() {
		disputeIndex[d.ID] = i
	}
	cc.ByDispute = poolParts(byDispute, func(a, b Part) int {
		if (a.Dispute == nil) != (b.Dispute == nil) {
			if a.Dispute == nil {
				return 1
			}
			return -1
		}
		if a.Dispute == nil {
			return 0
		}
		return disputeIndex[a.Dispute.ID] - disputeIndex[b.Dispute.ID]
	})
	cc.trouble()
}

// poolParts adds up parts of the same id across comparisons.
func poolParts(lists [][]Part, order func(a, b Part) int) []Part {
	byID := map[string]*Part{}
	var out []*Part
	for _, parts := range lists {
		for _, p := range parts {
			pooled := byID[p.ID()]
			if pooled == nil {
				pooled = &Part{Paragraph: p.Paragraph, Dispute: p.Dispute}
				byID[p.ID()] = pooled
				out = append(out, pooled)
			}
			pooled.Add(p.Tally)
		}
	}
	parts := make([]Part, len(out))
	for i, p := range out {
		parts[i] = *p
	}
	slices.SortStableFunc(parts, order)
	return parts
}

// trouble gathers, over the valid grades, who missed or mistyped each key
// unit and relation.
func (cc *ClassComparison) trouble() {
	units := map[*Unit]*Trouble{}
	relations := map[*Relation]*Trouble{}
	var order []*Trouble
	get := func(u *Unit, r *Relation) *Trouble {
		if r != nil {
			if t := relations[r]; t != nil {
				return t
			}
		} else if t := units[u]; t != nil {
			return t
		}
		t := &Trouble{Unit: u, Relation: r, Passage: unitPassage(u)}
		if r != nil {
			relations[r] = t
		} else {
			units[u] = t
		}
		order = append(order, t)
		return t
	}
	for _, g := range cc.Grades {
		if !g.Valid() {
			continue
		}
		for _, d := range g.Comparison.Disagreements {
			switch d.Kind {
			case MissingUnit:
				t := get(d.Key, nil)
				t.Missed = append(t.Missed, g.Name)
			case KindDiffers:
				t := get(d.Key, nil)
				t.Mistyped = append(t.Mistyped, Mistyping{g.Name, string(d.Other.Kind)})
			case MissingRelation:
				t := get(d.Key, d.Relation)
				t.Missed = append(t.Missed, g.Name)
			case RelationTypeDiffers:
				t := get(d.Key, d.Relation)
				t.Mistyped = append(t.Mistyped, Mistyping{g.Name, string(d.OtherRelation.Type)})
			}
		}
	}
	// Key order: a unit, then its relations in file order.
	unitAt, relationAt := map[*Unit]int{}, map[*Relation]int{}
	for i, u := range cc.Key.Units {
		unitAt[u] = i
		for j, r := range u.Relations {
			relationAt[r] = j
		}
	}
	place := func(t *Trouble) [2]int {
		if t.Relation != nil {
			return [2]int{unitAt[t.Unit], relationAt[t.Relation]}
		}
		return [2]int{unitAt[t.Unit], -1}
	}
	type placed struct {
		t     *Trouble
		where [2]int
	}
	list := make([]placed, len(order))
	for i, t := range order {
		list[i] = placed{t, place(t)}
	}
	slices.SortFunc(list, func(a, b placed) int {
		return cmp.Or(b.t.Count()-a.t.Count(), a.where[0]-b.where[0], a.where[1]-b.where[1])
	})
	for _, p := range list {
		cc.Trouble = append(cc.Trouble, *p.t)
	}
}
