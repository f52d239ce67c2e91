package argmap

import "strings"

// Validate loads annotation files over a corpus as one map and checks every
// annotation against the text and every relation against the model. It
// always returns a map, partial when there are errors, with all the
// diagnostics found, sorted. Callers that draw or export the map must refuse
// it when Fails(diagnostics, false).
func Validate(c *Corpus, inputs []Input) (*Map, []Diagnostic) {
	m := &Map{Corpus: c, byID: map[string]*Unit{}}
	l := &loader{corpus: c, m: m, unknownReports: map[*Unit]bool{}}
	for _, in := range inputs {
		l.loadFile(in)
	}
	l.count, l.capped = 0, false // later checks are bounded by the map's size, not per file
	l.resolveSpans()
	l.derive()
	l.linkRelations()
	l.checkRelations()
	l.checkSupportCycles()
	l.checkCoverage()
	l.resolveDisputes()
	if len(m.declared) == 0 {
		m.derived = DeriveDisputes(m)
	}
	m.disputeByID = map[string]*Dispute{}
	for _, d := range m.Disputes() {
		if m.disputeByID[d.ID] == nil {
			m.disputeByID[d.ID] = d
		}
	}
	SortDiagnostics(l.diags)
	return m, l.diags
}

// derive sets each unit's party, speaker and date from its documents.
func (l *loader) derive() {
	for _, u := range l.m.Units {
		l.file = u.File
		origin := u.Origin()
		if origin == nil || l.unknownReports[u] {
			continue
		}
		if u.Party == nil {
			u.Party = origin.Party
		}
		u.Speaker, u.Date = origin.Speaker, origin.Date
		if u.Reports != nil && u.Span.Doc != nil && u.Span.Doc.Date.Before(u.Reports.Date) {
			l.report(u.IDRange, RuleChronology, "reports names the earlier document whose claim the span's document reports",
				"unit %q reports %s (%s), which is later than %s (%s), where it is anchored",
				u.ID, u.Reports.ID, u.Reports.Date, u.Span.Doc.ID, u.Span.Doc.Date)
		}
	}
}

// maxSuggestions bounds the did-you-mean searches for unknown targets:
// each compares the id with every unit's, so after a mass rename of a large
// map they would cost units × targets edit distances.
const maxSuggestions = 100

// linkRelations resolves every relation's target.
func (l *loader) linkRelations() {
	var ids []string
	for _, u := range l.m.Units {
		ids = append(ids, u.ID)
	}
	suggested := 0
	for _, u := range l.m.Units {
		l.file = u.File
		for _, r := range u.Relations {
			r.To = l.m.byID[r.ToID]
			if r.To == nil {
				hint := ""
				if suggested < maxSuggestions {
					hint = didYouMean(r.ToID, ids)
					suggested++
				}
				l.report(r.Range, RuleUnknownTarget, "", "%s names unknown unit %q%s", r.Type, clip(r.ToID, 60), hint)
				continue
			}
			l.m.Relations = append(l.m.Relations, r)
			r.To.Incoming = append(r.To.Incoming, r)
		}
	}
}

func (l *loader) checkRelations() {
	for _, u := range l.m.Units {
		l.file = u.File
		answered := false
		seen := map[string]*Relation{}
		for _, r := range u.Relations {
			if r.Type == Rebuts || r.Type == Undercuts || (r.Type == Concedes && u.Kind == Concession) {
				answered = true
			}
			if r.To == nil {
				continue
			}
			key := string(r.Type) + " " + r.ToID
			if first := seen[key]; first != nil {
				l.report(r.Range, RuleDuplicateRelation, "remove the second one", "%s %q is stated twice", r.Type, r.ToID)
				continue
			}
			seen[key] = r
			l.checkRelation(u, r)
		}
		switch {
		case u.Kind == Rebuttal && !answered:
			l.report(u.IDRange, RuleMissingTarget, "add rebuts: [ID] or undercuts: [ID] naming the unit it answers",
				"rebuttal %q rebuts nothing", u.ID)
		case u.Kind == Concession && !answered:
			l.report(u.IDRange, RuleMissingTarget, "add concedes: [ID] naming the unit whose proposition it grants",
				"concession %q concedes nothing", u.ID)
		}
	}
}

