package render

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/argmap/argmap/argmap"
)

// DisplayWidth is the width of s in terminal columns: two for a CJK
// character or fullwidth form, one for anything else.
func DisplayWidth(s string) int {
	w := 0
	for _, r := range s {
		w += RuneWidth(r)
	}
	return w
}

// Wrap breaks s into lines of at most width columns: at spaces for text that
// has them, anywhere between CJK characters (but never before closing
// punctuation such as ，。、）”), and inside an over-long word only when it
// alone is wider than a line.
func Wrap(s string, width int) []string {
	var lines []string
	var line strings.Builder
	lineW := 0
	flush := func() {
		if t := strings.TrimSpace(line.String()); t != "" {
			lines = append(lines, t)
		}
		line.Reset()
		lineW = 0
	}
	for _, tok := range tokens(s) {
		w := DisplayWidth(tok)
		if tok == " " {
			if lineW > 0 {
				line.WriteString(" ")
				lineW++
			}
			continue
		}
		if lineW+w > width && lineW > 0 {
			flush()
		}
		for w > width { // a single token wider than a line
			cut := argmap.ByteOffset(tok, width)
			line.WriteString(tok[:cut])
			flush()
			tok = tok[cut:]
			w = DisplayWidth(tok)
		}
		line.WriteString(tok)
		lineW += w
	}
	flush()
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// tokens splits text into words, single spaces, and CJK characters (each
// with any closing punctuation that must not start a line).
func tokens(s string) []string {
	var out []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n':
			flush()
			out = append(out, " ")
		case strings.ContainsRune("，。、；：？！）》」』”’", r) && len(out) > 0 && word.Len() == 0:
			out[len(out)-1] += string(r)
		case argmap.IsWide(r):
			flush()
			out = append(out, string(r))
		default:
			word.WriteRune(r)
		}
	}
	flush()
	return out
}

// RuneWidth is how many terminal columns r takes, as DisplayWidth counts.
func RuneWidth(r rune) int {
	if argmap.IsWide(r) {
		return 2
	}
	return 1
}

// WriteIndentedJSON writes v as JSON indented by two spaces, with <, > and &
// kept as they are: the exports and diagnostics are read by tools, and
// every string in them is escaped as JSON requires.
func WriteIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
