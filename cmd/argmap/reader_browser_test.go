package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The reader's classroom features in headless Chromium: links, selection,
// disputes, exercises, phones, chains of letters, and an axe-core audit.

// chainCorpus holds three letters in a chain, in English and French.
const chainCorpus = "../../render/testdata/corpora/lys"

func TestReaderSelectionIsCurrentLinkedAndInView(t *testing.T) {
	p := newPage(t)
	p.do(t, chromedp.Navigate(writeReader(t)), chromedp.WaitVisible(chromedp.CSS("#letters")))

	t.Run("the map opens fitted to its panel", func(t *testing.T) {
		if !eval[bool](t, p, `(() => {
			const svg = document.querySelector("#fig-map .diagram:not([hidden]) svg");
			return svg.getBoundingClientRect().width <= svg.closest(".map").getBoundingClientRect().width;
		})()`) {
			t.Error("the map is wider than its panel")
		}
	})

	// A unit in the second letter with relations, whose card is far down
	// the list.
	id := eval[string](t, p, `(() => {
		const d = JSON.parse(document.getElementById("argmap-data").textContent);
		return d.order.filter(k => d.units[k].edges.length > 1)[d.order.length / 2 | 0];
	})()`)
	p.do(t, chromedp.Click(chromedp.CSS(fmt.Sprintf(`p[lang="en"] mark.first[data-unit=%q]`, id))))

	t.Run("selecting a passage puts its unit in the address", func(t *testing.T) {
		if hash := eval[string](t, p, `location.hash`); hash != "#"+id {
			t.Errorf("the address is %q, want #%s", hash, id)
		}
	})
	t.Run("the selected passage and node are current", func(t *testing.T) {
		for _, sel := range []string{`p[lang="en"] mark.first[data-unit=%q]`, `#map-en-unit-%s`, `#item-%s`} {
			q := fmt.Sprintf(sel, id)
			if got := eval[string](t, p, fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-current") || ""`, q)); got != "true" {
				t.Errorf("%s has aria-current %q", q, got)
			}
		}
		if n := eval[int](t, p, `document.querySelectorAll("[aria-current]").length`); n > 10 {
			t.Errorf("%d elements are current", n)
		}
	})
	t.Run("the node and the card come into view beside the passage", func(t *testing.T) {
		for _, sel := range []string{`#map-en-unit-%s`, `#item-%s`} {
			q := fmt.Sprintf(sel, id)
			waitFor(t, p, fmt.Sprintf(`(() => {
				const r = document.querySelector(%q).getBoundingClientRect();
				const pane = document.querySelector(%q).parentElement.closest(".map, .units").getBoundingClientRect();
				return r.top >= pane.top - 1 && r.top < pane.bottom && r.left < innerWidth;
			})()`, q, q), 2*time.Second)
		}
	})
	t.Run("one tab stop per unit, in reading order", func(t *testing.T) {
		got := eval[[]string](t, p, `[...document.querySelectorAll("mark[tabindex='0']")].map(m => m.dataset.unit)`)
		order := eval[[]string](t, p, `JSON.parse(document.getElementById("argmap-data").textContent).order`)
		var anchored []string
		for _, k := range order {
			if slices.Contains(got, k) {
				anchored = append(anchored, k)
			}
		}
		if !slices.Equal(got, anchored) || len(got) != anchoredUnits(t) {
			t.Errorf("tab stops in the letters: %d, in the order %v; want %d in reading order %v", len(got), got, anchoredUnits(t), anchored)
		}
		all := eval[int](t, p, `[...document.querySelectorAll("a[href], button, [tabindex]")].filter(e => e.tabIndex >= 0 && e.getClientRects().length && !e.disabled).length`)
		if all > len(got)+20 {
			t.Errorf("%d tab stops for %d units", all, len(got))
		}
	})
	t.Run("the map is one tab stop, and arrow keys move between its nodes in reading order", func(t *testing.T) {
		stops := eval[[]string](t, p, `[...document.querySelectorAll("#fig-map .diagram[lang=en] g.node[tabindex='0']")].map(g => g.dataset.unit)`)
		if len(stops) != 1 || stops[0] != id {
			t.Fatalf("the map's tab stops are %v, want the selected %s alone", stops, id)
		}
		p.do(t, chromedp.Focus(chromedp.CSS(fmt.Sprintf(`#map-en-unit-%s`, id))), chromedp.KeyEvent(kb.ArrowDown))
		want := eval[string](t, p, fmt.Sprintf(`(() => {
			const order = JSON.parse(document.getElementById("argmap-data").textContent).order;
			return order.slice(order.indexOf(%q) + 1).find(k => document.getElementById("map-en-unit-" + k));
		})()`, id))
		if got := eval[string](t, p, `document.activeElement.dataset.unit`); got != want {
			t.Errorf("ArrowDown from %s focuses %q, want the next in reading order, %s", id, got, want)
		}
	})
	checkConsole(t, p)
}

