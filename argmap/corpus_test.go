package argmap_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
)

// The seed is People's Daily's page of 9 July 1953 as it was handed to us;
// every text of the bundled corpus is cut from it.
const (
	seedFile   = "000_0e84e50726ad85b5.txt"
	seedSHA256 = "b28e5b3c923e5e3ee8f13bcbbb1914dfb41b5e330e09b9c6f3bad4b55001de91"
	// sharedSeed is the copy kept beside the repository, when there is one.
	sharedSeed = "../../shared/seeds/" + seedFile
)

func loadEmbedded(t *testing.T) *argmap.Corpus {
	t.Helper()
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		t.Fatalf("loading the embedded corpus: %v", err)
	}
	return c
}

func readSeed(t *testing.T) []byte {
	t.Helper()
	raw, err := fs.ReadFile(seeds.FS, seedFile)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestEmbeddedSeedIsKeptByteForByte(t *testing.T) {
	raw := readSeed(t)
	sum := sha256.Sum256(raw)
	if got := hex.EncodeToString(sum[:]); got != seedSHA256 {
		t.Errorf("embedded seed has SHA-256 %s, want %s", got, seedSHA256)
	}
	c := loadEmbedded(t)
	if len(c.Sources) != 1 || c.Sources[0].File != seedFile || c.Sources[0].SHA256 != seedSHA256 {
		t.Errorf("the manifest should declare the one source %s with SHA-256 %s", seedFile, seedSHA256)
	}

	shared, err := os.ReadFile(sharedSeed)
	if errors.Is(err, fs.ErrNotExist) {
		t.Logf("no shared seed at %s to compare with", sharedSeed)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, shared) {
		t.Errorf("embedded seed differs from %s", sharedSeed)
	}
}

// Every line of every paragraph, in both languages, is a line of the seed
// with its layout stripped, and a document's lines come in the seed's order.
func TestEmbeddedTextsOccurVerbatimInTheSeed(t *testing.T) {
	seed := string(readSeed(t))
	c := loadEmbedded(t)
	for _, d := range c.Documents {
		if !d.HasText() {
			continue
		}
		for _, lang := range c.Languages {
			t.Run(d.ID+"/"+string(lang), func(t *testing.T) {
				from := 0
				for _, p := range d.Paragraphs {
					for _, line := range strings.Split(p.Text[lang], "\n") {
						if line == "" || strings.TrimSpace(line) != line {
							t.Errorf("%s: line %q is empty or keeps layout blanks", p.Label(), line)
						}
						k := strings.Index(seed[from:], line)
						if k < 0 {
							t.Fatalf("%s: line %q does not occur in the seed after byte %d", p.Label(), line, from)
						}
						from += k + len(line)
					}
				}
			})
		}
	}
}

func TestEmbeddedCorpusHasTheExpectedDocuments(t *testing.T) {
	c := loadEmbedded(t)
	tests := []struct {
		id        string
		speaker   string
		party     string
		date      string
		repliesTo string
		body      int
		roles     []argmap.Role
	}{
		{"harrison-1953-06-18", "harrison", "unc", "1953-06-18", "", 0, nil},
		{"kim-peng-1953-06-19", "kim-peng", "kpa-cpv", "1953-06-19", "harrison-1953-06-18", 0, nil},
		{"clark-1953-06-29", "clark", "unc", "1953-06-29", "kim-peng-1953-06-19", 7,
			[]argmap.Role{argmap.Heading, argmap.Salutation, argmap.Signature}},
		{"kim-peng-1953-07-07", "kim-peng", "kpa-cpv", "1953-07-07", "clark-1953-06-29", 5,
			[]argmap.Role{argmap.Salutation, argmap.Signature}},
		{"communique-1953-07-08", "korean-chinese-delegation", "kpa-cpv", "1953-07-08", "", 2,
			[]argmap.Role{argmap.Heading}},
	}
	var ids []string
	for _, tt := range tests {
		ids = append(ids, tt.id)
		t.Run(tt.id, func(t *testing.T) {
			d := c.Document(tt.id)
			if d == nil {
				t.Fatalf("no document %s", tt.id)
			}
			if d.Speaker.ID != tt.speaker || d.Party.ID != tt.party || d.Date.String() != tt.date {
				t.Errorf("speaker, party, date = %s, %s, %s; want %s, %s, %s",
					d.Speaker.ID, d.Party.ID, d.Date, tt.speaker, tt.party, tt.date)
			}
			replies := ""
			if d.RepliesTo != nil {
				replies = d.RepliesTo.ID
			}
			if replies != tt.repliesTo {
				t.Errorf("replies to %q, want %q", replies, tt.repliesTo)
			}
			for _, lang := range c.Languages {
				n := 0
				for _, p := range d.Body() {
					if p.Text[lang] != "" {
						n++
					}
				}
				if n != tt.body {
					t.Errorf("%s: %d body paragraphs with text, want %d", lang.Name(), n, tt.body)
				}
			}
			var roles []argmap.Role
			for i, p := range d.Paragraphs {
				if p.Index != i {
					t.Errorf("paragraph %d has index %d", i, p.Index)
				}
				if p.Role != argmap.Body {
					roles = append(roles, p.Role)
				}
			}
			if !slices.Equal(roles, tt.roles) {
				t.Errorf("unnumbered paragraphs %v, want %v", roles, tt.roles)
			}
		})
	}
	if got := c.DocumentIDs(); !slices.Equal(got, ids) {
		t.Errorf("documents %v, want %v", got, ids)
	}
}

// Each English paragraph pairs with its Chinese original: a phrase and its
// translation occur in paragraph N of each language and in no other
// paragraph of the document.
func TestEmbeddedParagraphsPairAcrossLanguages(t *testing.T) {
	c := loadEmbedded(t)
	tests := []struct {
		ref string
		en  string
		zh  string
	}{
		{"clark-1953-06-29:heading", "Attached: Clark's Letter", "附：克拉克六月二十九日的来信"},
		{"clark-1953-06-29:salutation", "To Marshal Kim Il-sung", "朝鲜人民军司令官金日成元帅："},
		{"clark-1953-06-29:1", "approximately 25,000", "约两万五千名"},
		{"clark-1953-06-29:2", "contradictory term", "矛盾之词"},
		{"clark-1953-06-29:3", "independent and sovereign country", "独立自主的国家"},
		{"clark-1953-06-29:4", "President Rhee Syngman", "李承晚总统"},
		{"clark-1953-06-29:5", "50,000 South Korean prisoners of war", "五万南朝鲜战俘"},
		{"clark-1953-06-29:6", "approximately 74,000", "约有七万四千名"},
		{"clark-1953-06-29:7", "Neutral Nations Supervisory Commission", "中立国监察委员会"},
		{"clark-1953-06-29:signature", "General Mark Clark", "美国陆军上将"},
		{"kim-peng-1953-07-07:salutation", "To General Clark", "联合国军总司令克拉克将军："},
		{"kim-peng-1953-07-07:1", "which is correct", "这是对的"},
		{"kim-peng-1953-07-07:2", "more than 27,000", "两万七千余名"},
		{"kim-peng-1953-07-07:3", "completely inappropriate", "完全不适当"},
		{"kim-peng-1953-07-07:4", "unification of Korea by force", "武力统一朝鲜"},
		{"kim-peng-1953-07-07:5", "meet regularly", "定期会晤"},
		{"kim-peng-1953-07-07:signature", "July 7, 1953", "一九五三年七月七日"},
		{"communique-1953-07-08:heading", "Reply to Clark", "函复克拉克"},
		{"communique-1953-07-08:1", "Xinhua News Agency, Kaesong", "新华社开城八日电"},
		{"communique-1953-07-08:2", "The full text of the letter is as follows:", "该函件的全文如下："},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			ref, err := argmap.ParseRef(tt.ref)
			if err != nil {
				t.Fatal(err)
			}
			d, paras, err := c.Resolve(ref)
			if err != nil {
				t.Fatal(err)
			}
			want := paras[0]
			for lang, phrase := range map[argmap.Lang]string{argmap.English: tt.en, argmap.Chinese: tt.zh} {
				for _, p := range d.Paragraphs {
					if has := strings.Contains(p.Text[lang], phrase); has != (p == want) {
						t.Errorf("%s %q: in %s is %v", lang.Name(), phrase, p.Label(), has)
					}
				}
			}
		})
	}
}

