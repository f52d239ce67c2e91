package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/argmap"
)

// fixedReport is a report built by hand, so that every feature of the
// printers shows in the golden files whatever the validator reports: each
// severity, a wide-character range, a tab, a range over two lines, related
// places, a passage, and characters GitHub commands must escape.
func fixedReport() *Report {
	src := "argmap: 1\n" +
		"units:\n" +
		"  - id: clark-escape-serious\n" +
		"    span: {doc: kim-peng-1953-07-07, zh: \"这是不对的\", en: 50%, done}\n" +
		"\tnote: tabbed\n" +
		"  - id: clark-escape-serious\n"
	pos := func(line, col int) argmap.Position { return argmap.Position{Line: line, Column: col} }
	rg := func(l1, c1, l2, c2 int) argmap.Range { return argmap.Range{Start: pos(l1, c1), End: pos(l2, c2)} }
	zh := "你在一九五三年六月二十九日复信中，承认了李承晚集团胁迫朝鲜人民军被俘人员离开战俘营并强迫扣留他们是一个严重而不幸的事件，这是对的；但你对于这一事件的解释和处理，是不能令人满意的。"
	at := argmap.RuneLen("你在一九五三年六月二十九日复信中，承认了李承晚集团胁迫朝鲜人民军被俘人员离开战俘营并强迫扣留他们是一个严重而不幸的事件，")
	en := "In your reply of June 29, 1953, you acknowledged that the incident of the Rhee Syngman clique coercing Korean People's Army prisoners of war to leave the prisoner-of-war camps and forcibly detaining them was a serious and unfortunate event, which is correct; however, your explanation and handling of this incident are unsatisfactory."
	enAt := strings.Index(en, "which is correct")
	return &Report{
		Files: []*argmap.File{{Path: "maps/a, b.yaml", Data: []byte(src)}},
		Units: 1,
		Diagnostics: []argmap.Diagnostic{
			{File: "maps/a, b.yaml", Range: rg(1, 1, 1, 1), Severity: argmap.SeverityInfo, Rule: argmap.RuleUnannotatedDocument,
				Message: "document communique-1953-07-08 has no unit"},
			{File: "maps/a, b.yaml", Range: rg(4, 42, 4, 49), Severity: argmap.SeverityError, Rule: argmap.RuleQuoteNotFound,
				Message: "the Chinese quote is not in kim-peng-1953-07-07 ¶1", Detail: "closest passage: 这是对的；",
				Passage: &argmap.Passage{Doc: "kim-peng-1953-07-07", Paragraph: "¶1", Lang: argmap.Chinese, Text: zh, Start: at, End: at + 5}},
			{File: "maps/a, b.yaml", Range: rg(4, 55, 4, 64), Severity: argmap.SeverityWarning, Rule: argmap.RuleQuoteCutsWord,
				Message: "the English quote ends in the middle of a word: 50%, done\r\nsecond line",
				Passage: &argmap.Passage{Doc: "kim-peng-1953-07-07", Paragraph: "¶1", Lang: argmap.English, Text: en, Start: enAt, End: enAt + 16}},
			{File: "maps/a, b.yaml", Range: rg(5, 2, 6, 3), Severity: argmap.SeverityError, Rule: argmap.RuleUnknownKey,
				Message: "unknown key \"note\" here", Detail: "allowed keys: id, kind"},
			{File: "maps/a, b.yaml", Range: rg(6, 9, 6, 29), Severity: argmap.SeverityError, Rule: argmap.RuleDuplicateID,
				Message: "unit id \"clark-escape-serious\" is already defined", Detail: "ids are unique across all files of a map",
				Related: []argmap.Related{{File: "maps/a, b.yaml", Range: rg(3, 9, 3, 29), Message: "first defined here"}}},
		},
	}
}

// realReport validates testdata/diagnostics/invalid.yaml over the embedded
// corpus, so that the golden files show what users see.
func realReport(t *testing.T) *Report {
	t.Helper()
	path := "testdata/diagnostics/invalid.yaml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, ds := argmap.Validate(rendertest.EmbeddedCorpus(t), []argmap.Input{{Path: path, Data: data}})
	if !argmap.Fails(ds, false) {
		t.Fatalf("%s should have errors", path)
	}
	return NewReport(m, ds)
}

var goldenExtension = map[string]string{"text": ".txt", "json": ".json", "github": ".github", "sarif": ".sarif"}

func TestDiagnosticsMatchGoldenFiles(t *testing.T) {
	reports := map[string]func(*testing.T) *Report{
		"fixed":   func(*testing.T) *Report { return fixedReport() },
		"invalid": realReport,
	}
	for _, name := range []string{"fixed", "invalid"} {
		for _, format := range DiagnosticFormats {
			t.Run(name+" in "+format, func(t *testing.T) {
				var b bytes.Buffer
				opts := DiagnosticOptions{ToolVersion: "v1.2.3", BaseDir: "/work/repo"}
				if err := WriteDiagnostics(&b, format, reports[name](t), opts); err != nil {
					t.Fatal(err)
				}
				rendertest.CheckGolden(t, filepath.Join("testdata/diagnostics", name+goldenExtension[format]), b.Bytes())
			})
		}
	}
}

