package argmap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// ManifestFile is the name of a corpus manifest inside its folder.
const ManifestFile = "corpus.yaml"

// EmbeddedOrigin is the origin of the corpus built into argmap.
const EmbeddedOrigin = "embedded"

// maxCorpusFile bounds every file a corpus reads, so that a wrong path (a
// device, a huge dump) fails cleanly instead of exhausting memory.
const maxCorpusFile = 64 << 20

// maxIDLength bounds the ids of a manifest, as they end up in every message,
// URI and page that names them.
const maxIDLength = 100

// CorpusError is a corpus that cannot be used: every problem found in its
// manifest and texts, as diagnostics on the manifest (a problem inside a
// text file points there through a related position). Manifest is the
// manifest as read, for printers that show source lines.
type CorpusError struct {
	Manifest    *File
	Diagnostics []Diagnostic
}

func (e *CorpusError) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return "invalid corpus:\n  " + strings.Join(lines, "\n  ")
}

// LoadCorpusDir reads the corpus in a folder. The folder is a root: every
// file the manifest names, and the manifest itself, must be inside it, and a
// symbolic link that leads out of it is refused like a ".." path. Links
// that stay inside are followed.
func LoadCorpusDir(dir string) (*Corpus, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return LoadCorpus(root.FS(), dir)
}

// LoadCorpus reads the manifest corpus.yaml at the root of fsys and every
// text it names. origin names fsys in messages (EmbeddedOrigin, or a
// folder). Problems with the manifest or its texts come back as a
// *CorpusError that lists all of them; nothing in a corpus can make it panic.
func LoadCorpus(fsys fs.FS, origin string) (*Corpus, error) {
	raw, err := readLimited(fsys, ManifestFile)
	if err != nil {
		return nil, fmt.Errorf("reading corpus manifest: %w", err)
	}
	ml := newManifestLoader(fsys, origin, raw)
	c := ml.load()
	for _, d := range ml.diags {
		if d.Severity == SeverityError {
			SortDiagnostics(ml.diags)
			return nil, &CorpusError{Manifest: ml.file, Diagnostics: ml.diags}
		}
	}
	return c, nil
}

// The keys of each mapping of a manifest.
var (
	manifestKeys = []string{"title", "languages", "layout", "sources", "parties", "speakers", "documents"}
	sourceKeys   = []string{"id", "file", "sha256", "description"}
	partyKeys    = []string{"id", "name"}
	speakerKeys  = []string{"id", "name", "short", "party", "persons"}
	personKeys   = []string{"firstname", "surname"}
	documentKeys = []string{"id", "kind", "title", "speaker", "date", "addressee", "replies-to", "note", "source", "text", "layout", "front", "back"}
)

// yamlLines splits a YAML file into lines as the YAML parser counts them,
// so that a node's line is an index into them: CRLF, CR and LF end a line,
// and so do NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
func yamlLines(s string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\r':
			lines = append(lines, s[start:i])
			if strings.HasPrefix(s[i+1:], "\n") {
				size++
			}
			start = i + size
		case '\n', '\u0085', '\u2028', '\u2029':
			lines = append(lines, s[start:i])
			start = i + size
		}
		i += size
	}
	return append(lines, s[start:])
}

// manifestKey returns the first key of a file's top mapping that only a
// corpus manifest has, when the file has no units: such a file was given
// as annotations by mistake, and is better told so than buried in unknown
// keys.
func manifestKey(top *yaml.Node) *yaml.Node {
	var found *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k := top.Content[i]
		switch {
		case k.Value == "units":
			return nil
		case found == nil && k.Kind == yaml.ScalarNode && contains(manifestOnlyKeys, k.Value):
			found = k
		}
	}
	return found
}

// manifestOnlyKeys are the top-level keys of a manifest that no annotation
// file has.
var manifestOnlyKeys = []string{"languages", "layout", "sources", "parties", "speakers", "documents"}

// manifestLoader reads a manifest with the YAML walker annotation files
// use, so that the manifest gets the same diagnostics: every problem at its
// line and column, unknown keys with a did-you-mean, all of them at once.
type manifestLoader struct {
	*loader
	fsys     fs.FS
	origin   string
	c        *Corpus
	layout   map[Lang]Layout // the manifest's default layout per language
	sources  map[string]*Source
	unread   map[*Source]bool // sources that could not be read: their documents are not checked against them
	parties  map[string]*Party
	speakers map[string]*Speaker
	replies  map[*Document]*yaml.Node // the replies-to value of each document that has one
	scan     verbatimScan             // the work of the verbatim checks, and where each left off
	firstIDs map[string]*yaml.Node    // the id value of each entry, by kind and id
	// declaredIDs lists the ids of each kind, for messages, made once.
	declaredIDs map[string][]string
	suggested   int // did-you-mean searches made, bounded by maxSuggestions
}

