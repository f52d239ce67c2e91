package export

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/annotations"
	"github.com/argmap/argmap/argmap"
)

func TestAIFMatchesGoldenFiles(t *testing.T) {
	m := rendertest.LoadMap(t, rendertest.Map("small.yaml"))
	cases := []struct {
		name   string
		golden string
		write  func(*bytes.Buffer) error
	}{
		{"small map in English", "testdata/aif/small.en.json", func(b *bytes.Buffer) error { return WriteAIF(b, m, AIFOptions{}) }},
		{"small map in Chinese", "testdata/aif/small.zh.json", func(b *bytes.Buffer) error { return WriteAIF(b, m, AIFOptions{Lang: argmap.Chinese}) }},
		{"anchors of the small map", "testdata/aif/small.anchors.jsonld", func(b *bytes.Buffer) error { return WriteAnchors(b, m) }},
		{"a corpus in English and French, in French", "testdata/aif/lys.fr.json", func(b *bytes.Buffer) error {
			return WriteAIF(b, rendertest.CorpusMap(t, "lys"), AIFOptions{Lang: "fr"})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			rendertest.CheckGolden(t, tc.golden, b.Bytes())
		})
	}
}

// bundledMap is the map embedded in argmap, or nil when it does not
// validate yet.
func bundledMap(t *testing.T) *argmap.Map {
	t.Helper()
	inputs, err := argmap.FSInputs(annotations.FS, "annotations/")
	if err != nil || len(inputs) == 0 {
		return nil
	}
	m, ds := argmap.Validate(rendertest.EmbeddedCorpus(t), inputs)
	if argmap.Fails(ds, false) {
		return nil
	}
	return m
}

func TestAIFLoadsBackAsAGraph(t *testing.T) {
	maps := map[string]*argmap.Map{"small map": rendertest.LoadMap(t, rendertest.Map("small.yaml")), "lys": rendertest.CorpusMap(t, "lys")}
	if m := bundledMap(t); m != nil {
		maps["bundled map"] = m
	}
	for name, m := range maps {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteAIF(&b, m, AIFOptions{}); err != nil {
				t.Fatal(err)
			}
			var g AIF
			if err := json.Unmarshal(b.Bytes(), &g); err != nil {
				t.Fatal(err)
			}
			nodes := map[string]AIFNode{}
			for _, n := range g.Nodes {
				if _, dup := nodes[n.NodeID]; dup {
					t.Errorf("node %s defined twice", n.NodeID)
				}
				nodes[n.NodeID] = n
			}
			in, out := map[string]int{}, map[string]int{}
			for _, e := range g.Edges {
				if _, ok := nodes[e.FromID]; !ok {
					t.Errorf("edge %s comes from missing node %s", e.EdgeID, e.FromID)
				}
				if _, ok := nodes[e.ToID]; !ok {
					t.Errorf("edge %s goes to missing node %s", e.EdgeID, e.ToID)
				}
				if e.FormEdgeID != nil {
					t.Errorf("edge %s has a formEdgeID", e.EdgeID)
				}
				out[e.FromID]++
				in[e.ToID]++
			}
			count := map[string]int{}
			for _, n := range g.Nodes {
				count[n.Type]++
				if n.Type != "I" && n.Type != "L" && (in[n.NodeID] == 0 || out[n.NodeID] == 0) {
					t.Errorf("%s node %s lacks an incoming or outgoing edge", n.Type, n.NodeID)
				}
			}
			// A unit that reports an earlier letter has a second L node
			// (the reported speaker's) and a second I node (the report).
			reports := 0
			for _, u := range m.Units {
				if u.Reports != nil {
					reports++
				}
			}
			if want := len(m.Units) + reports; count["L"] != want || count["I"] != want {
				t.Errorf("%d L and %d I nodes for %d units, %d of them reported", count["L"], count["I"], len(m.Units), reports)
			}
			people := map[string]bool{}
			for _, p := range g.Participants {
				people[p.ParticipantID] = true
			}
			if len(g.Locutions) != count["L"] {
				t.Errorf("%d locutions for %d L nodes", len(g.Locutions), count["L"])
			}
			bySource := map[string]*argmap.Unit{}
			for _, u := range m.Units {
				bySource[UnitURI(u)] = u
				bySource[ReportedURI(u)] = u
			}
			for i, l := range g.Locutions {
				if nodes[l.NodeID].Type != "L" || !people[l.PersonID] {
					t.Errorf("locution %d: node %s (%s), person %s", i, l.NodeID, nodes[l.NodeID].Type, l.PersonID)
				}
				u := bySource[l.Source]
				if u == nil {
					t.Errorf("locution %d: source %q is no unit", i, l.Source)
					continue
				}
				// The words of the letter are its writer's; a reported
				// locution is the reported letter's speaker's.
				speaker, date := u.Span.Doc.Speaker, u.Span.Doc.Date
				if l.Source == ReportedURI(u) {
					speaker, date = u.Speaker, u.Date
				}
				if want := speaker.Name + ": "; !bytes.HasPrefix([]byte(nodes[l.NodeID].Text), []byte(want)) {
					t.Errorf("L node %q does not begin with %q", nodes[l.NodeID].Text, want)
				}
				if l.Timestamp != aifTimestamp(date) {
					t.Errorf("L node %q is dated %s, want %s", nodes[l.NodeID].Text, l.Timestamp, date)
				}
			}
			for _, r := range m.Relations {
				if r.Type == argmap.Supports && count["RA"] == 0 {
					t.Errorf("a support but no RA node")
				}
				if (r.Type == argmap.Rebuts || r.Type == argmap.Undercuts) && count["CA"] == 0 {
					t.Errorf("a %s but no CA node", r.Type)
				}
			}
		})
	}
}

