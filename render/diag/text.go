package diag

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
	ansiBlue   = "\x1b[1;34m"
)

// passageWidth is about how many terminal columns a passage line takes.
const passageWidth = 80

// sourceWidth bounds a source line as shown: an annotation line may hold a
// long quote, or a whole oversized file may be one line.
const sourceWidth = 160

// WriteText prints diagnostics for people, the way compilers do:
//
//	file:line:col: severity: message [rule]
//	   12 |     en: "the quote"
//	      |         ^~~~~~~~~~~
//	  = help: the detail
//	  = passage: clark-1953-06-29 ¶5 (en): …context «quoted part» context…
//	  file:3:7: note: first defined here
//
// and a summary line. Columns are code points; the caret line pads wide
// (CJK) characters with two spaces, as terminals show them.
func WriteText(w io.Writer, r *Report, opts DiagnosticOptions) error {
	ew := &errWriter{w: w}
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	lines := map[string][]string{}
	for _, f := range r.Files {
		lines[f.Path] = splitLines(f.Data)
	}
	// Each line shown is indexed once, so that the diagnostics of a file
	// written on one long line cost that line once, not once each.
	type lineKey struct {
		file string
		line int
	}
	indexes := map[lineKey]*argmap.RuneIndex{}
	for _, d := range r.Diagnostics {
		sev, code := d.Severity.String(), severityColor(d.Severity)
		ew.printf("%s %s %s %s\n", paint(ansiBold, position(d.File, d.Range.Start)+":"), paint(code, sev+":"),
			paint(ansiBold, sanitize(d.Message)), "["+d.Rule.String()+"]")
		if src := lines[d.File]; d.Range.Start.Line >= 1 && d.Range.Start.Line <= len(src) {
			key := lineKey{d.File, d.Range.Start.Line}
			if indexes[key] == nil {
				indexes[key] = argmap.NewRuneIndex(src[d.Range.Start.Line-1])
			}
			text, caret := sourceExcerpt(indexes[key], src[d.Range.Start.Line-1], d.Range)
			num := strconv.Itoa(d.Range.Start.Line)
			gutter := strings.Repeat(" ", len(num))
			ew.printf("  %s %s %s\n", paint(ansiBlue, num), paint(ansiBlue, "|"), text)
			ew.printf("  %s %s %s\n", gutter, paint(ansiBlue, "|"), paint(code, caret))
		}
		if d.Detail != "" {
			ew.printf("  = %s %s\n", paint(ansiBold, "help:"), sanitize(d.Detail))
		}
		if d.Passage != nil {
			ew.printf("  = %s %s\n", paint(ansiBold, "passage:"), passageLine(d.Passage))
		}
		for _, rel := range d.Related {
			ew.printf("  %s %s %s\n", paint(ansiBold, position(rel.File, rel.Range.Start)+":"), paint(ansiCyan, "note:"), sanitize(rel.Message))
		}
		ew.printf("\n")
	}
	ew.printf("%s\n", summaryLine(r))
	return ew.err
}

func severityColor(s argmap.Severity) string {
	switch s {
	case argmap.SeverityError:
		return ansiRed
	case argmap.SeverityWarning:
		return ansiYellow
	}
	return ansiCyan
}

func position(file string, p argmap.Position) string {
	return fmt.Sprintf("%s:%d:%d", quotePath(file), p.Line, p.Column)
}

// quotePath writes a file name as it is, unless it holds a character that
// would break the line or drive the terminal (a line end, ESC, a bidi
// control) or is not UTF-8: then it is written as a Go string literal,
// quoted and escaped, as git quotes such paths. A file named "a\n::error"
// cannot begin a line of its own.
func quotePath(file string) string {
	if !utf8.ValidString(file) || strings.IndexFunc(file, unsafeInText) >= 0 {
		return strconv.Quote(file)
	}
	return file
}

// unsafeInText reports the characters that sanitize replaces.
func unsafeInText(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

// summaryLine counts the diagnostics: "3 errors, 1 warning in 2 files", or
// "no problems in 1 file: 24 units, 31 relations", and names the corpus
// when the report says it: "…; corpus harbour/corpus.yaml".
func summaryLine(r *Report) string {
	corpus := ""
	if r.Corpus != "" {
		corpus = "; corpus: " + r.Corpus
	}
	return counts(r) + corpus
}

func counts(r *Report) string {
	files := plural(len(r.Files), "file", "files")
	if len(r.Diagnostics) == 0 {
		return fmt.Sprintf("no problems in %s: %s, %s", files, plural(r.Units, "unit", "units"), plural(r.Relations, "relation", "relations"))
	}
	e, wn, i := argmap.Count(r.Diagnostics)
	var parts []string
	if e > 0 {
		parts = append(parts, plural(e, "error", "errors"))
	}
	if wn > 0 {
		parts = append(parts, plural(wn, "warning", "warnings"))
	}
	if i > 0 {
		parts = append(parts, plural(i, "info", "infos"))
	}
	return strings.Join(parts, ", ") + " in " + files
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// splitLines splits a file into lines without their line ends.
func splitLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// sanitize replaces control and bidi-formatting characters, which could
// drive the terminal or reorder what it shows, with U+FFFD, and white space
// such as tabs and line ends with a space. It keeps one rune for one, so
// code-point offsets still hold.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			return ' '
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) && r != '\u200d':
			return '\uFFFD'
		}
		return r
	}, s)
}