func TestWriteDiagnosticsRefusesAnUnknownFormat(t *testing.T) {
	if err := WriteDiagnostics(&bytes.Buffer{}, "xml", fixedReport(), DiagnosticOptions{}); err == nil {
		t.Fatal("no error for format xml")
	}
}

func TestCleanReportsSayHowMuchWasChecked(t *testing.T) {
	r := &Report{Files: []*argmap.File{{Path: "a.yaml"}, {Path: "b.yaml"}}, Units: 24, Relations: 1}
	var b bytes.Buffer
	if err := WriteText(&b, r, DiagnosticOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "no problems in 2 files: 24 units, 1 relation\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEmptyListsAreNeverNull(t *testing.T) {
	r := &Report{}
	for _, format := range []string{"json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteDiagnostics(&b, format, r, DiagnosticOptions{}); err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b.Bytes(), []byte("null")) {
				t.Errorf("null in\n%s", b.Bytes())
			}
		})
	}
}

func TestTextColorsOnlyWhenAsked(t *testing.T) {
	for _, color := range []bool{false, true} {
		t.Run(fmt.Sprintf("color %v", color), func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteText(&b, fixedReport(), DiagnosticOptions{Color: color}); err != nil {
				t.Fatal(err)
			}
			if got := bytes.Contains(b.Bytes(), []byte("\x1b[")); got != color {
				t.Errorf("escape codes present: %v, want %v", got, color)
			}
		})
	}
}

func TestTextNeutralisesControlCharacters(t *testing.T) {
	r := &Report{
		Files: []*argmap.File{{Path: "a.yaml", Data: []byte("id: \x1b[2Jx\u202e\n")}},
		Diagnostics: []argmap.Diagnostic{{File: "a.yaml", Range: argmap.Range{Start: argmap.Position{Line: 1, Column: 5}, End: argmap.Position{Line: 1, Column: 11}},
			Rule: argmap.RuleInvalidID, Message: "unit id \x1b[31m is odd\u202e"}},
	}
	var b bytes.Buffer
	if err := WriteText(&b, r, DiagnosticOptions{}); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(b.Bytes(), "\x1b\u202e") {
		t.Errorf("control characters reach the terminal:\n%q", b.String())
	}
}

func TestSourceExcerptPadsWideCharacters(t *testing.T) {
	tests := []struct {
		name       string
		line       string
		start, end int // columns
		want       string
	}{
		{"an ASCII range", `en: "abc"`, 5, 10, "    ^~~~~"},
		{"a range after CJK text", `zh: 这是 "x"`, 8, 11, "         ^~~"},
		{"a range of CJK text", `zh: "这是"`, 5, 9, "    ^~~~~~"},
		{"an unknown end", `zh: "这是"`, 5, 5, "    ^"},
		{"a tab before the range", "\tx: y", 5, 6, "    ^"},
		{"a range past the end of the line", "ab", 2, 40, " ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rg := argmap.Range{Start: argmap.Position{Line: 1, Column: tt.start}, End: argmap.Position{Line: 1, Column: tt.end}}
			if _, caret := sourceExcerpt(argmap.NewRuneIndex(tt.line), tt.line, rg); caret != tt.want {
				t.Errorf("caret %q, want %q", caret, tt.want)
			}
		})
	}
}

func TestSourceExcerptClipsLongLines(t *testing.T) {
	line := "en: " + strings.Repeat("word ", 200) + "target" + strings.Repeat(" more", 100)
	col := strings.Index(line, "target") + 1
	rg := argmap.Range{Start: argmap.Position{Line: 1, Column: col}, End: argmap.Position{Line: 1, Column: col + 6}}
	text, caret := sourceExcerpt(argmap.NewRuneIndex(line), line, rg)
	if render.DisplayWidth(text) > sourceWidth+2 {
		t.Errorf("shown line is %d columns wide", render.DisplayWidth(text))
	}
	i := strings.Index(caret, "^")
	if got := string([]rune(text)[i : i+6]); got != "target" {
		t.Errorf("caret under %q, want target\n%s\n%s", got, text, caret)
	}
}

