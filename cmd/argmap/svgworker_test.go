package main

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
	for i := 0; i < 20; i++ { // more diagrams than it keeps: memory stays bounded
		draw([]byte{byte('c' + i)})
	}
	if _, err := draw([]byte("a")); err != nil {
		t.Fatal(err)
	}
}

// TestChildSVGRendersInAnArgmapProcess builds argmap and draws through its
// svg-worker, as argmap serve does.
func TestChildSVGRendersInAnArgmapProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds argmap")
	}
	bin := filepath.Join(t.TempDir(), "argmap")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	draw := childSVG(bin)
	svg, err := draw([]byte(`digraph { "a" [id="unit-a", label="中文 and \\ back"]; "a" -> "b"; }`))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte(`id="unit&#45;a"`)) {
		t.Errorf("no diagram of node a in %.200s", svg)
	}
	if _, err := draw([]byte("digraph { a -> ; }")); err == nil || !strings.Contains(err.Error(), "argmap") {
		t.Errorf("broken DOT gave %v, want the worker's message", err)
	}
}
