package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// BenchmarkServeSaveToPage measures argmap serve on the bundled map from a
// save to the new page being served: the debounce, validation and both
// diagrams drawn through argmap's svg-worker, as argmap serve runs them.
// Each save changes an English summary, so the English diagram is laid out
// again and the Chinese one is remembered.
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
		edited := bytes.Replace(data, []byte("is serious\""), []byte("is serious "+strconv.Itoa(i)+"\""), 1)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
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
