package main

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRememberSVGDrawsEachDiagramOnce(t *testing.T) {
	draws := 0
	draw := rememberSVG(func(dot []byte) ([]byte, error) {
		draws++
		if bytes.Contains(dot, []byte("broken")) {
			return nil, errors.New("syntax error")
		}
		return append([]byte("svg of "), dot...), nil
	})
	for _, dot := range []string{"a", "b", "a", "b", "a"} {
		svg, err := draw([]byte(dot))
		if err != nil || string(svg) != "svg of "+dot {
			t.Fatalf("draw(%q) = %q, %v", dot, svg, err)
		}
	}
	if draws != 2 {
		t.Errorf("two diagrams drawn %d times", draws)
	}
	for i := 0; i < 2; i++ {
		if _, err := draw([]byte("broken")); err == nil {
			t.Fatal("an error was remembered as a diagram")
		}
	}
	if draws != 4 {
		t.Errorf("a failed draw should be tried again, not remembered: %d draws", draws)
	}
}

func TestRememberSVGForgetsTheLeastRecentlyUsedPastItsBudget(t *testing.T) {
	drawn := map[string]int{}
	draw := rememberSVG(func(dot []byte) ([]byte, error) {
		drawn[string(dot)]++
		return make([]byte, rememberBudget/4), nil // four fill the budget
	})
	for _, dot := range []string{"a", "b", "c", "d", "a", "e", "a", "b", "a", "c"} {
		if _, err := draw([]byte(dot)); err != nil {
			t.Fatal(err)
		}
	}
	// e pushed out b, the least recently used; b pushed out c; a, used
	// throughout, was drawn once.
	want := map[string]int{"a": 1, "b": 2, "c": 2, "d": 1, "e": 1}
	for dot, n := range want {
		if drawn[dot] != n {
			t.Errorf("%s drawn %d times, want %d (all: %v)", dot, drawn[dot], n, drawn)
		}
	}
}

// TestSVGWorkersDrawInArgmapProcesses builds argmap and draws through its
// svg-workers, as argmap serve does.
func TestSVGWorkersDrawInArgmapProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds argmap")
	}
	bin := filepath.Join(t.TempDir(), "argmap")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	workers := newSVGWorkers(bin, 1)
	if len(workers.ready) != 1 {
		t.Fatalf("%d workers started ahead of need, want 1", len(workers.ready))
	}
	svg, err := workers.SVG([]byte(`digraph { "a" [id="unit-a", label="中文 and \\ back"]; "a" -> "b"; }`))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte(`id="unit&#45;a"`)) {
		t.Errorf("no diagram of node a in %.200s", svg)
	}
	if _, err := workers.SVG([]byte("digraph { a -> ; }")); err == nil || !strings.Contains(err.Error(), "argmap") {
		t.Errorf("broken DOT gave %v, want the worker's message", err)
	}
	// Each worker draws once; the next is started in the background.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		workers.mu.Lock()
		n := len(workers.ready)
		workers.mu.Unlock()
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d workers waiting after two diagrams, want 1", n)
		}
	}
	workers.mu.Lock()
	waiting := workers.ready[0]
	workers.mu.Unlock()
	workers.Close()
	if waiting.cmd.ProcessState == nil {
		t.Error("Close left a waiting worker running")
	}
	if _, err := workers.SVG([]byte("digraph { a }")); err != nil {
		t.Errorf("after Close a diagram still draws, in a worker of its own: %v", err)
	}
	if len(workers.ready) != 0 {
		t.Errorf("Close did not stop the workers from being started ahead")
	}
}

// TestAFrameComesBackWholeOrNotAtAll checks the frames a worker writes its
// SVG in: read back as written, and refused when cut short or longer than
// the reader's bound.
func TestAFrameComesBackWholeOrNotAtAll(t *testing.T) {
	var b bytes.Buffer
	if _, err := (framedWriter{&b}).Write([]byte("<svg>中文</svg>")); err != nil {
		t.Fatal(err)
	}
	framed := b.Bytes()
	if got, err := readFrame(bytes.NewReader(framed), 100); err != nil || string(got) != "<svg>中文</svg>" {
		t.Errorf("readFrame = %q, %v", got, err)
	}
	for _, n := range []int{0, 3, 8, len(framed) - 1} {
		if _, err := readFrame(bytes.NewReader(framed[:n]), 100); err == nil {
			t.Errorf("a frame cut to %d of %d bytes was read", n, len(framed))
		}
	}
	if _, err := readFrame(bytes.NewReader(framed), 4); err == nil {
		t.Error("a frame longer than the bound was read")
	}
}
