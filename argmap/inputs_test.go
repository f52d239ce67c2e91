package argmap_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/argmap/argmap/argmap"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func paths(inputs []argmap.Input) []string {
	var out []string
	for _, in := range inputs {
		out = append(out, filepath.ToSlash(in.Path))
	}
	return out
}

func TestCollectInputsReadsFilesAndTheAnnotationFilesOfFolders(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"maps/b.yaml": "b", "maps/a.yml": "a", "maps/notes.txt": "n", "maps/sub/c.yaml": "c", "other.txt": "o",
	})
	t.Chdir(dir)
	inputs, err := argmap.CollectInputs([]string{"maps", "other.txt", "maps/b.yaml", "./other.txt"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"maps/a.yml", "maps/b.yaml", "other.txt"}
	if got := paths(inputs); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v (a folder's .yaml and .yml files in name order, no subfolders, each file once)", got, want)
	}
	if string(inputs[0].Data) != "a" {
		t.Errorf("content %q, want %q", inputs[0].Data, "a")
	}
}

func TestCollectInputsRefusesWhatItCannotRead(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"empty/notes.txt": ""})
	t.Chdir(dir)
	for _, args := range [][]string{{"missing.yaml"}, {"empty"}} {
		if _, err := argmap.CollectInputs(args); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

func TestCollectInputsBoundsWhatItReads(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(path, []byte(strings.Repeat("#", argmap.MaxFileSize+1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs, err := argmap.CollectInputs([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(inputs[0].Data); n != argmap.MaxFileSize+1 {
		t.Fatalf("read %d bytes, want MaxFileSize+1 = %d", n, argmap.MaxFileSize+1)
	}
	c, err := argmap.LoadCorpus(smallCorpus(), "test")
	if err != nil {
		t.Fatal(err)
	}
	_, ds := argmap.Validate(c, inputs)
	if len(ds) != 1 || ds[0].Rule != argmap.RuleFileTooLarge {
		t.Errorf("got %v, want one file-too-large", ds)
	}
}

func TestFSInputsNamesFilesWithThePrefix(t *testing.T) {
	fsys := fstest.MapFS{
		"z.yaml": {Data: []byte("z")}, "a.yml": {Data: []byte("a")}, "doc.go": {Data: []byte("package x")},
	}
	inputs, err := argmap.FSInputs(fsys, "annotations/")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paths(inputs), []string{"annotations/a.yml", "annotations/z.yaml"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