func newManifestLoader(fsys fs.FS, origin string, raw []byte) *manifestLoader {
	file := &File{Path: path.Join(origin, ManifestFile), Data: raw}
	return &manifestLoader{
		loader: &loader{file: file},
		fsys:   fsys, origin: origin,
		sources: map[string]*Source{}, unread: map[*Source]bool{},
		parties: map[string]*Party{}, speakers: map[string]*Speaker{},
		replies: map[*Document]*yaml.Node{}, firstIDs: map[string]*yaml.Node{}, declaredIDs: map[string][]string{},
		scan: newVerbatimScan(),
	}
}

// load reads the whole manifest and returns the corpus it declares, as far
// as it could be built; the diagnostics say what is wrong with it.
func (l *manifestLoader) load() *Corpus {
	l.c = &Corpus{Origin: l.origin, Languages: []Lang{English, Chinese}, byID: map[string]*Document{}}
	data := l.file.Data
	start := Range{Position{1, 1}, Position{1, 1}}
	if r, ok := encodingProblem(data); !ok {
		l.report(r.Range, RuleFileEncoding, "save the manifest as UTF-8 text", "%s", r.message)
		return l.c
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	l.lines = yamlLines(string(data))
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.report(start, RuleMissingField, "a manifest is a mapping with parties, speakers and documents (docs/corpus.md)", "the manifest is empty")
		} else {
			l.syntaxError(err)
		}
		return l.c
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		l.report(l.rangeOf(&next), RuleMultipleDocuments, "a manifest holds one YAML document", "the manifest holds a second YAML document")
	} else if !errors.Is(err, io.EOF) {
		l.syntaxError(err)
	}
	if len(doc.Content) == 0 {
		l.report(start, RuleMissingField, "a manifest is a mapping with parties, speakers and documents (docs/corpus.md)", "the manifest is empty")
		return l.c
	}
	l.hostileNodes(doc.Content[0])
	l.manifest(doc.Content[0])
	return l.c
}

func (l *manifestLoader) manifest(n *yaml.Node) {
	if !l.expect(n, yaml.MappingNode, "a corpus manifest") {
		return
	}
	fs := l.fields(n, "the manifest", manifestKeys)
	// Languages first: every per-language value is checked against them.
	if f, ok := fs["languages"]; ok && f.value != nil {
		l.languages(f.value)
	}
	if f, ok := fs["title"]; ok && f.value != nil {
		l.c.Title, l.c.Titles = l.names(f, "title")
	}
	l.layout = l.layouts(fs["layout"], map[Lang]Layout{})
	if f, ok := fs["sources"]; ok && f.value != nil {
		l.entries(f.value, "sources", l.source)
	}
	if f, ok := fs["parties"]; ok && f.value != nil {
		l.entries(f.value, "parties", l.party)
	}
	if f, ok := fs["speakers"]; ok && f.value != nil {
		l.entries(f.value, "speakers", l.speaker)
	}
	if f, ok := fs["documents"]; ok && f.value != nil {
		l.entries(f.value, "documents", l.document)
	}
	l.checkReplies()
}

// entries reads a list of mappings, one entry at a time.
func (l *manifestLoader) entries(n *yaml.Node, what string, read func(*yaml.Node)) {
	if n.Tag == "!!null" || !l.expect(n, yaml.SequenceNode, what) {
		return
	}
	for _, e := range n.Content {
		if l.expect(e, yaml.MappingNode, "an entry of "+what) {
			read(e)
		}
	}
}

// languageTag is the form of a language tag: a primary language of two or
// three letters, then subtags (zh-Hant, en-GB), as BCP 47 writes them.
var languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

func (l *manifestLoader) languages(n *yaml.Node) {
	if !l.expect(n, yaml.SequenceNode, "languages") {
		return
	}
	var langs []Lang
	first := map[Lang]*yaml.Node{}
	for _, item := range n.Content {
		tag, ok := l.str(field{value: item}, "a language")
		if !ok {
			continue
		}
		lang := Lang(tag)
		switch {
		case !languageTag.MatchString(tag):
			l.report(l.rangeOf(item), RuleLanguageTag, "a language tag is a language code and optional subtags, such as en, zh, fr or zh-Hant",
				"%q is not a language tag", clip(tag, 40))
		case first[lang] != nil:
			l.report(l.rangeOf(item), RuleLanguageTag, "list each language once", "language %q is listed twice", tag)
			l.related(first[lang], "first listed here")
		default:
			first[lang] = item
			langs = append(langs, lang)
		}
	}
	switch {
	case len(n.Content) == 0:
		l.report(l.rangeOf(n), RuleLanguageTag, "list the languages every document's text has, such as [en, zh]", "languages lists no language")
	case len(langs) > 0:
		l.c.Languages = langs
	}
}

// related attaches a second place in the manifest to the diagnostic just
// reported.
func (l *manifestLoader) related(n *yaml.Node, message string) {
	if !l.capped {
		l.last().Related = append(l.last().Related, Related{File: l.file.Path, Range: l.rangeOf(n), Message: message})
	}
}