func TestReaderOpensAtALink(t *testing.T) {
	url := writeReader(t)
	p := newPage(t)
	unit := "kp-cases-differ"
	p.do(t, chromedp.Navigate(url+"#"+unit), chromedp.WaitVisible(chromedp.CSS("#letters")))
	waitFor(t, p, fmt.Sprintf(`(() => {
		const m = document.querySelector('p[lang="en"] mark.first[data-unit=%q]');
		const r = m.getBoundingClientRect();
		return m.classList.contains("selected") && r.top >= 0 && r.bottom <= innerHeight;
	})()`, unit), 5*time.Second)

	p.do(t, chromedp.Navigate(url+"#clark-1953-06-29:5"))
	waitFor(t, p, `(() => {
		const para = document.querySelector('.para[data-ref="clark-1953-06-29:5"]');
		const r = para.getBoundingClientRect();
		return para.getAttribute("aria-current") === "true" && r.top >= 0 && r.top < innerHeight / 2;
	})()`, 5*time.Second)

	p.do(t, chromedp.Navigate(url+"#dispute:recovery"))
	waitFor(t, p, `document.querySelector(".figure.current").dataset.view === "recovery"`, 5*time.Second)
	checkConsole(t, p)
}

func TestReaderShowsOneDisputeAtATime(t *testing.T) {
	p := newPage(t)
	p.do(t, chromedp.Navigate(writeReader(t)), chromedp.WaitVisible(chromedp.CSS("#letters")))
	p.do(t, chromedp.Click(chromedp.CSS(`button[data-view="fifty-thousand"]`)))
	var state struct {
		Figure  string   `json:"figure"`
		Marked  []string `json:"marked"`
		Nodes   int      `json:"nodes"`
		Dispute []string `json:"dispute"`
		Address string   `json:"address"`
	}
	raw := eval[string](t, p, `JSON.stringify({
		figure: [...document.querySelectorAll(".figure")].filter(f => f.getClientRects().length).map(f => f.dataset.view).join(" "),
		marked: [...new Set([...document.querySelectorAll('p[lang="en"] mark.unit-span:not(.off)')].map(m => m.dataset.unit))],
		nodes: [...document.querySelectorAll(".figure.current .diagram[lang=en] g.node[data-unit]")].filter(g => g.getClientRects().length).length,
		dispute: JSON.parse(document.getElementById("argmap-data").textContent).disputes["fifty-thousand"],
		address: location.hash,
	})`)
	if err := json.Unmarshal([]byte(raw), &state); err != nil {
		t.Fatal(err)
	}
	slices.Sort(state.Marked)
	slices.Sort(state.Dispute)
	if state.Figure != "fifty-thousand" || state.Nodes != len(state.Dispute) {
		t.Errorf("the panel shows %q with %d nodes, want the dispute's diagram with %d", state.Figure, state.Nodes, len(state.Dispute))
	}
	if !slices.Equal(state.Marked, state.Dispute) {
		t.Errorf("the letters mark %v, want the dispute's passages alone %v", state.Marked, state.Dispute)
	}
	if state.Address != "#dispute:fifty-thousand" {
		t.Errorf("the address is %q", state.Address)
	}
	p.do(t, chromedp.Click(chromedp.CSS(`button[data-view=""]`)))
	if n := eval[int](t, p, `document.querySelectorAll("mark.unit-span.off").length`); n != 0 {
		t.Errorf("the whole map leaves %d passages unmarked", n)
	}
	checkConsole(t, p)
}

