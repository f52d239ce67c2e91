package argmap_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/seeds"
)

// A shape is a way for an annotation file to grow: a longer chain of
// supports, a longer line, a longer word. Each is built at a size n (units
// or characters) and must cost the loader time and memory linear in n.
// BenchmarkShapes times every shape at n and 4n; TestShapesAllocateLinearly
// checks the memory; -write-shapes writes each at 4 MiB for timing the
// whole command (docs/performance.md).
type shape struct {
	name  string
	build func(n int) []byte
	rule  string // a rule the shape raises at every size ("" for none)
}

// unitLine is a unit in flow style that validates over the bundled corpus,
// with extra fields appended inside its braces.
func unitLine(id, extra string) string {
	return "{id: " + id + ", kind: claim, summary: {en: s, zh: 事}, span: {doc: clark-1953-06-29, paragraph: 1, en: serious event, zh: 严重的事件}" + extra + "}"
}

var shapes = []shape{
	{"support-cycle", func(n int) []byte {
		// One circle through n units: quadratic when each circle's path
		// was built by prepending.
		var b strings.Builder
		b.WriteString("units:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - %s\n", unitLine(fmt.Sprintf("u%d", i), fmt.Sprintf(", supports: u%d", (i+1)%n)))
		}
		return []byte(b.String())
	}, "support-cycle"},
	{"support-tangle", func(n int) []byte {
		// Every unit supports the next two: one tangle with n circles
		// through it, reported once.
		var b strings.Builder
		b.WriteString("units:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - %s\n", unitLine(fmt.Sprintf("u%d", i), fmt.Sprintf(", supports: [u%d, u%d]", (i+1)%n, (i+2)%n)))
		}
		return []byte(b.String())
	}, "support-cycle"},
	{"support-chain", func(n int) []byte {
		// A chain n deep without a circle: a recursive search would
		// need a stack n frames deep.
		var b strings.Builder
		b.WriteString("units:\n")
		for i := range n {
			extra := ""
			if i+1 < n {
				extra = fmt.Sprintf(", supports: u%d", i+1)
			}
			fmt.Fprintf(&b, "  - %s\n", unitLine(fmt.Sprintf("u%d", i), extra))
		}
		return []byte(b.String())
	}, "uncovered-paragraph"},
	{"support-pairs", func(n int) []byte {
		// n/2 circles of two: many reports, bounded by the cap.
		var b strings.Builder
		b.WriteString("units:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - %s\n", unitLine(fmt.Sprintf("u%d", i), fmt.Sprintf(", supports: u%d", i^1)))
		}
		return []byte(b.String())
	}, "too-many-diagnostics"},
	{"one-line", func(n int) []byte {
		// n units in flow style on one line: quadratic when every node's
		// column was counted from the start of the line.
		units := make([]string, n)
		for i := range n {
			units[i] = unitLine(fmt.Sprintf("u%d", i), fmt.Sprintf(", supports: u%d, note: 1", (i+1)%n))
		}
		return []byte("units: [" + strings.Join(units, ", ") + "]\n")
	}, "wrong-type"},
	{"long-word-summary", func(n int) []byte {
		return []byte("units:\n  - " + strings.Replace(unitLine("u", ", supports: u"), "{en: s,", "{en: "+strings.Repeat("x", n)+",", 1) + "\n")
	}, "long-summary"},
	{"escaped-summary", func(n int) []byte {
		// A double-quoted summary of n escapes: quadratic when the
		// closing quote was sought again after each escape.
		return []byte("units:\n  - " + strings.Replace(unitLine("u", ", supports: u"), "{en: s,", `{en: "`+strings.Repeat(`\t`, n/2)+`",`, 1) + "\n")
	}, "long-summary"},
	{"long-id", func(n int) []byte {
		id := strings.Repeat("a", n)
		return []byte("units:\n  - " + unitLine(id, ", supports: [b"+id+"]") + "\n  - " + unitLine(id, ", rebuts: "+id) + "\n")
	}, "id-too-long"},
	{"long-quote", func(n int) []byte {
		// A quote of n characters that is not in the letter: its closest
		// passage costs the paragraph times the quote unless bounded.
		return []byte("units:\n  - " + strings.Replace(unitLine("u", ""), "en: serious event", "en: "+strings.Repeat("serious ", n/8), 1) + "\n")
	}, "quote-not-found"},
	{"quotes-not-found", func(n int) []byte {
		var b strings.Builder
		b.WriteString("units:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - %s\n", strings.Replace(unitLine(fmt.Sprintf("u%d", i), ""), "en: serious event", fmt.Sprintf("en: not in the letter %d", i), 1))
		}
		return []byte(b.String())
	}, "quote-not-found"},
	{"unknown-targets", func(n int) []byte {
		// Each target is one letter off a unit's id: every one asks for
		// a did-you-mean over all the ids.
		var b strings.Builder
		b.WriteString("units:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - %s\n", unitLine(fmt.Sprintf("unit-%d", i), fmt.Sprintf(", supports: unit-%dx", i)))
		}
		return []byte(b.String())
	}, "unknown-target"},
}

