package argmap_test

import (
	"math"
	"os"
	"testing"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
)

func compareMap(t *testing.T, path string) *argmap.Map {
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		t.Fatal(err)
	}
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, ds := argmap.Validate(c, []argmap.Input{{Path: path, Data: data}})
	if argmap.Fails(ds, false) {
		t.Fatalf("%s does not validate: %v", path, ds)
	}
	return m
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCompareOfAMapWithItselfAgreesPerfectly(t *testing.T) {
	key := compareMap(t, "testdata/compare/key.yaml")
	c := argmap.Compare(key, compareMap(t, "testdata/compare/key.yaml"))
	if c.Kappa == nil || *c.Kappa != 1 || c.KindAgreement != 1 {
		t.Errorf("kappa %v, agreement %v; want 1, 1", c.Kappa, c.KindAgreement)
	}
	if c.Relations.F1 != 1 || c.Units.F1 != 1 || len(c.Disagreements) != 0 {
		t.Errorf("relations %+v, units %+v, %d disagreements", c.Relations, c.Units, len(c.Disagreements))
	}
}

// The student's map against the key, worked by hand.
//
// Units. Every key unit has a student unit in its paragraph over the same
// quotes (s-not-accepted quotes less argmap.English but overlaps); s-responsibility
// (¶2) matches nothing. Matched 5 of 5 key units, 5 of 6 student units:
// precision 5/6, recall 1.
//
// Kinds of the 5 matched pairs (key / student):
//
//	kp0619-serious     claim      / claim
//	clark-incorrect    rebuttal   / rebuttal
//	clark-serious      claim      / concession   <- differs
//	kp-correct         concession / concession
//	kp-unsatisfactory  rebuttal   / rebuttal
//
// po = 4/5 = 0.8. Key marginals: claim 2/5, rebuttal 2/5, concession 1/5;
// student: claim 1/5, rebuttal 2/5, concession 2/5.
// pe = (2·1 + 2·2 + 1·2) / 25 = 8/25 = 0.32.
// kappa = (0.8 − 0.32) / (1 − 0.32) = 0.48 / 0.68 = 12/17 ≈ 0.7059.
//
// Relations. Key (4): clark-incorrect rebuts kp0619-serious; kp-correct
// concedes clark-serious; kp-unsatisfactory rebuts clark-incorrect;
// kp-unsatisfactory supports kp-correct. Student (5): s-not-accepted rebuts
// s-facts (= key 1, matched); s-serious concedes s-facts (extra);
// s-correct concedes s-serious (= key 2, matched); s-unsatisfactory rebuts
// s-serious (extra: the key rebuts clark-incorrect); s-responsibility
// supports s-unsatisfactory (extra). Matched 2.
// P = 2/5 = 0.4, R = 2/4 = 0.5, F1 = 2·0.4·0.5 / 0.9 = 4/9 ≈ 0.4444.
func TestCompareFiguresMatchTheHandWorkedExample(t *testing.T) {
	c := argmap.Compare(compareMap(t, "testdata/compare/key.yaml"), compareMap(t, "testdata/compare/student.yaml"))
	if c.Kappa == nil || !near(*c.Kappa, 12.0/17) {
		t.Errorf("kappa = %v, want 12/17", c.Kappa)
	}
	if !near(c.KindAgreement, 0.8) {
		t.Errorf("kind agreement = %v, want 0.8", c.KindAgreement)
	}
	if r := c.Relations; r.Key != 4 || r.Other != 5 || r.Matched != 2 || !near(r.Precision, 0.4) || !near(r.Recall, 0.5) || !near(r.F1, 4.0/9) {
		t.Errorf("relations = %+v, want 2 of 4 and 5: P 0.4, R 0.5, F1 4/9", r)
	}
	if u := c.Units; u.Matched != 5 || !near(u.Precision, 5.0/6) || u.Recall != 1 {
		t.Errorf("units = %+v, want 5 matched, P 5/6, R 1", u)
	}
	pairs := map[string]string{}
	for _, m := range c.Matches {
		pairs[m.Key.ID] = m.Other.ID
	}
	if pairs["clark-incorrect"] != "s-not-accepted" || pairs["clark-serious"] != "s-serious" {
		t.Errorf("matches = %v", pairs)
	}
	count := map[string]int{}
	for _, d := range c.Disagreements {
		count[d.Kind]++
		if d.Passage == nil || d.Message == "" {
			t.Errorf("%s disagreement without passage or message: %+v", d.Kind, d)
		}
	}
	want := map[string]int{argmap.KindDiffers: 1, argmap.ExtraUnit: 1, argmap.MissingRelation: 2, argmap.ExtraRelation: 3}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%d %s disagreements, want %d (all: %v)", count[k], k, n, count)
		}
	}
}

