package argmap_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/argmap/argmap/argmap"
	"github.com/rogpeppe/go-internal/txtar"
)

// corpusCases lists every corpus of testdata/corpus: each is a txtar archive
// of a corpus folder (corpus.yaml and its texts), named for what it shows.
// A corpus whose name starts with "valid-" must load; every other must be
// refused with the rules listed, and the golden beside it holds every
// diagnostic.
var corpusCases = []struct {
	name  string // what the corpus shows, as a sentence
	file  string
	rules []string
}{
	// Corpora that load.
	{"one paragraph a line, with an indented signature, pairs with blank-line paragraphs", "valid-lines-layout.txtar", nil},
	{"a source per language checks each language against its own page", "valid-source-per-language.txtar", nil},
	{"names, short names and titles per language, in French and English", "valid-names-per-language.txtar", nil},
	{"a postscript is an unnumbered paragraph", "valid-postscript.txtar", nil},
	// The manifest as a YAML file.
	{"a syntax error in the manifest is reported at its line", "manifest-yaml-syntax.txtar", []string{"yaml-syntax"}},
	{"a manifest in Latin-1 is not UTF-8", "manifest-not-utf8.txtar", []string{"file-encoding"}},
	{"every misspelt key is reported at once, each with a did-you-mean", "manifest-misspelt-keys.txtar", []string{"unknown-key", "wrong-type", "invalid-date"}},
	{"a name keyed by language, as manifests once wrote it, says how to write it now", "manifest-name-keyed-by-language.txtar", []string{"unknown-key"}},
	{"ids that are not kebab-case, or declared twice, are refused", "manifest-ids.txtar", []string{"invalid-id", "duplicate-id", "missing-field"}},
	// Languages.
	{"a language listed twice is refused, not left to fail every span", "languages-repeated.txtar", []string{"language-tag"}},
	{"a path is not a language tag", "language-tag-path.txtar", []string{"language-tag"}},
	{"a text in a language the corpus lacks is unknown, with a did-you-mean", "text-unknown-language.txtar", []string{"unknown-language"}},
	{"a text missing in one language is refused", "text-missing-language.txtar", []string{"missing-text"}},
	// References, dates and replies.
	{"a speaker, party, source or reply that is not declared is named with a did-you-mean", "unknown-references.txtar", []string{"unknown-reference"}},
	{"the thirtieth of February does not exist", "date-30-february.txtar", []string{"invalid-date"}},
	{"a letter replying to itself is refused", "reply-to-itself.txtar", []string{"reply-cycle"}},
	{"two letters replying to each other are a circle", "replies-in-a-circle.txtar", []string{"reply-cycle"}},
	{"a reply dated before the letter it answers is refused", "reply-before-letter.txtar", []string{"reply-chronology"}},
	// Paragraph roles and counts.
	{"a misspelt role gets a did-you-mean, and body is no role", "role-unknown.txtar", []string{"paragraph-role"}},
	{"a role given twice could never be addressed", "role-repeated.txtar", []string{"paragraph-role"}},
	{"front and back without text are refused", "roles-without-text.txtar", []string{"paragraph-role"}},
	{"a text with fewer paragraphs than front and back says how paragraphs are separated", "paragraph-count-front-back.txtar", []string{"paragraph-count"}},
	{"a missing blank line is found where the languages part", "paragraph-count-missing-break.txtar", []string{"paragraph-count"}},
	{"a paragraph without counterpart is found", "paragraph-count-extra-paragraph.txtar", []string{"paragraph-count"}},
	{"a one-paragraph-a-line text with a line too many is found", "paragraph-count-lines-layout.txtar", []string{"paragraph-count"}},
	{"an unknown layout is an invalid value", "layout-unknown.txtar", []string{"invalid-value"}},
	// Files and sources.
	{"invalid UTF-8 in a text is refused at its line and column", "text-invalid-utf8.txtar", []string{"file-encoding"}},
	{"a NUL byte in a text is refused", "text-nul-byte.txtar", []string{"file-encoding"}},
	{"a missing file, a path out of the folder and a folder are refused", "corpus-files.txtar", []string{"corpus-file"}},
	{"a source changed by one byte fails its checksum", "source-checksum.txtar", []string{"source-checksum"}},
	{"a text line edited after it was cut is not verbatim", "text-not-verbatim.txtar", []string{"text-not-verbatim"}},
	{"a sha256 that is not 64 hex digits is an invalid value", "source-sha256-malformed.txtar", []string{"invalid-value"}},
}

