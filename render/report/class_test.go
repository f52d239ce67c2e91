package report_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render/internal/rendertest"
	"github.com/argmap/argmap/render/report"
)

const classDir = "../../argmap/testdata/compare"

// theClass compares the class of argmap/testdata/compare/class with its
// key, the students' paths written as class/NAME.yaml so that the goldens
// do not depend on where the test runs.
func theClass(t *testing.T, lang argmap.Lang) report.ClassReport {
	t.Helper()
	key := rendertest.LoadMap(t, filepath.Join(classDir, "class-key.yaml"))
	paths, err := filepath.Glob(filepath.Join(classDir, "class", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("the class: %v %v", paths, err)
	}
	var subs []argmap.Submission
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".yaml")
		subs = append(subs, argmap.Submission{Name: name, Input: argmap.Input{Path: "class/" + name + ".yaml", Data: data}})
	}
	return report.ClassReport{ClassComparison: argmap.CompareClass(key, subs, argmap.Assignment{}), KeyName: "class-key.yaml", Lang: lang}
}

func TestClassReportGoldens(t *testing.T) {
	tests := []struct {
		golden string
		lang   argmap.Lang
		write  func(*bytes.Buffer, report.ClassReport) error
	}{
		{"class.txt", argmap.English, func(b *bytes.Buffer, r report.ClassReport) error { return report.WriteClassText(b, r) }},
		{"class.csv", argmap.English, func(b *bytes.Buffer, r report.ClassReport) error { return report.WriteClassCSV(b, r) }},
		{"class.json", argmap.English, func(b *bytes.Buffer, r report.ClassReport) error { return report.WriteClassJSON(b, r) }},
		{"class.html", argmap.English, func(b *bytes.Buffer, r report.ClassReport) error { return report.WriteClassHTML(b, r) }},
		{"class.zh.html", argmap.Chinese, func(b *bytes.Buffer, r report.ClassReport) error { return report.WriteClassHTML(b, r) }},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b, theClass(t, tt.lang)); err != nil {
				t.Fatal(err)
			}
			rendertest.CheckGolden(t, filepath.Join("testdata", tt.golden), b.Bytes())
		})
	}
}

func TestTheCSVReportIsOneRectangularTable(t *testing.T) {
	var b bytes.Buffer
	if err := report.WriteClassCSV(&b, theClass(t, argmap.English)); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// A header; for each valid student a row for the whole key, four
	// paragraphs and two disputes, and dana a third part for her unit in no
	// dispute, as the class; one row for the invalid student.
	if want := 1 + 4*7 + 8 + 8 + 1; len(rows) != want {
		t.Errorf("%d rows, want %d", len(rows), want)
	}
	last := rows[len(rows)-8]
	if last[0] != "class" || last[5] != "all" || last[12] != "0.935484" || last[20] != "0.820513" {
		t.Errorf("the class row is %v; want kappa 0.935484 and F1 0.820513", last)
	}
}

// A class report shows what students wrote, file names included: none of it
// may become markup, a formula, or a line of its own.
func TestTheClassReportEscapesWhatStudentsWrite(t *testing.T) {
	key := rendertest.LoadMap(t, rendertest.Map("hostile.yaml"))
	data, err := os.ReadFile(rendertest.Map("hostile.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	names := []string{`<img src=x onerror=alert(1)>`, `=HYPERLINK("http://example.com")`, "two\nlines", "@SUM(A1)"}
	var subs []argmap.Submission
	for _, n := range names {
		subs = append(subs, argmap.Submission{Name: n, Input: argmap.Input{Path: n + ".yaml", Data: data}})
	}
	subs = append(subs, argmap.Submission{Name: "broken", Input: argmap.Input{Path: "<b>broken</b>.yaml", Data: []byte("units: [")}})
	r := report.ClassReport{ClassComparison: argmap.CompareClass(key, subs, argmap.Assignment{}), KeyName: "<key>.yaml", Lang: argmap.Chinese}

	var page bytes.Buffer
	if err := report.WriteClassHTML(&page, r); err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"<img", "<script", "<b>", "<key>"} {
		if strings.Contains(page.String(), raw) {
			t.Errorf("the page holds %q unescaped", raw)
		}
	}
	var table bytes.Buffer
	if err := report.WriteClassCSV(&table, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&table).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for _, cell := range row[1:3] {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("cell %q would be read as a formula", cell)
			}
		}
	}
	var text bytes.Buffer
	if err := report.WriteClassText(&text, r); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(text.String(), "\n") {
		if strings.HasPrefix(line, "lines") {
			t.Errorf("a student's name broke a line: %q", line)
		}
	}
}

func TestCompareJSONFollowsItsSchema(t *testing.T) {
	schema := rendertest.LoadSchema(t, "../../docs/compare-json.schema.json")
	r := theClass(t, argmap.English)
	t.Run("a class", func(t *testing.T) {
		var b bytes.Buffer
		if err := report.WriteClassJSON(&b, r); err != nil {
			t.Fatal(err)
		}
		rendertest.CheckSchema(t, schema, b.Bytes())
	})
	t.Run("a class where no file validates", func(t *testing.T) {
		broken := report.ClassReport{ClassComparison: argmap.CompareClass(r.Key,
			[]argmap.Submission{{Name: "x", Input: argmap.Input{Path: "x.yaml", Data: []byte("units: [")}}}, argmap.Assignment{})}
		var b bytes.Buffer
		if err := report.WriteClassJSON(&b, broken); err != nil {
			t.Fatal(err)
		}
		rendertest.CheckSchema(t, schema, b.Bytes())
		if !strings.Contains(b.String(), `"figures": null`) {
			t.Errorf("a class of no valid file has figures:\n%s", b.String())
		}
	})
	t.Run("one student", func(t *testing.T) {
		var b bytes.Buffer
		if err := report.WriteComparisonJSON(&b, r.Grades[1].Comparison, "class-key.yaml", "class/ben.yaml"); err != nil {
			t.Fatal(err)
		}
		rendertest.CheckSchema(t, schema, b.Bytes())
	})
}
