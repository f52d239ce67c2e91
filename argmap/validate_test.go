package argmap_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
)

var updateGoldens = flag.Bool("update", false, "rewrite the golden files of testdata/invalid from what Validate reports")

// cleanMap is the complete, clean sample map. Every invalid sample is checked
// as one more file of it, the way a student adds a file to the instructor's
// map: the clean units cover every paragraph and give relations something to
// aim at, so a golden shows only what the sample itself gets wrong.
const cleanMap = "testdata/valid/clean.yaml"

// aloneMarker, on a line of its own, says that a sample is checked by
// itself: the coverage rules are about a map as a whole.
const aloneMarker = "# argmap-test: alone"

// invalidCases lists every sample of testdata/invalid, what it shows, and the
// rules it must raise. The golden beside each sample holds every diagnostic.
var invalidCases = []struct {
	name  string // what the sample shows, as a sentence
	file  string
	rules []string
}{
	// The file.
	{"a tab in the indentation is a syntax error at the tab", "tab-indent.yaml", []string{"yaml-syntax"}},
	{"an unclosed double quote is a syntax error", "unclosed-quote.yaml", []string{"yaml-syntax"}},
	{"a mis-indented key is a syntax error on the line of its collection, not the line before", "block-mapping-bad-indent.yaml", []string{"yaml-syntax"}},
	{"an alias to an undefined anchor is a syntax error at the alias", "alias-to-nothing.yaml", []string{"yaml-syntax"}},
	{"a C1 control character is a syntax error at the character", "control-character.yaml", []string{"yaml-syntax"}},
	{"a NUL byte makes the file not text", "nul-byte.yaml", []string{"file-encoding"}},
	{"a Latin-1 byte is invalid UTF-8 at its column", "invalid-utf8.yaml", []string{"file-encoding"}},
	{"a second YAML document is refused, not ignored", "multiple-documents.yaml", []string{"multiple-documents"}},
	{"an alias bomb is refused without being expanded", "alias-bomb.yaml", []string{"yaml-alias"}},
	{"an alias to the node that holds it is refused", "self-alias.yaml", []string{"yaml-alias"}},
	{"a tag that builds an object is refused", "foreign-tag.yaml", []string{"yaml-tag"}},
	{"a misspelt key is unknown, with a did-you-mean", "unknown-key-did-you-mean.yaml", []string{"unknown-key", "missing-field"}},
	{"a language the corpus does not have is an unknown span key", "unknown-key-in-span.yaml", []string{"unknown-key"}},
	{"a comma in an unquoted flow value splits it into an unknown key", "summary-comma-in-flow-mapping.yaml", []string{"unknown-key"}},
	{"a key given twice is reported at the second, with the first as related", "duplicate-key.yaml", []string{"duplicate-key"}},
	{"a file of only a comment is empty", "empty-file.yaml", []string{"missing-field"}},
	{"a file without units lacks a required field", "units-missing.yaml", []string{"missing-field"}},
	{"a unit without a summary lacks a required field", "missing-summary.yaml", []string{"missing-field"}},
	{"a summary without English lacks a required field", "summary-without-en.yaml", []string{"missing-field"}},
	{"a span without any quote lacks a required field", "span-without-quote.yaml", []string{"missing-field"}},
	{"a summary written as text is the wrong type", "summary-is-text.yaml", []string{"wrong-type"}},
	{"an unquoted true as a summary is the wrong type", "summary-is-boolean.yaml", []string{"wrong-type"}},
	{"a file that is a list is the wrong type", "top-level-list.yaml", []string{"wrong-type"}},
	{"units: ~ is the wrong type, not an empty map", "units-null.yaml", []string{"wrong-type"}},
	{"a start that is a word is the wrong type", "offset-not-a-number.yaml", []string{"wrong-type"}},
	{"a relation target written as a mapping is the wrong type", "relation-target-is-mapping.yaml", []string{"wrong-type"}},
	{"a misspelt kind is an invalid value, with a did-you-mean", "unknown-kind-did-you-mean.yaml", []string{"invalid-value"}},
	{"format version 2 is an invalid value", "format-version-2.yaml", []string{"invalid-value"}},
	{"occurrence 0 is an invalid value", "occurrence-zero.yaml", []string{"invalid-value"}},
	{"an empty quote is an invalid value", "empty-quote.yaml", []string{"invalid-value"}},
	{"an id in capitals and underscores is invalid", "id-not-kebab-case.yaml", []string{"invalid-id"}},
	{"an id that spells out the claim is too long, and is clipped in messages", "id-too-long.yaml", []string{"id-too-long"}},
	{"an id defined in another file of the map is a duplicate", "duplicate-id-across-files.yaml", []string{"duplicate-id"}},
	{"a corpus manifest given as annotations is named for what it is", "corpus-manifest.yaml", []string{"corpus-manifest"}},
	// The spans.
	{"a path as doc is an unknown document id, never opened", "path-as-doc.yaml", []string{"unknown-document"}},
	{"a misdated document id is unknown, with a did-you-mean", "unknown-document-did-you-mean.yaml", []string{"unknown-document"}},
	{"reports naming an unknown document is reported at reports", "reports-unknown-document.yaml", []string{"unknown-document"}},
	{"a span in the 19 June letter has no text to anchor in", "span-in-letter-without-text.yaml", []string{"document-without-text"}},
	{"paragraph 8 of a seven-paragraph letter is out of range", "paragraph-8-of-7.yaml", []string{"paragraph-out-of-range"}},
	{"a heading the letter does not have is out of range", "paragraph-role-missing.yaml", []string{"paragraph-out-of-range"}},
	{"a span without a Chinese quote is warned about", "english-quote-only.yaml", []string{"missing-quote"}},
	{"a quote from the next paragraph is not found, and where it is is said", "quote-in-other-paragraph.yaml", []string{"quote-not-found"}},
	{"a quote from the other letter is not found, and where it is is said", "quote-in-other-document.yaml", []string{"quote-not-found"}},
	{"a misquoted word shows the closest passage", "quote-misspelt.yaml", []string{"quote-not-found"}},
	{"an ASCII comma for a fullwidth one is not normalised away", "quote-normalised-punctuation.yaml", []string{"quote-not-found"}},
	{"a zero-width space in a quote is named, not normalised away", "quote-zero-width-space.yaml", []string{"quote-not-found"}},
	{"an occurrence past the last is not found", "occurrence-too-high.yaml", []string{"quote-not-found"}},
	{"a prefix that never precedes the quote is not found", "prefix-suffix-mismatch.yaml", []string{"quote-not-found"}},
	{"a quote that occurs several times is ambiguous", "quote-ambiguous.yaml", []string{"quote-ambiguous"}},
	{"offsets counted in bytes disagree with the quote", "offset-counted-in-bytes.yaml", []string{"offset-mismatch"}},
	{"an inclusive end disagrees with the quote", "end-inclusive.yaml", []string{"offset-mismatch"}},
	{"quotes in two paragraphs split the languages", "languages-split.yaml", []string{"languages-split"}},
	{"a trailing space in a quote is warned about", "quote-trailing-space.yaml", []string{"quote-whitespace"}},
	{"a quote that starts inside a word is warned about", "quote-cuts-word.yaml", []string{"quote-cuts-word"}},
	// The relations.
	{"a misspelt target is unknown, with a did-you-mean", "unknown-target-did-you-mean.yaml", []string{"unknown-target"}},
	{"a unit that supports itself is a self-relation", "self-relation.yaml", []string{"self-relation"}},
	{"Clark rebutting Clark is aimed at the same party", "rebuts-own-party.yaml", []string{"same-party"}},
	{"the reply supporting Clark is a cross-party support", "supports-other-party.yaml", []string{"cross-party-support"}},
	{"Clark's letter of 29 June cannot answer the reply of 7 July", "chronology-clark-answers-july.yaml", []string{"chronology"}},
	{"a span cannot report a later document", "chronology-reports-later-document.yaml", []string{"chronology"}},
	{"a rebuttal that rebuts nothing has no target", "rebuttal-rebuts-nothing.yaml", []string{"missing-target"}},
	{"a concession that concedes nothing has no target", "concession-concedes-nothing.yaml", []string{"missing-target"}},
	{"three units supporting each other in a circle are a cycle", "support-cycle.yaml", []string{"support-cycle"}},
	{"a claim that rebuts is a kind mismatch", "claim-rebuts.yaml", []string{"kind-mismatch"}},
	{"undercutting a unit that supports nothing is a kind mismatch", "undercut-target-supports-nothing.yaml", []string{"kind-mismatch"}},
	{"the same relation twice is a duplicate", "duplicate-relation.yaml", []string{"duplicate-relation"}},
	{"a party the corpus does not have is unknown, with a did-you-mean", "unknown-party.yaml", []string{"unknown-party"}},
	{"a summary of a paragraph's length is too long in both languages", "long-summary.yaml", []string{"long-summary"}},
	{"a summary of one long word is too long in characters", "long-summary-one-word.yaml", []string{"long-summary"}},
	// Coverage.
	{"a unit in no relation is unrelated", "unrelated-unit.yaml", []string{"unrelated-unit"}},
	{"a map of two paragraphs leaves paragraphs and documents uncovered", "uncovered-paragraphs.yaml", []string{"uncovered-paragraph", "unannotated-document"}},
	// The disputes.
	{"a dispute naming a misspelt unit names it unknown, with a did-you-mean", "dispute-unknown-unit.yaml", []string{"unknown-dispute-unit"}},
	{"a dispute with an empty list, and one with no list, name no units", "dispute-empty.yaml", []string{"empty-dispute"}},
	{"two disputes with one id are duplicates, and a unit named twice is repeated", "dispute-duplicate.yaml", []string{"duplicate-dispute", "repeated-dispute-unit"}},
	{"an answer that no declared dispute holds is undisputed", "dispute-undisputed-relation.yaml", []string{"undisputed-relation"}},
}

