package argmap

import (
	"bytes"
	"errors"
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
			got, err := Format(in)
			if err != nil {
				t.Fatalf("Format: %v", err)
			}
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
			once, err := Format(in)
			if err != nil {
				t.Fatalf("Format: %v", err)
			}
			twice, err := Format(once)
			if err != nil {
				t.Fatalf("Format of the formatted file: %v", err)
			}
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
			out, err := Format(in)
			if err != nil {
				t.Fatalf("Format: %v", err)
			}
			before, after := meanings(t, c, path, in), meanings(t, c, path, out)
			if !reflect.DeepEqual(before, after) {
				t.Errorf("formatting changes the meaning:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

func TestFormatRefusesWhatDoesNotParse(t *testing.T) {
	for name, in := range map[string]string{
		"a syntax error":      "argmap: 1\nunits: [\n",
		"an empty file":       "",
		"two documents":       "argmap: 1\n---\nargmap: 1\n",
		"invalid UTF-8":       "title: \xff\n",
		"a tab in the indent": "units:\n\t- id: x\n",
	} {
		t.Run(name, func(t *testing.T) {
			if out, err := Format([]byte(in)); err == nil {
				t.Errorf("Format accepted it and returned:\n%s", out)
			}
		})
	}
}

func TestBundledMapIsCanonical(t *testing.T) {
	in, err := os.ReadFile("../annotations/armistice-1953.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Format(in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(in, out) {
		t.Error("annotations/armistice-1953.yaml is not in canonical form; run argmap fmt -w annotations")
	}
}

func TestWriteFileAtomic(t *testing.T) {
	t.Run("replaces the content and keeps the mode", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(path, []byte("new\n")); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(path)
		info, _ := os.Stat(path)
		if string(got) != "new\n" || info.Mode().Perm() != 0o600 {
			t.Errorf("got %q mode %v, want \"new\\n\" mode 0600", got, info.Mode().Perm())
		}
		assertOnlyFile(t, dir, "map.yaml")
	})
	t.Run("leaves the original untouched when the rename fails", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		orig := []byte("argmap: 1\n# original\n")
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		defer func(r func(string, string) error) { rename = r }(rename)
		rename = func(string, string) error { return errors.New("disk pulled out") }
		if err := WriteFileAtomic(path, []byte("new\n")); err == nil {
			t.Fatal("WriteFileAtomic succeeded with a failing rename")
		}
		got, _ := os.ReadFile(path)
		if !bytes.Equal(got, orig) {
			t.Errorf("the original changed: %q", got)
		}
		assertOnlyFile(t, dir, "map.yaml")
	})
	t.Run("creates a new file with mode 0644", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "new.svg")
		if err := WriteFileAtomic(path, []byte("x")); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil || info.Mode().Perm() != 0o644 {
			t.Errorf("new file: %v, mode %v", err, info.Mode().Perm())
		}
		assertOnlyFile(t, dir, "new.svg")
	})
	t.Run("refuses to replace a folder", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(filepath.Join(dir, "out"), []byte("x")); err == nil {
			t.Error("a folder was replaced by a file")
		}
		assertOnlyFile(t, dir, "out")
	})
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
