package argmap_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/argmap/argmap/argmap"
)

// BenchmarkLoadCorpus measures LoadCorpus at n and 4n in each dimension a
// corpus can grow in, valid or hostile: the cost at 4n must stay about 4
// times the cost at n (docs/performance.md records the figures).
//
//   - documents: letters cut from one source page, listed in the page's
//     order and in the reverse order;
//   - chain: each letter replies to the one before, the last to the first
//     (a circle of n replies);
//   - references: every letter names a speaker that is not declared;
//   - paragraphs: one letter whose two languages differ by a paragraph,
//     which the diagnostic locates by aligning n paragraphs;
//   - line: one text of one line n times longer.
func BenchmarkLoadCorpus(b *testing.B) {
	for _, dim := range []struct {
		name    string
		build   func(n int) fstest.MapFS
		invalid bool
	}{
		{"documents", func(n int) fstest.MapFS { return sourcedCorpus(n, false) }, false},
		{"documents-reversed", func(n int) fstest.MapFS { return sourcedCorpus(n, true) }, false},
		{"chain", replyCircle, true},
		{"references", undeclaredSpeakers, true},
		{"paragraphs", splitParagraph, true},
		{"line", longLine, false},
	} {
		for _, n := range []int{1000, 4000} {
			b.Run(fmt.Sprintf("%s=%d", dim.name, n), func(b *testing.B) {
				fsys := dim.build(n)
				b.ReportAllocs()
				for b.Loop() {
					_, err := argmap.LoadCorpus(fsys, "bench")
					var ce *argmap.CorpusError
					if dim.invalid != errors.As(err, &ce) || (!dim.invalid && err != nil) {
						b.Fatalf("LoadCorpus: %v", err)
					}
				}
			})
		}
	}
}

const benchParties = "parties:\n  - {id: north, name: North}\n  - {id: south, name: South}\nspeakers:\n  - {id: n, name: N, party: north}\n  - {id: s, name: S, party: south}\n"

// sourcedCorpus is n letters of two short paragraphs in English and
// Chinese, cut from one source page that holds them all, listed in the
// page's order or the reverse.
func sourcedCorpus(n int, reversed bool) fstest.MapFS {
	fsys := fstest.MapFS{}
	var page strings.Builder
	docs := make([]string, n)
	for i := range n {
		id := fmt.Sprintf("letter-%05d", i)
		en := fmt.Sprintf("Letter %d proposes a meeting.\n\nLetter %d is signed.\n", i, i)
		zh := fmt.Sprintf("第%d封信提议会面。\n\n第%d封信已签署。\n", i, i)
		page.WriteString(en + zh)
		fsys[id+".en.txt"] = &fstest.MapFile{Data: []byte(en)}
		fsys[id+".zh.txt"] = &fstest.MapFile{Data: []byte(zh)}
		docs[i] = fmt.Sprintf("  - {id: %s, speaker: %s, date: 1902-03-01, source: page, text: {en: %s.en.txt, zh: %s.zh.txt}, back: [signature]}\n",
			id, []string{"n", "s"}[i%2], id, id)
	}
	var manifest strings.Builder
	manifest.WriteString("sources:\n  - {id: page, file: page.txt}\n" + benchParties + "documents:\n")
	for i := range n {
		if reversed {
			i = n - 1 - i
		}
		manifest.WriteString(docs[i])
	}
	fsys["page.txt"] = &fstest.MapFile{Data: []byte(page.String())}
	fsys["corpus.yaml"] = &fstest.MapFile{Data: []byte(manifest.String())}
	return fsys
}

// replyCircle is n letters without text, each replying to the one before
// and the first to the last.
func replyCircle(n int) fstest.MapFS {
	var manifest strings.Builder
	manifest.WriteString(benchParties + "documents:\n")
	for i := range n {
		fmt.Fprintf(&manifest, "  - {id: letter-%05d, speaker: n, date: 1902-03-01, replies-to: letter-%05d}\n", i, (i+n-1)%n)
	}
	return fstest.MapFS{"corpus.yaml": {Data: []byte(manifest.String())}}
}

// undeclaredSpeakers is n letters, each naming a speaker nobody declared,
// among n speakers that are.
func undeclaredSpeakers(n int) fstest.MapFS {
	var manifest strings.Builder
	manifest.WriteString("parties:\n  - {id: north, name: North}\nspeakers:\n")
	for i := range n {
		fmt.Fprintf(&manifest, "  - {id: speaker-%05d, party: north}\n", i)
	}
	manifest.WriteString("documents:\n")
	for i := range n {
		fmt.Fprintf(&manifest, "  - {id: letter-%05d, speaker: nobody-%05d, date: 1902-03-01}\n", i, i)
	}
	return fstest.MapFS{"corpus.yaml": {Data: []byte(manifest.String())}}
}

// splitParagraph is one letter of n paragraphs of varied lengths in
// English whose Chinese text runs two of them together in its middle.
func splitParagraph(n int) fstest.MapFS {
	var en, zh strings.Builder
	for i := range n {
		words := 3 + i*7%11
		en.WriteString(strings.Repeat("word ", words) + "\n\n")
		zh.WriteString(strings.Repeat("字", words))
		if i != n/2 {
			zh.WriteString("\n\n")
		}
	}
	return fstest.MapFS{
		"corpus.yaml": {Data: []byte(benchParties + "documents:\n  - {id: letter, speaker: n, date: 1902-03-01, text: {en: l.en.txt, zh: l.zh.txt}}\n")},
		"l.en.txt":    {Data: []byte(en.String())},
		"l.zh.txt":    {Data: []byte(zh.String())},
	}
}

// longLine is one letter of one paragraph, a line of n sentences, typed
// in the lines layout, cut from a source.
func longLine(n int) fstest.MapFS {
	en := strings.Repeat("The harbour opens on alternate days. ", n)
	zh := strings.Repeat("港口隔日开放。", n)
	return fstest.MapFS{
		"corpus.yaml": {Data: []byte("sources:\n  - {id: page, file: page.txt}\n" + benchParties +
			"layout: lines\ndocuments:\n  - {id: letter, speaker: n, date: 1902-03-01, source: page, text: {en: l.en.txt, zh: l.zh.txt}}\n")},
		"page.txt": {Data: []byte(en + "\n" + zh + "\n")},
		"l.en.txt": {Data: []byte(en + "\n")},
		"l.zh.txt": {Data: []byte(zh + "\n")},
	}
}
