package argmap_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/argmap/argmap/argmap"
	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzLoadCorpus feeds arbitrary manifests to the loader, over the texts of
// the small corpus: every one must load, or fail with a *CorpusError whose
// diagnostics are on the manifest at real positions. The seeds are the
// manifests of testdata/corpus, valid and invalid.
func FuzzLoadCorpus(f *testing.F) {
	f.Add(string(smallCorpus()["corpus.yaml"].Data))
	f.Add(smallManifest)
	f.Add("documents: [{id: a, text: {en: ../x}}]")
	f.Add("documents: [{id: a, front: [heading], text: {en: bo-1.en.txt, zh: bo-1.zh.txt}, back: [signature, signature]}]")
	f.Add("languages: [en, en]\ndocuments: [{id: a, replies-to: a}]")
	f.Add("languages: [\"../x\", zh]\nlayout: {zh: lines}\n")
	f.Add("- x")
	f.Add("")
	archives, _ := filepath.Glob("testdata/corpus/*.txtar")
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name == "corpus.yaml" {
				f.Add(string(file.Data))
			}
		}
	}
	f.Fuzz(func(t *testing.T, manifest string) {
		fsys := smallCorpus()
		fsys["corpus.yaml"] = &fstest.MapFile{Data: []byte(manifest)}
		c, err := argmap.LoadCorpus(fsys, "fuzz")
		checkLoaded(t, c, err)
	})
}

// FuzzCorpusText feeds an arbitrary Chinese text, in either layout, with
// front and back paragraphs, to the loader: no panic; a corpus that loads
// holds only paragraphs made of the text's own lines, in order; one that
// does not says why at real positions.
func FuzzCorpusText(f *testing.F) {
	f.Add("亲爱的博：\n\n我们同意第一点。\n\n我们不同意第二点。\n\n安\n", "blank-lines", "[salutation]", "[signature]")
	f.Add("亲爱的博：\n我们同意第一点。\n我们不同意第二点。\n  安\n  二〇〇〇年\n", "lines", "[salutation]", "[signature]")
	f.Add("\uFEFF一\r\n\r\n二\r\n", "lines", "[]", "[signature, postscript]")
	f.Add("  \t\n\n\n  ", "lines", "[heading, salutation]", "[]")
	f.Add("a\x00b\n\xff\n", "blank-lines", "[]", "[]")
	f.Add("一\n    二\n三\n\t四\n", "lines", "[salutation]", "[postscript]")
	f.Fuzz(func(t *testing.T, text, layout, front, back string) {
		for _, s := range []string{layout, front, back} {
			if strings.ContainsAny(s, "\n\r{}:#") {
				return // keeps the manifest one mapping; the manifest has its own fuzzer
			}
		}
		fsys := smallCorpus()
		fsys["bo-1.zh.txt"] = &fstest.MapFile{Data: []byte(text)}
		manifest := strings.Replace(string(fsys["corpus.yaml"].Data), "    text: {en: bo-1.en.txt, zh: bo-1.zh.txt}\n",
			"    text: {en: bo-1.en.txt, zh: bo-1.zh.txt}\n    layout: {zh: "+layout+"}\n    front: "+front+"\n    back: "+back+"\n", 1)
		fsys["corpus.yaml"] = &fstest.MapFile{Data: []byte(manifest)}
		c, err := argmap.LoadCorpus(fsys, "fuzz")
		checkLoaded(t, c, err)
		if c == nil {
			return
		}
		// Every line of every paragraph is a line of the text, trimmed, in
		// the text's order.
		rest := strings.ReplaceAll(strings.TrimPrefix(text, "\uFEFF"), "\r\n", "\n")
		for _, p := range c.Document("bo-1").Paragraphs {
			for _, line := range strings.Split(p.Text["zh"], "\n") {
				i := strings.Index(rest, line)
				if line == "" || i < 0 || strings.TrimSpace(line) != line {
					t.Fatalf("paragraph %s holds %q, not a trimmed line of the text in order", p.Label(), line)
				}
				rest = rest[i+len(line):]
			}
		}
	})
}

// checkLoaded holds LoadCorpus to its contract: a corpus or an error, and
// an error that is a *CorpusError has diagnostics at real positions.
func checkLoaded(t *testing.T, c *argmap.Corpus, err error) {
	t.Helper()
	if (c == nil) == (err == nil) {
		t.Fatalf("LoadCorpus returned corpus %v and error %v", c, err)
	}
	var ce *argmap.CorpusError
	if !errors.As(err, &ce) {
		return
	}
	if len(ce.Diagnostics) == 0 {
		t.Fatal("a CorpusError without diagnostics")
	}
	checkCorpusDiagnostics(t, ce)
	for _, d := range ce.Diagnostics {
		if !utf8.ValidString(d.Message) || !utf8.ValidString(d.Detail) {
			t.Errorf("%v: a message that is not UTF-8", d)
		}
	}
}