// validateSample checks one sample of testdata/invalid, beside the clean map
// unless it is marked to be checked alone.
func validateSample(t testing.TB, c *argmap.Corpus, file string) []argmap.Diagnostic {
	t.Helper()
	path := "testdata/invalid/" + file
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var inputs []argmap.Input
	if !bytes.Contains(data, []byte("\n"+aloneMarker+"\n")) && !bytes.HasPrefix(data, []byte(aloneMarker+"\n")) {
		inputs = append(inputs, readInput(t, cleanMap))
	}
	inputs = append(inputs, argmap.Input{Path: path, Data: data})
	_, diags := argmap.Validate(c, inputs)
	return diags
}

func readInput(t testing.TB, path string) argmap.Input {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return argmap.Input{Path: path, Data: data}
}

func goldenPath(file string) string {
	return "testdata/invalid/" + strings.TrimSuffix(file, ".yaml") + ".golden"
}

func TestInvalid(t *testing.T) {
	c := loadEmbedded(t)
	for _, tc := range invalidCases {
		t.Run(tc.name, func(t *testing.T) {
			diags := validateSample(t, c, tc.file)
			checkDiagnosticsGolden(t, diags, goldenPath(tc.file))
			for _, rule := range tc.rules {
				if !hasRule(diags, rule) {
					t.Errorf("%s raises no %s; it raised %v", tc.file, rule, rulesOf(diags))
				}
			}
			checkDiagnostics(t, diags)
		})
	}
}

