package argmap_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
)

// BenchmarkValidate measures Validate over synthetic maps of a tenth, a
// half and the whole of 1,000 letters with 50,000 units in 1,000 files, to
// show how the cost grows; docs/performance.md records the figures.
func BenchmarkValidate(b *testing.B) {
	for _, letters := range []int{100, 500, 1000} {
		b.Run(fmt.Sprintf("letters=%d/units=%d", letters, letters*unitsPerLetter), func(b *testing.B) {
			c, inputs := syntheticMap(b, letters) // b.Loop starts the timer afresh
			b.ReportAllocs()
			for b.Loop() {
				_, diags := argmap.Validate(c, inputs)
				if len(diags) > 0 {
					b.Fatalf("the synthetic map should be clean: %d diagnostics, first %s", len(diags), diags[0])
				}
			}
		})
	}
}

// BenchmarkValidateCleanMap measures the sample map of testdata/valid over
// the bundled corpus: the size of the real map.
func BenchmarkValidateCleanMap(b *testing.B) {
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		b.Fatal(err)
	}
	inputs := []argmap.Input{readInput(b, cleanMap)}
	b.ReportAllocs()
	for b.Loop() {
		argmap.Validate(c, inputs)
	}
}

const (
	paragraphsPerLetter = 5
	unitsPerLetter      = 50
)

// syntheticMap builds a corpus of letters that alternate between two
// parties, one a day, five body paragraphs each in English and Chinese, and
// one annotation file per letter: 50 units, ten per paragraph, each quoting
// a sentence of its paragraph in both languages. The first unit of each
// paragraph rebuts the first unit of the same paragraph of the previous
// letter (a claim in the first letter); the other nine support it.
func syntheticMap(b testing.TB, letters int) (*argmap.Corpus, []argmap.Input) {
	b.Helper()
	fsys := fstest.MapFS{}
	var manifest strings.Builder
	manifest.WriteString("title: synthetic\nparties:\n  - {id: north, name: North}\n  - {id: south, name: South}\n")
	manifest.WriteString("speakers:\n  - {id: n, name: N, party: north}\n  - {id: s, name: S, party: south}\ndocuments:\n")
	var inputs []argmap.Input
	for l := range letters {
		id := fmt.Sprintf("letter-%04d", l)
		speaker := []string{"n", "s"}[l%2]
		date := fmt.Sprintf("%04d-%02d-%02d", 1900+l/336, l/28%12+1, l%28+1)
		fmt.Fprintf(&manifest, "  - id: %s\n    speaker: %s\n    date: %s\n    text: {en: %s.en.txt, zh: %s.zh.txt}\n", id, speaker, date, id, id)
		var en, zh strings.Builder
		for p := range paragraphsPerLetter {
			for s := range unitsPerLetter / paragraphsPerLetter {
				fmt.Fprintf(&en, "Sentence %d of paragraph %d of letter %d says something about prisoners of war. ", s, p, l)
				fmt.Fprintf(&zh, "第%d封信第%d段第%d句谈到了战俘问题。", l, p, s)
			}
			en.WriteString("\n\n")
			zh.WriteString("\n\n")
		}
		fsys[id+".en.txt"] = &fstest.MapFile{Data: []byte(en.String())}
		fsys[id+".zh.txt"] = &fstest.MapFile{Data: []byte(zh.String())}

		var file strings.Builder
		file.WriteString("argmap: 1\nunits:\n")
		for p := range paragraphsPerLetter {
			for s := range unitsPerLetter / paragraphsPerLetter {
				fmt.Fprintf(&file, "  - id: u-%d-%d-%d\n", l, p, s)
				kind, relation := "claim", fmt.Sprintf("    supports: u-%d-%d-0\n", l, p)
				if s == 0 {
					relation = ""
					if l > 0 {
						kind, relation = "rebuttal", fmt.Sprintf("    rebuts: [u-%d-%d-0]\n", l-1, p)
					}
				}
				fmt.Fprintf(&file, "    kind: %s\n    summary: {en: Sentence %d of paragraph %d}\n", kind, s, p)
				fmt.Fprintf(&file, "    span:\n      doc: %s\n      paragraph: %d\n", id, p+1)
				fmt.Fprintf(&file, "      en: \"Sentence %d of paragraph %d of letter %d says\"\n", s, p, l)
				fmt.Fprintf(&file, "      zh: \"第%d封信第%d段第%d句\"\n", l, p, s)
				file.WriteString(relation)
			}
		}
		inputs = append(inputs, argmap.Input{Path: id + ".yaml", Data: []byte(file.String())})
	}
	fsys["corpus.yaml"] = &fstest.MapFile{Data: []byte(manifest.String())}
	c, err := argmap.LoadCorpus(fsys, "synthetic")
	if err != nil {
		b.Fatal(err)
	}
	return c, inputs
}

// BenchmarkValidateBundledMap measures the map that argmap ships, in
// annotations/, over the bundled corpus.
func BenchmarkValidateBundledMap(b *testing.B) {
	files, _ := filepath.Glob("../annotations/*.yaml")
	if len(files) == 0 {
		b.Skip("no bundled map in ../annotations")
	}
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		b.Fatal(err)
	}
	var inputs []argmap.Input
	for _, f := range files {
		inputs = append(inputs, readInput(b, f))
	}
	b.ReportAllocs()
	for b.Loop() {
		argmap.Validate(c, inputs)
	}
}

// The benchmark measures the subset parser only while its files are in the
// subset: a file that falls back to yaml.v3 would still validate, slowly.
func TestSyntheticMapIsInTheYAMLSubset(t *testing.T) {
	_, inputs := syntheticMap(t, 3)
	for _, in := range inputs {
		if !argmap.InYAMLSubset(in.Data) {
			t.Errorf("%s falls back to yaml.v3:\n%s", in.Path, in.Data)
		}
	}
}
