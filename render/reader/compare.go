package reader

import (
	"fmt"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/graph"
)

// readerDifferences lists how a student's map differs from the key.
type readerDifferences struct {
	Scores text
	Items  []readerDifference
}

type readerDifference struct {
	Key   string // the unit the difference is about
	Class string
	Text  text
}

// mapDiff is what marks a map's units and relations where they differ from
// the other map: classes by unit and by relation element id.
type mapDiff struct {
	units map[*argmap.Unit]string
	edges map[string]string
}

// comparison builds the page that shows a student's map (the page's map)
// beside the key's: the letters with the student's passages, and the key's
// where the student has none; both diagrams; both lists of units; and the
// differences, as argmap.CompareAssigned finds them within the assignment.
// A student's unit that matches no key unit is marked extra, one whose kind
// differs from its match's is marked so, a key unit without a match is
// marked missed, and relations missing, extra or of another type are marked
// on the diagrams' edges.
func (b *pageBuilder) comparison() error {
	page := b.page
	key := b.opts.Key
	c := argmap.CompareAssigned(key, b.m, b.opts.Assignment)
	student, keyMap := newPageMap(b.m, "", ""), newPageMap(key, "key.", "K")
	studentDiff := mapDiff{units: map[*argmap.Unit]string{}, edges: map[string]string{}}
	keyDiff := mapDiff{units: map[*argmap.Unit]string{}, edges: map[string]string{}}
	student.diff, keyMap.diff = studentDiff, keyDiff
	match := map[*argmap.Unit]string{}
	for _, um := range c.Matches {
		match[um.Other], match[um.Key] = keyMap.key(um.Key), student.key(um.Other)
	}
	diffs := &readerDifferences{}
	for _, d := range c.Disagreements {
		diffs.Items = append(diffs.Items, b.difference(d, student, keyMap, studentDiff, keyDiff))
	}
	kappa := func(lang argmap.Lang) string {
		if c.Kappa == nil {
			return pageMessages.Say(lang, msgKappaUndefined)
		}
		return fmt.Sprintf("%.2f", *c.Kappa)
	}
	diffs.Scores = b.langs.each(true, func(lang argmap.Lang) (argmap.Lang, string) {
		return writtenIn(pageMessages.Has(lang), lang), pageMessages.Say(lang, msgScores, c.Units.Matched, c.Units.Key, kappa(lang), c.Relations.F1)
	})
	page.Compare, page.Differences = true, diffs
	title := b.titles(key)
	page.Heading = b.langs.each(false, func(lang argmap.Lang) (argmap.Lang, string) {
		return writtenIn(pageMessages.Has(lang), lang), pageMessages.Say(lang, msgComparedTitle, title[lang])
	})

	anchors := b.anchors(student, nil, studentDiff.units)
	missed := map[*argmap.Unit]bool{}
	for u := range keyDiff.units {
		missed[u] = true
	}
	for p, as := range b.anchors(keyMap, missed, keyDiff.units) {
		anchors[p] = append(anchors[p], as...)
	}
	page.Sections = b.letters(anchors, nil)

	studentName, keyName := b.say(msgStudentMap, b.opts.StudentName), b.say(msgKeyMap, b.opts.KeyName)
	for _, f := range []struct {
		pm   *pageMap
		id   string
		name text
	}{{student, "fig-student", studentName}, {keyMap, "fig-key", keyName}} {
		fig, err := b.figure(f.pm, f.id, "", f.name, graph.DiagramOptions{Legend: true}, nil)
		if err != nil {
			return err
		}
		if fig != nil {
			page.Figures = append(page.Figures, *fig)
		}
	}
	page.Lists = []readerList{
		{ElementID: "unit-list", Heading: studentName, Units: b.units(student, studentDiff.units, b.m.Units)},
		{ElementID: "key-list", Heading: keyName, Units: b.units(keyMap, keyDiff.units, key.Units)},
	}
	for i, u := range page.Lists[0].Units {
		if k := match[b.m.Unit(u.ID)]; k != "" {
			ku := key.Unit(k[len(keyMap.prefix):])
			page.Lists[0].Units[i].Note = b.say(msgMatches, keyMap.number[ku])
		}
	}
	b.link(student, match, b.m.Units)
	b.link(keyMap, match, key.Units)
	return nil
}