// sizedShape builds a shape as large as fits in size bytes. A shape's
// length is about a + b·n: two probes give a and b.
func sizedShape(s shape, size int) []byte {
	small, large := len(s.build(64)), len(s.build(128))
	perStep := max(1, (large-small)/64)
	n := max(1, 64+(size-small)/perStep)
	for n > 1 {
		if data := s.build(n); len(data) <= size {
			return data
		}
		n = n * 63 / 64
	}
	return s.build(1)
}

func embeddedCorpus(tb testing.TB) *argmap.Corpus {
	tb.Helper()
	c, err := argmap.LoadCorpus(seeds.FS, "embedded")
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// BenchmarkShapes validates every shape at 256 KiB and 1 MiB: the time per
// operation should grow about fourfold.
func BenchmarkShapes(b *testing.B) {
	c := embeddedCorpus(b)
	for _, s := range shapes {
		for _, size := range []int{256 << 10, 1 << 20} {
			data := sizedShape(s, size)
			b.Run(fmt.Sprintf("%s/%dKiB", s.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					argmap.Validate(c, []argmap.Input{{Path: s.name + ".yaml", Data: data}})
				}
			})
		}
	}
}

// TestShapesAllocateLinearly validates each shape at n and 4n and compares
// the bytes allocated, which, unlike time, are the same from run to run: a
// quadratic cost (a path copied for each step, a token copied for each
// character) shows as a ratio near 16.
func TestShapesAllocateLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("validates each shape at 1 MiB")
	}
	c := embeddedCorpus(t)
	for _, s := range shapes {
		t.Run(s.name+" allocates about four times as much at four times the size", func(t *testing.T) {
			small, large := sizedShape(s, 256<<10), sizedShape(s, 1<<20)
			a, ds := allocated(c, small)
			if s.rule != "" && !hasRule(ds, s.rule) {
				t.Errorf("want %s, got %v", s.rule, rulesOf(ds))
			}
			checkDiagnostics(t, ds)
			b, _ := allocated(c, large)
			ratio := float64(b) / float64(a) / (float64(len(large)) / float64(len(small)))
			t.Logf("%d → %d bytes: %.1f → %.1f MB allocated, %.2f× the linear growth", len(small), len(large), float64(a)/1e6, float64(b)/1e6, ratio)
			if ratio > 1.5 {
				t.Errorf("allocation grows %.2f times faster than the file", ratio)
			}
		})
	}
}

func allocated(c *argmap.Corpus, data []byte) (uint64, []argmap.Diagnostic) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, ds := argmap.Validate(c, []argmap.Input{{Path: "shape.yaml", Data: data}})
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, ds
}

var (
	writeShapes = flag.String("write-shapes", "", "write every shape into `DIR`, for timing argmap validate on it")
	shapesSize  = flag.Int("shapes-size", argmap.MaxFileSize, "with -write-shapes: the size of each file in `BYTES`")
)

// TestWriteShapes writes the shapes, by default at the largest size an
// annotation file may have, when -write-shapes names a folder:
//
//	go test ./argmap -run TestWriteShapes -write-shapes /tmp/shapes
func TestWriteShapes(t *testing.T) {
	if *writeShapes == "" {
		t.Skip("no -write-shapes DIR")
	}
	for _, s := range shapes {
		data := sizedShape(s, *shapesSize)
		if err := os.WriteFile(filepath.Join(*writeShapes, s.name+".yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