// TestEverySampleIsInTheTable keeps the table and the folder in step: a
// sample without a case is never checked, a golden without a sample is stale.
func TestEverySampleIsInTheTable(t *testing.T) {
	listed := map[string]bool{}
	for _, tc := range invalidCases {
		if listed[tc.file] {
			t.Errorf("%s is listed twice", tc.file)
		}
		listed[tc.file] = true
	}
	samples, _ := filepath.Glob("testdata/invalid/*.yaml")
	for _, s := range samples {
		if !listed[filepath.Base(s)] {
			t.Errorf("%s has no case in invalidCases", s)
		}
	}
	goldens, _ := filepath.Glob("testdata/invalid/*.golden")
	for _, g := range goldens {
		if !listed[strings.TrimSuffix(filepath.Base(g), ".golden")+".yaml"] {
			t.Errorf("%s has no sample", g)
		}
	}
}

func TestValidSamplesHaveNoDiagnostics(t *testing.T) {
	c := loadEmbedded(t)
	samples, _ := filepath.Glob("testdata/valid/*.yaml")
	if len(samples) == 0 {
		t.Fatal("no valid samples")
	}
	for _, s := range samples {
		t.Run(filepath.Base(s)+" is clean", func(t *testing.T) {
			m, diags := argmap.Validate(c, []argmap.Input{readInput(t, s)})
			for _, d := range diags {
				t.Errorf("%s", d)
			}
			if len(m.Units) == 0 {
				t.Error("no units loaded")
			}
		})
	}
	t.Run("the clean map with a BOM and CRLF line ends is clean and keeps its columns", func(t *testing.T) {
		in := readInput(t, cleanMap)
		in.Data = append([]byte("\uFEFF"), bytes.ReplaceAll(in.Data, []byte("\n"), []byte("\r\n"))...)
		m, diags := argmap.Validate(c, []argmap.Input{in})
		for _, d := range diags {
			t.Errorf("%s", d)
		}
		if u := m.Unit("clark-rok-sovereign"); u == nil || u.IDRange.Start.Column != 9 {
			t.Errorf("clark-rok-sovereign's id should start at column 9, got %+v", u)
		}
	})
}

