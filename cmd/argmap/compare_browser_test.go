package main

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestClassReportHasNoSeriousAxeViolations opens the class report of
// argmap's test class in each language, every student's disagreements
// unfolded, and runs axe-core on it: no serious or critical violation may
// remain, contrast included.
func TestClassReportHasNoSeriousAxeViolations(t *testing.T) {
	axe := axeScript(t)
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
			audit(t, p, axe, "the class report in "+lang)
			if got := eval[string](t, p, `document.documentElement.lang`); got != lang {
				t.Errorf("<html lang> is %q, want %q", got, lang)
			}
			checkConsole(t, p)
		})
	}
}