// perLanguage reads a value given once for every language or as a mapping
// of the corpus's languages, and returns the mapping's fields by language;
// a single value comes back as the field for "".
func (l *manifestLoader) perLanguage(f field, what string) map[Lang]field {
	out := map[Lang]field{}
	if f.value.Kind != yaml.MappingNode {
		out[""] = f
		return out
	}
	names := langNames(l.c.Languages)
	var unused []string // the languages the mapping lacks: what a misspelt tag was meant to be
	for _, name := range names {
		if !hasKey(f.value, name) {
			unused = append(unused, name)
		}
	}
	for i := 0; i+1 < len(f.value.Content); i += 2 {
		k := f.value.Content[i]
		if k.Kind == yaml.ScalarNode && !contains(names, k.Value) && languageTag.MatchString(k.Value) {
			l.report(l.rangeOf(k), RuleUnknownLanguage, "languages of the corpus: "+strings.Join(langNames(l.c.Languages), ", "),
				"%s is given in %q, which is not a language of the corpus%s", what, k.Value, didYouMean(k.Value, unused))
			names = append(names, k.Value) // reported once, not again as an unknown key
		}
	}
	for key, g := range l.fields(f.value, what, names) {
		if g.value != nil && l.c.HasLanguage(Lang(key)) {
			out[Lang(key)] = g
		}
	}
	return out
}

// hasKey reports whether a mapping has a key.
func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// names reads a name or title: text for every language, or a mapping with
// one per language. It returns the name in the corpus's first language
// that has one, and the names by language.
func (l *manifestLoader) names(f field, what string) (string, Names) {
	byLang := Names{}
	var plain string
	for lang, g := range l.perLanguage(f, what) {
		s, ok := l.str(g, what)
		if !ok {
			continue
		}
		if lang == "" {
			plain = s
		} else {
			byLang[lang] = s
		}
	}
	if plain != "" {
		return plain, byLang
	}
	for _, lang := range l.c.Languages {
		if s := byLang[lang]; s != "" {
			return s, byLang
		}
	}
	return "", byLang
}

// entryName names an entry of a list for messages before its id is
// checked: `document "clark-1953-06-29"`, or "a document" without an id.
func entryName(n *yaml.Node, kind string) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == "id" && v.Kind == yaml.ScalarNode && v.Value != "" {
			return fmt.Sprintf("%s %q", kind, clip(v.Value, 60))
		}
	}
	return "a " + kind
}

// id reads the id of an entry: present, kebab-case, and not taken by an
// earlier entry of the same list.
func (l *manifestLoader) id(n *yaml.Node, fs map[string]field, kind string, taken func(string) bool) (string, bool) {
	if !l.missing(n, fs, "a "+kind, "id") {
		return "", false
	}
	id, ok := l.str(fs["id"], "id")
	if !ok {
		return "", false
	}
	r := l.rangeOf(fs["id"].value)
	switch {
	case !validID(id):
		l.report(r, RuleInvalidID, "ids are lower-case letters, digits and hyphens, not starting or ending with a hyphen, such as clark-1953-06-29",
			"%s id %q must be lower-case letters, digits and hyphens", kind, clip(id, 60))
		return "", false
	case len(id) > maxIDLength:
		l.report(r, RuleInvalidID, "shorten the id", "%s id %q is longer than %d characters", kind, clip(id, 60), maxIDLength)
		return "", false
	case taken(id):
		l.report(r, RuleDuplicateID, "give each "+kind+" an id of its own", "%s id %q is declared twice", kind, id)
		l.related(l.firstIDs[kind+" "+id], "first declared here")
		return "", false
	}
	l.firstIDs[kind+" "+id] = fs["id"].value
	return id, true
}

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

// plain reads a scalar as the text it is written with, whatever type YAML
// would give it: a date (1953-06-29) or a checksum of digits is still text
// to the manifest.
func (l *manifestLoader) plain(f field, what string) (string, bool) {
	if f.value == nil || !l.expect(f.value, yaml.ScalarNode, what) || !plainTag(f.value.Tag) {
		return "", false
	}
	if f.value.Tag == "!!null" || f.value.Tag == "!!bool" {
		l.report(l.rangeOf(f.value), RuleWrongType, "", "%s must be text, not %s", what, nodeDescription(f.value))
		return "", false
	}
	return f.value.Value, true
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range strings.ToLower(s) {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// validID reports whether s is a lower-case kebab-case id.
func validID(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r == '-' && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return true
}

func containsLang(langs []Lang, l Lang) bool {
	for _, x := range langs {
		if x == l {
			return true
		}
	}
	return false
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// clip shortens s to at most n code points, marking the cut with "…".
func clip(s string, n int) string {
	if RuneLen(s) <= n {
		return s
	}
	return s[:ByteOffset(s, n)] + "…"
}
