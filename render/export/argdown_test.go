package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/argmap/argmap/render/internal/rendertest"

	"github.com/argmap/argmap/argmap"
)

func TestArgdownMatchesGoldenFiles(t *testing.T) {
	cases := []struct {
		name   string
		file   string
		golden string
		opts   ArgdownOptions
	}{
		{"small map in English", rendertest.Map("small.yaml"), "testdata/argdown/small.en.argdown", ArgdownOptions{}},
		{"small map in Chinese", rendertest.Map("small.yaml"), "testdata/argdown/small.zh.argdown", ArgdownOptions{Lang: argmap.Chinese}},
		{"Argdown syntax in summaries escaped", "testdata/argdown/syntax.yaml", "testdata/argdown/syntax.argdown", ArgdownOptions{}},
	}
	t.Run("a corpus in English and French, untitled documents headed by speaker and date", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteArgdown(&b, rendertest.CorpusMap(t, "lys"), ArgdownOptions{Lang: "fr"}); err != nil {
			t.Fatal(err)
		}
		rendertest.CheckGolden(t, "testdata/argdown/lys.fr.argdown", b.Bytes())
	})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteArgdown(&b, rendertest.LoadMap(t, tc.file), tc.opts); err != nil {
				t.Fatal(err)
			}
			rendertest.CheckGolden(t, tc.golden, b.Bytes())
		})
	}
}

func TestArgdownEscapeLeavesNoSyntax(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"[title]: <arg>", `\[title\]\: \<arg\>`},
		{"#tag *b* _i_", `\#tag \*b\* \_i\_`},
		{"line\nbreak", "line break"},
		{"严重的“事件”", "严重的“事件”"},
	}
	for _, tc := range cases {
		if got := ArgdownEscape(tc.in); got != tc.want {
			t.Errorf("ArgdownEscape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// argdownExport is what the Argdown CLI's json export holds of a map.
type argdownExport struct {
	Statements map[string]struct {
		Members []struct {
			Text string `json:"text"`
		} `json:"members"`
		Relations []struct {
			From         string `json:"from"`
			To           string `json:"to"`
			RelationType string `json:"relationType"`
		} `json:"relations"`
	} `json:"statements"`
	Arguments map[string]any `json:"arguments"`
}

// TestArgdownCLIParsesTheExport runs the real Argdown CLI (npm package
// @argdown/cli) on each export. Where the CLI is missing the test skips,
// except in CI (CI set), where it must be installed: .ci/run does so.
func TestArgdownCLIParsesTheExport(t *testing.T) {
	cli, err := exec.LookPath("argdown")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("the Argdown CLI is not installed; CI must run: npm install -g @argdown/cli@1.7.5")
		}
		t.Skip("the Argdown CLI is not installed (npm install -g @argdown/cli); skipping")
	}
	maps := map[string]*argmap.Map{
		"small":  rendertest.LoadMap(t, rendertest.Map("small.yaml")),
		"syntax": rendertest.LoadMap(t, "testdata/argdown/syntax.yaml"),
		// In English and French, with untitled documents, whose sections
		// must still have a heading.
		"lys": rendertest.CorpusMap(t, "lys"),
	}
	if m := bundledMap(t); m != nil {
		maps["bundled"] = m
	}
	for name, m := range maps {
		for _, lang := range m.Corpus.Languages {
			t.Run(name+" "+string(lang), func(t *testing.T) {
				dir := t.TempDir()
				in := filepath.Join(dir, "map.argdown")
				var b bytes.Buffer
				if err := WriteArgdown(&b, m, ArgdownOptions{Lang: lang}); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				cmd := exec.Command(cli, "json", in, filepath.Join(dir, "out"))
				cmd.Dir = dir // no argdown.config.js here
				out, err := cmd.CombinedOutput()
				if err != nil || bytes.Contains(out, []byte("syntax error")) {
					t.Fatalf("argdown json: %v\n%s\n--- input ---\n%s", err, out, b.Bytes())
				}
				data, err := os.ReadFile(filepath.Join(dir, "out", "map.json"))
				if err != nil {
					t.Fatal(err)
				}
				var got argdownExport
				if err := json.Unmarshal(data, &got); err != nil {
					t.Fatal(err)
				}
				if len(got.Statements) != len(m.Units) || len(got.Arguments) != 0 {
					t.Errorf("Argdown read %d statements and %d arguments from %d units", len(got.Statements), len(got.Arguments), len(m.Units))
				}
				for _, u := range m.Units {
					text := ""
					for _, member := range got.Statements[u.ID].Members {
						text += member.Text // references have no text; the definition has
					}
					if !strings.HasPrefix(text, strings.ReplaceAll(unitText(u, lang), "\n", " ")) {
						t.Errorf("statement %s does not read back as %q: %+v", u.ID, unitText(u, lang), text)
					}
				}
				want := 0
				for _, r := range m.Relations {
					if r.Type != argmap.Concedes {
						want++
					}
				}
				seen := map[[3]string]bool{}
				for _, s := range got.Statements {
					for _, r := range s.Relations {
						seen[[3]string{r.From, r.RelationType, r.To}] = true
					}
				}
				if len(seen) != want {
					t.Errorf("Argdown read %d relations, want %d: %v", len(seen), want, seen)
				}
			})
		}
	}
}
