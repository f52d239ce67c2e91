package argmap

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The entries of a corpus manifest: sources, parties, speakers and
// documents, each read into the corpus with its problems reported, and the
// checks of what the documents reply to.

func (l *manifestLoader) source(n *yaml.Node) {
	fs := l.fields(n, entryName(n, "source"), sourceKeys)
	id, ok := l.id(n, fs, "source", func(id string) bool { return l.sources[id] != nil })
	if !ok {
		return
	}
	s := &Source{ID: id}
	l.sources[id] = s
	l.unread[s] = true // until it is read
	if f, ok := fs["description"]; ok && f.value != nil {
		s.Description, _ = l.str(f, "description")
	}
	var sumNode *yaml.Node
	if f, ok := fs["sha256"]; ok && f.value != nil {
		if s.SHA256, ok = l.plain(f, "sha256"); ok {
			sumNode = f.value
			if !isSHA256(s.SHA256) {
				l.report(l.rangeOf(f.value), RuleInvalidValue, "sha256sum FILE gives it",
					"source %q: sha256 %q is not 64 hexadecimal digits", id, clip(s.SHA256, 70))
				sumNode = nil
			}
		}
	}
	if !l.missing(n, fs, fmt.Sprintf("source %q", id), "file") {
		return
	}
	file, ok := l.str(fs["file"], "file")
	if !ok {
		return
	}
	s.File = file
	raw, ok := l.readFile(fs["file"].value, fmt.Sprintf("source %q", id), file)
	if !ok {
		return
	}
	if sumNode != nil {
		if got := sha256Hex(raw); got != strings.ToLower(s.SHA256) {
			// The texts are still checked against the file as it is:
			// one problem need not hide the others.
			l.report(l.rangeOf(sumNode), RuleSourceChecksum, "the source must be kept byte for byte; if it was replaced on purpose, put the new sum here",
				"source %q: %s has SHA-256 %s, the manifest says %s", id, file, got, s.SHA256)
		}
	}
	s.Text = cleanText(string(raw))
	l.scan.allowance += verbatimFactor * len(s.Text)
	delete(l.unread, s)
	l.c.Sources = append(l.c.Sources, s)
}

func (l *manifestLoader) party(n *yaml.Node) {
	fs := l.fields(n, entryName(n, "party"), l.withLanguageKeys(partyKeys))
	id, ok := l.id(n, fs, "party", func(id string) bool { return l.parties[id] != nil })
	if !ok {
		return
	}
	p := &Party{ID: id}
	l.languageKeys(fs, fmt.Sprintf("party %q", id))
	if f, ok := fs["name"]; ok && f.value != nil {
		p.Name, p.Names = l.names(f, "name")
	}
	if p.Name == "" {
		p.Name = id
	}
	l.parties[id] = p
	l.c.Parties = append(l.c.Parties, p)
}

func (l *manifestLoader) speaker(n *yaml.Node) {
	fs := l.fields(n, entryName(n, "speaker"), l.withLanguageKeys(speakerKeys))
	id, ok := l.id(n, fs, "speaker", func(id string) bool { return l.speakers[id] != nil })
	if !ok {
		return
	}
	what := fmt.Sprintf("speaker %q", id)
	s := &Speaker{ID: id}
	l.languageKeys(fs, what)
	if f, ok := fs["name"]; ok && f.value != nil {
		s.Name, s.Names = l.names(f, "name")
	}
	if s.Name == "" {
		s.Name = id
	}
	// A short name given once is the short name in every language; one
	// given per language stands for those languages, and the others
	// fall back to the full name in that language ("克拉克").
	var short string
	var shorts Names
	if f, ok := fs["short"]; ok && f.value != nil {
		short, shorts = l.names(f, "short")
		if f.value.Kind == yaml.MappingNode {
			short = ""
		}
	}
	s.Shorts = Names{}
	for _, lang := range l.c.Languages {
		switch {
		case shorts[lang] != "":
			s.Shorts[lang] = shorts[lang]
		case short != "":
			s.Shorts[lang] = short
		default:
			s.Shorts[lang] = s.NameIn(lang)
		}
	}
	s.Short = s.Shorts[l.c.Languages[0]]
	if l.missing(n, fs, what, "party") {
		s.Party = reference(l, fs["party"], what, "party", l.parties)
	}
	if f, ok := fs["persons"]; ok && f.value != nil && l.expect(f.value, yaml.SequenceNode, "persons") {
		for _, pn := range f.value.Content {
			if !l.expect(pn, yaml.MappingNode, "a person") {
				continue
			}
			pf := l.fields(pn, "a person", personKeys)
			var p Person
			if g, ok := pf["firstname"]; ok && g.value != nil {
				p.Firstname, _ = l.str(g, "firstname")
			}
			if g, ok := pf["surname"]; ok && g.value != nil {
				p.Surname, _ = l.str(g, "surname")
			}
			s.Persons = append(s.Persons, p)
		}
	}
	l.speakers[id] = s
	l.c.Speakers = append(l.c.Speakers, s)
}

