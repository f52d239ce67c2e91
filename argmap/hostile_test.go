package argmap_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
)

// hostileCorpus is the corpus of testdata/hostile: letters that hold what
// copied quotes often lack or add (a composed and a decomposed accent, a
// soft hyphen, characters beyond U+FFFF).
const hostileCorpus = "testdata/hostile/corpus"

// hostileSamples lists the samples of testdata/hostile: inputs that once
// cost minutes or told the user nothing useful, each checked alone over
// the hostile corpus against its golden diagnostics. The large versions of
// the growing shapes are built by the tests of scaling_test.go.
var hostileSamples = []struct {
	name  string // what the sample shows, as a sentence
	file  string
	rules []string
}{
	{"a quote with a decomposed accent names both spellings of the letter", "quote-decomposed.yaml", []string{"quote-not-found"}},
	{"a composed quote of a decomposed letter names both spellings too", "quote-composed.yaml", []string{"quote-not-found"}},
	{"a soft hyphen in the letter that the quote lacks is named", "quote-soft-hyphen-in-letter.yaml", []string{"quote-not-found"}},
	{"zero-width spaces, joiners and a byte-order mark in quotes are named", "quote-zero-width.yaml", []string{"quote-not-found"}},
	{"a combining mark the letter lacks is named", "quote-stray-combining-mark.yaml", []string{"quote-not-found"}},
	{"offsets counted in UTF-16 units get a hint", "offsets-in-utf16.yaml", []string{"offset-mismatch"}},
	{"a lone surrogate escape is reported at the escape", "lone-surrogate.yaml", []string{"yaml-syntax"}},
	{"a tangle of circles is one support-cycle, each tangle its own", "support-tangles.yaml", []string{"support-cycle"}},
	{"a long circle is named by its ends and its length", "long-cycle.yaml", []string{"support-cycle"}},
	{"problems on one long line are reported at their own columns", "one-line.yaml", []string{"invalid-id", "support-cycle"}},
	{"an id of 3,000 characters is too long and clipped in every message", "long-id.yaml", []string{"id-too-long", "duplicate-id", "self-relation", "unknown-target"}},
	{"a summary of one long word is long in characters", "long-word-summary.yaml", []string{"long-summary"}},
}

func TestHostileSamples(t *testing.T) {
	c, err := argmap.LoadCorpusDir(hostileCorpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range hostileSamples {
		t.Run(tc.name, func(t *testing.T) {
			in := readInput(t, "testdata/hostile/"+tc.file)
			_, diags := argmap.Validate(c, []argmap.Input{in})
			checkDiagnosticsGolden(t, diags, "testdata/hostile/"+strings.TrimSuffix(tc.file, ".yaml")+".golden")
			for _, rule := range tc.rules {
				if !hasRule(diags, rule) {
					t.Errorf("%s raises no %s; it raised %v", tc.file, rule, rulesOf(diags))
				}
			}
			checkDiagnostics(t, diags)
			for _, d := range diags {
				if n := len([]rune(d.Message)); n > 300 {
					t.Errorf("a message of %d characters: ids and values must be clipped: %.100s…", n, d.Message)
				}
			}
		})
	}
}

// checkDiagnosticsGolden compares diagnostics, as JSON, with a golden
// file, rewriting it under -update.
func checkDiagnosticsGolden(t *testing.T, diags []argmap.Diagnostic, golden string) {
	t.Helper()
	got, err := json.MarshalIndent(diags, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *updateGoldens {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./argmap -run %s -update)", err, strings.Split(t.Name(), "/")[0])
	}
	if string(got) != string(want) {
		t.Errorf("diagnostics differ from %s (run with -update and read the diff):\n%s", golden, got)
	}
}

func TestEveryHostileSampleIsInTheTable(t *testing.T) {
	listed := map[string]bool{}
	for _, tc := range hostileSamples {
		listed[tc.file] = true
	}
	samples, _ := filepath.Glob("testdata/hostile/*.yaml")
	for _, s := range samples {
		if !listed[filepath.Base(s)] {
			t.Errorf("%s has no case in hostileSamples", s)
		}
	}
	goldens, _ := filepath.Glob("testdata/hostile/*.golden")
	for _, g := range goldens {
		if !listed[strings.TrimSuffix(filepath.Base(g), ".golden")+".yaml"] {
			t.Errorf("%s has no sample", g)
		}
	}
}
