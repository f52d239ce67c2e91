package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/argmap/argmap/argmap"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The tests in this file drive the reader in headless Chromium (Debian's
// chromium package). Without a browser they skip, except in CI, where a
// missing browser fails them.

var screenshot = flag.Bool("screenshot", false, "write docs/reader.png, a screenshot of the reader on the bundled map")

const smallMap = "../../render/testdata/maps/small.yaml"

// browserPath finds Chromium or Chrome.
func browserPath() string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// page is a browser tab with the console messages that count as failures:
// errors, warnings (CSP reports a blocked resource as one) and exceptions.
type page struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

func (p *page) consoleProblems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

func newPage(t *testing.T) *page {
	t.Helper()
	path := browserPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found: CI must run the browser tests (apt-get install chromium)")
		}
		t.Skip("no Chromium found; install Debian's chromium package to run the browser tests")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	p := &page{ctx: ctx}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			switch m.Type {
			case "error", "warning", "assert", chromedp.ConsoleException:
				p.mu.Lock()
				p.problems = append(p.problems, m.String())
				p.mu.Unlock()
			}
		}
	}()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 900)); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return p
}

func (p *page) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, p *page, js string) T {
	t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor evaluates js until it is true. A reload may destroy the page's
// context between two tries: errors only mean "not yet".
func waitFor(t *testing.T, p *page, js string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s (last error: %v)", timeout, js, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// writeReader runs argmap html on the files and returns the page's file URL.
func writeReader(t *testing.T, files ...string) string {
	t.Helper()
	return writePage(t, files...)
}

// writePage runs argmap html with the arguments (files and flags, or
// --corpus first) and returns the page's file URL.
func writePage(t *testing.T, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "reader.html")
	var stderr bytes.Buffer
	if len(args) > 0 && args[0] == "--corpus" {
		args = append(args[:2:2], append([]string{"html", "-o", out}, args[2:]...)...)
	} else {
		args = append([]string{"html", "-o", out}, args...)
	}
	if code := run(args, io.Discard, &stderr); code != 0 {
		t.Fatalf("argmap %s exited %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return "file://" + out
}

// anchoredUnits counts the units whose quote was found in the text.
func anchoredUnits(t *testing.T, files ...string) int {
	t.Helper()
	c, err := (&globalOptions{}).loadCorpus()
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := readInputs(files, argmap.Stdin{})
	if err != nil {
		t.Fatal(err)
	}
	m, ds := argmap.Validate(c, inputs)
	if argmap.Fails(ds, false) {
		t.Fatalf("%v", ds)
	}
	n := 0
	for _, u := range m.Units {
		for _, q := range u.Span.Quotes {
			if q.Found {
				n++
				break
			}
		}
	}
	return n
}

func checkConsole(t *testing.T, p *page) {
	t.Helper()
	for _, m := range p.consoleProblems() {
		t.Errorf("console: %s", m)
	}
}

func TestReaderLinksTextAndDiagramInABrowser(t *testing.T) {
	p := newPage(t)
	p.do(t, chromedp.Navigate(writeReader(t)), chromedp.WaitVisible(chromedp.CSS("#letters")))

	t.Run("every anchored unit has highlighted spans", func(t *testing.T) {
		got := eval[int](t, p, `new Set(Array.from(document.querySelectorAll("mark.unit-span[data-unit]"), m => m.dataset.unit)).size`)
		if want := anchoredUnits(t); got != want {
			t.Errorf("%d units highlighted, want %d", got, want)
		}
	})

	t.Run("clicking a node scrolls its passage into view and marks it", func(t *testing.T) {
		// The English mark furthest down the page, out of view at first.
		id := eval[string](t, p, `(() => {
			let best = null, top = -1;
			for (const m of document.querySelectorAll('p[lang="en"] mark.unit-span')) {
				const r = m.getBoundingClientRect();
				if (r.top > top) { top = r.top; best = m; }
			}
			return best.dataset.unit;
		})()`)
		inView := fmt.Sprintf(`(() => {
			const m = document.querySelector('p[lang="en"] mark.unit-span[data-unit=%q]');
			const r = m.getBoundingClientRect();
			return r.top >= 0 && r.bottom <= window.innerHeight && m.classList.contains("selected");
		})()`, id)
		if eval[bool](t, p, inView) {
			t.Fatalf("the passage of %s is in view before the click; the test proves nothing", id)
		}
		p.do(t, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#map-en-unit-%s`, id))))
		waitFor(t, p, inView, 5*time.Second)
		if !eval[bool](t, p, fmt.Sprintf(`document.getElementById("item-%s").classList.contains("selected")`, id)) {
			t.Errorf("the unit list does not mark %s", id)
		}
	})

	t.Run("clicking a passage marks its node and relations", func(t *testing.T) {
		id := eval[string](t, p, `(() => {
			const d = JSON.parse(document.getElementById("argmap-data").textContent).units;
			return Object.keys(d).find(k => d[k].edges.length > 0);
		})()`)
		p.do(t, chromedp.Click(chromedp.CSS(fmt.Sprintf(`p[lang="en"] mark[data-unit=%q]`, id))))
		if !eval[bool](t, p, fmt.Sprintf(`document.getElementById("map-en-unit-%s").classList.contains("selected")`, id)) {
			t.Errorf("the node of %s is not marked", id)
		}
		if n := eval[int](t, p, `document.querySelectorAll("#panel g.edge.related").length`); n == 0 {
			t.Errorf("no relation of %s is marked", id)
		}
	})

	t.Run("Enter on a focused passage selects it", func(t *testing.T) {
		id := eval[string](t, p, `document.querySelectorAll('p[lang="en"] mark[tabindex="0"]')[1].dataset.unit`)
		p.do(t, chromedp.Focus(chromedp.CSS(fmt.Sprintf(`p[lang="en"] mark[tabindex="0"][data-unit=%q]`, id))), chromedp.KeyEvent("\r"))
		if !eval[bool](t, p, fmt.Sprintf(`document.getElementById("map-en-unit-%s").classList.contains("selected")`, id)) {
			t.Errorf("Enter did not select %s", id)
		}
	})

	t.Run("switching language shows the Chinese text", func(t *testing.T) {
		p.do(t, chromedp.Click(chromedp.CSS(`button[data-set-lang="zh"]`)))
		text := eval[string](t, p, `document.getElementById("letters").innerText`)
		if !strings.Contains(text, "这是对的") {
			t.Errorf("the Chinese text is not shown")
		}
		if strings.Contains(text, "which is correct") {
			t.Errorf("the English text is still shown")
		}
		p.do(t, chromedp.Click(chromedp.CSS(`button[data-set-lang="both"]`)))
		text = eval[string](t, p, `document.getElementById("letters").innerText`)
		if !strings.Contains(text, "这是对的") || !strings.Contains(text, "which is correct") {
			t.Errorf("both languages are not shown in parallel")
		}
	})

	t.Run("in Chinese every string of the page is Chinese", func(t *testing.T) {
		p.do(t, chromedp.Click(chromedp.CSS(`button[data-set-lang="zh"]`)))
		if lang := eval[string](t, p, `document.documentElement.lang`); lang != "zh" {
			t.Errorf("<html lang> is %q in Chinese", lang)
		}
		// What the page shows, less unit ids and the buttons that name
		// the languages, holds no English word.
		words := eval[[]string](t, p, `(() => {
			const copy = document.body.cloneNode(true);
			copy.querySelectorAll("code, script, template, [data-set-lang]").forEach(e => e.remove());
			copy.style.position = "absolute";
			document.body.appendChild(copy);
			const text = copy.innerText + " " + document.title;
			copy.remove();
			return text.match(/[A-Za-z]{2,}/g) || [];
		})()`)
		if len(words) > 0 {
			t.Errorf("the Chinese page shows English: %q", words)
		}
		p.do(t, chromedp.Click(chromedp.CSS(`button[data-set-lang="en"]`)))
	})

	checkConsole(t, p)
}

// emulateMedia makes the page apply the stylesheet of a media type:
// "print", or "" for the screen again.
func emulateMedia(t *testing.T, p *page, media string) {
	t.Helper()
	p.do(t, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return chromedp.Void{}, err
	})
}

// pdfPages returns the size of each page of a PDF Chromium printed, in
// points, from the MediaBox of each page object.
func pdfPages(t *testing.T, pdf []byte) [][2]float64 {
	t.Helper()
	var pages [][2]float64
	for _, m := range regexp.MustCompile(`/Type /Page\b[^s][\s\S]*?/MediaBox \[([-0-9. ]+)\]`).FindAllSubmatch(pdf, -1) {
		f := strings.Fields(string(m[1]))
		if len(f) != 4 {
			continue
		}
		w, _ := strconv.ParseFloat(f[2], 64)
		h, _ := strconv.ParseFloat(f[3], 64)
		pages = append(pages, [2]float64{w, h})
	}
	return pages
}

// TestReaderPrintsAHandout checks the print stylesheet as the browser
// applies it: controls stay off paper; the letters come first with each
// passage's number in the margin, side by side when the paper is wide
// enough; then the whole map; then each dispute on a landscape page of its
// own; then the key to the numbers.
func TestReaderPrintsAHandout(t *testing.T) {
	p := newPage(t)
	p.do(t, chromedp.Navigate(writeReader(t)), chromedp.WaitVisible(chromedp.CSS("#letters")))
	emulateMedia(t, p, "print")
	for _, hidden := range []string{".controls", ".disputes", ".map-tools"} {
		display := eval[string](t, p, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).display`, hidden))
		if display != "none" {
			t.Errorf("%s prints (display %q)", hidden, display)
		}
	}
	order := eval[string](t, p, `(() => {
		const letters = document.querySelector("#letters").getBoundingClientRect();
		const diagram = document.querySelector("#fig-map .diagram svg").getBoundingClientRect();
		const key = document.querySelector(".units").getBoundingClientRect();
		if (diagram.top < letters.bottom) return "the diagram starts above the end of the letters";
		if (diagram.width > document.documentElement.clientWidth + 1) return "the diagram is wider than the page: " + diagram.width;
		if (diagram.width < 100) return "the diagram is not printed";
		if (key.top < diagram.bottom || key.height < 100) return "the key to the numbers is not printed after the diagrams";
		if (document.querySelectorAll(".figure").length < 2 || [...document.querySelectorAll(".figure")].some(f => !f.getClientRects().length)) return "a dispute's page is not printed";
		return "ok";
	})()`)
	if order != "ok" {
		t.Error(order)
	}
	t.Run("each passage's number stands in the margin", func(t *testing.T) {
		bad := eval[string](t, p, `(() => {
			for (const n of document.querySelectorAll('p[lang="en"] mark.first > .n')) {
				const para = n.closest(".para").querySelector(".text").getBoundingClientRect();
				const r = n.getBoundingClientRect();
				if (getComputedStyle(n).float !== "right" || r.left < para.right - 40) return n.textContent + " is not in the right margin";
			}
			return "";
		})()`)
		if bad != "" {
			t.Error(bad)
		}
		same := eval[bool](t, p, `(() => {
			const d = document.querySelector('#fig-map g.node[data-unit] g.num text');
			const unit = d.closest("g.node").getAttribute("data-unit");
			const m = document.querySelector('p[lang="en"] mark.first[data-unit="' + unit + '"] > .n');
			const li = document.querySelector('#item-' + CSS.escape(unit) + ' .unit-link .n');
			return d.textContent === m.textContent && m.textContent === li.textContent;
		})()`)
		if !same {
			t.Error("a unit's number differs between its node, its passage and the key")
		}
	})
	t.Run("letters print side by side on wide paper only", func(t *testing.T) {
		sideBySide := func() bool {
			return eval[bool](t, p, `(() => {
				const docs = document.querySelectorAll(".exchange.cols-2 > .document");
				return docs[0].getBoundingClientRect().top === docs[1].getBoundingClientRect().top;
			})()`)
		}
		p.do(t, chromedp.EmulateViewport(1200, 900)) // about 32 cm: A4 landscape, A3
		if !sideBySide() {
			t.Error("on wide paper the letter and its reply print one after the other")
		}
		p.do(t, chromedp.EmulateViewport(700, 900)) // about 18.5 cm: A4 portrait
		if sideBySide() {
			t.Error("on narrow paper the letter and its reply print side by side")
		}
		p.do(t, chromedp.EmulateViewport(1400, 900))
	})
	pdf, err := chromedp.Run(p.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, pdf)
	landscape := 0
	for _, size := range pages {
		if size[0] > size[1] {
			landscape++
		}
	}
	disputes := eval[int](t, p, `document.querySelectorAll(".figure[data-view]:not([data-view=''])").length`)
	if len(pages) < disputes+3 || landscape < disputes || landscape == len(pages) {
		t.Errorf("the reader prints on %d pages, %d landscape; want the letters and key in portrait and each of %d disputes on landscape pages", len(pages), landscape, disputes)
	}
	checkConsole(t, p)
}

func TestReaderRunsNoInjectedScriptInABrowser(t *testing.T) {
	dir := t.TempDir()
	hostile := filepath.Join(dir, "hostile.yaml")
	data := `argmap: 1
title: '<script>window.__xss = "title"</script>'
units:
  - id: clark-serious
    kind: claim
    summary:
      en: '<img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script>'
      zh: '"><img src=x onerror="window.__xss=3">'
    span: {doc: clark-1953-06-29, paragraph: 1, en: "is a serious event", zh: "是一个严重的事件"}
  - id: kp-correct
    kind: concession
    summary: {en: "</script><script>window.__xss=4</script>", zh: 对的}
    span: {doc: kim-peng-1953-07-07, paragraph: 1, en: "which is correct", zh: "这是对的"}
    concedes: [clark-serious]
`
	if err := os.WriteFile(hostile, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newPage(t)
	p.do(t, chromedp.Navigate(writeReader(t, hostile)), chromedp.WaitVisible(chromedp.CSS("#letters")))
	time.Sleep(200 * time.Millisecond) // give an injected image time to fail and fire onerror
	if got := eval[string](t, p, `typeof window.__xss`); got != "undefined" {
		t.Errorf("an injected script ran: window.__xss is %s", eval[string](t, p, `String(window.__xss)`))
	}
	text := eval[string](t, p, `document.body.innerText`)
	for _, want := range []string{`<img src=x onerror="window.__xss=1">`, `<script>window.__xss=2</script>`, `</script><script>window.__xss=4</script>`} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %s as text", want)
		}
	}
	if n := eval[int](t, p, `document.querySelectorAll("img").length`); n != 0 {
		t.Errorf("the page has %d img elements, want none", n)
	}
	checkConsole(t, p)
}

func TestServeUpdatesTheOpenPageInABrowser(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "small.yaml")
	original, err := os.ReadFile(smallMap)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, original, 0o644); err != nil {
		t.Fatal(err)
	}
	url, _ := startPreview(t, dir)
	p := newPage(t)
	p.do(t, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#letters")))

	edited := bytes.Replace(original, []byte("Calling it serious and unfortunate is correct"), []byte("Granted: the escape was serious"), 1)
	saveByRename(t, file, edited)
	waitFor(t, p, `document.body.innerText.includes("Granted: the escape was serious")`, 10*time.Second)

	saveByRename(t, file, bytes.Replace(edited, []byte("kind: concession"), []byte("kind: concesion"), 1))
	waitFor(t, p, `!!document.getElementById("diagnostics") && document.getElementById("diagnostics").innerText.includes("small.yaml:")`, 10*time.Second)

	saveByRename(t, file, original)
	waitFor(t, p, `!!document.getElementById("letters") && document.body.innerText.includes("Calling it serious and unfortunate is correct")`, 10*time.Second)
	checkConsole(t, p)
}

// saveByRename saves a file as many editors do: a new file renamed over it.
func saveByRename(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := argmap.WriteFileAtomic(path, data, nil); err != nil {
		t.Fatal(err)
	}
}

// startPreview serves the preview of the annotation files in dir on a free
// loopback port until the test ends.
func startPreview(t *testing.T, dir string) (url string, p *readerPreview) {
	t.Helper()
	p, err := newPreview(&globalOptions{}, []string{dir}, "en")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("serve did not stop within 10s of cancellation")
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if v, _, _ := p.Current(); v != "0" {
			break // the first page is rendered
		}
		if time.Now().After(deadline) {
			t.Fatal("the preview rendered no page within 10s")
		}
	}
	return "http://" + ln.Addr().String() + "/", p
}

// TestReaderScreenshot writes docs/reader.png when run with -screenshot:
//
//	go test ./cmd/argmap -run TestReaderScreenshot -screenshot
func TestReaderScreenshot(t *testing.T) {
	if !*screenshot {
		t.Skip("run with -screenshot to write docs/reader.png")
	}
	p := newPage(t)
	p.do(t, chromedp.Navigate(writeReader(t)), chromedp.WaitVisible(chromedp.CSS("#letters")))
	// Choose a dispute and select one of its passages that has relations,
	// as a reader would.
	p.do(t, chromedp.Click(chromedp.CSS(`button[data-view="condoning"]`)))
	id := eval[string](t, p, `(() => {
		const d = JSON.parse(document.getElementById("argmap-data").textContent).units;
		const m = Array.from(document.querySelectorAll('p[lang="en"] mark.first:not(.off)'))
			.find(m => d[m.dataset.unit].edges.length > 2);
		return m.dataset.unit;
	})()`)
	p.do(t, chromedp.Click(chromedp.CSS(fmt.Sprintf(`p[lang="en"] mark.first[data-unit=%q]`, id))))
	time.Sleep(300 * time.Millisecond)
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../../docs/reader.png", png, 0o644); err != nil {
		t.Fatal(err)
	}
}
