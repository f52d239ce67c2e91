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
	maps := map[string]*argmap.Map{"small map": rendertest.LoadMap(t, rendertest.Map("small.yaml"))}
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
			if count["L"] != len(m.Units) || count["I"] != len(m.Units) {
				t.Errorf("%d L and %d I nodes for %d units", count["L"], count["I"], len(m.Units))
			}
			people := map[string]bool{}
			for _, p := range g.Participants {
				people[p.ParticipantID] = true
			}
			if len(g.Locutions) != len(m.Units) {
				t.Errorf("%d locutions for %d units", len(g.Locutions), len(m.Units))
			}
			for i, l := range g.Locutions {
				if nodes[l.NodeID].Type != "L" || !people[l.PersonID] {
					t.Errorf("locution %d: node %s (%s), person %s", i, l.NodeID, nodes[l.NodeID].Type, l.PersonID)
				}
				u := m.Units[i]
				if want := u.Speaker.Name + ": "; !bytes.HasPrefix([]byte(nodes[l.NodeID].Text), []byte(want)) {
					t.Errorf("L node %q does not begin with %q", nodes[l.NodeID].Text, want)
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