// withLanguageKeys adds the corpus's language tags to a mapping's keys, so
// that a name keyed by language (zh: 克拉克), as manifests were once
// written, gets a message of its own rather than a plain unknown key.
func (l *manifestLoader) withLanguageKeys(keys []string) []string {
	return append(append([]string(nil), keys...), langNames(l.c.Languages)...)
}

// languageKeys reports the keys of an entry that are language tags.
func (l *manifestLoader) languageKeys(fs map[string]field, what string) {
	for _, lang := range l.c.Languages {
		if f, ok := fs[string(lang)]; ok {
			l.report(l.rangeOf(f.key), RuleUnknownKey, "give the name in each language as a mapping: name: {en: Mark Clark, zh: 克拉克}",
				"unknown key %q in %s: a name per language is written under name", lang, what)
		}
	}
}

// reference resolves an id naming an entry of another list, reporting an
// id that list does not declare.
func reference[T any](l *manifestLoader, f field, what, kind string, declared map[string]*T) *T {
	id, ok := l.str(f, kind)
	if !ok {
		return nil
	}
	if t := declared[id]; t != nil {
		return t
	}
	// The list of what is declared is made once per kind: every list is
	// complete before anything refers to it, and a manifest of many
	// wrong references must not sort it again for each.
	ids, ok := l.declaredIDs[kind]
	if !ok {
		ids = keys(declared)
		l.declaredIDs[kind] = ids
	}
	l.unknownReference(f.value, what, kind, id, ids)
	return nil
}

func (l *manifestLoader) unknownReference(n *yaml.Node, what, kind, id string, ids []string) {
	hint := ""
	if l.suggested < maxSuggestions {
		hint = didYouMean(id, ids)
		l.suggested++
	}
	plural := kind + "s"
	if strings.HasSuffix(kind, "y") {
		plural = strings.TrimSuffix(kind, "y") + "ies"
	}
	if kind == "document" {
		l.report(l.rangeOf(n), RuleUnknownReference, "documents: "+listIDs(ids)+"; a document cited but not held is declared without text",
			"%s replies to %q, which is not a document of the corpus%s", what, clip(id, 60), hint)
		return
	}
	l.report(l.rangeOf(n), RuleUnknownReference, "declared "+plural+": "+listIDs(ids), "%s: %s %q is not declared%s", what, kind, clip(id, 60), hint)
}

// listIDs lists ids for a message, the first ten of them.
func listIDs(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	if len(ids) > 10 {
		return strings.Join(ids[:10], ", ") + fmt.Sprintf(", … (%d in all)", len(ids))
	}
	return strings.Join(ids, ", ")
}