func TestReaderExerciseRevealsAParagraphOrADispute(t *testing.T) {
	p := newPage(t)
	p.do(t, chromedp.Navigate(writePage(t, "--exercise")), chromedp.WaitVisible(chromedp.CSS("#letters")))
	shown := func() (marks, nodes int) {
		marks = eval[int](t, p, `new Set([...document.querySelectorAll('mark.unit-span:not(.off)')].map(m => m.dataset.unit)).size`)
		nodes = eval[int](t, p, `[...document.querySelectorAll("#fig-map .diagram[lang=en] g.node[data-unit]")].filter(g => getComputedStyle(g).visibility === "visible").length`)
		return
	}
	if m, n := shown(); m != 0 || n != 0 {
		t.Fatalf("the exercise opens with %d passages and %d nodes shown", m, n)
	}
	ref := "clark-1953-06-29:3"
	p.do(t, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.para[data-ref=%q] button.reveal`, ref))))
	want := eval[int](t, p, fmt.Sprintf(`document.querySelector('.para[data-ref=%q] button.reveal').dataset.reveal.split(" ").length`, ref))
	if m, n := shown(); m != want || n != want {
		t.Errorf("revealing %s shows %d passages and %d nodes, want its %d units", ref, m, n, want)
	}
	if pressed := eval[string](t, p, fmt.Sprintf(`document.querySelector('.para[data-ref=%q] button.reveal').getAttribute("aria-pressed")`, ref)); pressed != "true" {
		t.Errorf("the paragraph's reveal toggle is not pressed")
	}
	p.do(t, chromedp.Click(chromedp.CSS(`.dispute-list button.reveal`)))
	if m, _ := shown(); m <= want {
		t.Errorf("revealing a dispute shows no more passages")
	}
	p.do(t, chromedp.Click(chromedp.CSS(`#reveal-all`)))
	if m, _ := shown(); m != anchoredUnits(t) {
		t.Errorf("reveal all shows %d of %d units", m, anchoredUnits(t))
	}
	p.do(t, chromedp.Click(chromedp.CSS(`#exercise-toggle`)))
	if cls := eval[string](t, p, `document.documentElement.className`); strings.Contains(cls, "exercise") {
		t.Errorf("the exercise toggle does not end the exercise")
	}
	checkConsole(t, p)
}

func TestReaderOnAPhoneShowsTheCardInPlace(t *testing.T) {
	p := newPage(t)
	p.do(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	p.do(t, chromedp.Navigate(writeReader(t)), chromedp.WaitVisible(chromedp.CSS("#letters")))
	id := eval[string](t, p, `(() => {
		const d = JSON.parse(document.getElementById("argmap-data").textContent).units;
		const m = [...document.querySelectorAll('p[lang="en"] mark.first')].filter(m => d[m.dataset.unit].edges.length > 0)[10];
		m.scrollIntoView({block: "center"});
		return m.dataset.unit;
	})()`)
	before := eval[float64](t, p, `scrollY`)
	p.do(t, chromedp.Click(chromedp.CSS(fmt.Sprintf(`p[lang="en"] mark.first[data-unit=%q]`, id))))
	time.Sleep(200 * time.Millisecond)
	if after := eval[float64](t, p, `scrollY`); after != before {
		t.Errorf("tapping a passage scrolled the page from %.0f to %.0f", before, after)
	}
	got := eval[string](t, p, fmt.Sprintf(`(() => {
		const card = document.querySelector(".inline-card");
		if (!card) return "no card";
		const mark = document.querySelector('p[lang="en"] mark.first[data-unit=%q]');
		if (card.parentElement !== mark.closest(".para")) return "the card is not in the passage's paragraph";
		const r = card.getBoundingClientRect(), m = mark.getClientRects();
		if (r.top < 0 || r.bottom > innerHeight) return "the card is out of view";
		if (r.top < m[m.length - 1].bottom && r.bottom > m[0].top) return "the card covers the passage";
		if (!card.querySelector(".relations a")) return "the card has no relations";
		if (r.right > innerWidth + 1) return "the card is wider than the screen";
		return "ok";
	})()`, id))
	if got != "ok" {
		t.Error(got)
	}
	p.do(t, chromedp.Click(chromedp.CSS(".inline-card .close")))
	if eval[bool](t, p, `!!document.querySelector(".inline-card")`) {
		t.Error("the card does not close")
	}
	checkConsole(t, p)
}

func TestReaderPutsEachReplyBesideWhatItAnswersInAChain(t *testing.T) {
	p := newPage(t)
	p.do(t, chromedp.Navigate(writePage(t, "--corpus", chainCorpus)), chromedp.WaitVisible(chromedp.CSS("#letters")))
	got := eval[string](t, p, `(() => {
		const top = sel => document.querySelector(sel).getBoundingClientRect().top;
		const rows = [...document.querySelectorAll(".exchange")].map(s => [...s.querySelectorAll(".document")]);
		if (rows.length !== 2) return rows.length + " rows";
		for (const row of rows) {
			if (row.length !== 2 || row[0].getBoundingClientRect().top !== row[1].getBoundingClientRect().top) return "a row's letters are not level";
		}
		if (rows[0][1].id !== "doc-company-1911-04-10" || !rows[1][0].classList.contains("repeat") || rows[1][1].id !== "doc-morel-1911-04-17") return "the reply is not beside each letter it answers and that answers it";
		return "ok";
	})()`)
	if got != "ok" {
		t.Error(got)
	}
	// The repeat's passages select their unit like the first showing's.
	p.do(t, chromedp.Click(chromedp.CSS(`.repeat p[lang="en"] mark[data-unit="company-unsafe"]`)))
	if hash := eval[string](t, p, `location.hash`); hash != "#company-unsafe" {
		t.Errorf("clicking a passage of the repeat selects %q", hash)
	}
	checkConsole(t, p)
}

// axeScript finds axe-core's script: $ARGMAP_AXE, which CI sets, else
// the global npm package.
func axeScript(t *testing.T) string {
	t.Helper()
	path := os.Getenv("ARGMAP_AXE")
	if path == "" {
		if out, err := exec.Command("npm", "root", "-g").Output(); err == nil {
			path = filepath.Join(strings.TrimSpace(string(out)), "axe-core", "axe.min.js")
		}
	}
	js, err := os.ReadFile(path)
	if err != nil || path == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core not found (ARGMAP_AXE=%q): CI must run the accessibility audit (npm install -g axe-core@4)", path)
		}
		t.Skip("axe-core not found; npm install -g axe-core@4, or set ARGMAP_AXE, to run the audit")
	}
	return string(js)
}

