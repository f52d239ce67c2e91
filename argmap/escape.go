package argmap

import (
	"fmt"
	"strconv"
	"strings"
)

// escapeProblems are yaml.v3's messages for a bad escape in a
// double-quoted scalar. The decoder gives the line where the scalar
// starts, not where the escape is.
var escapeProblems = map[string]bool{
	"found unknown escape character":              true,
	"did not find expected hexdecimal number":     true,
	"found invalid Unicode character escape code": true,
}

// badEscape is an escape of a double-quoted scalar that YAML refuses: its
// 1-based line and column, its length in code points, and what to write
// instead.
type badEscape struct {
	line, column, length int
	detail               string
}

// findBadEscape reads the file from a line (0-based) on, through its
// double-quoted scalars, and returns the first escape YAML refuses. The
// scalars before it were read without error, so the first bad escape from
// the line the decoder names is the one it stopped at.
func findBadEscape(lines []string, from int) (badEscape, bool) {
	quoted := false
	for i := from; i < len(lines); i++ {
		text := lines[i]
	line:
		for j := 0; j < len(text); j++ {
			c := text[j]
			if !quoted {
				tokenStart := j == 0 || strings.IndexByte(" \t[{,:", text[j-1]) >= 0
				switch {
				case c == '#' && tokenStart:
					break line // a comment runs to the end of the line
				case c == '\'' && tokenStart:
					// A single-quoted scalar has no escapes; skip it.
					if k := strings.IndexByte(text[j+1:], '\''); k >= 0 {
						j += k + 1
					} else {
						break line
					}
				case c == '"' && tokenStart:
					quoted = true
				}
				continue
			}
			switch c {
			case '"':
				quoted = false
			case '\\':
				n, detail := escapeProblem(text[j+1:])
				if detail != "" {
					return badEscape{line: i + 1, column: RuneOffset(text, j) + 1, length: n + 1, detail: detail}, true
				}
				j += n
			}
		}
	}
	return badEscape{}, false
}

// escapeProblem reads the escape after a backslash in a double-quoted
// scalar and returns how many bytes it takes and, when YAML refuses it,
// what to write instead.
func escapeProblem(rest string) (int, string) {
	if rest == "" {
		return 0, "" // a backslash ends the line: the scalar continues
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[rest[0]]
	if digits == 0 {
		if strings.IndexByte("0abt\tnvfre \"/\\N_LP", rest[0]) >= 0 {
			return 1, ""
		}
		return 1, fmt.Sprintf("\\%c is not a YAML escape: write a backslash as \\\\, or single-quote the text, where \\ is an ordinary character", rest[0])
	}
	n := 0
	for n < digits && 1+n < len(rest) && strings.IndexByte("0123456789abcdefABCDEF", rest[1+n]) >= 0 {
		n++
	}
	if n < digits {
		return 1 + n, fmt.Sprintf("\\%c takes %d hexadecimal digits", rest[0], digits)
	}
	hex := rest[1 : 1+digits]
	v, _ := strconv.ParseUint(hex, 16, 32)
	switch {
	case v >= 0xD800 && v <= 0xDBFF:
		// A high surrogate, often followed by its low half, as JSON
		// writes a character beyond U+FFFF.
		if low, ok := lowSurrogate(rest[1+digits:]); ok {
			r := 0x10000 + (rune(v)-0xD800)<<10 + (low - 0xDC00)
			return 1 + digits, fmt.Sprintf("\\%c%s\\u%04x is a UTF-16 surrogate pair, as JSON writes %c; YAML escapes name code points: write \\U%08X, or %c itself", rest[0], hex, low, r, r, r)
		}
		return 1 + digits, fmt.Sprintf("\\%c%s is half of a UTF-16 surrogate pair, not a character; YAML escapes name code points, such as \\U0001F600", rest[0], hex)
	case v >= 0xDC00 && v <= 0xDFFF:
		return 1 + digits, fmt.Sprintf("\\%c%s is half of a UTF-16 surrogate pair, not a character; YAML escapes name code points, such as \\U0001F600", rest[0], hex)
	case v > 0x10FFFF:
		return 1 + digits, fmt.Sprintf("\\%c%s is past U+10FFFF, the last code point", rest[0], hex)
	}
	return 1 + digits, ""
}

// lowSurrogate reads a \uDC00–\uDFFF escape at the start of s.
func lowSurrogate(s string) (rune, bool) {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return 0, false
	}
	v, err := strconv.ParseUint(s[2:6], 16, 32)
	if err != nil || v < 0xDC00 || v > 0xDFFF {
		return 0, false
	}
	return rune(v), true
}