func (l *manifestLoader) document(n *yaml.Node) {
	fs := l.fields(n, entryName(n, "document"), documentKeys)
	id, ok := l.id(n, fs, "document", func(id string) bool { return l.c.byID[id] != nil })
	if !ok {
		return
	}
	what := fmt.Sprintf("document %q", id)
	d := &Document{ID: id, Kind: "letter", Line: n.Line}
	l.c.byID[id] = d
	l.c.Documents = append(l.c.Documents, d)
	for _, text := range []struct {
		key string
		dst *string
	}{{"kind", &d.Kind}, {"addressee", &d.Addressee}, {"note", &d.Note}} {
		if f, ok := fs[text.key]; ok && f.value != nil {
			if s, ok := l.str(f, text.key); ok && s != "" {
				*text.dst = s
			}
		}
	}
	if f, ok := fs["title"]; ok && f.value != nil {
		d.Title, d.Titles = l.names(f, "title")
	}
	if l.missing(n, fs, what, "speaker") {
		if d.Speaker = reference(l, fs["speaker"], what, "speaker", l.speakers); d.Speaker != nil {
			d.Party = d.Speaker.Party
		}
	}
	if l.missing(n, fs, what, "date") {
		if s, ok := l.plain(fs["date"], "date"); ok {
			var err error
			if d.Date, err = ParseDate(s); err != nil {
				l.report(l.rangeOf(fs["date"].value), RuleInvalidDate, "dates are written YYYY-MM-DD and must exist: 1953-06-29", "%s: %v", what, err)
			}
		}
	}
	if f, ok := fs["replies-to"]; ok && f.value != nil {
		if _, ok := l.str(f, "replies-to"); ok {
			l.replies[d] = f.value
		}
	}
	l.documentText(n, d, fs)
}

// checkReplies resolves every replies-to once all documents are declared:
// the document answered must exist, not be the reply itself or a reply to
// it in a circle, and not be dated later.
func (l *manifestLoader) checkReplies() {
	for _, d := range l.c.Documents {
		n := l.replies[d]
		if n == nil {
			continue
		}
		what := fmt.Sprintf("document %q", d.ID)
		switch target := l.c.byID[n.Value]; {
		case target == nil:
			ids, ok := l.declaredIDs["document"]
			if !ok {
				ids = l.c.DocumentIDs()
				l.declaredIDs["document"] = ids
			}
			l.unknownReference(n, what, "document", n.Value, ids)
		case target == d:
			l.report(l.rangeOf(n), RuleReplyCycle, "replies-to names the earlier document this one answers", "%s replies to itself", what)
		default:
			d.RepliesTo = target
			if d.Date != (Date{}) && target.Date != (Date{}) && d.Date.Before(target.Date) {
				l.report(l.rangeOf(n), RuleReplyChronology, "a document can answer only what was written before it: check both dates and replies-to",
					"%s (%s) replies to %q, which is dated later (%s)", what, d.Date, target.ID, target.Date)
			}
		}
	}
	l.replyCycles()
}

// replyCycles reports every circle of replies once, at the document of the
// circle that comes first in the manifest. Each document answers at most
// one other, so following the chains with a mark per document is linear.
func (l *manifestLoader) replyCycles() {
	const (
		unvisited = iota
		onPath
		done
	)
	state := map[*Document]int{}
	for _, start := range l.c.Documents {
		var path []*Document
		d := start
		for d != nil && state[d] == unvisited {
			state[d] = onPath
			path = append(path, d)
			d = d.RepliesTo
		}
		if d != nil && state[d] == onPath {
			// The chain came back to d: the circle is path from d on.
			i := len(path) - 1
			for path[i] != d {
				i--
			}
			circle := path[i:]
			first := circle[0]
			for _, c := range circle {
				if c.Line < first.Line {
					first = c
				}
			}
			ids := make([]string, 0, len(circle)+1)
			k := 0
			for circle[k] != first {
				k++
			}
			for j := range circle {
				ids = append(ids, circle[(k+j)%len(circle)].ID)
			}
			ids = append(ids, first.ID)
			l.report(l.rangeOf(l.replies[first]), RuleReplyCycle, "a reply answers an earlier document: one replies-to of the circle is wrong",
				"documents reply to each other in a circle: %s", clip(strings.Join(ids, " → "), 300))
			for _, c := range circle {
				c.RepliesTo = nil // so that nothing downstream walks the circle
			}
		}
		for _, p := range path {
			state[p] = done
		}
	}
}
