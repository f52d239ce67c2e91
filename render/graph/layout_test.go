package graph

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/internal/rendertest"
)

var bothLanguages = []argmap.Lang{argmap.English, argmap.Chinese}

// draw lays out a diagram of the map as argmap render draws it.
func draw(t *testing.T, m *argmap.Map, opts DiagramOptions) []byte {
	t.Helper()
	dot, err := DOT(m, opts)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := SVG(dot)
	if err != nil {
		t.Fatal(err)
	}
	return svg
}

// TestWholeMapCanBeFollowed holds the readability of the bundled map as
// argmap render --legend draws it, in each language: at most 40 pairs of
// relation edges cross and at most 5 edges reach over a quarter of the
// drawing's height (issue 10). The layout is deterministic, so the figures
// themselves are held too, in testdata/figures.txt: a change shows in its
// diff (refresh with -update).
func TestWholeMapCanBeFollowed(t *testing.T) {
	m := rendertest.BundledMap(t)
	var figures strings.Builder
	for _, lang := range bothLanguages {
		f, err := measureSVG(draw(t, m, DiagramOptions{Lang: lang, Legend: true}))
		if err != nil {
			t.Fatal(err)
		}
		if f.Crossings > 40 {
			t.Errorf("%s: %d pairs of relation edges cross, want at most 40: %v", lang, f.Crossings, f.Crossing)
		}
		if f.Long > 5 {
			t.Errorf("%s: %d relation edges reach over a quarter of the height, want at most 5: %v", lang, f.Long, f.LongEdges)
		}
		fmt.Fprintf(&figures, "argmap render --legend --lang %s: %s\n", lang, f)
	}
	rendertest.CheckGolden(t, filepath.Join("testdata", "figures.txt"), []byte(figures.String()))
}

// TestGoFiguresMatchSvgstat measures the whole map with measureSVG and with
// the reviewers' svgstat.py, and wants the same figures.
func TestGoFiguresMatchSvgstat(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 is needed to run testdata/svgstat.py")
		}
		t.Skip("python3 is not installed")
	}
	m := rendertest.BundledMap(t)
	for _, lang := range bothLanguages {
		t.Run(string(lang), func(t *testing.T) {
			svg := draw(t, m, DiagramOptions{Lang: lang, Legend: true})
			path := filepath.Join(t.TempDir(), "map.svg")
			if err := os.WriteFile(path, svg, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(python, filepath.Join("testdata", "svgstat.py"), path).Output()
			if err != nil {
				t.Fatalf("svgstat.py: %v", err)
			}
			got, err := measureSVG(svg)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.TrimSpace(string(out)); got.String() != want {
				t.Errorf("measureSVG: %s\nsvgstat.py:  %s", got, want)
			}
		})
	}
}

// TestEveryDisputeFitsAScreen draws each dispute of the bundled map, as
// render --dispute and --split do, in each language, and wants it to fit a
// 1920×1080 screen at its natural size with labels of at least 12 pt.
func TestEveryDisputeFitsAScreen(t *testing.T) {
	m := rendertest.BundledMap(t)
	for _, d := range m.Disputes() {
		for _, lang := range bothLanguages {
			t.Run(d.ID+"/"+string(lang), func(t *testing.T) {
				f, err := measureSVG(draw(t, m, DiagramOptions{Lang: lang, Legend: true, Dispute: d.ID}))
				if err != nil {
					t.Fatal(err)
				}
				if f.Width > ScreenWidth || f.Height > ScreenHeight {
					t.Errorf("the diagram is %.0f×%.0f pt, more than %.0f×%.0f", f.Width, f.Height, ScreenWidth, ScreenHeight)
				}
				// Graphviz rounds the width to a point, not the viewBox:
				// the scale is a hair under 1.
				if f.MinFont < fontSize-0.05 {
					t.Errorf("its smallest text is %.1f pt, less than %g", f.MinFont, fontSize)
				}
			})
		}
	}
}

// svgGroup is a g element of a Graphviz SVG with what the tests read.
type svgGroup struct {
	ID    string `xml:"id,attr"`
	Class string `xml:"class,attr"`
	Title string `xml:"title"`
	Texts []struct {
		Text string `xml:",chardata"`
	} `xml:"text"`
	Links []svgGroup `xml:"a"`
	Inner []svgGroup `xml:"g"`
}

// svgGroups returns every g element of an SVG document by id.
func svgGroups(t *testing.T, svg []byte) map[string]svgGroup {
	t.Helper()
	var root struct {
		Groups []svgGroup `xml:"g"`
	}
	if err := xml.Unmarshal(svg, &root); err != nil {
		t.Fatal(err)
	}
	byID := map[string]svgGroup{}
	var walk func([]svgGroup)
	walk = func(gs []svgGroup) {
		for _, g := range gs {
			byID[g.ID] = g
			walk(g.Inner)
			walk(g.Links)
		}
	}
	walk(root.Groups)
	return byID
}

