package graph

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render/internal/rendertest"
)

// letterChain builds a map over a corpus of its own: letters that alternate
// between two parties, five paragraphs each, ten units to a paragraph. The
// first unit of each paragraph rebuts the first of the same paragraph of
// the previous letter, the other nine support it; so the map has five
// disputes, each running through every letter, and the search for a band
// order has the most to do for its size.
func letterChain(t testing.TB, letters int) *argmap.Map {
	t.Helper()
	const paragraphs, perParagraph = 5, 10
	fsys := fstest.MapFS{}
	var manifest strings.Builder
	manifest.WriteString("title: synthetic\nparties:\n  - {id: north, name: North}\n  - {id: south, name: South}\n")
	manifest.WriteString("speakers:\n  - {id: n, name: N, party: north}\n  - {id: s, name: S, party: south}\ndocuments:\n")
	var file strings.Builder
	file.WriteString("argmap: 1\nunits:\n")
	for l := range letters {
		id := fmt.Sprintf("letter-%04d", l)
		date := fmt.Sprintf("%04d-%02d-%02d", 1900+l/336, l/28%12+1, l%28+1)
		fmt.Fprintf(&manifest, "  - id: %s\n    speaker: %s\n    date: %s\n    text: {en: %s.en.txt, zh: %s.zh.txt}\n", id, []string{"n", "s"}[l%2], date, id, id)
		var en, zh strings.Builder
		for p := range paragraphs {
			for s := range perParagraph {
				fmt.Fprintf(&en, "Sentence %d of paragraph %d of letter %d says something. ", s, p, l)
				fmt.Fprintf(&zh, "第%d封信第%d段第%d句。", l, p, s)
				kind, relation := "claim", fmt.Sprintf("    supports: u-%d-%d-0\n", l, p)
				if s == 0 {
					relation = ""
					if l > 0 {
						kind, relation = "rebuttal", fmt.Sprintf("    rebuts: [u-%d-%d-0]\n", l-1, p)
					}
				}
				fmt.Fprintf(&file, "  - id: u-%d-%d-%d\n    kind: %s\n    summary: {en: Sentence %d of paragraph %d, zh: 第%d段第%d句}\n", l, p, s, kind, s, p, p, s)
				fmt.Fprintf(&file, "    span: {doc: %s, paragraph: %d, en: \"Sentence %d of paragraph %d of letter %d says\", zh: \"第%d封信第%d段第%d句\"}\n%s", id, p+1, s, p, l, l, p, s, relation)
			}
			en.WriteString("\n\n")
			zh.WriteString("\n\n")
		}
		fsys[id+".en.txt"] = &fstest.MapFile{Data: []byte(en.String())}
		fsys[id+".zh.txt"] = &fstest.MapFile{Data: []byte(zh.String())}
	}
	fsys["corpus.yaml"] = &fstest.MapFile{Data: []byte(manifest.String())}
	c, err := argmap.LoadCorpus(fsys, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	m, ds := argmap.Validate(c, []argmap.Input{{Path: "chain.yaml", Data: []byte(file.String())}})
	for _, d := range ds {
		if d.Severity == argmap.SeverityError {
			t.Fatalf("synthetic map: %s", d)
		}
	}
	return m
}

// BenchmarkBandedLayout measures the whole-map DOT, band search included,
// of the bundled map and of maps of 1,250 and 5,000 units in five disputes:
// the search is bounded by searchBudget, so its cost does not grow with the
// map.
func BenchmarkBandedLayout(b *testing.B) {
	cases := []struct {
		name string
		m    *argmap.Map
	}{{"bundled", rendertest.BundledMap(b)}}
	for _, letters := range []int{25, 100} {
		m := letterChain(b, letters)
		cases = append(cases, struct {
			name string
			m    *argmap.Map
		}{fmt.Sprintf("units=%d", len(m.Units)), m})
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				mustDOT(b, tc.m)
			}
		})
	}
}
