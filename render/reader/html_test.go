package reader

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/argmap"
)

func TestSegmentsNestOverlappingSpans(t *testing.T) {
	unit := func(id string, start, end int) *argmap.Unit {
		return &argmap.Unit{ID: id, Kind: argmap.Claim, Span: argmap.Span{Quotes: map[argmap.Lang]*argmap.Quote{
			argmap.Chinese: {Start: start, End: end, Found: true},
		}}}
	}
	// Code points, not bytes: each character below is three bytes in UTF-8.
	text := "甲乙丙丁戊己庚辛壬癸"
	units := []*argmap.Unit{unit("a", 0, 6), unit("b", 3, 9), unit("c", 3, 6), unit("lost", 4, 4)}
	type seg struct {
		text  string
		units string
	}
	want := []seg{{"甲乙丙", "a"}, {"丁戊己", "a b c"}, {"庚辛壬", "b"}, {"癸", ""}}
	got := segments(text, argmap.Chinese, units)
	if len(got) != len(want) {
		t.Fatalf("got %d segments %+v, want %d", len(got), got, len(want))
	}
	for i, s := range got {
		var ids []string
		for _, u := range s.Units {
			ids = append(ids, u.ID)
		}
		if s.Text != want[i].text || strings.Join(ids, " ") != want[i].units {
			t.Errorf("segment %d = %q covered by %q, want %q covered by %q", i, s.Text, ids, want[i].text, want[i].units)
		}
	}
	if !got[0].Units[0].First || got[1].Units[0].First || !got[1].Units[1].First {
		t.Errorf("each unit's first segment should be its only tab stop: %+v", got)
	}
}

func TestReaderEscapesHostileText(t *testing.T) {
	m := rendertest.LoadMap(t, rendertest.Map("hostile.yaml"))
	var b bytes.Buffer
	if err := Reader(&b, m, ReaderOptions{}); err != nil {
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
	policy := strings.ReplaceAll(csp[1], "&#39;", "'")
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
		if !strings.Contains(svg, `id="en-unit-`+u.ID+`"`) || !strings.Contains(svg, `id="zh-unit-`+u.ID+`"`) {
			t.Errorf("unit %s has no node in both diagrams", u.ID)
		}
	}
}

func TestReaderShowsDiagnosticsWithoutAMap(t *testing.T) {
	d := argmap.Diagnostic{File: "a.yaml", Range: argmap.Range{Start: argmap.Position{Line: 3, Column: 7}},
		Severity: argmap.SeverityError, Rule: argmap.RuleInvalidValue, Message: "kind <b> is not a kind"}
	var b bytes.Buffer
	if err := Reader(&b, nil, ReaderOptions{Live: true, Version: "4", Diagnostics: []argmap.Diagnostic{d}}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{"a.yaml:3:7: error: kind &lt;b&gt; is not a kind [invalid-value]", `"version":"4"`, "connect-src 'self'"} {
		if !strings.Contains(strings.ReplaceAll(page, "&#39;", "'"), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, `id="letters"`) {
		t.Errorf("an invalid map still shows the letters")
	}
}