func TestAnchorsLocateEveryQuote(t *testing.T) {
	m := rendertest.LoadMap(t, rendertest.Map("small.yaml"))
	var b bytes.Buffer
	if err := WriteAnchors(&b, m); err != nil {
		t.Fatal(err)
	}
	var c anchorCollection
	if err := json.Unmarshal(b.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if c.Total != 2*len(m.Units) || len(c.First.Items) != c.Total {
		t.Fatalf("%d annotations (total %d) for %d units in 2 languages", len(c.First.Items), c.Total, len(m.Units))
	}
	for _, a := range c.First.Items {
		quote, pos := a.Target.Selector[0], a.Target.Selector[1]
		var text string
		for _, u := range m.Units {
			for lang := range u.Span.Quotes {
				if UnitURI(u)+":"+string(lang) == a.ID {
					text = u.Span.Paragraph.Text[lang]
				}
			}
		}
		runes := []rune(text)
		if got := string(runes[*pos.Start:*pos.End]); got != quote.Exact {
			t.Errorf("%s: positions %d-%d select %q, not %q", a.ID, *pos.Start, *pos.End, got, quote.Exact)
		}
		if got := string(runes[:*pos.Start]); !bytes.HasSuffix([]byte(got), []byte(quote.Prefix)) {
			t.Errorf("%s: prefix %q does not precede the quote", a.ID, quote.Prefix)
		}
	}
}

// TestAIFReportedSpeech follows Clark's report of the 19 June letter
// through the graph: Clark's words are his locution of 29 June; they
// assert that Kim and Peng wrote something on 19 June; that report anchors
// Kim and Peng's locution of 19 June, which asserts the proposition.
func TestAIFReportedSpeech(t *testing.T) {
	m := rendertest.LoadMap(t, rendertest.Map("small.yaml"))
	var u *argmap.Unit
	for _, x := range m.Units {
		if x.Reports != nil {
			u = x
		}
	}
	if u == nil {
		t.Fatal("the small map has no unit that reports a letter")
	}
	g := BuildAIF(m, AIFOptions{})
	nodes, next := map[string]AIFNode{}, map[string][]string{}
	for _, n := range g.Nodes {
		nodes[n.NodeID] = n
	}
	for _, e := range g.Edges {
		next[e.FromID] = append(next[e.FromID], e.ToID)
	}
	var reporter, reported AIFLocution
	for _, l := range g.Locutions {
		switch l.Source {
		case UnitURI(u):
			reporter = l
		case ReportedURI(u):
			reported = l
		}
	}
	quote := u.Span.Quotes[argmap.English].Text
	if got, want := nodes[reporter.NodeID].Text, "Mark Clark: "+quote; got != want || reporter.Timestamp != "1953-06-29 00:00:00" {
		t.Errorf("reporter's locution %q at %s, want %q at 1953-06-29", got, reporter.Timestamp, want)
	}
	if got := nodes[reported.NodeID].Text; got != "Kim Il-sung and Peng Dehuai: "+u.Summary[argmap.English] || reported.Timestamp != "1953-06-19 00:00:00" {
		t.Errorf("reported locution %q at %s, want the summary in Kim and Peng's name at 1953-06-19", got, reported.Timestamp)
	}
	// reporter → YA → report (I) → YA → reported locution.
	follow := func(from, typ string) string {
		for _, to := range next[from] {
			if nodes[to].Type == typ {
				return to
			}
		}
		return ""
	}
	report := follow(follow(reporter.NodeID, "YA"), "I")
	if want := "Kim Il-sung and Peng Dehuai wrote (19 June 1953): " + u.Summary[argmap.English]; nodes[report].Text != want {
		t.Errorf("the reporter asserts %q, want %q", nodes[report].Text, want)
	}
	if got := follow(follow(report, "YA"), "L"); got != reported.NodeID {
		t.Errorf("the report anchors node %s, want the reported locution %s", got, reported.NodeID)
	}
	if nodes[follow(follow(reported.NodeID, "YA"), "I")].Text != u.Summary[argmap.English] {
		t.Errorf("the reported locution does not assert the proposition")
	}
}

func TestAIFNamesAnInstitutionWhole(t *testing.T) {
	c := rendertest.EmbeddedCorpus(t)
	delegation := c.Document("communique-1953-07-08").Speaker
	b := &aifBuilder{out: &AIF{}, person: map[argmap.Person]string{}}
	b.participant(delegation, argmap.English)
	b.participant(delegation, argmap.Chinese)
	want := []AIFParticipant{{ParticipantID: "1", Firstname: "Korean-Chinese delegation"}, {ParticipantID: "2", Firstname: "朝中代表团"}}
	if len(b.out.Participants) != 2 || b.out.Participants[0] != want[0] || b.out.Participants[1] != want[1] {
		t.Errorf("participants %+v, want %+v", b.out.Participants, want)
	}
}