func TestPassageLineClipsAroundTheRange(t *testing.T) {
	text := strings.Repeat("before ", 30) + "the quoted\npart" + strings.Repeat(" after", 30)
	start := strings.Index(text, "the quoted")
	p := &argmap.Passage{Doc: "d", Paragraph: "¶2", Lang: argmap.English, Text: text, Start: start, End: start + len("the quoted\npart")}
	got := passageLine(p)
	if !strings.Contains(got, "«the quoted part»") {
		t.Errorf("quoted part not whole, or its line end kept: %q", got)
	}
	if !strings.HasPrefix(got, "d ¶2 (en): …") || !strings.HasSuffix(got, "…") {
		t.Errorf("not clipped at both ends: %q", got)
	}
	if w := render.DisplayWidth(got); w > passageWidth+20 {
		t.Errorf("passage line is %d columns wide", w)
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := githubData("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b"; got != want {
		t.Errorf("message: got %q, want %q", got, want)
	}
	if got, want := githubProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A"; got != want {
		t.Errorf("property: got %q, want %q", got, want)
	}
}

func TestArtifactURIIsRelative(t *testing.T) {
	tests := []struct{ name, file, base, want string }{
		{"a relative path", "annotations/a.yaml", "/repo", "annotations/a.yaml"},
		{"a path with ./", "./annotations/a.yaml", "/repo", "annotations/a.yaml"},
		{"a path outside the folder", "../other/a.yaml", "/repo", "../other/a.yaml"},
		{"an absolute path inside the folder", "/repo/maps/a.yaml", "/repo", "maps/a.yaml"},
		{"an absolute path outside the folder", "/elsewhere/a.yaml", "/repo", "../elsewhere/a.yaml"},
		{"a name with a space", "my maps/a b.yaml", "/repo", "my%20maps/a%20b.yaml"},
		{"an embedded path", "annotations/armistice-1953.yaml", "", "annotations/armistice-1953.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := artifactURI(tt.file, tt.base); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSARIFListsEveryRuleInOrder(t *testing.T) {
	var b bytes.Buffer
	if err := WriteSARIF(&b, fixedReport(), DiagnosticOptions{}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	rules := log.Runs[0].Tool.Driver.Rules
	if len(rules) != len(argmap.AllRules()) {
		t.Fatalf("%d rules, want %d", len(rules), len(argmap.AllRules()))
	}
	for _, res := range log.Runs[0].Results {
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d, which is %s", res.RuleID, res.RuleIndex, rules[res.RuleIndex].ID)
		}
	}
}

func TestJSONDiagnosticsFollowTheirSchema(t *testing.T) {
	schema := rendertest.LoadSchema(t, "../../docs/validate-json.schema.json")
	for name, r := range map[string]*Report{"fixed": fixedReport(), "real": realReport(t), "clean": {}} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteJSONDiagnostics(&b, r); err != nil {
				t.Fatal(err)
			}
			rendertest.CheckSchema(t, schema, b.Bytes())
		})
	}
}

func TestTextQuotesFileNamesThatCouldBreakTheLine(t *testing.T) {
	cases := []struct {
		name, file, want string
	}{
		{"a plain name is printed as it is", "maps/clark.yaml", "maps/clark.yaml:1:1: "},
		{"a Chinese name is printed as it is", "地图/克拉克.yaml", "地图/克拉克.yaml:1:1: "},
		{"a line end is escaped, so no line begins ::error", "a\n::error file=x::pwned.yaml", `"a\n::error file=x::pwned.yaml":1:1: `},
		{"an escape sequence is escaped", "a\x1b[2J.yaml", `"a\x1b[2J.yaml":1:1: `},
		{"a right-to-left override is escaped", "a\u202egnp.yaml", `"a\u202egnp.yaml":1:1: `},
		{"invalid UTF-8 is escaped", "a\xff.yaml", `"a\xff.yaml":1:1: `},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			at := argmap.Range{Start: argmap.Position{Line: 1, Column: 1}, End: argmap.Position{Line: 1, Column: 1}}
			r := &Report{
				Files: []*argmap.File{{Path: tc.file, Data: []byte("units: []\n")}},
				Diagnostics: []argmap.Diagnostic{{File: tc.file, Range: at, Rule: argmap.RuleDuplicateID, Message: "unit id \"a\" is already defined",
					Related: []argmap.Related{{File: tc.file, Range: at, Message: "first defined here"}}}},
			}
			var b bytes.Buffer
			if err := WriteText(&b, r, DiagnosticOptions{}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if !strings.HasPrefix(out, tc.want) {
				t.Errorf("first line %q, want it to begin %q", strings.SplitN(out, "\n", 2)[0], tc.want)
			}
			if !strings.Contains(out, "  "+tc.want+"note: first defined here\n") {
				t.Errorf("the related note does not name the file as %q:\n%s", tc.want, out)
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "::") || strings.ContainsAny(line, "\x1b\u202e") {
					t.Errorf("a line the file name controls: %q", line)
				}
			}
		})
	}
}

// TestSourceExcerptOfALongLine: a diagnostic on a line of a megabyte shows
// a window of it, the caret under the range, as on a short line.
func TestSourceExcerptOfALongLine(t *testing.T) {
	line := strings.Repeat("战 ", 1<<18) + "target" + strings.Repeat(" x", 100)
	col := utf8.RuneCountInString(line[:strings.Index(line, "target")]) + 1
	rg := argmap.Range{Start: argmap.Position{Line: 1, Column: col}, End: argmap.Position{Line: 1, Column: col + 6}}
	text, caret := sourceExcerpt(argmap.NewRuneIndex(line), line, rg)
	if !strings.HasPrefix(text, "…") || !strings.HasSuffix(text, "…") || render.DisplayWidth(text) > sourceWidth+2 {
		t.Errorf("excerpt of %d columns: %q", render.DisplayWidth(text), text)
	}
	before := text[:strings.Index(text, "target")]
	if want := strings.Repeat(" ", render.DisplayWidth(before)) + "^~~~~~"; caret != want {
		t.Errorf("caret %q, want %q under\n%s", caret, want, text)
	}
}