// difference describes one disagreement in every mode and marks the units
// and relations it is about.
func (b *pageBuilder) difference(d argmap.Disagreement, student, keyMap *pageMap, studentDiff, keyDiff mapDiff) readerDifference {
	unit := func(pm *pageMap, u *argmap.Unit) func(argmap.Lang) string {
		return func(lang argmap.Lang) string {
			s := u.Summary[lang]
			if s == "" {
				s = u.Summary[argmap.English]
			}
			return pm.number[u] + " " + s
		}
	}
	relation := func(pm *pageMap, r *argmap.Relation) func(argmap.Lang) []any {
		return func(lang argmap.Lang) []any {
			return []any{pm.number[r.From], render.RelationName(lang, r.Type), pm.number[r.To]}
		}
	}
	say := func(m render.Message, args func(argmap.Lang) []any) text {
		return b.langs.each(true, func(lang argmap.Lang) (argmap.Lang, string) {
			return writtenIn(pageMessages.Has(lang), lang), pageMessages.Say(lang, m, args(lang)...)
		})
	}
	switch d.Kind {
	case argmap.MissingUnit:
		keyDiff.units[d.Key] = " missed"
		return readerDifference{Key: keyMap.key(d.Key), Class: "missed",
			Text: say(msgMissed, func(lang argmap.Lang) []any { return []any{unit(keyMap, d.Key)(lang)} })}
	case argmap.ExtraUnit:
		studentDiff.units[d.Other] = " extra"
		return readerDifference{Key: student.key(d.Other), Class: "extra",
			Text: say(msgExtra, func(lang argmap.Lang) []any { return []any{unit(student, d.Other)(lang)} })}
	case argmap.KindDiffers:
		studentDiff.units[d.Other] = " differs"
		return readerDifference{Key: student.key(d.Other), Class: "differs",
			Text: say(msgKindDiffers, func(lang argmap.Lang) []any {
				return []any{unit(student, d.Other)(lang), render.KindName(lang, d.Other.Kind), render.KindName(lang, d.Key.Kind)}
			})}
	case argmap.MissingRelation:
		keyDiff.edges[graph.RelationElementID(d.Relation)] = " missing"
		return readerDifference{Key: keyMap.key(d.Relation.From), Class: "missed", Text: say(msgMissingRelation, relation(keyMap, d.Relation))}
	case argmap.ExtraRelation:
		studentDiff.edges[graph.RelationElementID(d.Relation)] = " extra"
		return readerDifference{Key: student.key(d.Relation.From), Class: "extra", Text: say(msgExtraRelation, relation(student, d.Relation))}
	case argmap.RelationTypeDiffers:
		keyDiff.edges[graph.RelationElementID(d.Relation)] = " differs"
		studentDiff.edges[graph.RelationElementID(d.OtherRelation)] = " differs"
		return readerDifference{Key: student.key(d.OtherRelation.From), Class: "differs",
			Text: say(msgRelationTypeDiffers, func(lang argmap.Lang) []any {
				return append(relation(student, d.OtherRelation)(lang), relation(keyMap, d.Relation)(lang)...)
			})}
	}
	// A kind of difference this page does not know yet reads as compare
	// words it.
	key := ""
	switch {
	case d.Other != nil:
		key = student.key(d.Other)
	case d.Key != nil:
		key = keyMap.key(d.Key)
	}
	return readerDifference{Key: key, Text: b.langs.each(true, func(argmap.Lang) (argmap.Lang, string) { return argmap.English, d.Message })}
}
