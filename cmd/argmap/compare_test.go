package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestCompareScriptHoldsTheWorkedClass keeps the class of
// testdata/script/compare_class.txtar a true copy of argmap's testdata,
// whose README works its figures out by hand.
func TestCompareScriptHoldsTheWorkedClass(t *testing.T) {
	archive, err := txtar.ParseFile("testdata/script/compare_class.txtar")
	if err != nil {
		t.Fatal(err)
	}
	copies := map[string][]byte{}
	for _, f := range archive.Files {
		copies[f.Name] = f.Data
	}
	originals, err := filepath.Glob("../../argmap/testdata/compare/class/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	originals = append(originals, "../../argmap/testdata/compare/class-key.yaml")
	for _, path := range originals {
		name, _ := filepath.Rel("../../argmap/testdata/compare", path)
		name = filepath.ToSlash(name)
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := copies[name]; !ok || !bytes.Equal(got, want) {
			t.Errorf("%s in the script differs from %s (copy it over)", name, path)
		}
	}
	if len(copies) != len(originals) {
		t.Errorf("the script holds %d files, argmap's testdata %d", len(copies), len(originals))
	}
}

// TestTheGuidesExerciseOutputIsWhatCompareSays runs the reading guide's
// first exercise on its sample answer and finds every line the guide shows.
func TestTheGuidesExerciseOutputIsWhatCompareSays(t *testing.T) {
	guide, err := os.ReadFile("../../docs/armistice-1953.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(guide), "It compares like this:\n\n```\n")
	shown, _, closed := strings.Cut(after, "```")
	if !ok || !closed {
		t.Fatal("the guide no longer shows the exercise's output after \"It compares like this:\"")
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"compare", "../../docs/exercises/clark-3-key.yaml", "../../docs/exercises/clark-3-student.yaml"}, &stdout, &stderr); code != 0 {
		t.Fatalf("argmap compare exited %d: %s", code, stderr.String())
	}
	for _, line := range strings.Split(strings.TrimSpace(shown), "\n") {
		if !strings.Contains(stdout.String(), line+"\n") {
			t.Errorf("the guide shows %q; argmap compare prints:\n%s", line, stdout.String())
		}
	}
}