// audit runs axe-core on the page and reports its serious and critical
// violations as errors.
func audit(t *testing.T, p *page, axe, what string) {
	t.Helper()
	if !eval[bool](t, p, `typeof axe !== "undefined"`) {
		if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
			t.Fatalf("loading axe-core: %v", err)
		}
	}
	js := `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => v.impact + " " + v.id + " (" + v.nodes.length + "): " + v.help + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))`
	violations, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	for _, v := range violations {
		t.Errorf("%s: %s", what, v)
	}
}

// TestReaderHasNoSeriousAccessibilityViolations audits the reader with
// axe-core: the bundled map's page as it opens, then, on the small map
// (an audit of the bundled page takes seconds), each language mode with a
// unit selected, print, and the reader's other pages: an exercise, a
// one-dispute handout, a student's map beside the key, and a corpus in a
// language argmap has no strings for.
func TestReaderHasNoSeriousAccessibilityViolations(t *testing.T) {
	axe := axeScript(t)
	p := newPage(t)
	p.do(t, chromedp.Navigate(writeReader(t)), chromedp.WaitVisible(chromedp.CSS("#letters")))
	audit(t, p, axe, "the reader of the bundled map")

	p.do(t, chromedp.Navigate(writeReader(t, smallMap)), chromedp.WaitVisible(chromedp.CSS("#letters")))
	p.do(t, chromedp.Click(chromedp.CSS(`p[lang="en"] mark.first`)))
	for _, mode := range []string{"zh", "both"} {
		p.do(t, chromedp.Click(chromedp.CSS(fmt.Sprintf(`button[data-set-lang=%q]`, mode))))
		audit(t, p, axe, "the reader in "+mode)
	}
	emulateMedia(t, p, "print")
	audit(t, p, axe, "the reader in print")
	emulateMedia(t, p, "")

	pages := []struct {
		what string
		args []string
		lang string
	}{
		{"an exercise", []string{"--exercise", smallMap}, "zh"},
		{"a one-dispute handout", []string{"--dispute", "clark-serious", smallMap}, "both"},
		{"a student's map beside the key", []string{smallMap, "--key", "../../render/testdata/maps/hostile.yaml"}, "en"},
		{"a corpus in English and French", []string{"--corpus", chainCorpus}, "fr"},
	}
	for _, pg := range pages {
		p.do(t, chromedp.Navigate(writePage(t, pg.args...)), chromedp.WaitVisible(chromedp.CSS("#letters")))
		p.do(t, chromedp.Click(chromedp.CSS(fmt.Sprintf(`button[data-set-lang=%q]`, pg.lang))))
		audit(t, p, axe, pg.what+" in "+pg.lang)
	}
}