func (l *loader) checkRelation(u *Unit, r *Relation) {
	t := r.To
	if t == u {
		l.report(r.Range, RuleSelfRelation, "", "unit %q %s itself", u.ID, r.Type)
		return
	}
	switch r.Type {
	case Rebuts:
		if u.Kind != Rebuttal && u.Kind != "" {
			l.report(r.Range, RuleKindMismatch, "a unit that rebuts is a rebuttal: change its kind, or the relation",
				"%s %q rebuts %q; only a rebuttal rebuts", u.Kind, u.ID, t.ID)
		}
	case Undercuts:
		if u.Kind != Rebuttal && u.Kind != "" {
			l.report(r.Range, RuleKindMismatch, "a unit that undercuts is a rebuttal: change its kind, or the relation",
				"%s %q undercuts %q; only a rebuttal undercuts", u.Kind, u.ID, t.ID)
		}
		if !hasSupport(t) {
			l.report(r.Range, RuleKindMismatch, "undercutting denies that a support carries force; to deny the proposition itself, use rebuts",
				"%q undercuts %q, which supports nothing", u.ID, t.ID)
		}
	case Concedes:
		if u.Kind != Concession && u.Kind != "" {
			l.report(r.Range, RuleKindMismatch, "a unit that concedes is a concession: change its kind, or the relation",
				"%s %q concedes %q; only a concession concedes", u.Kind, u.ID, t.ID)
		}
	}
	if u.Party != nil && t.Party != nil {
		switch {
		case r.Type.Answers() && u.Party == t.Party:
			l.report(r.Range, RuleSameParty, "rebuttals, undercuts and concessions answer the other side; within one side use supports",
				"%q (%s) %s %q of its own party", u.ID, u.Party.ID, r.Type, t.ID)
		case r.Type == Supports && u.Party != t.Party:
			l.report(r.Range, RuleCrossPartySupport, "support is reasoning within one side; a concession grants the other side's point",
				"%q (%s) supports %q of the other party (%s)", u.ID, u.Party.ID, t.ID, t.Party.ID)
		}
	}
	if u.Speaker != nil && t.Speaker != nil && u.Date.Before(t.Date) {
		l.report(r.Range, RuleChronology, "a unit can answer or build on only what was written before it",
			"%q (%s, %s) %s %q (%s, %s), which was written later", u.ID, u.Origin().ID, u.Date, r.Type, t.ID, t.Origin().ID, t.Date)
	}
}

func hasSupport(u *Unit) bool {
	for _, r := range u.Relations {
		if r.Type == Supports {
			return true
		}
	}
	return false
}

// checkSupportCycles reports each circle of supports once, at the relation
// that closes it.
func (l *loader) checkSupportCycles() {
	const (
		unvisited = iota
		active
		done
	)
	state := map[*Unit]int{}
	var stack []*Unit
	var visit func(u *Unit)
	visit = func(u *Unit) {
		state[u] = active
		stack = append(stack, u)
		for _, r := range u.Relations {
			if r.Type != Supports || r.To == nil || r.To == u {
				continue
			}
			switch state[r.To] {
			case unvisited:
				visit(r.To)
			case active:
				var ids []string
				for i := len(stack) - 1; i >= 0; i-- {
					ids = append([]string{stack[i].ID}, ids...)
					if stack[i] == r.To {
						break
					}
				}
				l.file = u.File
				l.report(r.Range, RuleSupportCycle, "a reason cannot rest on what it supports; remove one support",
					"support cycle: %s → %s", strings.Join(ids, " → "), r.To.ID)
			}
		}
		stack = stack[:len(stack)-1]
		state[u] = done
	}
	for _, u := range l.m.Units {
		if state[u] == unvisited {
			visit(u)
		}
	}
}

// checkCoverage reports body paragraphs without a unit in every document the
// map annotates, documents with text that it does not annotate, and units
// that take part in no relation.
func (l *loader) checkCoverage() {
	if len(l.m.Units) == 0 {
		return
	}
	first := map[*Document]*Unit{}
	covered := map[*Paragraph]bool{}
	for _, u := range l.m.Units {
		if p := u.Span.Paragraph; p != nil {
			covered[p] = true
			if first[p.Doc] == nil {
				first[p.Doc] = u
			}
		}
	}
	for _, d := range l.corpus.Documents {
		if !d.HasText() {
			continue
		}
		u := first[d]
		if u == nil {
			l.file = l.m.Units[0].File
			l.report(Range{Position{1, 1}, Position{1, 1}}, RuleUnannotatedDocument, "", "document %s has no unit", d.ID)
			continue
		}
		l.file = u.File
		for _, p := range d.Body() {
			if !covered[p] {
				lang := l.corpus.Languages[0]
				l.report(u.Span.Range, RuleUncoveredParagraph, "every body paragraph of an annotated document should carry at least one unit",
					"%s %s has no unit", d.ID, p.Label())
				l.last().Passage = &Passage{Doc: d.ID, Paragraph: p.Label(), Lang: lang, Text: p.Text[lang], Start: 0, End: RuneLen(p.Text[lang])}
			}
		}
	}
	for _, u := range l.m.Units {
		if len(u.Relations) == 0 && len(u.Incoming) == 0 {
			l.file = u.File
			l.report(u.IDRange, RuleUnrelatedUnit, "link it with rebuts, undercuts, concedes or supports, or remove it",
				"unit %q takes part in no relation", u.ID)
		}
	}
}
