package argmap

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The keys of each mapping of the format.
var (
	topKeys      = []string{"argmap", "title", "description", "units", "disputes"}
	unitKeys     = []string{"id", "kind", "summary", "span", "reports", "party", "note", "rebuts", "undercuts", "concedes", "supports"}
	spanBaseKeys = []string{"doc", "paragraph"}
	quoteKeys    = []string{"quote", "start", "end", "occurrence", "prefix", "suffix"}
)

func (l *loader) top(n *yaml.Node) {
	if !l.expect(n, yaml.MappingNode, "an annotation file") {
		return
	}
	if k := manifestKey(n); k != nil {
		l.report(l.rangeOf(k), RuleCorpusManifest, "load a corpus with --corpus DIR, DIR being the folder that holds its corpus.yaml (argmap also finds one in the current folder or above it); annotation files have a units list",
			"this is a corpus manifest, not an annotation file")
		return
	}
	fs := l.fields(n, "the file", topKeys)
	if f, ok := fs["argmap"]; ok && f.value != nil {
		if v, ok := l.integer(f, "argmap (the format version)"); ok && v != FormatVersion {
			l.report(l.rangeOf(f.value), RuleInvalidValue, "this argmap reads format version 1", "format version %d is not supported", v)
		}
	}
	if f, ok := fs["title"]; ok && f.value != nil {
		l.title(f)
	}
	if f, ok := fs["description"]; ok && f.value != nil {
		l.str(f, "description")
	}
	if f, ok := fs["disputes"]; ok && f.value != nil {
		l.disputes(f.value)
		if _, ok := fs["units"]; !ok {
			return // a file of disputes alone, over the units of the others
		}
	}
	if !l.missing(n, fs, "the file", "units") {
		return
	}
	units := fs["units"].value
	if units.Kind == yaml.ScalarNode && units.Tag == "!!null" {
		// Null is a wrong type like any other: a map without units yet
		// says so with an empty list, as argmap init writes it.
		l.report(l.rangeOf(units), RuleWrongType, "write units: [] for a map without units yet",
			"units must be a list, not %s", nodeDescription(units))
		return
	}
	if !l.expect(units, yaml.SequenceNode, "units") {
		return
	}
	for _, u := range units.Content {
		l.unit(u)
	}
}

// title reads the map's title: text (English), or a mapping with a title
// per language, like a summary. The first file that has one titles the map.
func (l *loader) title(f field) {
	titles := map[Lang]string{}
	if f.value.Kind == yaml.MappingNode {
		tf := l.fields(f.value, "title", langNames(l.corpus.Languages))
		for _, lang := range l.corpus.Languages {
			if g, ok := tf[string(lang)]; ok && g.value != nil {
				if s, ok := l.str(g, "title."+string(lang)); ok {
					titles[lang] = s
				}
			}
		}
	} else if s, ok := l.str(f, "title"); ok {
		titles[English] = s
	}
	l.file.Title = titles[English]
	if len(l.m.titles) == 0 && len(titles) > 0 {
		l.m.titles = titles
		l.m.Title = titles[English]
	}
}

// maxUnitIDLength is the longest unit id, in characters. Every id in a
// message is clipped to it, so that a valid id shows whole and an id of a
// megabyte costs a line.
const maxUnitIDLength = 64

// showID is an id as messages show it.
func showID(id string) string { return clip(id, maxUnitIDLength) }

