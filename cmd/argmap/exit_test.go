package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var updateREADME = flag.Bool("update-readme", false, "rewrite the README's exit status table from exitStatuses")

// TestREADMEExitTableMatchesTheCode keeps the README's table of exit
// statuses the one exit.go defines. Run with -update-readme to rewrite it.
func TestREADMEExitTableMatchesTheCode(t *testing.T) {
	const path = "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	table.WriteString("| status | meaning |\n|---|---|\n")
	for _, s := range exitStatuses {
		fmt.Fprintf(&table, "| %d | %s |\n", s.code, s.meaning)
	}
	readme := string(data)
	start := strings.Index(readme, "| status | meaning |\n")
	if start < 0 {
		t.Fatal("the README has no table of exit statuses (| status | meaning |)")
	}
	end := start
	for end < len(readme) && readme[end] == '|' {
		end += strings.IndexByte(readme[end:], '\n') + 1
	}
	if got := readme[start:end]; got != table.String() {
		if *updateREADME {
			if err := os.WriteFile(path, []byte(readme[:start]+table.String()+readme[end:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("the README's exit statuses differ from exit.go (go test ./cmd/argmap -run READMEExit -update-readme):\n%s\nwant:\n%s", got, table.String())
	}
}