// The Chinese original runs the communiqué's last sentence into the 7 July
// salutation, and "附：…" into Clark's salutation; the corpus splits them
// where the English translation does.
func TestEmbeddedMergedChineseLinesAreSplit(t *testing.T) {
	seed := string(readSeed(t))
	for _, merged := range []string{
		"该函件的全文如下：联合国军总司令克拉克将军：",
		"附：克拉克六月二十九日的来信朝鲜人民军司令官金日成元帅：",
	} {
		if !strings.Contains(seed, merged) {
			t.Errorf("the seed no longer merges %q", merged)
		}
	}

	c := loadEmbedded(t)
	tests := []struct {
		name   string
		ref    string
		suffix string // the Chinese text ends with suffix ...
		whole  bool   // ... and, when whole, is nothing else
	}{
		{"the communiqué ends where the letter begins", "communique-1953-07-08:2", "该函件的全文如下：", false},
		{"the 7 July salutation stands alone", "kim-peng-1953-07-07:salutation", "联合国军总司令克拉克将军：", true},
		{"the attachment line is Clark's heading", "clark-1953-06-29:heading", "附：克拉克六月二十九日的来信", true},
		{"Clark's salutation starts after the attachment line", "clark-1953-06-29:salutation",
			"朝鲜人民军司令官金日成元帅：中国人民志愿军司令员彭德怀将军：", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref, err := argmap.ParseRef(tt.ref)
			if err != nil {
				t.Fatal(err)
			}
			_, paras, err := c.Resolve(ref)
			if err != nil {
				t.Fatal(err)
			}
			got := paras[0].Text[argmap.Chinese]
			if !strings.HasSuffix(got, tt.suffix) || tt.whole && got != tt.suffix {
				t.Errorf("%s: Chinese text %q; want %q (whole: %v)", tt.ref, got, tt.suffix, tt.whole)
			}
		})
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    argmap.Ref
		wantErr string
	}{
		{"a bare document is the whole document", "clark-1953-06-29", argmap.Ref{Doc: "clark-1953-06-29"}, ""},
		{"DOC:N is one body paragraph", "clark-1953-06-29:3", argmap.Ref{Doc: "clark-1953-06-29", From: 3, To: 3}, ""},
		{"DOC:N-M is a range", "clark-1953-06-29:2-5", argmap.Ref{Doc: "clark-1953-06-29", From: 2, To: 5}, ""},
		{"DOC:N-N is a range of one", "clark-1953-06-29:4-4", argmap.Ref{Doc: "clark-1953-06-29", From: 4, To: 4}, ""},
		{"DOC:salutation is a role", "kim-peng-1953-07-07:salutation", argmap.Ref{Doc: "kim-peng-1953-07-07", Role: argmap.Salutation}, ""},
		{"DOC:heading is a role", "x:heading", argmap.Ref{Doc: "x", Role: argmap.Heading}, ""},
		{"DOC:signature is a role", "x:signature", argmap.Ref{Doc: "x", Role: argmap.Signature}, ""},
		{"an unknown document parses; Resolve rejects it", "nope:1", argmap.Ref{Doc: "nope", From: 1, To: 1}, ""},
		{"an empty reference names no document", "", argmap.Ref{}, "names no document"},
		{"a reference without a document names none", ":3", argmap.Ref{}, "names no document"},
		{"a colon with nothing after it is not a paragraph", "x:", argmap.Ref{}, `"" is not a paragraph number`},
		{"paragraph 0 does not exist", "x:0", argmap.Ref{}, `"0" is not a paragraph number`},
		{"a negative paragraph is not a number", "x:-1", argmap.Ref{}, `"-1" is not a paragraph number`},
		{"a backwards range is refused", "x:5-2", argmap.Ref{}, "N ≤ M"},
		{"an open range is refused", "x:2-", argmap.Ref{}, `"2-" is not a paragraph number`},
		{"a range of three numbers is refused", "x:1-2-3", argmap.Ref{}, `"1-2-3" is not a paragraph number`},
		{"body is not an unnumbered role", "x:body", argmap.Ref{}, "one of heading, salutation, signature, postscript"},
		{"roles are lower-case", "x:Salutation", argmap.Ref{}, "one of heading, salutation, signature, postscript"},
		{"a Chinese numeral is not a paragraph number", "x:三", argmap.Ref{}, `"三" is not a paragraph number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := argmap.ParseRef(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseRef(%q) = %+v, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseRef(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseRefList(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []argmap.Ref
		wantErr string
	}{
		{"a reference without commas is one ref", "x:3", []argmap.Ref{{Doc: "x", From: 3, To: 3}}, ""},
		{"a bare document is one ref", "x", []argmap.Ref{{Doc: "x"}}, ""},
		{"commas list paragraphs of one document", "x:1,3", []argmap.Ref{{Doc: "x", From: 1, To: 1}, {Doc: "x", From: 3, To: 3}}, ""},
		{"a list mixes numbers, ranges and roles", "x:salutation,2-4,7",
			[]argmap.Ref{{Doc: "x", Role: argmap.Salutation}, {Doc: "x", From: 2, To: 4}, {Doc: "x", From: 7, To: 7}}, ""},
		{"an empty item is refused with the whole reference", "x:1,,3", nil, `in "x:1,,3": reference "x:": "" is not a paragraph number`},
		{"a bad item is refused", "x:1,body", nil, "one of heading, salutation, signature"},
		{"a list still needs a document", ":1,2", nil, "names no document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := argmap.ParseRefList(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseRefList(%q) = %+v, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("ParseRefList(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestResolveListSelectsEachParagraphOnceInTheOrderWritten(t *testing.T) {
	c := loadEmbedded(t)
	refs, err := argmap.ParseRefList("clark-1953-06-29:3,1-2,3")
	if err != nil {
		t.Fatal(err)
	}
	d, paras, err := c.ResolveList(refs)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, p := range paras {
		labels = append(labels, p.Label())
	}
	if d.ID != "clark-1953-06-29" || !slices.Equal(labels, []string{"¶3", "¶1", "¶2"}) {
		t.Errorf("ResolveList = %s %v; want clark-1953-06-29 [¶3 ¶1 ¶2]", d.ID, labels)
	}
	refs, _ = argmap.ParseRefList("clark-1953-06-29:1,9")
	if _, _, err := c.ResolveList(refs); err == nil || !strings.Contains(err.Error(), "has no paragraph 9") {
		t.Errorf("ResolveList(clark-1953-06-29:1,9) = %v; want no paragraph 9", err)
	}
}

func TestResolve(t *testing.T) {
	c := loadEmbedded(t)
	tests := []struct {
		name    string
		ref     string
		want    []string // labels of the paragraphs selected
		wantErr []string // every piece the error must contain
	}{
		{"a letter resolves to all its paragraphs", "kim-peng-1953-07-07",
			[]string{"salutation", "¶1", "¶2", "¶3", "¶4", "¶5", "signature"}, nil},
		{"a document without text resolves to no paragraphs", "harrison-1953-06-18", nil, nil},
		{"a number resolves to that body paragraph", "clark-1953-06-29:7", []string{"¶7"}, nil},
		{"a range resolves to each paragraph in it", "clark-1953-06-29:2-4", []string{"¶2", "¶3", "¶4"}, nil},
		{"a role resolves to that paragraph", "clark-1953-06-29:heading", []string{"heading"}, nil},
		{"an unknown document is named with the documents that exist", "clark-1953-07-29:1", nil,
			[]string{`unknown document "clark-1953-07-29"`, "harrison-1953-06-18, kim-peng-1953-06-19, clark-1953-06-29, kim-peng-1953-07-07, communique-1953-07-08"}},
		{"a paragraph past the end names the paragraphs that exist", "clark-1953-06-29:8", nil,
			[]string{"clark-1953-06-29 has no paragraph 8", "1-7, heading, salutation, signature"}},
		{"a range past the end names the first missing paragraph", "kim-peng-1953-07-07:4-9", nil,
			[]string{"has no paragraph 6 (asked for 4-9)", "1-5, salutation, signature"}},
		{"a range starting past the end names its start", "kim-peng-1953-07-07:8-9", nil,
			[]string{"has no paragraph 8;", "1-5, salutation, signature"}},
		{"a role the document lacks names the paragraphs that exist", "kim-peng-1953-07-07:heading", nil,
			[]string{"kim-peng-1953-07-07 has no heading", "1-5, salutation, signature"}},
		{"a paragraph of a document without text says the text is missing", "harrison-1953-06-18:1", nil,
			[]string{"has no paragraph 1", "its text is not in the corpus"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref, err := argmap.ParseRef(tt.ref)
			if err != nil {
				t.Fatal(err)
			}
			d, paras, err := c.Resolve(ref)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("Resolve(%s) succeeded; want an error", tt.ref)
				}
				for _, piece := range tt.wantErr {
					if !strings.Contains(err.Error(), piece) {
						t.Errorf("error %q does not contain %q", err, piece)
					}
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error %q is not one line", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.ID != ref.Doc {
				t.Errorf("resolved to document %s, want %s", d.ID, ref.Doc)
			}
			var got []string
			for _, p := range paras {
				got = append(got, p.Label())
				if p.Doc != d {
					t.Errorf("%s belongs to %s", p.Label(), p.Doc.ID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Resolve(%s) = %v, want %v", tt.ref, got, tt.want)
			}
		})
	}
}

// smallPage is the source of a small two-document corpus; its texts are cut
// from it as the bundled ones are cut from the seed.
const smallPage = `Ann to Bo

    Dear Bo,

    We agree on the first point.

    We do not agree on the second.

        Ann

Original:
    亲爱的博：
    我们同意第一点。
    我们不同意第二点。
        安
`

// smallManifest declares the corpus; SOURCE-SUM stands for smallPage's
// SHA-256.
const smallManifest = `title: A small exchange
sources:
  - id: page
    file: page.txt
    sha256: SOURCE-SUM
parties:
  - {id: north, name: North}
  - {id: south, name: South}
speakers:
  - {id: ann, name: Ann, party: north}
  - {id: bo, name: Bo, party: south}
documents:
  - id: ann-1
    title: Ann to Bo
    speaker: ann
    date: 2000-01-01
    source: page
    text: {en: ann-1.en.txt, zh: ann-1.zh.txt}
    front: [salutation]
    back: [signature]
  - id: bo-1
    title: Bo to Ann
    speaker: bo
    date: 2000-01-02
    replies-to: ann-1
    text: {en: bo-1.en.txt, zh: bo-1.zh.txt}
`

func smallCorpus() fstest.MapFS {
	sum := sha256.Sum256([]byte(smallPage))
	return fstest.MapFS{
		"corpus.yaml":  {Data: []byte(strings.Replace(smallManifest, "SOURCE-SUM", hex.EncodeToString(sum[:]), 1))},
		"page.txt":     {Data: []byte(smallPage)},
		"ann-1.en.txt": {Data: []byte("Dear Bo,\n\nWe agree on the first point.\n\nWe do not agree on the second.\n\n  Ann\n")},
		"ann-1.zh.txt": {Data: []byte("\uFEFF亲爱的博：\r\n\r\n我们同意第一点。\r\n\r\n我们不同意第二点。\r\n\r\n安\r\n")},
		"bo-1.en.txt":  {Data: []byte("Why not?\n\nBo\n")},
		"bo-1.zh.txt":  {Data: []byte("为什么不？\n\n博\n")},
	}
}

func TestLoadCorpusReadsASmallCorpus(t *testing.T) {
	c, err := argmap.LoadCorpus(smallCorpus(), "small")
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "A small exchange" || c.Origin != "small" || !slices.Equal(c.Languages, []argmap.Lang{"en", "zh"}) {
		t.Errorf("title, origin, languages = %q, %q, %v", c.Title, c.Origin, c.Languages)
	}
	ann := c.Document("ann-1")
	if ann.Kind != "letter" || ann.Party.ID != "north" || ann.BodyCount() != 2 {
		t.Errorf("ann-1: kind %q, party %s, %d body paragraphs", ann.Kind, ann.Party.ID, ann.BodyCount())
	}
	if got := ann.BodyParagraph(2).Text; got["en"] != "We do not agree on the second." || got["zh"] != "我们不同意第二点。" {
		t.Errorf("ann-1:2 = %q", got)
	}
	if got := ann.RoleParagraph(argmap.Salutation).Text["zh"]; got != "亲爱的博：" {
		t.Errorf("the byte-order mark and CRLF should be dropped: salutation %q", got)
	}
	if got := ann.RoleParagraph(argmap.Signature).Text["en"]; got != "Ann" {
		t.Errorf("indentation is layout, not text: signature %q", got)
	}
	bo := c.Document("bo-1")
	if bo.RepliesTo != ann || bo.BodyCount() != 2 {
		t.Errorf("bo-1 replies to %v and has %d body paragraphs", bo.RepliesTo, bo.BodyCount())
	}
}

// openRecorder remembers every name opened, to prove a path was refused
// before it reached the file system.
type openRecorder struct {
	fs.FS
	opened []string
}

func (r *openRecorder) Open(name string) (fs.File, error) {
	r.opened = append(r.opened, name)
	return r.FS.Open(name)
}

func TestLoadCorpusReportsBrokenCorpora(t *testing.T) {
	// An edit replaces old with new in a file of the small corpus; an empty
	// old replaces the whole file, or creates it.
	type edit struct{ file, old, new string }
	tests := []struct {
		name     string
		edits    []edit
		drop     string   // a file to delete
		want     []string // pieces of the error expected
		problems int      // how many problems, when not one
	}{
		{name: "a missing text file is named",
			drop: "bo-1.zh.txt",
			want: []string{`document "bo-1"`, "bo-1.zh.txt: no such file in the corpus folder"}},
		{name: "a missing source file is named",
			drop: "page.txt",
			want: []string{`source "page"`, "page.txt: no such file in the corpus folder"}},
		{name: "a duplicate document id is named",
			edits: []edit{{"corpus.yaml", "  - id: bo-1", "  - id: ann-1"}},
			want:  []string{`small/corpus.yaml:21:9: error: document id "ann-1" is declared twice [duplicate-id]`}},
		{name: "an unknown replies-to is named with the documents that exist",
			edits: []edit{{"corpus.yaml", "replies-to: ann-1", "replies-to: ann-0"}},
			want:  []string{`document "bo-1" replies to "ann-0", which is not a document of the corpus; did you mean "ann-1"? [unknown-reference]`}},
		{name: "a reply dated before the letter it answers is refused",
			edits: []edit{{"corpus.yaml", "date: 2000-01-02", "date: 1999-12-31"}},
			want:  []string{`document "bo-1" (1999-12-31) replies to "ann-1", which is dated later (2000-01-01)`}},
		{name: "a paragraph count that differs between languages is refused",
			edits: []edit{{"bo-1.zh.txt", "为什么不？\n", "为什么？\n\n不？\n"}},
			want:  []string{`document "bo-1": the English text has 2 paragraphs and the Chinese text 3`}},
		{name: "a text line not found verbatim in the source is named",
			edits: []edit{{"ann-1.en.txt", "the first point", "the first points"}},
			want:  []string{`document "ann-1": ann-1.en.txt line 3 does not occur verbatim, in order, in source page.txt`, `"We agree on the first points."`}},
		{name: "text lines out of the source's order are refused",
			edits: []edit{{"ann-1.en.txt", "We agree on the first point.\n\nWe do not agree on the second.", "We do not agree on the second.\n\nWe agree on the first point."}},
			want:  []string{"ann-1.en.txt line 5 does not occur verbatim, in order"}},
		{name: "a text that is NFKC-normalised no longer matches its source",
			edits: []edit{{"ann-1.zh.txt", "亲爱的博：", "亲爱的博:"}},
			want:  []string{"ann-1.zh.txt line 1 does not occur verbatim"}},
		{name: "a wrong sha256 is refused",
			edits: []edit{{"page.txt", "Ann to Bo", "Ann to Bob"}},
			want:  []string{`source "page": page.txt has SHA-256`, "[source-checksum]"}},
		{name: "an unknown key in the manifest is refused with its line",
			edits: []edit{{"corpus.yaml", "    title: Bo to Ann\n", "    title: Bo to Ann\n    colour: red\n"}},
			want:  []string{`small/corpus.yaml:23:5: error: unknown key "colour" in document "bo-1"`}},
		{name: "every unknown key is refused",
			edits:    []edit{{"corpus.yaml", "    title: Bo to Ann\n", "    title: Bo to Ann\n    colour: red\n    size: 2\n"}},
			want:     []string{`small/corpus.yaml:23:5: error: unknown key "colour"`, `small/corpus.yaml:24:5: error: unknown key "size"`},
			problems: 2},
		{name: "a misspelt top-level key is refused",
			edits: []edit{{"corpus.yaml", "title:", "titel:"}},
			want:  []string{`small/corpus.yaml:1:1: error: unknown key "titel" in the manifest; did you mean "title"?`}},
		{name: "a date that is not YYYY-MM-DD is refused",
			edits: []edit{{"corpus.yaml", "date: 2000-01-01", "date: 1 January 2000"}},
			want:  []string{`document "ann-1": date "1 January 2000" is not written YYYY-MM-DD`}},
		{name: "the thirtieth of February is refused",
			edits: []edit{{"corpus.yaml", "date: 2000-01-01", "date: 2001-02-29"}},
			want:  []string{`date "2001-02-29" does not exist: February 2001 has 28 days [invalid-date]`}},
		{name: "a leap day of a leap year is a date",
			edits: []edit{{"corpus.yaml", "date: 2000-01-01", "date: 2000-02-29"}, {"corpus.yaml", "date: 2000-01-02", "date: 2000-03-01\n    colour: red"}},
			want:  []string{`unknown key "colour"`}},
		{name: "a date with no such month is refused",
			edits: []edit{{"corpus.yaml", "date: 2000-01-01", "date: 2000-13-01"}},
			want:  []string{`date "2000-13-01" has no month 13 [invalid-date]`}},
		{name: "an unknown speaker is named with the speakers that exist",
			edits: []edit{{"corpus.yaml", "speaker: bo\n", "speaker: bob\n"}},
			want:  []string{`document "bo-1": speaker "bob" is not declared; did you mean "bo"? [unknown-reference]`}},
		{name: "an unknown party is named with the parties that exist",
			edits: []edit{{"corpus.yaml", "party: south", "party: west"}},
			want:  []string{`speaker "bo": party "west" is not declared [unknown-reference]`}},
		{name: "an unknown source is named with the sources that exist",
			edits: []edit{{"corpus.yaml", "source: page", "source: pages"}},
			want:  []string{`document "ann-1": source "pages" is not declared; did you mean "page"?`}},
		{name: "front with an unknown role is refused",
			edits: []edit{{"corpus.yaml", "front: [salutation]", "front: [greeting]"}},
			want:  []string{`front lists "greeting", which is not a role of an unnumbered paragraph [paragraph-role]`}},
		{name: "back with the body role is refused",
			edits: []edit{{"corpus.yaml", "back: [signature]", "back: [body]"}},
			want:  []string{`back lists "body", which is not a role of an unnumbered paragraph`}},
		{name: "front and back with more paragraphs than the text has are refused",
			edits: []edit{{"corpus.yaml", "replies-to: ann-1\n", "replies-to: ann-1\n    front: [heading, salutation, signature]\n"}},
			want: []string{`document "bo-1": bo-1.en.txt has 2 paragraphs, fewer than front and back declare (3) [paragraph-count]`,
				`document "bo-1": bo-1.zh.txt has 2 paragraphs`},
			problems: 2},
		{name: "a text missing in one language is refused",
			edits: []edit{{"corpus.yaml", "text: {en: bo-1.en.txt, zh: bo-1.zh.txt}", "text: {en: bo-1.en.txt}"}},
			want:  []string{`document "bo-1" has no Chinese text [missing-text]`}},
		{name: "a text in a language the corpus lacks is refused",
			edits: []edit{{"corpus.yaml", "zh: bo-1.zh.txt}", "zh: bo-1.zh.txt, fr: bo-1.en.txt}"}},
			want:  []string{`text is given in "fr", which is not a language of the corpus [unknown-language]`}},
		{name: "an id that is not kebab-case is refused",
			edits: []edit{{"corpus.yaml", "id: bo-1", "id: Bo_1"}},
			want:  []string{`document id "Bo_1" must be lower-case letters, digits and hyphens [invalid-id]`}},
		{name: "a path that climbs out of the corpus folder is refused",
			edits: []edit{{"corpus.yaml", "zh: bo-1.zh.txt", "zh: ../../etc/passwd"}},
			want:  []string{`document "bo-1": "../../etc/passwd" is not a path inside the corpus folder [corpus-file]`}},
		{name: "an absolute path is refused",
			edits: []edit{{"corpus.yaml", "file: page.txt", "file: /etc/passwd"}},
			want:  []string{`source "page": "/etc/passwd" is not a path inside the corpus folder`}},
		{name: "a folder named as a text file is refused",
			edits: []edit{{"corpus.yaml", "zh: bo-1.zh.txt", "zh: letters"}, {"letters/x.txt", "", "x"}},
			want:  []string{`document "bo-1": letters is not a regular file`}},
		{name: "malformed YAML is refused with its line",
			edits: []edit{{"corpus.yaml", "    title: Bo to Ann\n", "    title: Bo to Ann\n      note: over-indented\n"}},
			want:  []string{"small/corpus.yaml:23:7: error: mapping values are not allowed in this context [yaml-syntax]"}},
		{name: "a value of the wrong kind is refused with its line",
			edits: []edit{{"corpus.yaml", "front: [salutation]", "front: salutation"}},
			want:  []string{`small/corpus.yaml:19:12: error: front must be a list, not the value "salutation" [wrong-type]`}},
		{name: "a manifest that is a list is refused",
			edits: []edit{{"corpus.yaml", "", "- a\n- b\n"}},
			want:  []string{"small/corpus.yaml:1:1: error: a corpus manifest must be a mapping, not a list [wrong-type]"}},
		{name: "an empty manifest is refused as empty",
			edits: []edit{{"corpus.yaml", "", ""}},
			want:  []string{"the manifest is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := smallCorpus()
			if tt.drop != "" {
				delete(fsys, tt.drop)
			}
			for _, e := range tt.edits {
				f, ok := fsys[e.file]
				if !ok {
					f = &fstest.MapFile{}
					fsys[e.file] = f
				}
				if e.old != "" && !strings.Contains(string(f.Data), e.old) {
					t.Fatalf("bad test: %s does not contain %q", e.file, e.old)
				}
				if e.old == "" {
					f.Data = []byte(e.new)
				} else {
					f.Data = []byte(strings.Replace(string(f.Data), e.old, e.new, 1))
				}
			}
			rec := &openRecorder{FS: fsys}
			c, err := argmap.LoadCorpus(rec, "small")
			if err == nil {
				t.Fatalf("LoadCorpus succeeded with %d documents; want an error", len(c.Documents))
			}
			var ce *argmap.CorpusError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T %q is not a *CorpusError", err, err)
			}
			if want := max(tt.problems, 1); len(ce.Diagnostics) != want {
				t.Errorf("want %d problems, got %d:\n%v", want, len(ce.Diagnostics), err)
			}
			msg := err.Error()
			if !strings.Contains(msg, "small/corpus.yaml") {
				t.Errorf("error does not name the manifest small/corpus.yaml:\n%s", msg)
			}
			for _, piece := range tt.want {
				if !strings.Contains(msg, piece) {
					t.Errorf("error does not contain %q:\n%s", piece, msg)
				}
			}
			for _, name := range rec.opened {
				if !fs.ValidPath(name) || strings.Contains(name, "passwd") {
					t.Errorf("opened %q", name)
				}
			}
		})
	}
}

func TestLoadCorpusReportsTheLineOfADuplicate(t *testing.T) {
	fsys := smallCorpus()
	fsys["corpus.yaml"].Data = bytes.Replace(fsys["corpus.yaml"].Data, []byte("  - id: bo-1"), []byte("  - id: ann-1"), 1)
	_, err := argmap.LoadCorpus(fsys, "small")
	var ce *argmap.CorpusError
	if !errors.As(err, &ce) || len(ce.Diagnostics) != 1 {
		t.Fatalf("want one corpus problem, got %v", err)
	}
	if got := ce.Diagnostics[0]; got.Range.Start.Line != 21 || got.File != "small/corpus.yaml" {
		t.Errorf("problem at %s:%d, want small/corpus.yaml:21 (the second entry)", got.File, got.Range.Start.Line)
	}
}

func TestLoadCorpusListsEveryProblem(t *testing.T) {
	fsys := smallCorpus()
	m := string(fsys["corpus.yaml"].Data)
	m = strings.Replace(m, "date: 2000-01-01", "date: 2000-01-32", 1)
	m = strings.Replace(m, "speaker: bo\n", "speaker: bob\n", 1)
	fsys["corpus.yaml"].Data = []byte(m)
	delete(fsys, "ann-1.zh.txt")
	_, err := argmap.LoadCorpus(fsys, "small")
	var ce *argmap.CorpusError
	if !errors.As(err, &ce) {
		t.Fatalf("want a *CorpusError, got %v", err)
	}
	want := []string{
		`small/corpus.yaml:16:11: error: document "ann-1": date "2000-01-32" does not exist: January 2000 has 31 days [invalid-date]`,
		`small/corpus.yaml:18:34: error: document "ann-1": ann-1.zh.txt: no such file in the corpus folder [corpus-file]`,
		`small/corpus.yaml:23:14: error: document "bo-1": speaker "bob" is not declared; did you mean "bo"? [unknown-reference]`,
	}
	var got []string
	for _, p := range ce.Diagnostics {
		got = append(got, p.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoadCorpusWithoutAManifestSaysSo(t *testing.T) {
	fsys := smallCorpus()
	delete(fsys, "corpus.yaml")
	_, err := argmap.LoadCorpus(fsys, "small")
	if err == nil || !strings.Contains(err.Error(), "corpus.yaml: no such file") {
		t.Errorf("error %v should say corpus.yaml is missing", err)
	}
}
