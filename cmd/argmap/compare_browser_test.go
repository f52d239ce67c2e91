package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// compareAxeSource returns axe-core's script: $AXE_CORE_JS if set, else
// axe.min.js of the axe-core package that npm installs globally. Without
// it the test skips, except in CI, where it fails.
func compareAxeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AXE_CORE_JS")
	if path == "" {
		if root, err := exec.Command("npm", "root", "-g").Output(); err == nil {
			path = filepath.Join(strings.TrimSpace(string(root)), "axe-core", "axe.min.js")
		}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no axe-core (npm install -g axe-core, or set AXE_CORE_JS): %v", err)
		}
		t.Skipf("no axe-core; npm install -g axe-core to run the accessibility check: %v", err)
	}
	return string(src)
}

// TestClassReportHasNoSeriousAxeViolations opens the class report of
// argmap's test class in each language, every student's disagreements
// unfolded, and runs axe-core on it: no serious or critical violation may
// remain, contrast included.
func TestClassReportHasNoSeriousAxeViolations(t *testing.T) {
	axe := compareAxeSource(t)
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.html")
			var stderr bytes.Buffer
			args := []string{"compare", "--format", "html", "--lang", lang, "-o", out,
				"../../argmap/testdata/compare/class-key.yaml", "../../argmap/testdata/compare/class"}
			if code := run(args, io.Discard, &stderr); code != exitFindings {
				t.Fatalf("argmap compare exited %d, want %d (one invalid student): %s", code, exitFindings, stderr.String())
			}
			p := newPage(t)
			p.do(t, chromedp.Navigate("file://"+out), chromedp.WaitVisible(chromedp.CSS("main")))
			eval[bool](t, p, `(() => { document.querySelectorAll("details").forEach(d => d.open = true); return true })()`)
			eval[bool](t, p, axe+";true")
			violations, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
				r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
					.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", ")))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range violations {
				t.Errorf("axe-core: %s", v)
			}
			if got := eval[string](t, p, `document.documentElement.lang`); got != lang {
				t.Errorf("<html lang> is %q, want %q", got, lang)
			}
			checkConsole(t, p)
		})
	}
}
