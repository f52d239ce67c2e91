package argmap_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/annotations"
	"github.com/argmap/argmap/argmap"
)

func unitIDs(units []*argmap.Unit) string {
	var ids []string
	for _, u := range units {
		ids = append(ids, u.ID)
	}
	return strings.Join(ids, " ")
}

// TestDerivedDisputesOfTheCleanMap checks the derivation rule of
// docs/annotations.md on the clean sample, worked by hand: units joined by
// answers make a dispute, supporters join the dispute they support, the
// root is the first answered unit that answers nothing.
func TestDerivedDisputesOfTheCleanMap(t *testing.T) {
	m, diags := argmap.Validate(loadEmbedded(t), []argmap.Input{readInput(t, cleanMap)})
	if len(diags) > 0 {
		t.Fatalf("the clean map has diagnostics: %v", diags)
	}
	want := []struct{ id, units string }{
		{"kp19-escape-serious", "clark-escape-serious kp19-escape-serious kp-serious-correct"},
		{"kp19-release-not-escape", "kp19-release-not-escape clark-escaped-not-released kp-handling-unsatisfactory"},
		{"kp19-unc-controls-rok", "kp19-unc-controls-rok clark-rok-sovereign kp-unc-responsible"},
		{"kp19-asks-guarantee", "kp19-asks-guarantee clark-guarantee-efforts kp-measures-necessary kp-no-certainty"},
		{"kp19-unc-condoned", "kp19-unc-condoned clark-condoning-contrary-to-facts kp-military-police kp-condoned-in-fact"},
		{"clark-50000-comparison", "clark-50000-comparison kp-comparison-inappropriate"},
		{"clark-meet-immediately", "clark-exchange-74000 clark-meet-immediately kp-agree-meet comm-issued comm-letter-delivered"},
	}
	got := m.Disputes()
	if len(got) != len(want) {
		t.Fatalf("%d disputes, want %d: %v", len(got), len(want), m.DisputeIDs())
	}
	for i, w := range want {
		d := got[i]
		if d.ID != w.id || unitIDs(d.Units) != w.units || d.Declared {
			t.Errorf("dispute %d = %s [%s] declared=%v, want %s [%s]", i, d.ID, unitIDs(d.Units), d.Declared, w.id, w.units)
		}
		if d.TitleIn(argmap.English) != d.Roots[0].Summary[argmap.English] {
			t.Errorf("dispute %s is titled %q, not its root's summary", d.ID, d.TitleIn(argmap.English))
		}
		for _, r := range d.Relations {
			if !d.Has(r.From) || !d.Has(r.To) {
				t.Errorf("dispute %s holds relation %s→%s whose ends are not both in it", d.ID, r.From.ID, r.To.ID)
			}
		}
	}
	// Every answer belongs to exactly one derived dispute.
	for _, r := range m.Relations {
		if !r.Type.Answers() {
			continue
		}
		n := 0
		for _, d := range got {
			if slices.Contains(d.Relations, r) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s %s %s is in %d derived disputes, want 1", r.From.ID, r.Type, r.ToID, n)
		}
	}
}

// TestDeclaredDisputesReplaceDerivedOnes: the bundled map declares its
// disputes; they come in the file's order, titled in both languages, with
// every answer of the map inside one of them (validate --strict is clean).
func TestDeclaredDisputesReplaceDerivedOnes(t *testing.T) {
	inputs, err := argmap.FSInputs(annotations.FS, "annotations/")
	if err != nil {
		t.Fatal(err)
	}
	m, diags := argmap.Validate(loadEmbedded(t), inputs)
	if argmap.Fails(diags, true) {
		t.Fatalf("the bundled map fails --strict: %v", diags)
	}
	ds := m.Disputes()
	if len(ds) == 0 || ds[0].ID != "serious-incident" || !ds[0].Declared {
		t.Fatalf("want the declared disputes, serious-incident first; got %v", m.DisputeIDs())
	}
	for _, d := range ds {
		if d.TitleIn(argmap.English) == "" || d.TitleIn(argmap.Chinese) == d.TitleIn(argmap.English) {
			t.Errorf("dispute %s lacks an English or a Chinese title", d.ID)
		}
		if len(d.Units) < 2 || len(d.Relations) == 0 {
			t.Errorf("dispute %s has %d units and %d relations", d.ID, len(d.Units), len(d.Relations))
		}
	}
	if m.Dispute("condoning") == nil || m.Dispute("no-such-dispute") != nil {
		t.Error("Dispute(id) does not find condoning, or finds what does not exist")
	}
}

// TestDisputeRootsGrowByAnswersAndSupports: a dispute declared by its root
// holds the root, what answers it down the letters, and their supports.
func TestDisputeRootsGrowByAnswersAndSupports(t *testing.T) {
	file := argmap.Input{Path: "disputes.yaml", Data: []byte(`disputes:
  - {id: condoning, title: {en: "Did the UNC condone it?", zh: "联合国军是否纵容？"}, roots: [kp19-unc-condoned]}
`)}
	m, _ := argmap.Validate(loadEmbedded(t), []argmap.Input{readInput(t, cleanMap), file})
	d := m.Dispute("condoning")
	if d == nil {
		t.Fatalf("no dispute condoning: %v", m.DisputeIDs())
	}
	// Clark ¶5 reports the charge, denies it, then compares with the 50,000;
	// the reply answers the denial in ¶2 and the comparison in ¶3.
	want := "kp19-unc-condoned clark-condoning-contrary-to-facts clark-50000-comparison kp-military-police kp-condoned-in-fact kp-comparison-inappropriate"
	if got := unitIDs(d.Units); got != want {
		t.Errorf("units %s, want %s", got, want)
	}
	if unitIDs(d.Roots) != "kp19-unc-condoned" {
		t.Errorf("roots %s", unitIDs(d.Roots))
	}
}
