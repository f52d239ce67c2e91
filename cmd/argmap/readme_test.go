package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestReadmeShowsTheDisputesAsArgmapListsThem keeps the README's listing of
// the bundled map's disputes true: it must be what argmap disputes prints.
func TestReadmeShowsTheDisputesAsArgmapListsThem(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // no corpus.yaml or annotations/ around: the built-in map
	var stdout, stderr bytes.Buffer
	if code := run([]string{"disputes"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("argmap disputes: exit %d: %s", code, stderr.String())
	}
	want := "$ argmap disputes\n" + stdout.String() + "```"
	if !strings.Contains(string(readme), want) {
		t.Errorf("README.md does not show argmap disputes as it prints today; paste this:\n%s", want)
	}
}
