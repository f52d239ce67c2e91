package argmap

import (
	"strings"
	"testing"
)

func TestFindBadEscapeFindsTheEscapeTheDecoderRefused(t *testing.T) {
	cases := []struct {
		name   string
		file   string
		from   int // the line the decoder names, from 0
		line   int
		column int
		length int
	}{
		{"a lone surrogate after a valid escape", `summary: {en: "ok \u0041 \ud800"}`, 0, 1, 26, 6},
		{"an unknown escape on a continuation line", "note: \"one\n  two \\q\"", 0, 2, 7, 2},
		{"a code point past U+10FFFF", `note: "\U00110000"`, 0, 1, 8, 10},
		{"too few hex digits", `note: "\x4"`, 0, 1, 8, 3},
		{"a backslash in a single-quoted scalar is text", `a: '\q', b: "\q"`, 0, 1, 14, 2},
		{"a backslash in a comment is text", "a: 1 # \\q\nb: \"\\q\"", 0, 2, 5, 2},
		{"an escaped backslash is not an escape of what follows", `a: "\\q \q"`, 0, 1, 9, 2},
		{"a quote inside a word does not open a scalar", `a: it"s \q, b: "\z"`, 0, 1, 17, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := findBadEscape(strings.Split(tc.file, "\n"), tc.from)
			if !ok {
				t.Fatal("no bad escape found")
			}
			if e.line != tc.line || e.column != tc.column || e.length != tc.length {
				t.Errorf("found line %d column %d length %d, want %d %d %d (%s)", e.line, e.column, e.length, tc.line, tc.column, tc.length, e.detail)
			}
		})
	}
	if _, ok := findBadEscape([]string{`a: "\u00e9 \n \\ \" \/ \N"`}, 0); ok {
		t.Error("valid escapes reported as bad")
	}
}
