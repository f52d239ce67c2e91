package reader

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/graph"
	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/argmap"
)

func TestSegmentsNestOverlappingSpans(t *testing.T) {
	unit := func(id string, start, end int) anchor {
		return anchor{key: id, number: id, unit: &argmap.Unit{ID: id, Kind: argmap.Claim, Span: argmap.Span{Quotes: map[argmap.Lang]*argmap.Quote{
			argmap.Chinese: {Start: start, End: end, Found: true},
		}}}}
	}
	// Code points, not bytes: each character below is three bytes in UTF-8.
	text := "甲乙丙丁戊己庚辛壬癸"
	anchors := []anchor{unit("a", 0, 6), unit("b", 3, 9), unit("c", 3, 6), unit("lost", 4, 4)}
	type seg struct {
		text  string
		units string
	}
	want := []seg{{"甲乙丙", "a"}, {"丁戊己", "a b c"}, {"庚辛壬", "b"}, {"癸", ""}}
	got := segments(text, argmap.Chinese, anchors, true)
	if len(got) != len(want) {
		t.Fatalf("got %d segments %+v, want %d", len(got), got, len(want))
	}
	for i, s := range got {
		var ids []string
		for _, u := range s.Units {
			ids = append(ids, u.Key)
		}
		if s.Text != want[i].text || strings.Join(ids, " ") != want[i].units {
			t.Errorf("segment %d = %q covered by %q, want %q covered by %q", i, s.Text, ids, want[i].text, want[i].units)
		}
	}
	if !got[0].Units[0].First || got[1].Units[0].First || !got[1].Units[1].First {
		t.Errorf("each unit's first segment carries its number and link: %+v", got)
	}
	if !got[0].Units[0].Tab || got[1].Units[0].Tab {
		t.Errorf("only a unit's first segment is its tab stop: %+v", got)
	}
	if untabbed := segments(text, argmap.Chinese, anchors, false); untabbed[0].Units[0].Tab {
		t.Errorf("a text that is not read first has no tab stops")
	}
}

func TestReaderEscapesHostileText(t *testing.T) {
	m := rendertest.LoadMap(t, rendertest.Map("hostile.yaml"))
	for _, opts := range []ReaderOptions{{}, {Dispute: m.DisputeIDs()[0]}, {Key: m}} {
		var b bytes.Buffer
		if err := Reader(&b, m, opts); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		for _, bad := range []string{"<script>alert", "<img"} {
			if strings.Contains(page, bad) {
				t.Errorf("the page contains %q unescaped", bad)
			}
		}
		if strings.Count(page, "<script") != 2 {
			t.Errorf("the page has %d script elements, want the data and the reader's own", strings.Count(page, "<script"))
		}
		if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("the hostile summary is not shown as text")
		}
	}
}