// sourceExcerpt returns the source line as shown, clipped around the range
// when long, and the caret line under the range. It reads only the part of
// the line it shows, through the line's index.
func sourceExcerpt(x *argmap.RuneIndex, line string, rg argmap.Range) (text, caret string) {
	n := x.Len()
	start := min(max(rg.Start.Column-1, 0), n)
	end := start
	switch {
	case rg.End.Line > rg.Start.Line:
		end = n
	case rg.End.Line == rg.Start.Line && rg.End.Column-1 > start:
		end = min(rg.End.Column-1, n)
	}
	from, to := 0, n
	if wider(line, sourceWidth) {
		from = max(0, start-sourceWidth/4)
		to = from
		w := 0
		for _, r := range line[x.ByteOffset(from):] {
			if w+render.RuneWidth(r) > sourceWidth {
				break
			}
			w += render.RuneWidth(r)
			to++
		}
		start, end = min(start, to), min(end, to)
	}
	runes := []rune(sanitize(line[x.ByteOffset(from):x.ByteOffset(to)]))
	start, end = start-from, end-from
	var b, c strings.Builder
	if from > 0 {
		b.WriteString("…")
		c.WriteString(" ")
	}
	b.WriteString(string(runes))
	if to < n {
		b.WriteString("…")
	}
	c.WriteString(strings.Repeat(" ", render.DisplayWidth(string(runes[:start]))))
	c.WriteString("^")
	if n := render.DisplayWidth(string(runes[start:end])); n > 1 {
		c.WriteString(strings.Repeat("~", n-1))
	}
	return b.String(), c.String()
}

// wider reports whether s takes more than width columns, reading no more
// of it than that.
func wider(s string, width int) bool {
	w := 0
	for _, r := range s {
		if w += render.RuneWidth(r); w > width {
			return true
		}
	}
	return false
}

// passageLine shows the passage of the letter a diagnostic is about:
// "clark-1953-06-29 ¶5 (en): …context «quoted part» context…", about
// passageWidth columns wide, the part in question kept whole when short
// and cut in its middle when long.
func passageLine(p *argmap.Passage) string {
	text := []rune(strings.Join(strings.Fields(sanitize(p.Text)), " "))
	// Fields collapses whitespace, which moves offsets: recompute them on
	// the original runes mapped through the same collapse.
	start, end := collapsedOffsets([]rune(sanitize(p.Text)), p.Start, p.End)
	start, end = min(start, len(text)), min(max(end, start), len(text))
	quoted := text[start:end]
	const maxQuoted = passageWidth * 3 / 4
	shown := string(quoted)
	if render.DisplayWidth(string(quoted)) > maxQuoted {
		head, tail := clipWidth(quoted, maxQuoted/2, false), clipWidth(quoted, maxQuoted/2-1, true)
		shown = string(head) + "…" + string(tail)
	}
	room := max(passageWidth-render.DisplayWidth(shown), 0) / 2
	before := clipWidth(text[:start], room, true)
	after := clipWidth(text[end:], room, false)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s): ", p.Doc, p.Paragraph, p.Lang)
	if len(before) < start {
		b.WriteString("…")
	}
	b.WriteString(string(before))
	b.WriteString("«" + shown + "»")
	b.WriteString(string(after))
	if len(after) < len(text)-end {
		b.WriteString("…")
	}
	return b.String()
}

// collapsedOffsets maps code-point offsets in rs to offsets in the text
// strings.Fields + Join(" ") makes of it.
func collapsedOffsets(rs []rune, start, end int) (int, int) {
	out, n, space, leading := make([]int, len(rs)+1), 0, false, true
	for i, r := range rs {
		out[i] = n
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && !leading {
			n++
			out[i] = n
		}
		space, leading = false, false
		n++
	}
	out[len(rs)] = n
	clamp := func(x int) int { return min(max(x, 0), len(rs)) }
	return out[clamp(start)], out[clamp(end)]
}

// clipWidth returns the longest prefix (or, fromEnd, suffix) of rs that
// takes at most w columns.
func clipWidth(rs []rune, w int, fromEnd bool) []rune {
	n, used := 0, 0
	for n < len(rs) {
		r := rs[n]
		if fromEnd {
			r = rs[len(rs)-1-n]
		}
		if used+render.RuneWidth(r) > w {
			break
		}
		used += render.RuneWidth(r)
		n++
	}
	if fromEnd {
		return rs[len(rs)-n:]
	}
	return rs[:n]
}
