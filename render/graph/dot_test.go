package graph

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/argmap"
)

func TestDOTMatchesGoldenFiles(t *testing.T) {
	cases := []struct {
		name string
		file string
		opts DiagramOptions
	}{
		{"small map in English", "small.yaml", DiagramOptions{}},
		{"small map in Chinese", "small.yaml", DiagramOptions{Lang: argmap.Chinese}},
		{"small map with quotes and legend", "small.yaml", DiagramOptions{Quotes: true, Legend: true}},
		{"focus on one unit at depth one", "small.yaml", DiagramOptions{Focus: "clark-incorrect", Depth: 1}},
		{"one document and what answers it", "small.yaml", DiagramOptions{Doc: "kim-peng-1953-06-19"}},
		{"hostile text escaped", "hostile.yaml", DiagramOptions{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := rendertest.LoadMap(t, rendertest.Map(tc.file))
			got, err := DOT(m, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.CheckGolden(t, filepath.Join("testdata", "dot", strings.ReplaceAll(tc.name, " ", "-")+".dot"), got)
		})
	}
}

func TestDOTIsDeterministic(t *testing.T) {
	m := rendertest.LoadMap(t, rendertest.Map("small.yaml"))
	first, _ := DOT(m, DiagramOptions{Legend: true})
	for i := 0; i < 20; i++ {
		again, _ := DOT(rendertest.LoadMap(t, rendertest.Map("small.yaml")), DiagramOptions{Legend: true})
		if !bytes.Equal(first, again) {
			t.Fatal("two renders of the same map differ")
		}
	}
}

var nodeLine = regexp.MustCompile(`(?m)^    "([a-z0-9-]+)" \[id=.*$`)

// TestAddingAUnitLeavesTheOtherLettersAlone adds a unit to Clark's letter
// and checks that every other unit keeps its line, in the same order, and
// that in the laid-out SVG no unit of another letter changes position.
func TestAddingAUnitLeavesTheOtherLettersAlone(t *testing.T) {
	base := rendertest.LoadMap(t, rendertest.Map("small.yaml"))
	data, _ := os.ReadFile(rendertest.Map("small.yaml"))
	extra := `  - id: clark-article-59
    kind: claim
    summary: {en: Escaped prisoners may go north after the armistice, zh: 逃亡战俘可在停战后前往北方}
    span: {doc: clark-1953-06-29, paragraph: 5, en: "can go to your side after the armistice takes effect", zh: "可以在停战生效后前往你方"}
    supports: [clark-incorrect]
`
	dir := t.TempDir()
	edited := filepath.Join(dir, "edited.yaml")
	os.WriteFile(edited, append(data, extra...), 0o644)
	more := rendertest.LoadMap(t, edited)

	before, _ := DOT(base, DiagramOptions{})
	after, _ := DOT(more, DiagramOptions{})
	beforeNodes := nodeLine.FindAllString(string(before), -1)
	var afterNodes []string
	for _, l := range nodeLine.FindAllString(string(after), -1) {
		if !strings.Contains(l, `"clark-article-59"`) {
			afterNodes = append(afterNodes, l)
		}
	}
	if strings.Join(beforeNodes, "\n") != strings.Join(afterNodes, "\n") {
		t.Errorf("adding a unit changed the other nodes:\nbefore:\n%s\nafter:\n%s", strings.Join(beforeNodes, "\n"), strings.Join(afterNodes, "\n"))
	}

	posBefore := nodePositions(t, before)
	posAfter := nodePositions(t, after)
	for _, id := range []string{"kp0619-serious", "kp-correct", "kp-unsatisfactory"} {
		if posBefore[id] != posAfter[id] {
			t.Errorf("unit %s of another letter moved from %v to %v", id, posBefore[id], posAfter[id])
		}
	}
	if len(posBefore) != 5 {
		t.Fatalf("found %d unit nodes in the SVG, want 5: %v", len(posBefore), posBefore)
	}
	if y(posAfter["clark-article-59"]) <= y(posAfter["clark-incorrect"]) {
		t.Errorf("the ¶5 unit should be below the ¶1 units: %v vs %v", posAfter["clark-article-59"], posAfter["clark-incorrect"])
	}
}

// y returns the vertical coordinate of a position; SVG's y grows downwards.
func y(pos [2]string) float64 {
	v, _ := strconv.ParseFloat(pos[1], 64)
	return v
}

// nodePositions lays the DOT out to SVG and returns each unit node's label
// anchor: x as drawn, y measured down from the graph's title, since SVG
// counts y from the bottom of a drawing whose height changes with edits.
func nodePositions(t *testing.T, dot []byte) map[string][2]string {
	t.Helper()
	svg, err := SVG(dot)
	if err != nil {
		t.Fatal(err)
	}
	type text struct {
		X string `xml:"x,attr"`
		Y string `xml:"y,attr"`
	}
	type group struct {
		ID    string  `xml:"id,attr"`
		Class string  `xml:"class,attr"`
		Texts []text  `xml:"text"`
		Inner []group `xml:"g"`
		Links []group `xml:"a"`
	}
	var root struct {
		Groups []group `xml:"g"`
	}
	if err := xml.Unmarshal(svg, &root); err != nil {
		t.Fatal(err)
	}
	pos := map[string][2]string{}
	if len(root.Groups) == 0 || len(root.Groups[0].Texts) == 0 {
		t.Fatal("SVG has no graph title")
	}
	top, _ := strconv.ParseFloat(root.Groups[0].Texts[0].Y, 64)
	var walk func(gs []group)
	walk = func(gs []group) {
		for _, g := range gs {
			if strings.HasPrefix(g.ID, "unit-") {
				id := strings.TrimPrefix(g.ID, "unit-")
				for _, inner := range append(g.Inner, g.Links...) {
					for _, a := range append([]group{inner}, inner.Links...) {
						if len(a.Texts) > 0 {
							yy, _ := strconv.ParseFloat(a.Texts[0].Y, 64)
							pos[id] = [2]string{a.Texts[0].X, strconv.FormatFloat(yy-top, 'f', 2, 64)}
						}
					}
				}
			}
			walk(g.Inner)
		}
	}
	walk(root.Groups)
	return pos
}

func TestDOTEscapesAnnotationText(t *testing.T) {
	m := rendertest.LoadMap(t, rendertest.Map("hostile.yaml"))
	dot, err := DOT(m, DiagramOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Every label must still be one DOT string: the summary's quotes and
	// backslashes are escaped, so Graphviz parses the file and sees the
	// same two unit nodes.
	svg, err := SVG(dot)
	if err != nil {
		t.Fatalf("hostile labels broke the DOT: %v\n%s", err, dot)
	}
	for _, want := range []string{`>&lt;script&gt;alert(1)&lt;/script&gt; &quot;\G&quot; \&quot;<`, `>} ]; evil &#45;&gt; x<`} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG lacks the summary as text %q:\n%s", want, svg)
		}
	}
	if bytes.Contains(svg, []byte("<script>")) {
		t.Error("SVG contains a live <script> element")
	}
}