func TestReaderIsSelfContained(t *testing.T) {
	m := rendertest.LoadMap(t, rendertest.Map("small.yaml"))
	var b bytes.Buffer
	if err := Reader(&b, m, ReaderOptions{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy meta")
	}
	policy := html.UnescapeString(csp[1])
	if !strings.HasPrefix(policy, "default-src 'none';") || !strings.Contains(policy, readerScriptHash) || strings.Contains(policy, "connect-src") {
		t.Errorf("policy %q does not forbid the network or allow exactly the reader's script", policy)
	}
	if !strings.Contains(page, "<script>"+readerJS+"</script>") {
		t.Errorf("the reader's script is not inlined verbatim, so its hash would not match")
	}
	// Only XML namespaces may name a URL: nothing is fetched.
	for _, u := range regexp.MustCompile(`(?:src|href)="([^"#][^"]*)"`).FindAllStringSubmatch(page, -1) {
		if u[1] != "data:," {
			t.Errorf("the page links to %s", u[1])
		}
	}
	if open, closed := strings.Count(page, "<mark"), strings.Count(page, "</mark>"); open != closed || open == 0 {
		t.Errorf("%d marks open, %d closed", open, closed)
	}
	svg := strings.ReplaceAll(page, "&#45;", "-") // Graphviz writes - as a character reference
	for _, u := range m.Units {
		if !strings.Contains(svg, `id="map-en-unit-`+u.ID+`"`) || !strings.Contains(svg, `id="map-zh-unit-`+u.ID+`"`) {
			t.Errorf("unit %s has no node in both diagrams", u.ID)
		}
	}
}

func TestReaderShowsDiagnosticsWithoutAMap(t *testing.T) {
	d := argmap.Diagnostic{File: "a.yaml", Range: argmap.Range{Start: argmap.Position{Line: 3, Column: 7}},
		Severity: argmap.SeverityError, Rule: argmap.RuleInvalidValue, Message: "kind <b> is not a kind"}
	for lang, heading := range map[string]string{"en": "The annotations do not validate", "zh": "标注未通过校验"} {
		var b bytes.Buffer
		if err := Reader(&b, nil, ReaderOptions{Lang: lang, Live: true, Version: "4", Diagnostics: []argmap.Diagnostic{d}}); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		for _, want := range []string{"a.yaml:3:7: error: kind &lt;b&gt; is not a kind [invalid-value]", `"version":"4"`, "connect-src 'self'",
			heading, `<html lang="` + lang + `"`} {
			if !strings.Contains(strings.ReplaceAll(page, "&#39;", "'"), want) {
				t.Errorf("the %s page lacks %s", lang, want)
			}
		}
		if strings.Contains(page, `id="letters"`) {
			t.Errorf("an invalid map still shows the letters")
		}
	}
}

func TestTheChineseTableHasEveryMessage(t *testing.T) {
	for _, m := range pageMessages.Keys() {
		if _, ok := pageMessages[argmap.Chinese][m]; !ok {
			t.Errorf("the reader's Chinese table lacks %q", m)
		}
	}
}

// texts returns the text of each element that a mode shows, for a
// selector of the form <tag ... data-l="MODE" ...>TEXT<.
func shownIn(page, mode string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`data-l="`+regexp.QuoteMeta(mode)+`" lang="([^"]*)"[^>]*>([^<]*)<`).FindAllStringSubmatch(page, -1) {
		out = append(out, m[1]+":"+m[2])
	}
	return out
}

func TestEveryStringOfTheChineseModeIsChinese(t *testing.T) {
	m := rendertest.BundledMap(t)
	for _, opts := range []ReaderOptions{{Lang: "zh"}, {Lang: "zh", Dispute: "condoning"}, {Lang: "zh", Key: rendertest.LoadMap(t, rendertest.Map("small.yaml"))}} {
		var b bytes.Buffer
		if err := Reader(&b, m, opts); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		if !strings.Contains(page, `<html lang="zh" data-lang="zh"`) {
			t.Errorf("the page does not open in Chinese: %.80s", page[strings.Index(page, "<html"):])
		}
		shown := shownIn(page, "zh")
		if len(shown) < 100 {
			t.Fatalf("only %d strings for the Chinese mode", len(shown))
		}
		for _, s := range shown {
			if !strings.HasPrefix(s, "zh:") {
				t.Errorf("the Chinese mode shows %q, which is not marked Chinese", s)
			}
		}
		title := regexp.MustCompile(`<title>([^<]*)</title>`).FindStringSubmatch(page)
		if title == nil || !strings.ContainsFunc(title[1], argmap.IsWide) {
			t.Errorf("the page's title is not Chinese: %v", title)
		}
	}
}