func TestCleanMapResolvesEveryQuoteInCodePoints(t *testing.T) {
	c := loadEmbedded(t)
	m, _ := argmap.Validate(c, []argmap.Input{readInput(t, cleanMap)})
	for _, u := range m.Units {
		for lang, q := range u.Span.Quotes {
			text := []rune(u.Span.Paragraph.Text[lang])
			if !q.Found || string(text[q.Start:q.End]) != q.Text {
				t.Errorf("%s %s: [%d,%d) is not %q", u.ID, lang, q.Start, q.End, q.Text)
			}
		}
	}
	u := m.Unit("kp19-unc-condoned")
	if u == nil || u.Party.ID != "kpa-cpv" || u.Date.String() != "1953-06-19" || u.Speaker.ID != "kim-peng" {
		t.Errorf("a reported claim takes the reported letter's party, speaker and date; got %+v", u)
	}
	if u := m.Unit("clark-50000-comparison"); u == nil || u.Span.Quotes[argmap.Chinese].Occurrence != 0 ||
		string([]rune(u.Span.Paragraph.Text[argmap.Chinese])[u.Span.Quotes[argmap.Chinese].Start-5:u.Span.Quotes[argmap.Chinese].Start]) != "五万南朝鲜" {
		t.Error("prefix should pick the occurrence of 战俘 after 五万南朝鲜")
	}
}

// TestEveryRuleHasSamples proves the samples exercise the whole validator:
// every rule is raised by some invalid sample (or generated hostile input),
// and no rule is raised by the valid samples.
func TestEveryRuleHasSamples(t *testing.T) {
	raised := map[string]bool{}
	goldens, _ := filepath.Glob("testdata/invalid/*.golden")
	corpusGoldens, _ := filepath.Glob("testdata/corpus/*.golden") // the corpus rules: TestCorpusSamples
	for _, g := range append(goldens, corpusGoldens...) {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var diags []struct{ Rule string }
		if err := json.Unmarshal(data, &diags); err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		for _, d := range diags {
			raised[d.Rule] = true
		}
	}
	c := loadEmbedded(t)
	for _, h := range hostileInputs() {
		if h.small {
			_, diags := argmap.Validate(c, []argmap.Input{{Path: h.name, Data: h.data()}})
			for _, d := range diags {
				raised[d.Rule.String()] = true
			}
		}
	}
	raised["file-too-large"] = true // TestHostileInputs: a file over MaxFileSize, too big to build twice
	for _, r := range argmap.AllRules() {
		if !raised[r.Name] {
			t.Errorf("no invalid sample raises %s", r.Name)
		}
	}
	for rule := range raised {
		if _, ok := argmap.RuleByName(rule); !ok {
			t.Errorf("a golden holds rule %q, which argmap.AllRules does not have", rule)
		}
	}
	samples, _ := filepath.Glob("testdata/valid/*.yaml")
	for _, s := range samples {
		_, diags := argmap.Validate(c, []argmap.Input{readInput(t, s)})
		if len(diags) > 0 {
			t.Errorf("valid sample %s raises %v, so it cannot show those rules passing", s, rulesOf(diags))
		}
	}
}

// hostileInput is a generated file meant to exhaust the loader.
type hostileInput struct {
	name  string
	data  func() []byte
	rule  string // the rule it must raise
	small bool   // cheap enough to build again for TestEveryRuleHasSamples
}