func (l *loader) unit(n *yaml.Node) {
	if !l.expect(n, yaml.MappingNode, "a unit") {
		return
	}
	fs := l.fields(n, "a unit", unitKeys)
	u := &Unit{File: l.file, Range: l.rangeOf(n), Summary: map[Lang]string{}}
	what := "a unit"
	if f, ok := fs["id"]; ok && f.value != nil {
		if id, ok := l.str(f, "id"); ok {
			u.ID, u.IDRange = id, l.rangeOf(f.value)
			what = "unit " + strconv.Quote(showID(id))
			if n := RuneLen(id); n > maxUnitIDLength {
				l.report(u.IDRange, RuleIDTooLong, "an id is a short handle that relations name, like clark-escape-serious; put the words in summary",
					"unit id %q has %d characters; keep it to %d", showID(id), n, maxUnitIDLength)
			}
			if !validID(id) {
				l.report(u.IDRange, RuleInvalidID, "ids are lower-case letters, digits and inner hyphens, like clark-escape-serious",
					"unit id %q is not lower-case kebab-case", showID(id))
			}
		}
	}
	l.missing(n, fs, what, "id", "kind", "summary", "span")
	if f, ok := fs["kind"]; ok && f.value != nil {
		if k, ok := l.str(f, "kind"); ok {
			u.Kind = Kind(k)
			if !containsKind(k) {
				l.report(l.rangeOf(f.value), RuleInvalidValue, "kinds: claim, rebuttal, concession", "unknown kind %q%s", clip(k, 40), didYouMean(k, kindNames()))
				u.Kind = ""
			}
		}
	}
	if f, ok := fs["summary"]; ok && f.value != nil && l.expect(f.value, yaml.MappingNode, "summary") {
		sf := l.fields(f.value, "summary", langNames(l.corpus.Languages))
		for _, lang := range l.corpus.Languages {
			if g, ok := sf[string(lang)]; ok && g.value != nil {
				if s, ok := l.str(g, "summary."+string(lang)); ok {
					u.Summary[lang] = s
					l.summaryLength(g.value, lang, s)
				}
			}
		}
		// An en of the wrong type is reported as such, not as missing too.
		if _, given := sf[string(English)]; !given && containsLang(l.corpus.Languages, English) {
			l.report(l.rangeOf(f.value), RuleMissingField, "the English summary labels the unit in diagrams", "summary has no en")
		}
	}
	if f, ok := fs["note"]; ok && f.value != nil {
		u.Note, _ = l.str(f, "note")
	}
	if f, ok := fs["span"]; ok && f.value != nil {
		l.span(f.value, u)
	}
	if f, ok := fs["reports"]; ok && f.value != nil {
		if id, ok := l.str(f, "reports"); ok {
			if u.Reports = l.corpus.Document(id); u.Reports == nil {
				l.unknownReports[u] = true
				l.report(l.rangeOf(f.value), RuleUnknownDocument, "documents: "+strings.Join(l.corpus.DocumentIDs(), ", "),
					"reports names unknown document %q%s", clip(id, 60), didYouMean(id, l.corpus.DocumentIDs()))
			}
		}
	}
	if f, ok := fs["party"]; ok && f.value != nil {
		if id, ok := l.str(f, "party"); ok {
			if u.Party = l.corpus.Party(id); u.Party == nil {
				ids := partyIDs(l.corpus)
				l.report(l.rangeOf(f.value), RuleUnknownParty, "parties: "+strings.Join(ids, ", "), "unknown party %q%s", clip(id, 40), didYouMean(id, ids))
			}
		}
	}
	for _, t := range RelationTypes {
		if f, ok := fs[string(t)]; ok && f.value != nil {
			l.relations(f.value, u, t)
		}
	}
	if u.ID == "" {
		return
	}
	if first := l.m.byID[u.ID]; first != nil {
		l.report(u.IDRange, RuleDuplicateID, "ids are unique across all files of a map", "unit id %q is already defined", showID(u.ID))
		if !l.capped {
			l.last().Related = []Related{{File: first.File.Path, Range: first.IDRange, Message: "first defined here"}}
		}
		return
	}
	l.m.byID[u.ID] = u
	u.Index = len(l.m.Units)
	l.m.Units = append(l.m.Units, u)
}

// The bounds of a summary, a diagram label: words in a language that spaces
// them, characters in Chinese, and characters in any language, so that one
// long word is not a short label.
const (
	maxSummaryWords = 16
	maxSummaryCJK   = 32
	maxSummaryChars = 160
)

func (l *loader) summaryLength(n *yaml.Node, lang Lang, s string) {
	chars := RuneLen(s)
	if lang == English || !hasCJK(s) {
		if words := len(strings.Fields(s)); words > maxSummaryWords {
			l.report(l.rangeOf(n), RuleLongSummary, "a diagram label reads best at about 12 words; put the rest in note",
				"summary.%s has %d words; keep it to %d", lang, words, maxSummaryWords)
		} else if chars > maxSummaryChars {
			l.report(l.rangeOf(n), RuleLongSummary, "a diagram label reads best at about 12 short words; put the rest in note",
				"summary.%s has %d characters; keep it to %d", lang, chars, maxSummaryChars)
		}
		return
	}
	if chars > maxSummaryCJK {
		l.report(l.rangeOf(n), RuleLongSummary, "a diagram label reads best short; put the rest in note",
			"summary.%s has %d characters; keep it to %d", lang, chars, maxSummaryCJK)
	}
}

func (l *loader) relations(n *yaml.Node, u *Unit, t RelationType) {
	targets := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		targets = n.Content
	}
	for _, tn := range targets {
		id, ok := l.str(field{value: tn}, string(t)+" target")
		if !ok {
			continue
		}
		u.Relations = append(u.Relations, &Relation{Type: t, From: u, ToID: id, Range: l.rangeOf(tn)})
	}
}