func TestEachReplySitsBesideWhatItAnswersInAChain(t *testing.T) {
	m := chainMap(t)
	var b bytes.Buffer
	if err := Reader(&b, m, ReaderOptions{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	var rows []string
	for _, section := range strings.Split(page, `<section class="exchange`)[1:] {
		var cols []string
		for _, d := range regexp.MustCompile(`<div class="document( repeat)?"(?: id="doc-([^"]*)")?>\s*<h2 class="doc-title">(?:<span[^>]*>)?([^<]*)`).FindAllStringSubmatch(section, -1) {
			cols = append(cols, d[3]+d[1])
		}
		rows = append(rows, strings.Join(cols, " | "))
	}
	want := []string{"Morel, 3 April 1911 | the Company, 10 April 1911", "the Company, 10 April 1911 repeat | Morel, 17 April 1911"}
	if !slices.Equal(rows, want) {
		t.Errorf("rows of letters:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if n := strings.Count(page, `id="p-company-1911-04-10-1"`); n != 1 {
		t.Errorf("the repeated letter's paragraph has its id %d times, want once", n)
	}
	// The repeat is marked and linked, but adds no tab stops.
	repeat := page[strings.Index(page, `<div class="document repeat">`):]
	repeat = repeat[:strings.Index(repeat, `</div>`+"\n      <div")]
	if !strings.Contains(repeat, `data-unit="company-unsafe" role="link" tabindex="-1"`) || strings.Contains(repeat, `tabindex="0"`) {
		t.Errorf("the repeated letter's passages should be links without tab stops:\n%s", repeat)
	}
}

func TestAPageInALanguageWithoutStringsSaysSoOnce(t *testing.T) {
	m := chainMap(t)
	var b bytes.Buffer
	if err := Reader(&b, m, ReaderOptions{Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	note := strings.ReplaceAll(pageMessages.Say(argmap.English, msgFallback, "fr"), "'", "&#39;")
	if n := strings.Count(page, note); n != 1 {
		t.Errorf("the page says %d times that its strings are English, want once", n)
	}
	if !strings.Contains(page, `<p class="fallback" role="note"><span data-l="fr" lang="en" class="one">`+note) {
		t.Errorf("the note is not shown in the French mode alone, marked English")
	}
	if !strings.Contains(page, `<html lang="fr" data-lang="fr"`) {
		t.Errorf("the page does not open in French")
	}
	for _, want := range []string{`<span lang="en">The whole map</span>`, // a string of the page: English in every mode
		`<span data-l="fr" lang="fr">Le pont ferme aux charrettes le 1er mai</span>`, // a summary, in French
		`<p class="text" data-l="fr" lang="fr">`,
		`<button type="button" data-set-lang="fr" aria-pressed="true" lang="fr">FR</button>`,
		`<button type="button" data-set-lang="both" aria-pressed="false">EN &#43; FR</button>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if err := Reader(&b, m, ReaderOptions{Lang: "zh"}); err == nil || !strings.Contains(err.Error(), "en, fr, both") {
		t.Errorf("a language the corpus lacks: err = %v", err)
	}
}

func TestAOneDisputeHandoutMarksOnlyItsPassages(t *testing.T) {
	m := rendertest.BundledMap(t)
	d := m.Dispute("fifty-thousand")
	var b bytes.Buffer
	if err := Reader(&b, m, ReaderOptions{Dispute: d.ID}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	marked := map[string]bool{}
	for _, u := range regexp.MustCompile(`<mark class="[^"]*" data-unit="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		marked[u[1]] = true
	}
	for _, u := range d.Units {
		if !marked[u.ID] {
			t.Errorf("unit %s of the dispute is not marked", u.ID)
		}
		delete(marked, u.ID)
	}
	if len(marked) > 0 {
		t.Errorf("units outside the dispute are marked: %v", marked)
	}
	refs := regexp.MustCompile(`data-ref="([^"]*)"`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, r := range refs {
		got = append(got, r[1])
	}
	var want []string
	for _, p := range d.Paragraphs() {
		want = append(want, p.Ref())
	}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs %v, want the dispute's %v", got, want)
	}
	if strings.Count(page, `<figure class="figure"`) != 1 || !strings.Contains(page, `data-view="fifty-thousand"`) {
		t.Errorf("the handout should hold the dispute's diagram alone")
	}
	if !strings.Contains(page, render.Say(argmap.English, render.MsgKey)) || !strings.Contains(page, `class="left-out"`) {
		t.Errorf("the handout lacks its key or the mark of paragraphs left out")
	}
}

func TestAStudentsMapBesideTheKeyMarksTheDifferences(t *testing.T) {
	key := rendertest.LoadMap(t, rendertest.Map("small.yaml"))
	dir := t.TempDir()
	student := filepath.Join(dir, "student.yaml")
	// The student misses kp0619-serious and clark-incorrect, calls the
	// concession a rebuttal, and adds a claim the key does not have.
	data := `argmap: 1
units:
  - id: s-serious
    kind: claim
    summary: {en: "The escape is a serious event", zh: 逃亡是严重事件}
    span: {doc: clark-1953-06-29, paragraph: 1, en: "is a serious event", zh: "是一个严重的事件"}
  - id: s-correct
    kind: rebuttal
    summary: {en: "Kim and Peng agree", zh: 同意}
    span: {doc: kim-peng-1953-07-07, paragraph: 1, en: "which is correct", zh: "这是对的"}
    rebuts: [s-serious]
  - id: s-notified
    kind: claim
    summary: {en: "The UNC notified the facts", zh: 联合国军通知了事实}
    span: {doc: clark-1953-06-29, paragraph: 1, en: "immediately notified you", zh: "立即将关于损失了这些战俘的事实通知了你们"}
`
	if err := os.WriteFile(student, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	m := rendertest.LoadMap(t, student)
	var b bytes.Buffer
	if err := Reader(&b, m, ReaderOptions{Key: key, KeyName: "key.yaml", StudentName: "student.yaml"}); err != nil {
		t.Fatal(err)
	}
	page := strings.ReplaceAll(b.String(), "&#45;", "-")
	for _, want := range []string{
		`<mark class="unit-span claim missed first" data-unit="key.kp0619-serious"`,
		`<mark class="unit-span rebuttal missed first" data-unit="key.clark-incorrect"`,
		`<mark class="unit-span rebuttal differs first" data-unit="s-correct"`,
		`<mark class="unit-span claim extra first" data-unit="s-notified"`,
		`class="node unit claim missed" data-unit="key.kp0619-serious"`,
		`class="node unit rebuttal differs" data-unit="s-correct"`,
		`id="key-en-rel-kp-correct-concedes-clark-serious" class="edge relation concedes differs"`,
		`id="student-en-rel-s-correct-rebuts-s-serious" class="edge relation rebuts differs"`,
		`id="key-en-rel-kp-unsatisfactory-rebuts-clark-incorrect" class="edge relation rebuts missing"`,
		"Relation of another type: 3 rebuts 1; the key has K4 concedes K1",
		`matches the key&#39;s K1`,
		"Student&#39;s map (student.yaml)", "Key (key.yaml)",
		"2 of 5 key units matched",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if regexp.MustCompile(`<mark [^>]*data-unit="key.clark-serious"`).MatchString(page) {
		t.Errorf("a key unit the student matched is marked again in the letters")
	}
}

// chainMap loads the map of the test corpus lys: three letters in a chain
// (Morel writes, the Company replies, Morel replies again), in English and
// French.
func chainMap(t *testing.T) *argmap.Map {
	t.Helper()
	return rendertest.CorpusMap(t, "lys")
}

func TestPreparedNodesCarryTheirNumberNameAndKey(t *testing.T) {
	svg := `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="100pt" height="80pt" viewBox="0.00 0.00 100.00 80.00">
<g id="graph0" class="graph">
<!-- a&#45;b -->
<g id="unit&#45;a&#45;b" class="node unit rebuttal">
<title>a&#45;b</title>
<g id="a_unit&#45;a&#45;b"><a xlink:title="x">
<polygon fill="#fbe3d3" stroke="#d55e00" points="90,-40 70,-60 20,-60 10,-40 20,-20 70,-20 90,-40"/>
<text text-anchor="middle" x="50" y="-44">Clark &amp; co say</text>
<text text-anchor="middle" x="50" y="-30">Clark ¶5</text>
</a>
</g>
</g>
<!-- rel -->
<g id="rel&#45;a&#45;b&#45;rebuts&#45;c" class="edge relation rebuts">
<path d="M1,2C3,4 5,6 7,8"/>
</g>
</g>
</svg>
`
	marks := diagramMarks{
		nodes: map[string]nodeMark{"a-b": {key: "key.a-b", number: "K12", kind: "rebuttal", class: " missed",
			name: func(number, shown, kind string) string { return number + " " + shown + " (" + kind + ")" }}},
		edges: map[string]string{"rel-a-b-rebuts-c": " missing"},
	}
	got := string(prepareSVG([]byte(svg), "fig-en-", marks))
	for _, want := range []string{
		`<g id="fig-en-unit-a-b" class="node unit rebuttal missed" data-unit="key.a-b" role="link" tabindex="-1" aria-label="K12 Clark &amp; co say Clark ¶5 (rebuttal)">`,
		`<g id="fig-en-a_unit&#45;a&#45;b">`,
		`<rect x="6.00" y="-67.00"`, // the badge sits on the top left corner, (10, -60)
		`>K12</text>`,
		`<g id="fig-en-rel-a-b-rebuts-c" class="edge relation rebuts missing">`,
		`<g id="fig-en-graph0" class="graph">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the SVG lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<?xml") {
		t.Errorf("the XML prolog is left in")
	}
	if strings.Index(got, ">K12</text>") > strings.Index(got, ">Clark &amp; co say<") {
		t.Errorf("the badge should be drawn over the shape, before the label")
	}
}

func TestTopLeftReadsPathsAndPolygons(t *testing.T) {
	for _, tc := range []struct {
		name, shapes string
		x, y         float64
	}{
		{"a rounded box is a path", `<path fill="#e1eef8" d="M247.76,-101.48C247.76,-101.48 32,-101.48 32,-101.48 26,-101.48 20,-95.48 20,-89.48 20,-46.52 20,-34.52 32,-34.52"/>`, 20, -101.48},
		{"a note is a polygon and polylines", `<polygon points="579,-101.48 338.76,-101.48 338.76,-34.52 585,-34.52"/><polyline points="579,-101.48 579,-95.48"/>`, 338.76, -101.48},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, y, ok := topLeft(tc.shapes)
			if !ok || x != tc.x || y != tc.y {
				t.Errorf("topLeft = %v, %v, %v; want %v, %v", x, y, ok, tc.x, tc.y)
			}
		})
	}
	if _, _, ok := topLeft(`<text>no shape</text>`); ok {
		t.Error("a node without shapes has no corner")
	}
}

// TestEveryDiagramTakesItsPlaceholdersPlace checks that the page, written
// while its diagrams are laid out, ends with each diagram in its place
// (each figure's div holds one SVG) and no placeholder left, and that text
// of the map shaped like a placeholder stays text.
func TestEveryDiagramTakesItsPlaceholdersPlace(t *testing.T) {
	m := rendertest.BundledMap(t)
	u := m.Units[0]
	u.Summary[argmap.English] = "<!--argmap-diagram x 0-->"
	var b bytes.Buffer
	laidOut := 0
	var mu sync.Mutex
	svg := func(dot []byte) ([]byte, error) {
		mu.Lock()
		laidOut++
		mu.Unlock()
		return graph.SVG(dot)
	}
	if err := Reader(&b, m, ReaderOptions{SVG: svg}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if strings.Contains(page, "<!--argmap-diagram") {
		t.Errorf("the page has a placeholder left, or the summary unescaped")
	}
	if !strings.Contains(page, "&lt;!--argmap-diagram x 0--&gt;") {
		t.Errorf("the summary shaped like a placeholder is not shown as text")
	}
	divs := regexp.MustCompile(`<div class="diagram one"[^>]*>(<svg[^>]*>)?`).FindAllStringSubmatch(page, -1)
	if len(divs) != laidOut {
		t.Errorf("the page has %d diagram places for %d diagrams laid out", len(divs), laidOut)
	}
	for _, div := range divs {
		if div[1] == "" {
			t.Errorf("a diagram's place holds no SVG: %s", div[0])
		}
	}
}
