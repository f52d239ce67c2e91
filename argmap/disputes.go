package argmap

import (
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Dispute is one contested point of the exchange: the proposition (or
// propositions) one side puts and the other rebuts, undercuts or concedes,
// the chain of answers across the letters, and the support each side brings
// to its moves. Seminars, papers and diagrams take a map one dispute at a
// time.
type Dispute struct {
	ID    string
	Title map[Lang]string // per language; TitleIn falls back to English
	// Roots are the contested propositions the dispute grows from: for a
	// derived dispute its one root, for a declared one the units named by
	// roots (none when it lists its units outright).
	Roots []*Unit
	// Units are the dispute's units in the order a reader should take
	// them: as declared, else by letter, paragraph and place in it.
	Units []*Unit
	// Relations are the map's relations between two units of the dispute,
	// in map order.
	Relations []*Relation
	// Declared is true for a dispute an annotation file lists, false for
	// one derived from the relations.
	Declared bool
	File     *File // the declaring file, for declared disputes
	Range    Range // the dispute's entry in that file
}

// TitleIn returns the dispute's title in a language, else its English
// title.
func (d *Dispute) TitleIn(lang Lang) string {
	if t := d.Title[lang]; t != "" {
		return t
	}
	return d.Title[English]
}

// Has reports whether u is one of the dispute's units.
func (d *Dispute) Has(u *Unit) bool { return slices.Contains(d.Units, u) }

// Disputes returns the map's disputes in reading order: the ones its files
// declare, when any does, else the ones derived from its relations (see
// DeriveDisputes).
func (m *Map) Disputes() []*Dispute {
	if len(m.declared) > 0 {
		return m.declared
	}
	return m.derived
}

// Dispute returns the dispute with the given id, or nil.
func (m *Map) Dispute(id string) *Dispute { return m.disputeByID[id] }

// DisputeIDs returns the ids of the map's disputes, in order.
func (m *Map) DisputeIDs() []string {
	var ids []string
	for _, d := range m.Disputes() {
		ids = append(ids, d.ID)
	}
	return ids
}

// DeriveDisputes finds the disputes of a map from its relations alone, by
// a rule that needs no writing and gives the same disputes for the same
// map, in time linear in its units and relations:
//
//  1. Units joined by answers (rebuts, undercuts, concedes), directly or
//     through other answers, form one dispute: a proposition, the other
//     side's answer, the answer to that answer, and so on down the letters.
//  2. A unit that supports a unit of a dispute joins it, and so does a unit
//     that supports that one, and so on; a unit that supports units of
//     several disputes joins the one it reaches through the fewest
//     supports, the earlier dispute on a tie. Units that reach no dispute
//     belong to none.
//  3. A dispute's root is the first unit, in reading order, that the other
//     side answers and that answers nothing itself: the contested
//     proposition. The dispute takes the root's id and summary as its id
//     and title. Disputes are ordered by their roots, units in a dispute by
//     reading order (letter by date, paragraph, place in the paragraph).
//
// Every unit belongs to at most one derived dispute, so a diagram can give
// each dispute a band of its own. Declared disputes may share units.
func DeriveDisputes(m *Map) []*Dispute { return deriveDisputes(m.Units, m.Relations) }

// Parts splits a dispute by the same rule that derives disputes, applied to
// its own units and relations: the sub-disputes a dispute too large for one
// screen could be split into. A dispute whose answers all hang together is
// one part.
func (d *Dispute) Parts() []*Dispute { return deriveDisputes(d.Units, d.Relations) }

// deriveDisputes applies the rule of DeriveDisputes to some units and the
// relations among them.
func deriveDisputes(units []*Unit, relations []*Relation) []*Dispute {
	in := map[*Unit]bool{}
	for _, u := range units {
		in[u] = true
	}
	group := map[*Unit]*Unit{} // union-find over units joined by answers
	var find func(u *Unit) *Unit
	find = func(u *Unit) *Unit {
		for group[u] != u {
			group[u] = group[group[u]]
			u = group[u]
		}
		return u
	}
	for _, r := range relations {
		if !r.Type.Answers() || !in[r.From] || !in[r.To] {
			continue
		}
		for _, u := range []*Unit{r.From, r.To} {
			if group[u] == nil {
				group[u] = u
			}
		}
		group[find(r.From)] = find(r.To)
	}
	byGroup := map[*Unit]*Dispute{}
	var disputes []*Dispute
	member := map[*Unit]*Dispute{}
	var queue []*Unit
	for _, u := range SortUnitsByPlace(units) {
		if group[u] == nil {
			continue
		}
		g := find(u)
		d := byGroup[g]
		if d == nil {
			d = &Dispute{}
			byGroup[g] = d
			disputes = append(disputes, d)
		}
		d.Units = append(d.Units, u)
		member[u] = d
		queue = append(queue, u)
	}
	// Supports join breadth first, so a unit joins the dispute it reaches
	// through the fewest supports; the queue is in reading order, so ties go
	// to the dispute whose unit comes first.
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, r := range u.Incoming {
			if r.Type == Supports && in[r.From] && member[r.From] == nil {
				d := member[u]
				member[r.From] = d
				d.Units = append(d.Units, r.From)
				queue = append(queue, r.From)
			}
		}
	}
	for _, d := range disputes {
		d.Units = SortUnitsByPlace(d.Units)
		root := d.Units[0]
		for _, u := range d.Units {
			if answered(u, in) && !answers(u, in) {
				root = u
				break
			}
		}
		d.ID, d.Title, d.Roots = root.ID, root.Summary, []*Unit{root}
	}
	slices.SortStableFunc(disputes, func(a, b *Dispute) int { return compareByPlace(a.Roots[0], b.Roots[0]) })
	within := map[*Dispute][]*Relation{}
	for _, r := range relations {
		if d := member[r.From]; d != nil && member[r.To] == d {
			within[d] = append(within[d], r)
		}
	}
	for _, d := range disputes {
		d.Relations = within[d]
	}
	return disputes
}

// answered reports whether a unit of the set in answers u.
func answered(u *Unit, in map[*Unit]bool) bool {
	return slices.ContainsFunc(u.Incoming, func(r *Relation) bool { return r.Type.Answers() && in[r.From] })
}

// answers reports whether u answers a unit of the set in.
func answers(u *Unit, in map[*Unit]bool) bool {
	return slices.ContainsFunc(u.Relations, func(r *Relation) bool { return r.Type.Answers() && in[r.To] })
}

// disputeClosure grows a declared dispute from its roots: every unit that
// answers or supports one of its units, again and again. Each unit is
// visited once, so the work is linear in the relations.
func disputeClosure(roots []*Unit) []*Unit {
	in := map[*Unit]bool{}
	var units, queue []*Unit
	add := func(u *Unit) {
		if !in[u] {
			in[u] = true
			units = append(units, u)
			queue = append(queue, u)
		}
	}
	for _, r := range roots {
		add(r)
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, r := range u.Incoming {
			add(r.From)
		}
	}
	return units
}

func relationsWithin(m *Map, units []*Unit) []*Relation {
	in := map[*Unit]bool{}
	for _, u := range units {
		in[u] = true
	}
	var out []*Relation
	for _, r := range m.Relations {
		if in[r.From] && in[r.To] {
			out = append(out, r)
		}
	}
	return out
}

// SortUnitsByPlace returns the units in reading order: by the date of their
// span's letter, the paragraph, then where the quote starts, ties kept in
// their order.
func SortUnitsByPlace(units []*Unit) []*Unit {
	out := slices.Clone(units)
	slices.SortStableFunc(out, compareByPlace)
	return out
}

func compareByPlace(a, b *Unit) int {
	pa, pb := a.Span.Paragraph, b.Span.Paragraph
	if pa == nil || pb == nil {
		switch {
		case pa == nil && pb == nil:
			return 0
		case pa == nil:
			return 1
		}
		return -1
	}
	if pa.Doc != pb.Doc {
		if c := pa.Doc.Date.Compare(pb.Doc.Date); c != 0 {
			return c
		}
		return strings.Compare(pa.Doc.ID, pb.Doc.ID)
	}
	if pa.Index != pb.Index {
		return pa.Index - pb.Index
	}
	return a.QuoteStart() - b.QuoteStart()
}

// The keys of a declared dispute.
var disputeKeys = []string{"id", "title", "roots", "units"}

// declaredDispute is a dispute as a file declares it, before its unit ids
// are resolved.
type declaredDispute struct {
	dispute  *Dispute
	idRange  Range
	roots    []idRef
	units    []idRef
	rangeAll Range
}

// idRef is a unit id in a file and where it stands.
type idRef struct {
	id    string
	rng   Range
	valid bool
}

// disputes reads a file's disputes list. Unit ids are resolved later, by
// resolveDisputes, when every file's units are known.
func (l *loader) disputes(n *yaml.Node) {
	if n.Tag == "!!null" {
		return
	}
	if !l.expect(n, yaml.SequenceNode, "disputes") {
		return
	}
	for _, dn := range n.Content {
		if !l.expect(dn, yaml.MappingNode, "a dispute") {
			continue
		}
		fs := l.fields(dn, "a dispute", disputeKeys)
		dd := &declaredDispute{dispute: &Dispute{Declared: true, File: l.file, Range: l.rangeOf(dn), Title: map[Lang]string{}}, rangeAll: l.rangeOf(dn)}
		what := "a dispute"
		if f, ok := fs["id"]; ok && f.value != nil {
			if id, ok := l.str(f, "dispute id"); ok {
				dd.dispute.ID, dd.idRange = id, l.rangeOf(f.value)
				what = "dispute " + strconv.Quote(clip(id, 40))
				if !validID(id) {
					l.report(dd.idRange, RuleInvalidID, "ids are lower-case letters, digits and inner hyphens, like condoning",
						"dispute id %q is not lower-case kebab-case", showID(id))
				}
			}
		}
		l.missing(dn, fs, what, "id", "title")
		if f, ok := fs["title"]; ok && f.value != nil && l.expect(f.value, yaml.MappingNode, "a dispute's title") {
			tf := l.fields(f.value, "a dispute's title", langNames(l.corpus.Languages))
			for _, lang := range l.corpus.Languages {
				if g, ok := tf[string(lang)]; ok && g.value != nil {
					if s, ok := l.str(g, "title."+string(lang)); ok {
						dd.dispute.Title[lang] = s
					}
				}
			}
			if _, given := tf[string(English)]; !given && containsLang(l.corpus.Languages, English) {
				l.report(l.rangeOf(f.value), RuleMissingField, "the English title names the dispute in lists and diagrams", "a dispute's title has no en")
			}
		}
		_, hasRoots := fs["roots"]
		_, hasUnits := fs["units"]
		switch {
		case hasRoots && hasUnits:
			l.report(l.rangeOf(fs["roots"].key), RuleInvalidValue, "units lists a dispute's units outright; roots names the contested units and lets argmap find the rest",
				"%s has both roots and units; give one", what)
		case !hasRoots && !hasUnits:
			l.report(dd.rangeAll, RuleEmptyDispute, "list its units (units: [ID, ...]) or the contested units it grows from (roots: [ID, ...])",
				"%s names no units", what)
		}
		for key, list := range map[string]*[]idRef{"roots": &dd.roots, "units": &dd.units} {
			if f, ok := fs[key]; ok && f.value != nil {
				*list = l.idList(f.value, "a dispute's "+key)
				if len(*list) == 0 && f.value.Kind == yaml.SequenceNode || f.value.Tag == "!!null" {
					l.report(l.rangeOf(f.value), RuleEmptyDispute, "list the unit ids the dispute holds", "%s has an empty %s list", what, key)
				}
			}
		}
		l.declared = append(l.declared, dd)
	}
}

// idList reads a unit id or a list of them.
func (l *loader) idList(n *yaml.Node, what string) []idRef {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	} else if n.Tag == "!!null" {
		return nil
	}
	var out []idRef
	for _, item := range items {
		if id, ok := l.str(field{value: item}, what+" entry"); ok {
			out = append(out, idRef{id: id, rng: l.rangeOf(item), valid: true})
		}
	}
	return out
}

