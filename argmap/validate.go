package argmap

import (
	"fmt"
	"strings"
)

// Validate loads annotation files over a corpus as one map and checks every
// annotation against the text and every relation against the model. It
// always returns a map, partial when there are errors, with all the
// diagnostics found, sorted. Callers that draw or export the map must refuse
// it when Fails(diagnostics, false).
func Validate(c *Corpus, inputs []Input) (*Map, []Diagnostic) {
	m := &Map{Corpus: c, byID: map[string]*Unit{}}
	l := &loader{corpus: c, m: m, unknownReports: map[*Unit]bool{}}
	parseFiles(inputs, l.loadFile)
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
				showID(u.ID), u.Reports.ID, u.Reports.Date, u.Span.Doc.ID, u.Span.Doc.Date)
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
				l.report(r.Range, RuleUnknownTarget, "", "%s names unknown unit %q%s", r.Type, showID(r.ToID), hint)
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
				l.report(r.Range, RuleDuplicateRelation, "remove the second one", "%s %q is stated twice", r.Type, showID(r.ToID))
				continue
			}
			seen[key] = r
			l.checkRelation(u, r)
		}
		switch {
		case u.Kind == Rebuttal && !answered:
			l.report(u.IDRange, RuleMissingTarget, "add rebuts: [ID] or undercuts: [ID] naming the unit it answers",
				"rebuttal %q rebuts nothing", showID(u.ID))
		case u.Kind == Concession && !answered:
			l.report(u.IDRange, RuleMissingTarget, "add concedes: [ID] naming the unit whose proposition it grants",
				"concession %q concedes nothing", showID(u.ID))
		}
	}
}