func (l *loader) span(n *yaml.Node, u *Unit) {
	if !l.expect(n, yaml.MappingNode, "span") {
		return
	}
	allowed := append(append([]string(nil), spanBaseKeys...), langNames(l.corpus.Languages)...)
	fs := l.fields(n, "span", allowed)
	u.Span.Range = l.rangeOf(n)
	u.Span.Quotes = map[Lang]*Quote{}
	l.missing(n, fs, "span", "doc", "paragraph")
	if f, ok := fs["doc"]; ok && f.value != nil {
		if id, ok := l.str(f, "span.doc"); ok {
			if u.Span.Doc = l.corpus.Document(id); u.Span.Doc == nil {
				l.report(l.rangeOf(f.value), RuleUnknownDocument, "documents: "+strings.Join(l.corpus.DocumentIDs(), ", "),
					"unknown document %q%s", clip(id, 60), didYouMean(id, l.corpus.DocumentIDs()))
			} else if !u.Span.Doc.HasText() {
				l.report(l.rangeOf(f.value), RuleDocumentWithoutText,
					"anchor the unit where another document reports it, and name this one with reports: "+id,
					"document %q has no text in the corpus to anchor a span in", id)
				u.Span.Doc = nil
			}
		}
	}
	if f, ok := fs["paragraph"]; ok && f.value != nil && u.Span.Doc != nil {
		u.Span.Paragraph = l.paragraph(f.value, u.Span.Doc)
	}
	quotes := 0
	for _, lang := range l.corpus.Languages {
		f, ok := fs[string(lang)]
		if !ok || f.value == nil {
			continue
		}
		quotes++
		if q := l.quote(f.value, lang); q != nil {
			u.Span.Quotes[lang] = q
		}
	}
	if quotes == 0 {
		l.report(u.Span.Range, RuleMissingField, "quote the passage exactly, in "+strings.Join(langNames(l.corpus.Languages), " and "), "span has no quote")
		return
	}
	for _, lang := range l.corpus.Languages {
		if _, ok := fs[string(lang)]; !ok {
			l.report(u.Span.Range, RuleMissingQuote, "anchor the unit in every language of the corpus", "span has no %s quote (%s)", lang.Name(), lang)
		}
	}
}

func (l *loader) paragraph(n *yaml.Node, d *Document) *Paragraph {
	if !l.expect(n, yaml.ScalarNode, "paragraph") {
		return nil
	}
	if n.Tag == "!!int" {
		num, err := strconv.Atoi(n.Value)
		if p := d.BodyParagraph(num); err == nil && p != nil {
			return p
		}
		l.report(l.rangeOf(n), RuleParagraphOutOfRange, "", "%s has no paragraph %s; its paragraphs: %s", d.ID, clip(n.Value, 20), d.Addresses())
		return nil
	}
	if p := d.RoleParagraph(Role(n.Value)); p != nil {
		return p
	}
	l.report(l.rangeOf(n), RuleParagraphOutOfRange, "a paragraph is a body paragraph number or heading, salutation, signature, postscript",
		"%s has no paragraph %q; its paragraphs: %s", d.ID, clip(n.Value, 30), d.Addresses())
	return nil
}

func (l *loader) quote(n *yaml.Node, lang Lang) *Quote {
	q := &Quote{Lang: lang, Range: l.rangeOf(n)}
	what := "span." + string(lang)
	switch n.Kind {
	case yaml.ScalarNode:
		s, ok := l.str(field{value: n}, what)
		if !ok {
			return nil
		}
		q.Text = s
	case yaml.MappingNode:
		fs := l.fields(n, what, quoteKeys)
		if !l.missing(n, fs, what, "quote") {
			return nil
		}
		s, ok := l.str(fs["quote"], what+".quote")
		if !ok {
			return nil
		}
		q.Text, q.Range = s, l.rangeOf(fs["quote"].value)
		for _, name := range []string{"start", "end", "occurrence"} {
			f, has := fs[name]
			if !has || f.value == nil {
				continue
			}
			v, ok := l.integer(f, what+"."+name)
			if !ok {
				continue
			}
			if v < 0 || (name == "occurrence" && v == 0) {
				l.report(l.rangeOf(f.value), RuleInvalidValue, "start and end count code points from 0; occurrence counts from 1", "%s.%s cannot be %d", what, name, v)
				continue
			}
			switch name {
			case "start":
				q.GivenStart = &v
			case "end":
				q.GivenEnd = &v
			case "occurrence":
				q.Occurrence = v
			}
		}
		if f, has := fs["prefix"]; has && f.value != nil {
			q.Prefix, _ = l.str(f, what+".prefix")
		}
		if f, has := fs["suffix"]; has && f.value != nil {
			q.Suffix, _ = l.str(f, what+".suffix")
		}
	default:
		l.expect(n, yaml.ScalarNode, what)
		return nil
	}
	if q.Text == "" {
		l.report(q.Range, RuleInvalidValue, "", "%s is empty", what)
		return nil
	}
	return q
}