// resolveDisputes resolves the declared disputes' unit ids, reports unknown
// and repeated ones and repeated dispute ids, and warns about answers that
// no declared dispute takes in.
func (l *loader) resolveDisputes() {
	if len(l.declared) == 0 {
		return
	}
	var unitIDs []string
	for _, u := range l.m.Units {
		unitIDs = append(unitIDs, u.ID)
	}
	seen := map[string]*declaredDispute{}
	suggested := 0
	for _, dd := range l.declared {
		d := dd.dispute
		l.file = d.File
		resolve := func(refs []idRef, key string) []*Unit {
			var units []*Unit
			first := map[*Unit]Range{}
			for _, ref := range refs {
				u := l.m.byID[ref.id]
				if u == nil {
					hint := ""
					if suggested < maxSuggestions {
						hint = didYouMean(ref.id, unitIDs)
						suggested++
					}
					l.report(ref.rng, RuleUnknownDisputeUnit, "a dispute names units of the map by id", "dispute %q names unknown unit %q in its %s%s", showID(d.ID), showID(ref.id), key, hint)
					continue
				}
				if at, dup := first[u]; dup {
					l.report(ref.rng, RuleRepeatedDisputeUnit, "remove the second one", "dispute %q names unit %q twice", showID(d.ID), showID(u.ID))
					if !l.capped {
						l.last().Related = []Related{{File: d.File.Path, Range: at, Message: "first named here"}}
					}
					continue
				}
				first[u] = ref.rng
				units = append(units, u)
			}
			return units
		}
		if dd.units != nil {
			d.Units = resolve(dd.units, "units")
		} else if dd.roots != nil {
			d.Roots = resolve(dd.roots, "roots")
			d.Units = SortUnitsByPlace(disputeClosure(d.Roots))
		}
		d.Relations = relationsWithin(l.m, d.Units)
		if d.ID != "" {
			if first := seen[d.ID]; first != nil {
				l.report(dd.idRange, RuleDuplicateDispute, "dispute ids are unique across all files of a map", "dispute id %q is already declared", showID(d.ID))
				if !l.capped {
					l.last().Related = []Related{{File: first.dispute.File.Path, Range: first.idRange, Message: "first declared here"}}
				}
				continue
			}
			seen[d.ID] = dd
		}
		l.m.declared = append(l.m.declared, d)
	}
	covered := map[*Relation]bool{}
	for _, d := range l.m.declared {
		for _, r := range d.Relations {
			covered[r] = true
		}
	}
	for _, r := range l.m.Relations {
		if r.Type.Answers() && !covered[r] {
			l.file = r.From.File
			l.report(r.Range, RuleUndisputedRelation, "add both units to the dispute the move belongs to, or declare a dispute for it",
				"%q %s %q, but no declared dispute holds both units", showID(r.From.ID), r.Type, showID(r.To.ID))
		}
	}
}

// Parties returns the parties whose propositions the dispute holds, in the
// order their first units come.
func (d *Dispute) Parties() []*Party {
	var out []*Party
	for _, u := range d.Units {
		if u.Party != nil && !slices.Contains(out, u.Party) {
			out = append(out, u.Party)
		}
	}
	return out
}

// Paragraphs returns the paragraphs the dispute's units are anchored in, in
// reading order (letter by date, then paragraph).
func (d *Dispute) Paragraphs() []*Paragraph {
	var out []*Paragraph
	for _, u := range SortUnitsByPlace(d.Units) {
		if p := u.Span.Paragraph; p != nil && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// SortUnitsByMap returns units in the map's order (Map.Units).
func SortUnitsByMap(units []*Unit) []*Unit {
	out := slices.Clone(units)
	slices.SortFunc(out, func(a, b *Unit) int { return a.Index - b.Index })
	return out
}
