package argmap

import (
	"bytes"
	"testing"

	"github.com/argmap/argmap/seeds"
)

func TestStarter(t *testing.T) {
	c, err := LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		t.Fatal(err)
	}
	got := Starter(c, "annotations.schema.json")
	t.Run("matches the golden file", func(t *testing.T) {
		checkGolden(t, "testdata/fmt/init-embedded.golden", got)
	})
	t.Run("validates with no errors", func(t *testing.T) {
		m, diags := Validate(c, []Input{{Path: "starter.yaml", Data: got}})
		if errs, _, _ := Count(diags); errs > 0 {
			t.Errorf("Validate reports errors: %v", diags)
		}
		if len(m.Units) != 0 {
			t.Errorf("the starter has %d units, want none", len(m.Units))
		}
		for _, d := range diags {
			t.Logf("%s", d)
		}
	})
	t.Run("is already formatted", func(t *testing.T) {
		if out := mustFormat(t, "starter.yaml", got); !bytes.Equal(out, got) {
			t.Errorf("argmap fmt would change the starter:\n%s", out)
		}
	})
}
