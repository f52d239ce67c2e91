package diag

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render/internal/rendertest"
)

func TestStepSummaryMatchesGoldenFiles(t *testing.T) {
	reports := map[string]func(*testing.T) *Report{
		"fixed":   func(*testing.T) *Report { return fixedReport() },
		"invalid": realReport,
		"clean": func(*testing.T) *Report {
			return &Report{Files: []*argmap.File{{Path: "a.yaml"}}, Units: 3, Relations: 2}
		},
	}
	for name, report := range reports {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteStepSummary(&b, report(t)); err != nil {
				t.Fatal(err)
			}
			rendertest.CheckGolden(t, filepath.Join("testdata/diagnostics", name+".summary.md"), b.Bytes())
		})
	}
}

func TestStepSummaryEscapesTextFromTheFiles(t *testing.T) {
	r := &Report{Files: []*argmap.File{{Path: "x.yaml"}}, Diagnostics: []argmap.Diagnostic{{
		File: "a|<img src=x>[link](http://e)\n::error.yaml", Range: argmap.Range{Start: argmap.Position{Line: 1, Column: 1}},
		Severity: argmap.SeverityError, Rule: argmap.RuleUnknownKey,
		Message: "unknown key \"<script>alert(1)</script>|**bold**\"", Detail: "`code` _em_ \r\n| cell",
	}}}
	var b bytes.Buffer
	if err := WriteStepSummary(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<img", "<script", "[link](", "**bold**", "`code`", "\n::error", "a|<"} {
		if strings.Contains(out, bad) {
			t.Errorf("the summary carries %q unescaped:\n%s", bad, out)
		}
	}
	row := strings.Split(strings.TrimSpace(out), "\n")
	if last := row[len(row)-1]; strings.Count(last, "|")-strings.Count(last, `\|`) != 5 {
		t.Errorf("the row has cells split by text from the file: %s", last)
	}
}

func TestStepSummaryIsBounded(t *testing.T) {
	r := &Report{Files: []*argmap.File{{Path: "x.yaml"}}}
	for i := range maxSummaryRows + 5 {
		r.Diagnostics = append(r.Diagnostics, argmap.Diagnostic{File: "x.yaml", Range: argmap.Range{Start: argmap.Position{Line: i + 1, Column: 1}},
			Severity: argmap.SeverityWarning, Rule: argmap.RuleLongSummary, Message: fmt.Sprint("long ", i)})
	}
	var b bytes.Buffer
	if err := WriteStepSummary(&b, r); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(b.String(), "\n| warning |"); rows != maxSummaryRows {
		t.Errorf("%d rows, want %d", rows, maxSummaryRows)
	}
	if !strings.Contains(b.String(), "5 more are not listed here") {
		t.Errorf("the summary does not say how many it left out")
	}
}

func TestGitHubEndsWithASummaryNotice(t *testing.T) {
	for _, tc := range []struct {
		name     string
		warnings int
		want     string
	}{
		{"clean", 0, "::notice title=argmap::no problems in 1 file: 0 units, 0 relations\n"},
		{"a few", 3, "::notice title=argmap::3 warnings in 1 file\n"},
		{"more than GitHub shows", 11, "::notice title=argmap::11 warnings in 1 file; the pull request shows 10 annotations of each kind, the job summary and argmap validate list them all\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &Report{Files: []*argmap.File{{Path: "x.yaml"}}}
			for i := range tc.warnings {
				r.Diagnostics = append(r.Diagnostics, argmap.Diagnostic{File: "x.yaml", Range: argmap.Range{Start: argmap.Position{Line: i + 1, Column: 1}},
					Severity: argmap.SeverityWarning, Rule: argmap.RuleLongSummary, Message: "long"})
			}
			var b bytes.Buffer
			if err := WriteGitHub(&b, r); err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitAfter(b.String(), "\n")
			if last := lines[len(lines)-2]; last != tc.want {
				t.Errorf("last line %q, want %q", last, tc.want)
			}
		})
	}
}
