package argmap

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/argmap/argmap/seeds"
)

// updating reports whether the tests run with -update, the flag the
// external tests of this package declare.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// checkGolden compares got with the golden file, rewriting it under -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if updating() {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test ./argmap -update rewrites it):\n%s", golden, got)
	}
}

func TestFormatGoldens(t *testing.T) {
	files, err := filepath.Glob("testdata/fmt/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs in testdata/fmt: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			in, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := mustFormat(t, path, in)
			checkGolden(t, strings.TrimSuffix(path, ".yaml")+".golden", got)
		})
	}
}

func formatInputs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/fmt/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return append(files, "../annotations/armistice-1953.yaml")
}

func TestFormatIsIdempotent(t *testing.T) {
	for _, path := range formatInputs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			in, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			once := mustFormat(t, path, in)
			twice := mustFormat(t, path, once)
			if !bytes.Equal(once, twice) {
				t.Errorf("formatting twice changes the file:\n--- once\n%s\n--- twice\n%s", once, twice)
			}
		})
	}
}

// meaning is what a validated file says, without positions in the file.
type meaning struct {
	ID, Kind, Note, Reports, Party string
	Summary                        map[Lang]string
	Doc, Paragraph                 string
	Quotes                         map[Lang][3]any // text, start, end
	Relations                      []string
	Diagnostics                    []string
}

func meanings(t *testing.T, c *Corpus, path string, data []byte) []meaning {
	t.Helper()
	m, diags := Validate(c, []Input{{Path: path, Data: data}})
	var out []meaning
	for _, u := range m.Units {
		mu := meaning{ID: u.ID, Kind: string(u.Kind), Note: u.Note, Summary: u.Summary, Quotes: map[Lang][3]any{}}
		if u.Reports != nil {
			mu.Reports = u.Reports.ID
		}
		if u.Party != nil {
			mu.Party = u.Party.ID
		}
		if u.Span.Doc != nil {
			mu.Doc = u.Span.Doc.ID
		}
		if u.Span.Paragraph != nil {
			mu.Paragraph = u.Span.Paragraph.Ref()
		}
		for lang, q := range u.Span.Quotes {
			mu.Quotes[lang] = [3]any{q.Text, q.Start, q.End}
		}
		for _, r := range u.Relations {
			mu.Relations = append(mu.Relations, string(r.Type)+" "+r.ToID)
		}
		out = append(out, mu)
	}
	// Diagnostics without their positions, which formatting moves.
	if len(out) == 0 {
		out = append(out, meaning{})
	}
	for _, d := range diags {
		out[0].Diagnostics = append(out[0].Diagnostics, d.Rule.String()+": "+d.Message)
	}
	return out
}

func TestFormatKeepsMeaning(t *testing.T) {
	c, err := LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range formatInputs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			in, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			out := mustFormat(t, path, in)
			before, after := meanings(t, c, path, in), meanings(t, c, path, out)
			if !reflect.DeepEqual(before, after) {
				t.Errorf("formatting changes the meaning:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

// mustFormat formats a file that must format.
func mustFormat(t *testing.T, path string, data []byte) []byte {
	t.Helper()
	out, diags, err := Format(Input{Path: path, Data: data})
	if err != nil || len(diags) > 0 {
		t.Fatalf("Format: %v %v", err, diags)
	}
	return out
}

func TestFormatRefusesWhatDoesNotParseWithADiagnostic(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		rule     RuleID
		at       Position
	}{
		{"a syntax error", "argmap: 1\nunits: [\n", RuleYAMLSyntax, Position{3, 1}},
		{"an empty file", "", RuleMissingField, Position{1, 1}},
		{"two documents", "argmap: 1\n---\nargmap: 1\n", RuleMultipleDocuments, Position{2, 1}},
		{"invalid UTF-8", "title: \xff\n", RuleFileEncoding, Position{1, 8}},
		{"a tab in the indent", "units:\n\t- id: x\n", RuleYAMLSyntax, Position{2, 1}},
		{"a lone surrogate", "title: \"a \\ud800\"\n", RuleYAMLSyntax, Position{1, 11}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, diags, err := Format(Input{Path: "bad.yaml", Data: []byte(tc.in)})
			if err != nil || out != nil {
				t.Fatalf("Format returned %q, %v", out, err)
			}
			if len(diags) == 0 || diags[0].Rule != tc.rule || diags[0].Range.Start != tc.at || diags[0].File != "bad.yaml" {
				t.Errorf("got %v, want %s at %v", diags, tc.rule, tc.at)
			}
		})
	}
}

func TestBundledMapIsCanonical(t *testing.T) {
	in, err := os.ReadFile("../annotations/armistice-1953.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := mustFormat(t, "armistice-1953.yaml", in)
	if !bytes.Equal(in, out) {
		t.Error("annotations/armistice-1953.yaml is not in canonical form; run argmap fmt -w annotations")
	}
}

func assertOnlyFile(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !reflect.DeepEqual(got, names) && !(len(got) == 0 && len(names) == 0) {
		t.Errorf("folder holds %v, want %v", got, names)
	}
}