func TestBundledMapDOTMatchesGolden(t *testing.T) {
	m := rendertest.BundledMap(t)
	for _, lang := range []argmap.Lang{argmap.English, argmap.Chinese} {
		got, err := DOT(m, DiagramOptions{Lang: lang, Legend: true})
		if err != nil {
			t.Fatal(err)
		}
		rendertest.CheckGolden(t, filepath.Join("testdata", "dot", "armistice-1953."+string(lang)+".dot"), got)
	}
}

// TestReadmeDiagramsAreUpToDate fails when a diagram that the README and
// the reading guide show no longer matches the bundled map. Regenerate them
// with the commands in the table (or go test ./render/graph -update).
func TestReadmeDiagramsAreUpToDate(t *testing.T) {
	m := rendertest.BundledMap(t)
	cases := []struct {
		file    string
		command string
		opts    DiagramOptions
	}{
		{"armistice-1953.svg", "argmap render --legend -o docs/armistice-1953.svg", DiagramOptions{Legend: true}},
		{"condoning.svg", "argmap render --dispute condoning --legend -o docs/condoning.svg",
			DiagramOptions{Legend: true, Dispute: "condoning"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			dot, err := DOT(m, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			svg, err := SVG(dot)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("..", "..", "docs", tc.file)
			if want, err := os.ReadFile(path); err == nil && !bytes.Equal(svg, want) && !rendertest.Update() {
				t.Fatalf("%s is out of date: regenerate it with go run ./cmd/%s", path, tc.command)
			}
			rendertest.CheckGolden(t, path, svg)
		})
	}
}

// TestSVGHasEveryUnitAndRelation lays out the bundled map in each language
// and checks the drawing, not the DOT: a node per unit carrying its summary,
// an edge per relation, nothing else with those ids.
func TestSVGHasEveryUnitAndRelation(t *testing.T) {
	m := rendertest.BundledMap(t)
	type element struct {
		ID    string `xml:"id,attr"`
		Class string `xml:"class,attr"`
		Texts []struct {
			Text string `xml:",chardata"`
		} `xml:"a>text"`
		Inner []element `xml:"g"`
	}
	for _, lang := range []argmap.Lang{argmap.English, argmap.Chinese} {
		t.Run(string(lang), func(t *testing.T) {
			dot, err := DOT(m, DiagramOptions{Lang: lang, Legend: true})
			if err != nil {
				t.Fatal(err)
			}
			svg, err := SVG(dot)
			if err != nil {
				t.Fatal(err)
			}
			var root struct {
				Groups []element `xml:"g"`
			}
			if err := xml.Unmarshal(svg, &root); err != nil {
				t.Fatal(err)
			}
			nodes := map[string]string{} // id -> label text
			edges := map[string]bool{}
			var walk func([]element)
			walk = func(gs []element) {
				for _, g := range gs {
					switch {
					case strings.HasPrefix(g.ID, "unit-"):
						var label []string
						for _, inner := range g.Inner {
							for _, tx := range inner.Texts {
								label = append(label, tx.Text)
							}
						}
						nodes[g.ID] = strings.Join(label, " ")
					case strings.HasPrefix(g.ID, "rel-"):
						edges[g.ID] = true
					}
					walk(g.Inner)
				}
			}
			walk(root.Groups)
			if len(nodes) != len(m.Units) {
				t.Errorf("%d unit nodes in the SVG, want %d", len(nodes), len(m.Units))
			}
			for _, u := range m.Units {
				label, ok := nodes[NodeElementID(u)]
				if !ok {
					t.Errorf("unit %s has no node", u.ID)
					continue
				}
				// The label wraps the summary over lines; compare its first line.
				first := render.Wrap(u.Summary[lang], wrapColumns)[0]
				if !strings.Contains(label, first) {
					t.Errorf("node of %s reads %q, which lacks %q", u.ID, label, first)
				}
			}
			if len(edges) != len(m.Relations) {
				t.Errorf("%d relation edges in the SVG, want %d", len(edges), len(m.Relations))
			}
			for _, r := range m.Relations {
				if !edges[RelationElementID(r)] {
					t.Errorf("relation %s has no edge", RelationElementID(r))
				}
			}
		})
	}
}

// TestHugeSummaryReachesGraphvizBounded: a valid map may hold a summary of
// a megabyte (long-summary only warns). Every place the DOT shows it (the
// node's label and tooltip, a derived dispute's band label and tooltip, a
// dispute diagram's title) is bounded, so Graphviz never lays out the
// megabyte: the DOT of every diagram stays small.
func TestHugeSummaryReachesGraphvizBounded(t *testing.T) {
	data, err := os.ReadFile("../../argmap/testdata/valid/clean.yaml")
	if err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("x", 1<<20)
	text := strings.Replace(string(data), "{en: The escape of the prisoners is a serious event,", "{en: "+huge+",", 1)
	if text == string(data) {
		t.Fatal("the clean map no longer has the summary this test replaces")
	}
	path := filepath.Join(t.TempDir(), "huge.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	m := rendertest.LoadMap(t, path)
	diagrams := []DiagramOptions{{Legend: true}, {Lang: argmap.Chinese}}
	for _, id := range m.DisputeIDs() {
		diagrams = append(diagrams, DiagramOptions{Dispute: id})
	}
	for _, opts := range diagrams {
		dot, err := DOT(m, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(dot) > 100_000 {
			t.Errorf("the DOT of %+v is %d bytes: a megabyte summary reaches Graphviz", opts, len(dot))
		}
	}
}

// TestQuoteEscapesWhatCouldEndOrBendTheString checks DOT's quoting of
// annotation text: quotes and backslashes escaped, line ends as \n,
// carriage returns dropped, bytes that are not UTF-8 replaced, the rest as
// it is.
func TestQuoteEscapesWhatCouldEndOrBendTheString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", `"plain"`},
		{"", `""`},
		{`say "no"`, `"say \"no\""`},
		{`\N and \G`, `"\\N and \\G"`},
		{"two\nlines", `"two\nlines"`},
		{"crlf\r\nend", `"crlf\nend"`},
		{"联合国军“逃亡”", `"联合国军“逃亡”"`},
		{"bad \xff\xfe byte", "\"bad \uFFFD\uFFFD byte\""},
		{`"`, `"\""`},
	} {
		if got := quote(tc.in); got != tc.want {
			t.Errorf("quote(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
