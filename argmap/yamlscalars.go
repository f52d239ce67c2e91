package argmap

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The scanning of decodeYAMLSubset: where its scalars start and end on a
// line, what a quoted scalar's value is, and which characters it reads.

// plainStart reports whether a plain scalar may start at byte pos: not at
// an indicator, nor at a dash other than a sign or the start of a word.
func plainStart(line string, pos int) bool {
	switch c := line[pos]; c {
	case '-':
		if pos+1 == len(line) {
			return false
		}
		d := line[pos+1]
		return d == '.' || '0' <= d && d <= '9' || 'a' <= d && d <= 'z' || 'A' <= d && d <= 'Z'
	case ' ', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	return true
}

// plainEnd returns the end of the plain scalar that starts at byte pos, as
// yaml.v3's scanner ends it on one line: before a colon and a space or the
// line end, a comment, flow indicators inside flow collections, and the
// spaces before any of them.
func plainEnd(line string, pos int, inFlow bool) int {
	end := pos
	for i := pos; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ':
			continue
		case c == '#' && line[i-1] == ' ':
			return end
		case c == ':' && (i+1 == len(line) || line[i+1] == ' '):
			return end
		case inFlow && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}'):
			return end
		}
		end = i + 1
	}
	return end
}

// quotedEnd finds the closing quote of the quoted scalar that opens at byte
// pos and returns the byte after it, and whether the text holds escapes (a
// doubled quote in single quotes, a backslash in double quotes). It reports
// false when the scalar does not close on its line.
func quotedEnd(line string, pos int) (end int, escaped, ok bool) {
	quote := line[pos]
	stops := "'"
	if quote == '"' {
		stops = "\"\\"
	}
	// Each step moves past what it looked at: one pass over the line.
	for i := pos + 1; i < len(line); {
		j := strings.IndexAny(line[i:], stops)
		if j < 0 {
			return 0, false, false
		}
		i += j
		switch {
		case line[i] == '\\':
			escaped = true
			i += 2 // past the backslash and the character it escapes
		case quote == '\'' && i+1 < len(line) && line[i+1] == '\'':
			escaped = true
			i += 2
		default:
			return i + 1, escaped, true
		}
	}
	return 0, false, false
}

// unescapeQuoted returns the value of a quoted scalar's text, as yaml.v3's
// scanner decodes it, or false for an escape it refuses.
func unescapeQuoted(quote byte, text string) (string, bool) {
	if quote == '\'' {
		return strings.ReplaceAll(text, "''", "'"), true
	}
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(text) {
			return "", false
		}
		digits := 0
		switch text[i] {
		case '0':
			b.WriteByte(0)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case ' ', '"', '\'', '\\':
			b.WriteByte(text[i])
		case 'N':
			b.WriteRune(0x85)
		case '_':
			b.WriteRune(0xa0)
		case 'L':
			b.WriteRune(0x2028)
		case 'P':
			b.WriteRune(0x2029)
		case 'x':
			digits = 2
		case 'u':
			digits = 4
		case 'U':
			digits = 8
		default:
			return "", false
		}
		if digits == 0 {
			continue
		}
		if i+digits >= len(text) {
			return "", false
		}
		code, err := strconv.ParseUint(text[i+1:i+1+digits], 16, 32)
		if err != nil || code >= 0xd800 && code <= 0xdfff || code > 0x10ffff {
			return "", false
		}
		b.WriteRune(rune(code))
		i += digits
	}
	return b.String(), true
}

// subsetCharacters reports whether the lines hold only characters that
// yaml.v3 reads as they are: no tab, carriage return, other control
// character, line or paragraph separator, byte order mark or non-character,
// and no invalid UTF-8; and no line that may start or end a document or
// hold a directive.
func subsetCharacters(lines []string) bool {
	for _, line := range lines {
		if strings.HasPrefix(line, "---") || strings.HasPrefix(line, "...") || strings.HasPrefix(line, "%") {
			return false
		}
		for i := 0; i < len(line); {
			c := line[i]
			if c < utf8.RuneSelf {
				if c < 0x20 || c == 0x7f {
					return false
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(line[i:])
			switch {
			case r == utf8.RuneError && size == 1,
				r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
				return false
			}
			i += size
		}
	}
	return true
}
