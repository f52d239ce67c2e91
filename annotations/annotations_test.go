package annotations_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/argmap/argmap/annotations"
	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
)

// bundledMap loads the embedded map over the embedded corpus and fails the
// test unless it validates cleanly even under --strict.
func bundledMap(t *testing.T) *argmap.Map {
	t.Helper()
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := argmap.FSInputs(annotations.FS, "annotations/")
	if err != nil {
		t.Fatal(err)
	}
	m, ds := argmap.Validate(c, inputs)
	if argmap.Fails(ds, true) {
		t.Fatalf("the bundled map does not validate: %v", ds)
	}
	return m
}

// repairedMoves are the relations the referee's review of December 2026
// found missing, mistyped or carried by the wrong unit (see the appendix
// "Review and response" of docs/armistice-1953.md). Each is carried by the
// unit whose own English quote makes the move, and phrase is the part of
// that quote that makes it.
var repairedMoves = []struct {
	from   string
	typ    argmap.RelationType
	to     string
	phrase string
}{
	// The reply's thesis answers Clark's explanation as a whole (problem 1).
	{"kp-unsatisfactory", argmap.Rebuts, "clark-released-sense", "your explanation and handling of this incident are unsatisfactory"},
	{"kp-unsatisfactory", argmap.Rebuts, "clark-denies-condoning", "your explanation and handling of this incident are unsatisfactory"},
	// Clark's "control" turned against his denial of power (problem 7).
	{"kp-no-sanctions", argmap.Rebuts, "clark-no-power", "under the control of the United Nations Command"},
	// A demand on the South Korean government presupposes power over it (problem 8).
	{"kp-effective-steps", argmap.Rebuts, "clark-no-power", "ensure that the South Korean government and army comply"},
	{"kp-absolute-responsibility", argmap.Supports, "kp-unsatisfactory", "you must bear absolute responsibility"},
	// "In fact, however" contradicts; the grant of announced efforts undercuts (problem 9, missed move 3).
	{"kp-mp-ordered", argmap.Rebuts, "clark-recovery-efforts", "In fact, your military police were ordered not to interfere"},
	{"kp-efforts-but-impossible", argmap.Undercuts, "clark-recovery-efforts", "you both stated that you were making efforts to recover"},
	// Clark's answers to the demand to recover all (problems 10 and 11).
	{"clark-impossible-all", argmap.Rebuts, "kp0619-recover-all", "it is as impossible for us to recover all of these prisoners of war"},
	{"clark-return-if-willing", argmap.Rebuts, "kp0619-recover-all", "if they do not object to such return"},
	{"clark-return-if-willing", argmap.Supports, "clark-meet-now", "the cessation of hostilities will help"},
	{"clark-article-59", argmap.Supports, "clark-return-if-willing", "According to Article 59"},
	// The 19 June dilemma and Clark's assurance (problems 4 and 16).
	{"kp0619-includes-rok", argmap.Supports, "kp0619-guarantees", "whether the Korean armistice includes"},
	{"clark-guarantee-answer", argmap.Rebuts, "kp0619-guarantees", "It is hereby assured to you"},
	{"clark-cooperation-needed", argmap.Concedes, "kp0619-guarantees", "require the cooperation of the authorities"},
	// Granted as given, undercut as to content.
	{"kp-credits-desire", argmap.Concedes, "clark-guarantee-answer", "the guarantees you have provided"},
	{"kp-no-certainty", argmap.Undercuts, "clark-best-efforts", "you have expressed no certainty"},
}

func TestRepairedMovesAreCarriedByTheUnitWhoseQuoteMakesThem(t *testing.T) {
	m := bundledMap(t)
	for _, mv := range repairedMoves {
		t.Run(mv.from+" "+string(mv.typ)+" "+mv.to, func(t *testing.T) {
			from := m.Unit(mv.from)
			if from == nil {
				t.Fatalf("no unit %s in the bundled map", mv.from)
			}
			if m.Unit(mv.to) == nil {
				t.Fatalf("no unit %s in the bundled map", mv.to)
			}
			if q := from.Span.Quotes[argmap.English]; q == nil || !strings.Contains(q.Text, mv.phrase) {
				t.Errorf("%s does not quote %q, the words that make the move", mv.from, mv.phrase)
			}
			found := false
			for _, r := range from.Relations {
				if r.Type == mv.typ && r.To != nil && r.To.ID == mv.to {
					found = true
				}
			}
			if !found {
				t.Errorf("%s has no %s relation to %s", mv.from, mv.typ, mv.to)
			}
		})
	}
}

func TestChineseSummariesNameThePartiesInTheThirdPerson(t *testing.T) {
	m := bundledMap(t)
	for _, u := range m.Units {
		zh := u.Summary[argmap.Chinese]
		if zh == "" {
			t.Errorf("%s has no Chinese summary", u.ID)
		}
		for _, pronoun := range []string{"你方", "我方", "你们", "我们"} {
			if strings.Contains(zh, pronoun) {
				t.Errorf("%s: Chinese summary %q says %s; name the party (联合国军, 克拉克, 朝中方面)", u.ID, zh, pronoun)
			}
		}
	}
}

var secondPerson = regexp.MustCompile(`\b(you|your|yours|we|our|ours|us)\b`)

