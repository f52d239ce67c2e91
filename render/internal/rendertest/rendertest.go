// Package rendertest holds what the tests of render's packages share: the
// embedded corpus, maps loaded from test files or embedded in argmap, and
// golden files refreshed with -update.
package rendertest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/argmap/argmap/annotations"
	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Update reports whether the test run rewrites golden files (-update).
func Update() bool { return *update }

// Testdata returns the path of a file under render/testdata, which the
// tests of several render packages share.
func Testdata(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", filepath.FromSlash(name))
}

// Maps is the folder of the annotation files that several packages' tests
// draw and export: small.yaml and hostile.yaml.
func Maps() string { return Testdata("maps") }

// Map returns the path of a shared test map by name ("small.yaml").
func Map(name string) string { return filepath.Join(Maps(), name) }

// EmbeddedCorpus loads the corpus built into argmap.
func EmbeddedCorpus(t testing.TB) *argmap.Corpus {
	t.Helper()
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// LoadMap validates annotation files over the embedded corpus and fails the
// test on any error.
func LoadMap(t testing.TB, paths ...string) *argmap.Map {
	t.Helper()
	var inputs []argmap.Input
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, argmap.Input{Path: filepath.ToSlash(p), Data: data})
	}
	m, ds := argmap.Validate(EmbeddedCorpus(t), inputs)
	for _, d := range ds {
		if d.Severity == argmap.SeverityError {
			t.Fatalf("%s", d)
		}
	}
	return m
}

// Corpora is the folder of the test corpora other than the built-in one,
// each a corpus folder with its map in annotations/: lys, in English and
// French.
func Corpora() string { return Testdata("corpora") }

// CorpusMap loads a test corpus of Corpora by name and validates its map,
// failing the test on any error or warning.
func CorpusMap(t testing.TB, name string) *argmap.Map {
	t.Helper()
	dir := filepath.Join(Corpora(), name)
	c, err := argmap.LoadCorpusDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := argmap.CollectInputs([]string{filepath.Join(dir, "annotations")})
	if err != nil {
		t.Fatal(err)
	}
	m, ds := argmap.Validate(c, inputs)
	if argmap.Fails(ds, true) {
		t.Fatalf("the map of %s does not validate: %v", name, ds)
	}
	return m
}

// BundledMap validates the map embedded in argmap and fails the test unless
// it is clean even under --strict.
func BundledMap(t testing.TB) *argmap.Map {
	t.Helper()
	inputs, err := argmap.FSInputs(annotations.FS, "annotations/")
	if err != nil {
		t.Fatal(err)
	}
	m, ds := argmap.Validate(EmbeddedCorpus(t), inputs)
	if argmap.Fails(ds, true) {
		t.Fatalf("the bundled map does not validate: %v", ds)
	}
	return m
}

// CheckGolden compares got with the golden file at path, or rewrites the
// file under -update.
func CheckGolden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date; run go test with -update and review the diff\n--- got ---\n%s", path, got)
	}
}