// text returns the lines of text drawn inside a group.
func (g svgGroup) text() []string {
	var lines []string
	for _, tx := range g.Texts {
		lines = append(lines, tx.Text)
	}
	for _, inner := range append(g.Inner, g.Links...) {
		lines = append(lines, inner.text()...)
	}
	return lines
}

// TestRelationEdgesAreTitledFromTo checks the SVG contract for tools: each
// relation edge's title is "FROM->TO", the answering unit first, with no
// ports, whichever way Graphviz drew the edge and whatever side a support
// within a letter runs on.
func TestRelationEdgesAreTitledFromTo(t *testing.T) {
	m := rendertest.BundledMap(t)
	cases := []struct {
		name string
		opts DiagramOptions
	}{
		{"the whole map", DiagramOptions{Legend: true}},
		{"one dispute", DiagramOptions{Dispute: "condoning"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			groups := svgGroups(t, draw(t, m, tc.opts))
			seen := 0
			for _, r := range m.Relations {
				g, ok := groups[RelationElementID(r)]
				if !ok {
					continue
				}
				seen++
				if want := r.From.ID + "->" + r.To.ID; html.UnescapeString(g.Title) != want {
					t.Errorf("edge %s is titled %q, want %q", g.ID, g.Title, want)
				}
				if !strings.HasPrefix(g.Class, "edge relation ") {
					t.Errorf("edge %s has class %q", g.ID, g.Class)
				}
			}
			if seen == 0 {
				t.Fatal("the drawing has no relation edge")
			}
		})
	}
}