func TestEnglishSummariesNameThePartiesInTheThirdPerson(t *testing.T) {
	m := bundledMap(t)
	for _, u := range m.Units {
		if w := secondPerson.FindString(strings.ToLower(u.Summary[argmap.English])); w != "" {
			t.Errorf("%s: English summary %q says %q; name the party", u.ID, u.Summary[argmap.English], w)
		}
	}
}

// A question is not a proposition, and only propositions can be rebutted or
// conceded: a unit standing for the 19 June letter states what a question of
// it implied.
func TestReportedUnitsArePropositionsNotQuestions(t *testing.T) {
	m := bundledMap(t)
	reported := 0
	for _, u := range m.Units {
		if u.Reports == nil {
			continue
		}
		reported++
		en, zh := u.Summary[argmap.English], u.Summary[argmap.Chinese]
		if strings.HasPrefix(en, "Asks") || strings.Contains(en, "?") || strings.Contains(zh, "询问") || strings.Contains(zh, "？") {
			t.Errorf("%s is summarised as a question (%q / %q); state the proposition it implies", u.ID, en, zh)
		}
	}
	if reported == 0 {
		t.Error("the bundled map has no reported units")
	}
}

// TestExerciseKeyAgreesWithTheBundledMap keeps the key of the reading
// guide's first exercise (Clark ¶3) a true excerpt of the bundled map: the
// same units, kinds and quotes, and no relation the map does not have.
func TestExerciseKeyAgreesWithTheBundledMap(t *testing.T) {
	m := bundledMap(t)
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"../docs/exercises/clark-3-key.yaml", "../docs/exercises/clark-3-student.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, ds := argmap.Validate(c, []argmap.Input{{Path: path, Data: data}}); argmap.Fails(ds, false) {
			t.Fatalf("%s does not validate: %v", path, ds)
		}
	}
	data, err := os.ReadFile("../docs/exercises/clark-3-key.yaml")
	if err != nil {
		t.Fatal(err)
	}
	key, _ := argmap.Validate(c, []argmap.Input{{Path: "clark-3-key.yaml", Data: data}})
	if len(key.Units) == 0 {
		t.Fatal("the exercise key has no units")
	}
	for _, ku := range key.Units {
		u := m.Unit(ku.ID)
		if u == nil {
			t.Errorf("the key's %s is not in the bundled map", ku.ID)
			continue
		}
		if ku.Kind != u.Kind {
			t.Errorf("%s is a %s in the key, a %s in the map", ku.ID, ku.Kind, u.Kind)
		}
		for _, lang := range []argmap.Lang{argmap.English, argmap.Chinese} {
			if kq, q := ku.Span.Quotes[lang], u.Span.Quotes[lang]; kq == nil || q == nil || kq.Text != q.Text {
				t.Errorf("%s quotes differ in %s", ku.ID, lang)
			}
		}
		for _, kr := range ku.Relations {
			found := false
			for _, r := range u.Relations {
				found = found || (r.Type == kr.Type && r.ToID == kr.ToID)
			}
			if !found {
				t.Errorf("the key's %s %s %s is not in the bundled map", ku.ID, kr.Type, kr.ToID)
			}
		}
	}
}

// TestReadingGuidesListTheDeclaredDisputes keeps the guides' lists of
// disputes, English and Chinese, the same as the map's disputes: the same
// ids in the same order, each with its units in the map's order.
func TestReadingGuidesListTheDeclaredDisputes(t *testing.T) {
	m := bundledMap(t)
	item := regexp.MustCompile("(?m)^\\d+\\. \\*\\*.*?\\*\\*\\s*[(（]`([a-z0-9-]+)`[)）][:：]\\s*(.*)$")
	id := regexp.MustCompile("`([a-z0-9-]+)`")
	for _, guide := range []struct{ path, heading string }{
		{"../docs/armistice-1953.md", "## Disputes\n"},
		{"../docs/armistice-1953.zh.md", "## 争议点\n"},
	} {
		t.Run(guide.path, func(t *testing.T) {
			data, err := os.ReadFile(guide.path)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			start := strings.Index(text, guide.heading)
			if start < 0 {
				t.Fatalf("no %q section", strings.TrimSpace(guide.heading))
			}
			section := text[start+len(guide.heading):]
			if end := strings.Index(section, "\n## "); end >= 0 {
				section = section[:end]
			}
			var listed []string
			for _, match := range item.FindAllStringSubmatch(section, -1) {
				listed = append(listed, match[1])
				d := m.Dispute(match[1])
				if d == nil {
					t.Errorf("the guide lists dispute %s, which the map does not declare", match[1])
					continue
				}
				var units, want []string
				for _, u := range id.FindAllStringSubmatch(match[2], -1) {
					units = append(units, u[1])
				}
				for _, u := range d.Units {
					want = append(want, u.ID)
				}
				if got := strings.Join(units[:min(len(units), len(want))], " "); got != strings.Join(want, " ") {
					t.Errorf("dispute %s: the guide lists %v, the map %v", d.ID, units, want)
				}
			}
			if got, want := strings.Join(listed, " "), strings.Join(m.DisputeIDs(), " "); got != want {
				t.Errorf("the guide lists disputes %s, the map declares %s", got, want)
			}
		})
	}
}
