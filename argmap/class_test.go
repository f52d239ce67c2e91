package argmap_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
)

// The class of testdata/compare/class, against testdata/compare/class-key.yaml.
// Every expected figure here is worked by hand in
// testdata/compare/class/README.md.

func classSubmissions(t *testing.T) []argmap.Submission {
	t.Helper()
	paths, err := filepath.Glob("testdata/compare/class/*.yaml")
	if err != nil || len(paths) != 6 {
		t.Fatalf("the class: %v, %v", paths, err)
	}
	var subs []argmap.Submission
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		subs = append(subs, argmap.Submission{Name: strings.TrimSuffix(filepath.Base(p), ".yaml"), Input: argmap.Input{Path: p, Data: data}})
	}
	return subs
}

func classOf(t *testing.T, a argmap.Assignment) *argmap.ClassComparison {
	t.Helper()
	return argmap.CompareClass(compareMap(t, "testdata/compare/class-key.yaml"), classSubmissions(t), a)
}

// want is a tally's figures as the README gives them; kappa is a ratio,
// or negative for undefined.
type want struct {
	keyUnits, otherUnits, matchedUnits        int
	kappa                                     float64
	keyRelations, otherRelations, matchedRels int
	typeDiffers                               int
	precision, recall, f1                     float64 // of the relations
}

func checkTally(t *testing.T, what string, got argmap.Tally, w want) {
	t.Helper()
	if got.KeyUnits != w.keyUnits || got.OtherUnits != w.otherUnits || got.MatchedUnits != w.matchedUnits {
		t.Errorf("%s: units %d/%d/%d, want %d/%d/%d", what, got.KeyUnits, got.OtherUnits, got.MatchedUnits, w.keyUnits, w.otherUnits, w.matchedUnits)
	}
	kappa, _ := got.Kappa()
	switch {
	case w.kappa < 0 && kappa != nil:
		t.Errorf("%s: kappa %v, want undefined", what, *kappa)
	case w.kappa >= 0 && (kappa == nil || !near(*kappa, w.kappa)):
		t.Errorf("%s: kappa %v, want %v", what, kappa, w.kappa)
	}
	r := got.Relations()
	if r.Key != w.keyRelations || r.Other != w.otherRelations || r.Matched != w.matchedRels || got.TypeDiffers() != w.typeDiffers {
		t.Errorf("%s: relations %d/%d/%d with %d type differences, want %d/%d/%d with %d", what, r.Key, r.Other, r.Matched, got.TypeDiffers(),
			w.keyRelations, w.otherRelations, w.matchedRels, w.typeDiffers)
	}
	if !near(r.Precision, w.precision) || !near(r.Recall, w.recall) || !near(r.F1, w.f1) {
		t.Errorf("%s: relations P %v R %v F1 %v, want %v %v %v", what, r.Precision, r.Recall, r.F1, w.precision, w.recall, w.f1)
	}
}

func TestClassStudentsScoreAsWorkedByHand(t *testing.T) {
	cc := classOf(t, argmap.Assignment{})
	tests := []struct {
		student string
		errors  int // > 0: the file is invalid
		want    want
		unitsP  float64
	}{
		{"ana", 0, want{6, 6, 6, 1, 4, 4, 4, 0, 1, 1, 1}, 1},
		{"ben", 0, want{6, 6, 6, 1, 4, 4, 3, 1, 0.75, 0.75, 0.75}, 1},
		{"chen", 0, want{6, 6, 6, 1, 4, 2, 2, 0, 1, 0.5, 2.0 / 3}, 1},
		{"dana", 0, want{6, 8, 6, 1, 4, 5, 4, 0, 0.8, 1, 8.0 / 9}, 0.75},
		{"eli", 2, want{}, 0},
		{"fay", 0, want{6, 6, 6, 5.0 / 7, 4, 4, 3, 0, 0.75, 0.75, 0.75}, 1},
	}
	if len(cc.Grades) != len(tests) {
		t.Fatalf("%d grades, want %d", len(cc.Grades), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.student, func(t *testing.T) {
			g := cc.Grades[i]
			if g.Name != tt.student {
				t.Fatalf("grade %d is %s, want %s", i, g.Name, tt.student)
			}
			if tt.errors > 0 {
				if g.Valid() || len(g.Errors) != tt.errors {
					t.Fatalf("valid %v with %d errors, want invalid with %d", g.Valid(), len(g.Errors), tt.errors)
				}
				return
			}
			if !g.Valid() {
				t.Fatalf("invalid: %v", g.Errors)
			}
			c := g.Comparison
			checkTally(t, tt.student, c.Tally, tt.want)
			if !near(c.Units.Precision, tt.unitsP) || c.Units.Recall != 1 {
				t.Errorf("units %+v, want P %v, R 1", c.Units, tt.unitsP)
			}
			if c.Outside != 0 {
				t.Errorf("%d units outside the whole key", c.Outside)
			}
		})
	}
}