// TestBandsAreLabelledWithTheirDisputes checks that the whole map names
// each band: a label per dispute, in the language drawn, left of the
// letters, in the order of the bands from top to bottom.
func TestBandsAreLabelledWithTheirDisputes(t *testing.T) {
	m := rendertest.BundledMap(t)
	for _, lang := range bothLanguages {
		t.Run(string(lang), func(t *testing.T) {
			dot, err := DOT(m, DiagramOptions{Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			svg, err := SVG(dot)
			if err != nil {
				t.Fatal(err)
			}
			groups := svgGroups(t, svg)
			pos := centres(t, dot)
			for _, d := range m.Disputes() {
				g, ok := groups[DisputeLabelID(d)]
				if !ok {
					t.Errorf("dispute %s has no label", d.ID)
					continue
				}
				if got, want := strings.Join(g.text(), " "), strings.Join(render.Wrap(d.TitleIn(lang), bandLabelColumns), " "); got != want {
					t.Errorf("the label of %s reads %q, want %q", d.ID, got, want)
				}
				// The label is left of every unit of its dispute.
				for _, u := range d.Units {
					if pos[DisputeLabelID(d)].x >= pos[u.ID].x {
						t.Errorf("the label of %s is not left of its unit %s", d.ID, u.ID)
					}
				}
			}
		})
	}
}

// centres lays out DOT and returns the centre of each node by name, from
// Graphviz's JSON output.
func centres(t *testing.T, dot []byte) map[string]point {
	t.Helper()
	out, err := LayoutJSON(dot)
	if err != nil {
		t.Fatal(err)
	}
	var layout struct {
		Objects []struct {
			Name string `json:"name"`
			Pos  string `json:"pos"`
		} `json:"objects"`
	}
	if err := json.Unmarshal(out, &layout); err != nil {
		t.Fatal(err)
	}
	pos := map[string]point{}
	for _, o := range layout.Objects {
		var p point
		if _, err := fmt.Sscanf(o.Pos, "%g,%g", &p.x, &p.y); err == nil {
			pos[o.Name] = p
		}
	}
	return pos
}

// TestBandedLayoutIsTheSameInEveryLanguage checks that the English and the
// Chinese map put every unit in the same place and route every support on
// the same side, so that a reader can go from one to the other.
func TestBandedLayoutIsTheSameInEveryLanguage(t *testing.T) {
	m := rendertest.BundledMap(t)
	en := bandedLayout(m, m.Units, DiagramOptions{Lang: argmap.English})
	zh := bandedLayout(m, m.Units, DiagramOptions{Lang: argmap.Chinese})
	for _, u := range m.Units {
		if en.place[u] != zh.place[u] {
			t.Errorf("unit %s is at %v in English and %v in Chinese", u.ID, en.place[u], zh.place[u])
		}
	}
	for _, r := range m.Relations {
		if en.side[r] != zh.side[r] {
			t.Errorf("relation %s runs on side %q in English and %q in Chinese", RelationElementID(r), en.side[r], zh.side[r])
		}
	}
}

// TestSmallEditKeepsTheBands adds a unit to Clark's letter of the bundled
// map and checks that the bands keep their order and every unit of the
// other letters its place: the map looks the same after a small edit.
func TestSmallEditKeepsTheBands(t *testing.T) {
	base := rendertest.BundledMap(t)
	data, err := os.ReadFile(filepath.Join("..", "..", "annotations", "armistice-1953.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	unit := `  - id: clark-no-help
    kind: claim
    summary: {en: "The escape does not help the early armistice", zh: "逃亡无助于早日停战"}
    span: {doc: clark-1953-06-29, paragraph: 1, en: "it does not help the early armistice that both sides are earnestly striving for", zh: "对于双方热诚争取的早日停战也无助益"}
    supports: [clark-escape-serious]
`
	text := strings.Replace(string(data), "\nunits:\n", "\nunits:\n"+unit, 1)
	path := filepath.Join(t.TempDir(), "armistice-1953.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := rendertest.LoadMap(t, path)
	if edited.Unit("clark-no-help") == nil {
		t.Fatal("the edited map lacks the new unit")
	}
	before := bandedLayout(base, base.Units, DiagramOptions{})
	after := bandedLayout(edited, edited.Units, DiagramOptions{})
	order := func(l *layout) string {
		var ids []string
		for _, d := range l.titles {
			if d != nil {
				ids = append(ids, d.ID)
			}
		}
		return strings.Join(ids, " ")
	}
	if order(before) != order(after) {
		t.Errorf("the bands moved:\nbefore: %s\nafter:  %s", order(before), order(after))
	}
	for _, u := range base.Units {
		if u.Origin().ID == "clark-1953-06-29" {
			continue
		}
		if was, is := before.place[u], after.place[edited.Unit(u.ID)]; was != is {
			t.Errorf("unit %s moved from %v to %v", u.ID, was, is)
		}
	}
}

// TestManyBandsHaveNoLabels checks that a map of more disputes than the
// search orders, 250 here, draws its bands in the disputes' own order and
// without a column of labels, which would double Graphviz's work.
func TestManyBandsHaveNoLabels(t *testing.T) {
	m := rendertest.SyntheticMap(t, 500)
	if n := len(m.Disputes()); n <= maxOrderedBands {
		t.Fatalf("the synthetic map has %d disputes, want more than %d", n, maxOrderedBands)
	}
	dot, err := DOT(m, DiagramOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(dot), "dispute-label") {
		t.Error("the DOT labels the bands")
	}
}

// editedBundledMap loads the bundled map with old replaced by new in its
// file.
func editedBundledMap(t *testing.T, old, new string) *argmap.Map {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "annotations", "armistice-1953.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("the bundled map does not contain %q", old)
	}
	path := filepath.Join(t.TempDir(), "armistice-1953.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return rendertest.LoadMap(t, path)
}

// searchKeyOf is the key of the band search of a whole map.
func searchKeyOf(m *argmap.Map) searchKey {
	s := newBandSearch(m, m.Units, DiagramOptions{})
	return s.key()
}

// TestBandSearchIsRememberedByWhatItWeighs checks the key the band search
// is remembered by: the same for an edit of words that keeps every node's
// size, as most saves under argmap serve are, and different for an edit
// the search weighs.
func TestBandSearchIsRememberedByWhatItWeighs(t *testing.T) {
	base := searchKeyOf(rendertest.BundledMap(t))
	for _, tc := range []struct {
		name     string
		old, new string
		same     bool
	}{
		{"a summary with a word of the same length keeps the key", `is serious"`, `is SERIOUS"`, true},
		{"a summary a line longer changes it", `is serious"`, `is serious, far more serious than the UNC has so far been willing to admit in any of its letters"`, false},
		{"a relation more changes it", "    concedes: [kp0619-escape-serious]\n", "    concedes: [kp0619-escape-serious]\n    supports: [clark-return-if-willing]\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if same := searchKeyOf(editedBundledMap(t, tc.old, tc.new)) == base; same != tc.same {
				t.Errorf("same key: %v, want %v", same, tc.same)
			}
		})
	}
}

// TestRememberedBandSearchDrawsWhatASearchDraws checks that a layout made
// from a remembered search, for another map of the same shape, is the
// layout a search of its own finds.
func TestRememberedBandSearchDrawsWhatASearchDraws(t *testing.T) {
	base := rendertest.BundledMap(t)
	bandedLayout(base, base.Units, DiagramOptions{})
	edited := editedBundledMap(t, `is serious"`, `is SERIOUS"`)
	if _, ok := foundBands(searchKeyOf(edited)); !ok {
		t.Fatal("the search of the bundled map is not remembered for the edited map")
	}
	remembered := bandedLayout(edited, edited.Units, DiagramOptions{})
	rememberedSearches.Lock()
	rememberedSearches.searches = nil
	rememberedSearches.Unlock()
	searched := bandedLayout(edited, edited.Units, DiagramOptions{})
	if !reflect.DeepEqual(remembered, searched) {
		t.Errorf("the remembered search draws another layout than a search of its own:\nremembered: %+v\nsearched:   %+v", remembered, searched)
	}
}