// loadCorpusArchive loads the corpus of a txtar archive of testdata/corpus,
// named for the archive in messages.
func loadCorpusArchive(t testing.TB, file string) (*argmap.Corpus, error) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata/corpus", file))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return argmap.LoadCorpus(fsys, strings.TrimSuffix(file, ".txtar"))
}

func TestCorpusSamples(t *testing.T) {
	for _, tc := range corpusCases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadCorpusArchive(t, tc.file)
			golden := filepath.Join("testdata/corpus", strings.TrimSuffix(tc.file, ".txtar")+".golden")
			if strings.HasPrefix(tc.file, "valid-") {
				if err != nil {
					t.Fatalf("%s should load: %v", tc.file, err)
				}
				if len(c.Documents) == 0 {
					t.Errorf("%s has no documents", tc.file)
				}
				return
			}
			var ce *argmap.CorpusError
			if !errors.As(err, &ce) {
				t.Fatalf("%s: want a *CorpusError, got %v", tc.file, err)
			}
			checkDiagnosticsGolden(t, ce.Diagnostics, golden)
			for _, rule := range tc.rules {
				if !hasRule(ce.Diagnostics, rule) {
					t.Errorf("%s raises no %s; it raised %v", tc.file, rule, rulesOf(ce.Diagnostics))
				}
			}
			checkCorpusDiagnostics(t, ce)
		})
	}
}

// checkCorpusDiagnostics holds every corpus diagnostic to what printers
// rely on: on the manifest, at a real line and column of it, with a rule
// of the table and a message.
func checkCorpusDiagnostics(t *testing.T, ce *argmap.CorpusError) {
	t.Helper()
	// Lines as YAML counts them: CR, LF, CRLF, NEL, LS and PS end one.
	lines := 1
	for _, r := range strings.ReplaceAll(string(ce.Manifest.Data), "\r\n", "\n") {
		if r == '\r' || r == '\n' || r == '\u0085' || r == '\u2028' || r == '\u2029' {
			lines++
		}
	}
	for _, d := range ce.Diagnostics {
		if d.File != ce.Manifest.Path {
			t.Errorf("%v is not on the manifest %s", d, ce.Manifest.Path)
		}
		if d.Range.Start.Line < 1 || d.Range.Start.Line > lines || d.Range.Start.Column < 1 {
			t.Errorf("%v: position outside the manifest's %d lines", d, lines)
		}
		if d.Rule.Rule().Name == "" || d.Message == "" {
			t.Errorf("%v: no rule or no message", d)
		}
		for _, r := range d.Related {
			if r.Range.Start.Line < 1 || r.Range.Start.Column < 1 {
				t.Errorf("%v: related %v has no position", d, r)
			}
		}
	}
}

// TestEveryCorpusSampleIsInTheTable keeps the table and the folder in step.
func TestEveryCorpusSampleIsInTheTable(t *testing.T) {
	listed := map[string]bool{}
	for _, tc := range corpusCases {
		if listed[tc.file] {
			t.Errorf("%s is listed twice", tc.file)
		}
		listed[tc.file] = true
	}
	samples, _ := filepath.Glob("testdata/corpus/*.txtar")
	for _, s := range samples {
		if !listed[filepath.Base(s)] {
			t.Errorf("%s has no case in corpusCases", s)
		}
	}
	goldens, _ := filepath.Glob("testdata/corpus/*.golden")
	for _, g := range goldens {
		name := strings.TrimSuffix(filepath.Base(g), ".golden") + ".txtar"
		if !listed[name] || strings.HasPrefix(name, "valid-") {
			t.Errorf("%s has no invalid sample", g)
		}
	}
}

// TestEveryCorpusRuleIsDocumented holds each rule of the corpus group to a
// section of docs/corpus.md, with its example, and to an entry of
// docs/annotations.md, where SARIF's help links point.
func TestEveryCorpusRuleIsDocumented(t *testing.T) {
	corpusDoc, err := os.ReadFile("../docs/corpus.md")
	if err != nil {
		t.Fatal(err)
	}
	annotationsDoc, err := os.ReadFile("../docs/annotations.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range argmap.AllRules() {
		if r.ID < argmap.RuleCorpusFile {
			continue
		}
		if !bytes.Contains(corpusDoc, []byte("\n### "+r.Name+"\n")) {
			t.Errorf("docs/corpus.md has no section ### %s", r.Name)
		}
		if !bytes.Contains(annotationsDoc, []byte("\n#### "+r.Name+"\n")) {
			t.Errorf("docs/annotations.md has no entry #### %s", r.Name)
		}
	}
}
