package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"
)

// BenchmarkServeSaveToPage measures argmap serve on the bundled map from a
// save to the new page being served: the debounce, validation and the
// diagrams drawn through argmap's svg-worker, as argmap serve runs them.
// Each save changes:
//
//   - summary-en: an English summary, so the English diagrams of the unit
//     are laid out again and the Chinese ones are remembered;
//   - summary-zh: a Chinese summary, the other way round;
//   - unit: a unit added, with an id of its own each save, supporting the
//     next of Clark's units in turn, so that every save has a new shape:
//     the band search runs again and the whole map is laid out again in
//     both languages, side by side in two workers.
//
// Run it with
//
//	go test ./cmd/argmap -run '^$' -bench ServeSaveToPage -benchtime 20x
func BenchmarkServeSaveToPage(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "argmap")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	data, err := os.ReadFile("../../annotations/armistice-1953.yaml")
	if err != nil {
		b.Fatal(err)
	}
	clarkUnits := regexp.MustCompile(`(?m)^  - id: (clark-[a-z0-9-]+)$`).FindAllSubmatch(data, -1)
	if len(clarkUnits) < 20 {
		b.Fatalf("the bundled map has %d of Clark's units, want 20 or more", len(clarkUnits))
	}
	replace := func(data []byte, old, new string) []byte {
		if !bytes.Contains(data, []byte(old)) {
			b.Fatalf("the bundled map has no %q", old)
		}
		return bytes.Replace(data, []byte(old), []byte(new), 1)
	}
	for _, bc := range []struct {
		name string
		edit func(save int) []byte
	}{
		{"summary-en", func(save int) []byte {
			return replace(data, `is serious"`, `is serious `+strconv.Itoa(save)+`"`)
		}},
		{"summary-zh", func(save int) []byte {
			return replace(data, "战俘大批离营是严重事件", "战俘大批离营是严重事件"+strconv.Itoa(save))
		}},
		{"unit", func(save int) []byte {
			target := clarkUnits[save%len(clarkUnits)]
			unit := fmt.Sprintf(`  - id: clark-added-%d
    kind: claim
    summary: {en: "The escape does not help the early armistice", zh: "逃亡无助于早日停战"}
    span: {doc: clark-1953-06-29, paragraph: 1, en: "it does not help the early armistice that both sides are earnestly striving for", zh: "对于双方热诚争取的早日停战也无助益"}
    supports: [%s]
`, save, string(target[1]))
			return replace(data, "\nunits:\n", "\nunits:\n"+unit)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) { benchmarkSaves(b, bin, data, bc.edit) })
	}
}

// benchmarkSaves serves a copy of the bundled map with the argmap at bin
// and times each save of edit(save) to the new page; it reports the median
// of its saves.
func benchmarkSaves(b *testing.B, bin string, data []byte, edit func(save int) []byte) {
	dir := b.TempDir()
	file := filepath.Join(dir, "armistice-1953.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		b.Fatal(err)
	}
	p, err := newPreview(&globalOptions{}, []string{dir}, "en")
	if err != nil {
		b.Fatal(err)
	}
	workers := newSVGWorkers(bin, warmSVGWorkers)
	defer workers.Close()
	p.svg = rememberSVG(workers.SVG)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- p.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			b.Error(err)
		}
	}()
	for {
		if v, _, changed := p.Current(); v != "0" {
			break
		} else {
			<-changed
		}
	}
	var times []time.Duration
	b.ResetTimer()
	for i := range b.N {
		_, _, changed := p.Current()
		if err := os.WriteFile(file, edit(i), 0o644); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		<-changed
		times = append(times, time.Since(start))
		// A save is several events; let the build they start finish
		// before the next save, outside the timing.
		b.StopTimer()
		settle(p)
		b.StartTimer()
	}
	_, page, _ := p.Current()
	if !bytes.Contains(page, []byte(`id="fig-map"`)) {
		b.Fatalf("the last page is not the reader: %.300s", page)
	}
	// The machine may be shared: the median says more than the mean.
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2])/float64(time.Millisecond), "median-ms/save")
}

// settle waits until the preview has built nothing for a while.
func settle(p *readerPreview) {
	for {
		_, _, changed := p.Current()
		select {
		case <-changed:
		case <-time.After(200 * time.Millisecond):
			return
		}
	}
}