func hostileInputs() []hostileInput {
	return []hostileInput{
		{"nesting-20000.yaml", func() []byte {
			return []byte("units: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n")
		}, "yaml-syntax", true},
		{"nesting-20000-mappings.yaml", func() []byte {
			return []byte("units: " + strings.Repeat("{a: ", 20000) + "1" + strings.Repeat("}", 20000) + "\n")
		}, "yaml-syntax", true},
		{"nesting-9000.yaml", func() []byte {
			// Just under yaml.v3's depth limit: the loader walks the tree.
			return []byte("units: " + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + "\n")
		}, "wrong-type", false},
		{"file-60mb.yaml", func() []byte {
			return []byte("units: []\nnote: " + strings.Repeat("a", 60<<20) + "\n")
		}, "file-too-large", false},
		{"key-10mb.yaml", func() []byte {
			return []byte(strings.Repeat("k", 10<<20) + ": 1\nunits: []\n")
		}, "file-too-large", false},
		{"key-just-under-the-limit.yaml", func() []byte {
			// An explicit key: YAML limits implicit keys to 1024 characters.
			return []byte("? " + strings.Repeat("k", argmap.MaxFileSize-100) + "\n: 1\nunits: []\n")
		}, "unknown-key", false},
		{"keys-200000.yaml", func() []byte { return manyKeys(200000) }, "too-many-diagnostics", false},
		{"alias-bomb-9-levels.yaml", func() []byte {
			var b strings.Builder
			b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
			for i := 1; i < 9; i++ {
				fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9), ", "))
			}
			b.WriteString("units: *a8\n")
			return []byte(b.String())
		}, "yaml-alias", true},
		{"self-alias.yaml", func() []byte { return []byte("units: &u [*u]\n") }, "yaml-alias", true},
		{"too-many-problems.yaml", func() []byte { return manyKeys(maxDiagnosticsPlus) }, "too-many-diagnostics", true},
	}
}

// maxDiagnosticsPlus unknown keys are just more than one file may report.
const maxDiagnosticsPlus = 201

func manyKeys(n int) []byte {
	var b bytes.Buffer
	b.WriteString("units: []\n")
	for i := range n {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	return b.Bytes()
}

func TestHostileInputs(t *testing.T) {
	c := loadEmbedded(t)
	for _, h := range hostileInputs() {
		t.Run(h.name+" gives "+h.rule+", not a panic", func(t *testing.T) {
			data := h.data()
			_, diags := argmap.Validate(c, []argmap.Input{{Path: h.name, Data: data}})
			if !hasRule(diags, h.rule) {
				t.Errorf("want %s, got %v", h.rule, rulesOf(diags))
			}
			if len(diags) > 0 {
				t.Logf("%d diagnostics; first: %s", len(diags), diags[0])
			}
			if len(diags) > 201 {
				t.Errorf("%d diagnostics; one file reports at most 200 and then too-many-diagnostics", len(diags))
			}
			for _, d := range diags {
				if d.File != h.name {
					t.Errorf("diagnostic names %q, not the file: %s", d.File, d)
				}
				if len(d.Message) > 300 {
					t.Errorf("message of %d bytes: a huge key must be clipped", len(d.Message))
				}
			}
			checkDiagnostics(t, diags)
		})
	}
}

// TestManyKeysUseBoundedMemory measures the heap that validating 200,000
// keys costs. The bound is generous; it catches a quadratic blow-up or a
// diagnostic per key, not a few percent.
func TestManyKeysUseBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a few hundred megabytes")
	}
	c := loadEmbedded(t)
	data := manyKeys(200000)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, diags := argmap.Validate(c, []argmap.Input{{Path: "keys.yaml", Data: data}})
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("200,000 keys (%d bytes): %d diagnostics, %.0f MB allocated, heap in use %.0f MB", len(data), len(diags), float64(allocated)/1e6, float64(after.HeapInuse)/1e6)
	if allocated > 500e6 {
		t.Errorf("validating %d bytes allocated %.0f MB", len(data), float64(allocated)/1e6)
	}
}

// TestManyWarningsDoNotFail: a file with more warnings than are reported
// is summarised by a warning, so it fails only under --strict.
func TestManyWarningsDoNotFail(t *testing.T) {
	c := loadEmbedded(t)
	var b strings.Builder
	b.WriteString("units:\n")
	for i := 0; i < 300; i++ {
		// English only: each unit draws a missing-quote warning.
		fmt.Fprintf(&b, "  - {id: u%d, kind: claim, summary: {en: s}, span: {doc: clark-1953-06-29, paragraph: 1, en: serious event}, supports: [u%d]}\n", i, (i+1)%300)
	}
	_, diags := argmap.Validate(c, []argmap.Input{{Path: "warnings.yaml", Data: []byte(b.String())}})
	var capped *argmap.Diagnostic
	for i, d := range diags {
		if d.Rule == argmap.RuleTooManyDiagnostics {
			capped = &diags[i]
		}
	}
	if capped == nil {
		t.Fatalf("300 warnings were not capped: %d diagnostics", len(diags))
	}
	if capped.Severity != argmap.SeverityWarning {
		t.Errorf("the cap over warnings is %s, want warning", capped.Severity)
	}
	if argmap.Fails(diags, false) && !hasError(diags) {
		t.Error("a file of warnings fails without --strict")
	}
	checkDiagnostics(t, diags)
}