func TestATypeDifferenceIsReportedOnceAndScoredApart(t *testing.T) {
	c := classOf(t, argmap.Assignment{}).Grades[1].Comparison // ben
	var kinds []string
	for _, d := range c.Disagreements {
		kinds = append(kinds, d.Kind)
	}
	if len(kinds) != 1 || kinds[0] != argmap.RelationTypeDiffers {
		t.Fatalf("disagreements %v, want one relation-type-differs", kinds)
	}
	d := c.Disagreements[0]
	if d.Relation.Type != argmap.Rebuts || d.OtherRelation.Type != argmap.Undercuts || d.Passage == nil {
		t.Errorf("type difference %+v, want the key's rebuts and ben's undercuts with a passage", d)
	}
	if d.Message != "the key's kp-comparison-inappropriate rebuts clark-50000; b-comparison-inappropriate undercuts b-50000" {
		t.Errorf("message %q", d.Message)
	}
	if c.Links.F1 != 1 || c.TypeDiffers != 1 || c.Relations.F1 != 0.75 {
		t.Errorf("links %+v, %d type differences, relations %+v; want links F1 1, 1, relations F1 0.75", c.Links, c.TypeDiffers, c.Relations)
	}
	if len(c.RelationMatches) != 4 || c.RelationMatches[2].SameType {
		t.Errorf("relation matches %+v, want four, the third of another type", c.RelationMatches)
	}
}

func TestTheClassPoolsItsValidStudents(t *testing.T) {
	cc := classOf(t, argmap.Assignment{})
	if cc.Valid != 5 {
		t.Errorf("%d valid students, want 5", cc.Valid)
	}
	checkTally(t, "class", cc.Total, want{30, 32, 30, 29.0 / 31, 20, 19, 16, 1, 16.0 / 19, 0.8, 32.0 / 39})
	if u := cc.Total.Units(); !near(u.Precision, 0.9375) || !near(u.F1, 30.0/31) {
		t.Errorf("class units %+v, want P 0.9375, F1 30/31", u)
	}
	if l := cc.Total.Links(); l.Matched != 17 {
		t.Errorf("class links %+v, want 17 matched", l)
	}
}

func TestTheClassByParagraph(t *testing.T) {
	cc := classOf(t, argmap.Assignment{})
	tests := []struct {
		id   string
		want want
	}{
		{"clark-1953-06-29:1", want{5, 6, 5, 1, 0, 0, 0, 0, 1, 1, 1}},
		{"clark-1953-06-29:5", want{10, 10, 10, 1, 5, 4, 4, 0, 1, 0.8, 8.0 / 9}},
		{"kim-peng-1953-07-07:1", want{5, 5, 5, 1, 5, 5, 5, 0, 1, 1, 1}},
		{"kim-peng-1953-07-07:3", want{10, 11, 10, 0.8, 10, 10, 7, 1, 0.7, 0.7, 0.7}},
	}
	if len(cc.ByParagraph) != len(tests) {
		t.Fatalf("%d paragraphs, want %d", len(cc.ByParagraph), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p := cc.ByParagraph[i]
			if p.ID() != tt.id {
				t.Fatalf("part %d is %s, want %s", i, p.ID(), tt.id)
			}
			checkTally(t, tt.id, p.Tally, tt.want)
		})
	}
}

func TestTheClassByDispute(t *testing.T) {
	cc := classOf(t, argmap.Assignment{})
	tests := []struct {
		id   string
		want want
	}{
		{"fifty-thousand", want{20, 21, 20, 0.875, 15, 14, 11, 1, 11.0 / 14, 11.0 / 15, 22.0 / 29}},
		{"serious", want{10, 10, 10, 1, 5, 5, 5, 0, 1, 1, 1}},
		{"", want{0, 1, 0, -1, 0, 0, 0, 0, 1, 1, 1}},
	}
	if len(cc.ByDispute) != len(tests) {
		t.Fatalf("%d disputes, want %d", len(cc.ByDispute), len(tests))
	}
	for i, tt := range tests {
		t.Run("dispute "+tt.id, func(t *testing.T) {
			p := cc.ByDispute[i]
			if p.ID() != tt.id {
				t.Fatalf("part %d is %q, want %q", i, p.ID(), tt.id)
			}
			checkTally(t, tt.id, p.Tally, tt.want)
		})
	}
}

