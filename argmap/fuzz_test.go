package argmap_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
)

// FuzzValidate feeds arbitrary bytes to the loader and the span resolver, as
// one more file of the clean map so that relations and coverage run too.
// Nothing may panic, and every diagnostic must point at a real position.
func FuzzValidate(f *testing.F) {
	samples, _ := filepath.Glob("testdata/invalid/*.yaml")
	hostile, _ := filepath.Glob("testdata/hostile/*.yaml")
	valid, _ := filepath.Glob("testdata/valid/*.yaml")
	for _, s := range append(append(samples, hostile...), valid...) {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// Small versions of the hostile inputs: a large seed makes every new
	// input slow to minimise.
	for _, h := range hostileInputs() {
		if data := h.data(); h.small && len(data) < 4096 {
			f.Add(data)
		}
	}
	f.Add([]byte("units: " + strings.Repeat("[", 200) + strings.Repeat("]", 200)))
	f.Add([]byte("\uFEFFunits: []\r\n"))
	f.Add([]byte("units:\n  - {id: a, kind: claim, summary: {en: x}, span: {doc: clark-1953-06-29, paragraph: 1, en: {quote: e, start: 99999, end: -1, occurrence: 7, prefix: \"\\t\", suffix: 😀}}}\n"))
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		f.Fatal(err)
	}
	clean, err := os.ReadFile(cleanMap)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, diags := argmap.Validate(c, []argmap.Input{{Path: cleanMap, Data: clean}, {Path: "fuzz.yaml", Data: data}})
		checkDiagnostics(t, diags)
	})
}

// FuzzOccurrences checks quote search in code points against a plain
// search over runes.
func FuzzOccurrences(f *testing.F) {
	f.Add("is a serious event, and a serious event", "serious event")
	f.Add("你们竟声称联合国军纵容了战俘之逃亡，战俘", "战俘")
	f.Add("aaaa", "aa")
	f.Add("😀a😀a", "😀a")
	f.Add("\xff\xfeab", "ab")
	f.Fuzz(func(t *testing.T, text, quote string) {
		got := argmap.Occurrences(text, quote)
		if !utf8.ValidString(text) || !utf8.ValidString(quote) {
			return // the loader refuses invalid UTF-8 before any search
		}
		t1, q := []rune(text), []rune(quote)
		var want []int
		for i := 0; len(q) > 0 && i+len(q) <= len(t1); i++ {
			if string(t1[i:i+len(q)]) == quote {
				want = append(want, i)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("Occurrences(%q, %q) = %v, want %v", text, quote, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("Occurrences(%q, %q) = %v, want %v", text, quote, got, want)
			}
		}
	})
}

// FuzzQuoteResolution anchors an arbitrary quote, with arbitrary offsets and
// affixes, in Clark's paragraph 3 (English) and 5 (Chinese): no panic,
// positions from 1, passages inside their paragraph, and a quote reported
// found is exactly where the unit says.
func FuzzQuoteResolution(f *testing.F) {
	f.Add("Republic of Korea", 2, 0, "", "", "联合国军", 0, 0)
	f.Add("the Republic of Korea", 0, 327, "over ", ";", "战俘", 3, 0)
	f.Add(" command", 0, -1, "", "", "逃亡", 0, 1000)
	f.Add("", 0, 0, "x", "", "", 0, 0)
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, en string, occurrence, start int, prefix, suffix, zh string, zhOccurrence, zhStart int) {
		if !utf8.ValidString(en+prefix+suffix+zh) || strings.ContainsRune(en+prefix+suffix+zh, 0) {
			return
		}
		var b strings.Builder
		b.WriteString("units:\n  - id: fuzzed\n    kind: claim\n    summary: {en: fuzzed}\n    span:\n      doc: clark-1953-06-29\n      paragraph: 3\n")
		b.WriteString("      en: {quote: " + yamlQuote(en) + ", prefix: " + yamlQuote(prefix) + ", suffix: " + yamlQuote(suffix))
		if occurrence != 0 {
			b.WriteString(", occurrence: " + strconv.Itoa(occurrence))
		}
		if start != 0 {
			b.WriteString(", start: " + strconv.Itoa(start))
		}
		b.WriteString("}\n      zh: {quote: " + yamlQuote(zh))
		if zhOccurrence != 0 {
			b.WriteString(", occurrence: " + strconv.Itoa(zhOccurrence))
		}
		if zhStart != 0 {
			b.WriteString(", start: " + strconv.Itoa(zhStart))
		}
		b.WriteString("}\n")
		m, diags := argmap.Validate(c, []argmap.Input{{Path: "quote.yaml", Data: []byte(b.String())}})
		checkDiagnostics(t, diags)
		u := m.Unit("fuzzed")
		if u == nil {
			return
		}
		for lang, q := range u.Span.Quotes {
			if !q.Found {
				continue
			}
			text := []rune(u.Span.Paragraph.Text[lang])
			if q.Start < 0 || q.End > len(text) || string(text[q.Start:q.End]) != q.Text {
				t.Errorf("%s quote %q resolved to [%d,%d)", lang, q.Text, q.Start, q.End)
			}
		}
	})
}

// yamlQuote writes s as a double-quoted YAML string.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString("\\" + string(r))
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF:
			// What YAML does not allow as it stands (C0 and C1 controls,
			// DEL, U+FFFE and U+FFFF), line breaks and the byte order mark.
			fmt.Fprintf(&b, "\\U%08X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
