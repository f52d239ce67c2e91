package main

import (
	"os"
	"testing"
)

func TestAutoColourIsForTerminalsThatTakeIt(t *testing.T) {
	// /dev/null is a character device, as a terminal is: it stands for one.
	terminal, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer terminal.Close()
	file, err := os.Create(t.TempDir() + "/out.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for _, tc := range []struct {
		name          string
		mode          string
		out           *os.File
		term, noColor string
		want          bool
	}{
		{"a terminal is coloured", "auto", terminal, "xterm-256color", "", true},
		{"TERM=dumb is not", "auto", terminal, "dumb", "", false},
		{"NO_COLOR turns it off", "auto", terminal, "xterm", "1", false},
		{"a file is not coloured", "auto", file, "xterm", "", false},
		{"always colours even a dumb terminal", "always", terminal, "dumb", "1", true},
		{"never is never", "never", terminal, "xterm", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("TERM", tc.term)
			t.Setenv("NO_COLOR", tc.noColor)
			got, err := useColor(tc.mode, tc.out)
			if err != nil || got != tc.want {
				t.Errorf("useColor(%q) with TERM=%q NO_COLOR=%q = %v, %v; want %v", tc.mode, tc.term, tc.noColor, got, err, tc.want)
			}
		})
	}
}
