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

// MaxWrapLines bounds the lines Wrap returns. A diagram label of more lines
// is not read, and Graphviz's layout cost grows with every line of a label:
// a summary of a megabyte would hold a drawing for seconds. A text that
// needs more ends the last line with "…"; the diagram's tooltip and the
// reader keep the whole text.
const MaxWrapLines = 40

// Wrap breaks s into lines of at most width columns: at spaces for text that
// has them, anywhere between CJK characters (but never before closing
// punctuation such as ，。、）”), and inside an over-long word only when it
// alone is wider than a line; at most MaxWrapLines of them. It reads each
// character a bounded number of times, so a summary of one megabyte-long
// word wraps in linear time.
func Wrap(s string, width int) []string {
	var lines []string
	var line strings.Builder
	lineW := 0
	clipped := false // there was more than MaxWrapLines lines of text
	flush := func() {
		if t := strings.TrimSpace(line.String()); t != "" {
			if len(lines) == MaxWrapLines {
				clipped = true
			} else {
				lines = append(lines, t)
			}
		}
		line.Reset()
		lineW = 0
	}
	for _, tok := range tokens(s) {
		if clipped {
			break
		}
		if tok == " " {
			if lineW > 0 {
				line.WriteString(" ")
				lineW++
			}
			continue
		}
		w := DisplayWidth(tok)
		if lineW+w > width && lineW > 0 {
			flush()
		}
		for w > width && !clipped { // a single token wider than a line: cut a line's worth off
			cut, cutW := len(tok), 0
			for i, r := range tok {
				if cutW+RuneWidth(r) > width && cutW > 0 {
					cut = i
					break
				}
				cutW += RuneWidth(r)
			}
			line.WriteString(tok[:cut])
			flush()
			tok, w = tok[cut:], w-cutW
		}
		line.WriteString(tok)
		lineW += w
	}
	flush()
	if len(lines) == 0 {
		return []string{""}
	}
	if clipped {
		last := []rune(lines[len(lines)-1])
		for len(last) > 0 && DisplayWidth(string(last))+1 > width {
			last = last[:len(last)-1]
		}
		lines[len(lines)-1] = strings.TrimRight(string(last), " ") + "…"
	}
	return lines
}

// tokens splits text into words, single spaces, and CJK characters (each
// with any closing punctuation that must not start a line). Every
// character is written once: a run of closing punctuation grows its token
// in a builder, not by copying the token for each character.
func tokens(s string) []string {
	var out []string
	var word, last strings.Builder // last: a space or CJK token, which closing punctuation may extend
	flushWord := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	flushLast := func() {
		if last.Len() > 0 {
			out = append(out, last.String())
			last.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n':
			flushWord()
			flushLast()
			last.WriteString(" ")
		case strings.ContainsRune("，。、；：？！）》」』”’", r) && word.Len() == 0 && last.Len() > 0:
			last.WriteRune(r)
		case argmap.IsWide(r):
			flushWord()
			flushLast()
			last.WriteRune(r)
		default:
			flushLast()
			word.WriteRune(r)
		}
	}
	flushWord()
	flushLast()
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

// WriteColumns writes rows of cells as aligned columns, two spaces apart,
// measuring each cell by its display width, so that Chinese text, two
// columns a character, lines up as English does (text/tabwriter counts
// characters). The last cell of a row is not padded.
func WriteColumns(w io.Writer, rows [][]string) error {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], DisplayWidth(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-DisplayWidth(cell)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