func hasError(ds []argmap.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == argmap.SeverityError && d.Rule != argmap.RuleTooManyDiagnostics {
			return true
		}
	}
	return false
}

// checkDiagnostics asserts what every diagnostic owes a reader: a position
// from 1, an end not before its start, a known rule with its severity, a
// one-line message, and a passage range inside its text.
func checkDiagnostics(t *testing.T, diags []argmap.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		r := d.Range
		if r.Start.Line < 1 || r.Start.Column < 1 || r.End.Line < 1 || r.End.Column < 1 {
			t.Errorf("position below 1: %s %+v", d, r)
		}
		if r.End.Line < r.Start.Line || (r.End.Line == r.Start.Line && r.End.Column < r.Start.Column) {
			t.Errorf("range ends before it starts: %s %+v", d, r)
		}
		rule := d.Rule.Rule()
		if rule.Name == "" {
			t.Errorf("unknown rule: %s", d)
		} else if rule.Severity != d.Severity && !(d.Rule == argmap.RuleTooManyDiagnostics && d.Severity > rule.Severity) {
			t.Errorf("%s has severity %s, its rule %s", d, d.Severity, rule.Severity)
		}
		if d.Message == "" || strings.ContainsAny(d.Message, "\n\r") {
			t.Errorf("message is not one line: %q", d.Message)
		}
		if p := d.Passage; p != nil {
			if n := len([]rune(p.Text)); p.Start < 0 || p.End < p.Start || p.End > n {
				t.Errorf("passage [%d,%d) outside its %d code points: %s", p.Start, p.End, n, d)
			}
		}
		for _, rel := range d.Related {
			if rel.Range.Start.Line < 1 || rel.Range.Start.Column < 1 {
				t.Errorf("related position below 1: %s %+v", d, rel)
			}
		}
	}
}

func hasRule(diags []argmap.Diagnostic, rule string) bool {
	return slices.ContainsFunc(diags, func(d argmap.Diagnostic) bool { return d.Rule.String() == rule })
}

func rulesOf(diags []argmap.Diagnostic) []string {
	var rules []string
	for _, d := range diags {
		if !slices.Contains(rules, d.Rule.String()) {
			rules = append(rules, d.Rule.String())
		}
	}
	return rules
}

func TestMapTitleInEachLanguage(t *testing.T) {
	c := loadEmbedded(t)
	unit := "units:\n  - {id: a, kind: claim, summary: {en: s}, span: {doc: clark-1953-06-29, paragraph: 1, en: serious event, zh: 严重的事件}}\n"
	cases := []struct {
		name, title string
		en, zh      string
	}{
		{"a plain title is English, and stands in for Chinese", "title: Letters\n", "Letters", "Letters"},
		{"a title per language", "title: {en: Letters, zh: 信件}\n", "Letters", "信件"},
		{"no title falls back to the corpus's", "", c.Title, c.Title},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := argmap.Validate(c, []argmap.Input{{Path: "t.yaml", Data: []byte(tc.title + unit)}})
			if argmap.Fails(ds, false) {
				t.Fatalf("%v", ds)
			}
			if en, zh := m.TitleIn(argmap.English), m.TitleIn(argmap.Chinese); en != tc.en || zh != tc.zh {
				t.Errorf("titles %q, %q; want %q, %q", en, zh, tc.en, tc.zh)
			}
		})
	}
}

func TestRuleTableIsInIDOrderWithUniqueNames(t *testing.T) {
	seen := map[string]bool{}
	for i, r := range argmap.AllRules() {
		if int(r.ID) != i+1 {
			t.Errorf("rule %s is entry %d of the table but has id %d", r.Name, i+1, r.ID)
		}
		if r.ID.String() != r.Name || seen[r.Name] || r.Name == "" {
			t.Errorf("rule %d: name %q is empty, repeated or not what String gives", r.ID, r.Name)
		}
		seen[r.Name] = true
	}
	if name := argmap.RuleID(0).String(); name != "" {
		t.Errorf("the zero RuleID has name %q", name)
	}
}

// TestUnitsPointAtTheFilesOfTheMap: every unit's File is one of the map's
// Files, the same value, so that a printer or a page grouping units by file
// finds them.
func TestUnitsPointAtTheFilesOfTheMap(t *testing.T) {
	m, _ := argmap.Validate(loadEmbedded(t), []argmap.Input{readInput(t, cleanMap)})
	for _, u := range m.Units {
		if !slices.Contains(m.Files, u.File) {
			t.Fatalf("unit %s points at a file the map does not list", u.ID)
		}
	}
}