func TestTheClassTroubleComesMostOftenFirst(t *testing.T) {
	cc := classOf(t, argmap.Assignment{})
	type trouble struct{ what, missed, mistyped string }
	var got []trouble
	for _, tr := range cc.Trouble {
		what := tr.Unit.ID
		if tr.Relation != nil {
			what += " " + string(tr.Relation.Type) + " " + tr.Relation.ToID
		}
		var mistyped []string
		for _, m := range tr.Mistyped {
			mistyped = append(mistyped, m.Student+":"+m.Given)
		}
		got = append(got, trouble{what, strings.Join(tr.Missed, ","), strings.Join(mistyped, ",")})
		if tr.Passage == nil {
			t.Errorf("%s has no passage", what)
		}
	}
	want := []trouble{
		{"kp-cases-differ supports kp-comparison-inappropriate", "chen,fay", ""},
		{"clark-50000 supports clark-impossible-all", "chen", ""},
		{"kp-comparison-inappropriate rebuts clark-50000", "", "ben:undercuts"},
		{"kp-cases-differ", "", "fay:rebuttal"},
	}
	if len(got) != len(want) {
		t.Fatalf("trouble %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("trouble %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestAnAssignmentOfParagraphsLeavesTheRestOut(t *testing.T) {
	key := compareMap(t, "testdata/compare/class-key.yaml")
	paragraph := key.Corpus.Document("kim-peng-1953-07-07").BodyParagraph(3)
	cc := argmap.CompareClass(key, classSubmissions(t), argmap.Assignment{Paragraphs: []*argmap.Paragraph{paragraph}})
	tests := map[string]struct {
		outside int
		want    want
	}{
		"ana":  {4, want{2, 2, 2, 1, 1, 1, 1, 0, 1, 1, 1}},
		"ben":  {4, want{2, 2, 2, 1, 1, 1, 1, 0, 1, 1, 1}},
		"chen": {4, want{2, 2, 2, 1, 1, 0, 0, 0, 0, 0, 0}},
		"dana": {5, want{2, 3, 2, 1, 1, 1, 1, 0, 1, 1, 1}},
		"fay":  {4, want{2, 2, 2, 0, 1, 0, 0, 0, 0, 0, 0}},
	}
	for _, g := range cc.Grades {
		tt, ok := tests[g.Name]
		if !ok {
			continue
		}
		t.Run(g.Name, func(t *testing.T) {
			checkTally(t, g.Name, g.Comparison.Tally, tt.want)
			if g.Comparison.Outside != tt.outside {
				t.Errorf("%d units outside, want %d", g.Comparison.Outside, tt.outside)
			}
			for _, d := range g.Comparison.Disagreements {
				if d.Kind == argmap.ExtraUnit && d.Other.Span.Paragraph.Number != 3 {
					t.Errorf("extra unit outside the assignment: %s", d.Message)
				}
			}
		})
	}
	checkTally(t, "class", cc.Total, want{10, 11, 10, 0.8, 5, 3, 3, 0, 1, 0.6, 0.75})
}

func TestAnAssignedDisputeCountsItsParagraphsButNotOtherDisputesUnits(t *testing.T) {
	key := compareMap(t, "testdata/compare/class-key.yaml")
	cc := argmap.CompareClass(key, classSubmissions(t), argmap.Assignment{Dispute: key.Dispute("serious")})
	for _, g := range cc.Grades {
		if !g.Valid() {
			continue
		}
		t.Run(g.Name, func(t *testing.T) {
			w, outside := want{2, 2, 2, 1, 1, 1, 1, 0, 1, 1, 1}, 4
			if g.Name == "dana" {
				w.otherUnits, outside = 3, 5
			}
			checkTally(t, g.Name, g.Comparison.Tally, w)
			if g.Comparison.Outside != outside {
				t.Errorf("%d units outside, want %d", g.Comparison.Outside, outside)
			}
		})
	}
	if len(cc.ByDispute) != 2 || cc.ByDispute[0].ID() != "serious" || cc.ByDispute[1].ID() != "" {
		t.Errorf("by dispute: %d parts, want serious then dana's X1 in no dispute", len(cc.ByDispute))
	}
}

// FuzzCompareClass grades an arbitrary file as one more student of the
// worked class: whether it validates or not, nothing may panic, the class
// must still count every other student, and no figure may leave [0, 1]
// (kappa [-1, 1]).
func FuzzCompareClass(f *testing.F) {
	paths, _ := filepath.Glob("testdata/compare/class/*.yaml")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("units: ["))
	key := compareMapOrFatal(f, "testdata/compare/class-key.yaml")
	var class []argmap.Submission
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		class = append(class, argmap.Submission{Name: p, Input: argmap.Input{Path: p, Data: data}})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		subs := append(slices.Clone(class), argmap.Submission{Name: "fuzz", Input: argmap.Input{Path: "fuzz.yaml", Data: data}})
		cc := argmap.CompareClass(key, subs, argmap.Assignment{})
		if len(cc.Grades) != len(subs) || cc.Valid < len(class)-1 {
			t.Fatalf("%d grades, %d valid", len(cc.Grades), cc.Valid)
		}
		for _, g := range cc.Grades {
			if !g.Valid() {
				continue
			}
			c := g.Comparison
			for _, s := range []argmap.Score{c.Units, c.Relations, c.Links} {
				for _, x := range []float64{s.Precision, s.Recall, s.F1} {
					if x < 0 || x > 1 || x != x {
						t.Fatalf("%s: a score out of range: %+v", g.Name, s)
					}
				}
			}
			if c.Kappa != nil && (*c.Kappa < -1 || *c.Kappa > 1) {
				t.Fatalf("%s: kappa %v", g.Name, *c.Kappa)
			}
			_ = c.ByParagraph()
			_ = c.ByDispute()
		}
	})
}

func compareMapOrFatal(f *testing.F, path string) *argmap.Map {
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	m, ds := argmap.Validate(c, []argmap.Input{{Path: path, Data: data}})
	if argmap.Fails(ds, false) {
		f.Fatalf("%s does not validate", path)
	}
	return m
}
