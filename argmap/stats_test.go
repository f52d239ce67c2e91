package argmap_test

import (
	"testing"

	"github.com/argmap/argmap/argmap"
)

func TestStatsCountUnitsRelationsAndCoverage(t *testing.T) {
	m := compareMap(t, "testdata/compare/key.yaml")
	stats := argmap.Stats(m)
	var clark1, kp1, kp2 *argmap.ParagraphStats
	for i, s := range stats {
		switch s.Paragraph.Ref() {
		case "clark-1953-06-29:1":
			clark1 = &stats[i]
		case "kim-peng-1953-07-07:1":
			kp1 = &stats[i]
		case "kim-peng-1953-07-07:2":
			kp2 = &stats[i]
		}
	}
	if clark1 == nil || kp1 == nil || kp2 == nil {
		t.Fatal("a body paragraph is missing from the stats")
	}
	if clark1.Units[argmap.Claim] != 2 || clark1.Units[argmap.Rebuttal] != 1 || clark1.Relations[argmap.Rebuts] != 1 {
		t.Errorf("clark ¶1: %+v", clark1)
	}
	if kp1.Units[argmap.Concession] != 1 || kp1.Relations[argmap.Concedes] != 1 || kp1.Relations[argmap.Supports] != 1 {
		t.Errorf("kim-peng ¶1: %+v", kp1)
	}
	// kim-peng ¶1 (zh): "这是对的" (4) and "但你对于这一事件的解释和处理，是不能令人满意的" (23), apart.
	zh := []rune(kp1.Paragraph.Text[argmap.Chinese])
	if want := 27.0 / float64(len(zh)); kp1.Coverage[argmap.Chinese] != want {
		t.Errorf("kim-peng ¶1 zh coverage %v, want 27/%d", kp1.Coverage[argmap.Chinese], len(zh))
	}
	if kp2.Coverage[argmap.English] != 0 || len(kp2.Units) != 0 {
		t.Errorf("kim-peng ¶2 has no unit: %+v", kp2)
	}
}
