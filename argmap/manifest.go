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