func (l *loader) checkRelation(u *Unit, r *Relation) {
	t := r.To
	if t == u {
		l.report(r.Range, RuleSelfRelation, "", "unit %q %s itself", showID(u.ID), r.Type)
		return
	}
	switch r.Type {
	case Rebuts:
		if u.Kind != Rebuttal && u.Kind != "" {
			l.report(r.Range, RuleKindMismatch, "a unit that rebuts is a rebuttal: change its kind, or the relation",
				"%s %q rebuts %q; only a rebuttal rebuts", u.Kind, showID(u.ID), showID(t.ID))
		}
	case Undercuts:
		if u.Kind != Rebuttal && u.Kind != "" {
			l.report(r.Range, RuleKindMismatch, "a unit that undercuts is a rebuttal: change its kind, or the relation",
				"%s %q undercuts %q; only a rebuttal undercuts", u.Kind, showID(u.ID), showID(t.ID))
		}
		if !hasSupport(t) {
			l.report(r.Range, RuleKindMismatch, "undercutting denies that a support carries force; to deny the proposition itself, use rebuts",
				"%q undercuts %q, which supports nothing", showID(u.ID), showID(t.ID))
		}
	case Concedes:
		if u.Kind != Concession && u.Kind != "" {
			l.report(r.Range, RuleKindMismatch, "a unit that concedes is a concession: change its kind, or the relation",
				"%s %q concedes %q; only a concession concedes", u.Kind, showID(u.ID), showID(t.ID))
		}
	}
	if u.Party != nil && t.Party != nil {
		switch {
		case r.Type.Answers() && u.Party == t.Party:
			l.report(r.Range, RuleSameParty, "rebuttals, undercuts and concessions answer the other side; within one side use supports",
				"%q (%s) %s %q of its own party", showID(u.ID), u.Party.ID, r.Type, showID(t.ID))
		case r.Type == Supports && u.Party != t.Party:
			l.report(r.Range, RuleCrossPartySupport, "support is reasoning within one side; a concession grants the other side's point",
				"%q (%s) supports %q of the other party (%s)", showID(u.ID), u.Party.ID, showID(t.ID), t.Party.ID)
		}
	}
	if u.Speaker != nil && t.Speaker != nil && u.Date.Before(t.Date) {
		l.report(r.Range, RuleChronology, "a unit can answer or build on only what was written before it",
			"%q (%s, %s) %s %q (%s, %s), which was written later", showID(u.ID), u.Origin().ID, u.Date, r.Type, showID(t.ID), t.Origin().ID, t.Date)
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
// that closes it, and at most one circle per strongly connected set of
// units: a tangle of supports is one problem, however many circles run
// through it. Both passes are iterative and linear in units and relations,
// so that a chain of 100,000 supports neither overflows the stack nor
// costs more than its length; once the diagnostics are capped the search
// stops.
func (l *loader) checkSupportCycles() {
	g := newSupportGraph(l.m.Units)
	component := g.components()
	reported := make([]bool, len(l.m.Units))
	// A depth-first search in unit order, as the map reads: an edge to a
	// unit on the current path closes a circle, which is that stretch of
	// the path. pathAt[v] is v's place on the path, -1 when off it.
	visited := make([]bool, len(g.edges))
	pathAt := make([]int, len(g.edges))
	for i := range pathAt {
		pathAt[i] = -1
	}
	var path []dfsFrame
	for root := range g.edges {
		if visited[root] {
			continue
		}
		visited[root], pathAt[root] = true, 0
		path = append(path, dfsFrame{unit: root})
		for len(path) > 0 {
			top := &path[len(path)-1]
			v := top.unit
			if top.next == len(g.edges[v]) {
				pathAt[v] = -1
				path = path[:len(path)-1]
				continue
			}
			e := g.edges[v][top.next]
			top.next++
			switch {
			case !visited[e.to]:
				visited[e.to], pathAt[e.to] = true, len(path)
				path = append(path, dfsFrame{unit: e.to})
			case pathAt[e.to] >= 0 && !reported[component[e.to]]:
				reported[component[e.to]] = true
				l.file = l.m.Units[v].File
				if l.capped {
					// One more report sets the cap's severity; the
					// rest would be dropped, so they are not sought.
					l.report(e.relation.Range, RuleSupportCycle, "", "")
					return
				}
				var ids []string
				for _, f := range path[pathAt[e.to]:] {
					ids = append(ids, l.m.Units[f.unit].ID)
				}
				l.report(e.relation.Range, RuleSupportCycle, "a reason cannot rest on what it supports; remove one support",
					"%s", cycleMessage(ids))
			}
		}
	}
}

// supportGraph holds the supports between distinct units, by their place
// in the map's list of units (Unit.Index).
type supportGraph struct {
	edges [][]supportEdge
}

type supportEdge struct {
	to       int
	relation *Relation
}

type dfsFrame struct {
	unit int
	next int // the next of its edges to follow
}

func newSupportGraph(units []*Unit) supportGraph {
	g := supportGraph{edges: make([][]supportEdge, len(units))}
	for i, u := range units {
		for _, r := range u.Relations {
			if r.Type == Supports && r.To != nil && r.To != u {
				g.edges[i] = append(g.edges[i], supportEdge{r.To.Index, r})
			}
		}
	}
	return g
}

// components numbers the strongly connected components of the graph with
// Tarjan's algorithm, iteratively: two units have the same number when
// each supports the other through some chain.
func (g supportGraph) components() []int {
	n := len(g.edges)
	order := make([]int, n) // discovery order from 1; 0 is unvisited
	low := make([]int, n)
	component := make([]int, n)
	for i := range component {
		component[i] = -1 // unassigned: on Tarjan's stack once visited
	}
	var stack []int
	var calls []dfsFrame
	visits, components := 0, 0
	visit := func(v int) {
		visits++
		order[v], low[v] = visits, visits
		stack = append(stack, v)
		calls = append(calls, dfsFrame{unit: v})
	}
	for root := range n {
		if order[root] != 0 {
			continue
		}
		visit(root)
		for len(calls) > 0 {
			top := &calls[len(calls)-1]
			v := top.unit
			if top.next < len(g.edges[v]) {
				w := g.edges[v][top.next].to
				top.next++
				switch {
				case order[w] == 0:
					visit(w)
				case component[w] < 0:
					low[v] = min(low[v], order[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				parent := calls[len(calls)-1].unit
				low[parent] = min(low[parent], low[v])
			}
			if low[v] == order[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					component[w] = components
					if w == v {
						break
					}
				}
				components++
			}
		}
	}
	return component
}

// maxCycleShown bounds how many units a support-cycle message names: a
// long circle shows its first and last units and says how many lie
// between.
const maxCycleShown = 10

// cycleMessage names the units of a circle in order, back to the first.
func cycleMessage(ids []string) string {
	shown := make([]string, 0, maxCycleShown+2)
	head := "support cycle: "
	if len(ids) > maxCycleShown {
		head = fmt.Sprintf("support cycle of %d units: ", len(ids))
		for _, id := range ids[:maxCycleShown/2] {
			shown = append(shown, clip(id, maxUnitIDLength))
		}
		shown = append(shown, "…")
		ids = ids[len(ids)-maxCycleShown/2+1:]
	}
	for _, id := range ids {
		shown = append(shown, clip(id, maxUnitIDLength))
	}
	return head + strings.Join(shown, " → ") + " → " + shown[0]
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
				"unit %q takes part in no relation", showID(u.ID))
		}
	}
}