func TestCompareMatchesTheBestOverlapFirst(t *testing.T) {
	key := &argmap.Unit{ID: "k", Kind: argmap.Claim}
	near1 := &argmap.Unit{ID: "near", Kind: argmap.Claim}
	far := &argmap.Unit{ID: "far", Kind: argmap.Claim}
	p := &argmap.Paragraph{Doc: &argmap.Document{ID: "d"}, Role: argmap.Body, Number: 1}
	span := func(u *argmap.Unit, start, end int) {
		u.Span = argmap.Span{Doc: p.Doc, Paragraph: p, Quotes: map[argmap.Lang]*argmap.Quote{argmap.English: {Lang: argmap.English, Start: start, End: end, Found: true}}}
	}
	span(key, 10, 20)
	span(far, 15, 40)
	span(near1, 9, 20)
	c := argmap.Compare(&argmap.Map{Units: []*argmap.Unit{key}}, &argmap.Map{Units: []*argmap.Unit{far, near1}})
	if len(c.Matches) != 1 || c.Matches[0].Other != near1 {
		t.Fatalf("matches = %+v, want k with near", c.Matches)
	}
	if c.Units.Other != 2 || len(c.Disagreements) != 1 || c.Disagreements[0].Kind != argmap.ExtraUnit {
		t.Errorf("units %+v, disagreements %+v", c.Units, c.Disagreements)
	}
}

func TestCompareMatchesOnlyOverlappingQuotesOfOneParagraph(t *testing.T) {
	doc := &argmap.Document{ID: "d"}
	p1 := &argmap.Paragraph{Doc: doc, Role: argmap.Body, Number: 1, Index: 1}
	p2 := &argmap.Paragraph{Doc: doc, Role: argmap.Body, Number: 2, Index: 2}
	unit := func(id string, p *argmap.Paragraph, quotes map[argmap.Lang][2]int) *argmap.Unit {
		u := &argmap.Unit{ID: id, Kind: argmap.Claim, Span: argmap.Span{Doc: doc, Paragraph: p, Quotes: map[argmap.Lang]*argmap.Quote{}}}
		for lang, q := range quotes {
			u.Span.Quotes[lang] = &argmap.Quote{Lang: lang, Start: q[0], End: q[1], Found: true}
		}
		return u
	}
	en := func(start, end int) map[argmap.Lang][2]int {
		return map[argmap.Lang][2]int{argmap.English: {start, end}}
	}
	tests := []struct {
		name  string
		key   *argmap.Unit
		other *argmap.Unit
		match bool
	}{
		{"quotes that touch share nothing", unit("k", p1, en(0, 10)), unit("o", p1, en(10, 20)), false},
		{"quotes that share one code point match", unit("k", p1, en(0, 10)), unit("o", p1, en(9, 20)), true},
		{"a quote inside another matches", unit("k", p1, en(0, 100)), unit("o", p1, en(40, 50)), true},
		{"the same place in another paragraph does not match", unit("k", p1, en(0, 10)), unit("o", p2, en(0, 10)), false},
		{"an overlap in one language is enough", unit("k", p1, map[argmap.Lang][2]int{argmap.English: {0, 10}, argmap.Chinese: {0, 5}}),
			unit("o", p1, map[argmap.Lang][2]int{argmap.English: {20, 30}, argmap.Chinese: {4, 8}}), true},
		{"an empty quote matches nothing", unit("k", p1, en(5, 5)), unit("o", p1, en(0, 10)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := argmap.Compare(&argmap.Map{Units: []*argmap.Unit{tt.key}}, &argmap.Map{Units: []*argmap.Unit{tt.other}})
			if got := len(c.Matches) == 1; got != tt.match {
				t.Errorf("matched %v, want %v", got, tt.match)
			}
		})
	}
}
