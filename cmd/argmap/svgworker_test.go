package main

import (
	"bytes"
	"errors"
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
