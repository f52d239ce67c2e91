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
	inputs, err := argmap.CollectInputs([]string{"maps", "other.txt", "maps/b.yaml", "./other.txt"}, argmap.Stdin{})
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

func TestCollectInputsReadsStandardInputForADash(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.yaml": "a"})
	t.Chdir(dir)
	for _, tc := range []struct {
		name  string
		args  []string
		stdin argmap.Stdin
		want  []string
	}{
		{"a dash is standard input, named <stdin>", []string{"-"}, argmap.Stdin{Reader: strings.NewReader("s")}, []string{"<stdin>"}},
		{"it takes the name given for diagnostics", []string{"a.yaml", "-"}, argmap.Stdin{Reader: strings.NewReader("s"), Name: "draft.yaml"}, []string{"a.yaml", "draft.yaml"}},
		{"two dashes read it once", []string{"-", "-"}, argmap.Stdin{Reader: strings.NewReader("s")}, []string{"<stdin>"}},
		{"./- is a file named -", []string{"./-"}, argmap.Stdin{Reader: strings.NewReader("s")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inputs, err := argmap.CollectInputs(tc.args, tc.stdin)
			if tc.want == nil {
				if err == nil {
					t.Errorf("read %v, want an error for the missing file ./-", paths(inputs))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := paths(inputs); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if data := string(inputs[len(inputs)-1].Data); data != "s" {
				t.Errorf("standard input read as %q", data)
			}
		})
	}
	if _, err := argmap.CollectInputs([]string{"-"}, argmap.Stdin{}); err == nil || !strings.Contains(err.Error(), "standard input") {
		t.Errorf("a dash without standard input gave %v, want an error naming standard input", err)
	}
}

func TestCollectInputsRefusesWhatItCannotRead(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"empty/notes.txt": ""})
	t.Chdir(dir)
	for _, args := range [][]string{{"missing.yaml"}, {"empty"}} {
		if _, err := argmap.CollectInputs(args, argmap.Stdin{}); err == nil {
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
	inputs, err := argmap.CollectInputs([]string{path}, argmap.Stdin{})
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
