package main

import (
	"bytes"
	"os"
	"path/filepath"
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
