package export

import (
	"bytes"
	"os"
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/argmap"
)

// validMap validates testdata/json/small.yaml over the embedded corpus.
func validMap(t *testing.T) *argmap.Map {
	t.Helper()
	path := "testdata/json/small.yaml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, ds := argmap.Validate(rendertest.EmbeddedCorpus(t), []argmap.Input{{Path: path, Data: data}})
	if argmap.Fails(ds, false) {
		t.Fatalf("%s has errors: %v", path, ds)
	}
	return m
}

func TestJSONExportMatchesGoldenFile(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, validMap(t)); err != nil {
		t.Fatal(err)
	}
	rendertest.CheckGolden(t, "testdata/json/small.json", b.Bytes())
}

func TestJSONExportFollowsItsSchema(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, validMap(t)); err != nil {
		t.Fatal(err)
	}
	rendertest.CheckSchema(t, rendertest.LoadSchema(t, "../../docs/export-json.schema.json"), b.Bytes())
}

func TestJSONExportIsDeterministic(t *testing.T) {
	var first bytes.Buffer
	if err := WriteJSON(&first, validMap(t)); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		var again bytes.Buffer
		if err := WriteJSON(&again, validMap(t)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatal("two exports of the same map differ")
		}
	}
}

func TestJSONExportOfAnEmptyMapHasEmptyLists(t *testing.T) {
	m, _ := argmap.Validate(rendertest.EmbeddedCorpus(t), []argmap.Input{{Path: "empty.yaml", Data: []byte("argmap: 1\nunits: []\n")}})
	var b bytes.Buffer
	if err := WriteJSON(&b, m); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"units": []`, `"relations": []`} {
		if !bytes.Contains(b.Bytes(), []byte(want)) {
			t.Errorf("no %s in\n%s", want, b.Bytes())
		}
	}
}
