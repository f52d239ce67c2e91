package argmap

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lang is a language tag of the corpus, such as "en" or "zh".
type Lang string

// The languages of the bundled corpus.
const (
	English Lang = "en"
	Chinese Lang = "zh"
)

// languageNames are the English names of common languages, for messages.
var languageNames = map[Lang]string{
	English: "English", Chinese: "Chinese", "fr": "French", "de": "German", "es": "Spanish",
	"it": "Italian", "pt": "Portuguese", "ru": "Russian", "ja": "Japanese", "ko": "Korean",
	"ar": "Arabic", "nl": "Dutch", "la": "Latin", "pl": "Polish", "vi": "Vietnamese",
}

// Name returns the language's English name for messages: "English",
// "French"; a tag argmap has no name for is written as a tag ("the xh
// text").
func (l Lang) Name() string {
	if name, ok := languageNames[l]; ok {
		return name
	}
	if primary, _, ok := strings.Cut(string(l), "-"); ok {
		if name, ok := languageNames[Lang(primary)]; ok {
			return name + " (" + string(l) + ")"
		}
	}
	return string(l)
}

// RuneOffset converts a byte offset in s into a code-point offset. Every
// position argmap reports or reads is a code-point offset: Go's strings
// functions return byte offsets, which would be wrong for CJK text.
func RuneOffset(s string, byteOffset int) int {
	return utf8.RuneCountInString(s[:byteOffset])
}

// ByteOffset converts a code-point offset in s into a byte offset. An offset
// past the end of s yields len(s).
func ByteOffset(s string, runeOffset int) int {
	if runeOffset <= 0 {
		return 0
	}
	// Up to the first non-ASCII byte, bytes and code points are one.
	ascii := 0
	for ascii < len(s) && s[ascii] < utf8.RuneSelf {
		if ascii == runeOffset {
			return ascii
		}
		ascii++
	}
	n := ascii
	for i := range s[ascii:] {
		i += ascii
		if n == runeOffset {
			return i
		}
		n++
	}
	return len(s)
}

// RuneIndex finds byte offsets of code-point offsets in one string in
// constant time. ByteOffset scans from the start of the string on every
// call, which costs a line's length for every node of a file written on
// one line; a RuneIndex pays for one pass, then each lookup scans at most
// runeIndexStride code points.
type RuneIndex struct {
	s     string
	ascii bool
	marks []int // the byte offset of every runeIndexStride-th code point
	runes int
}

const runeIndexStride = 64

// NewRuneIndex indexes s in one pass. An ASCII string needs no index.
func NewRuneIndex(s string) *RuneIndex {
	x := &RuneIndex{s: s, ascii: true, runes: len(s)}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			x.ascii = false
			break
		}
	}
	if x.ascii {
		return x
	}
	n := 0
	for i := range s {
		if n%runeIndexStride == 0 {
			x.marks = append(x.marks, i)
		}
		n++
	}
	x.runes = n
	return x
}

// Len is the number of code points in the indexed string.
func (x *RuneIndex) Len() int { return x.runes }

// ByteOffset is ByteOffset(s, runeOffset) for the indexed string.
func (x *RuneIndex) ByteOffset(runeOffset int) int {
	switch {
	case runeOffset <= 0:
		return 0
	case x.ascii:
		return min(runeOffset, len(x.s))
	}
	k := runeOffset / runeIndexStride
	if k >= len(x.marks) {
		return len(x.s)
	}
	from := x.marks[k]
	return from + ByteOffset(x.s[from:], runeOffset-k*runeIndexStride)
}

// RuneLen returns the number of code points in s.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// Occurrences returns the code-point offsets of every occurrence of quote in
// text, overlapping occurrences included, in order.
func Occurrences(text, quote string) []int {
	if quote == "" {
		return nil
	}
	var found []int
	byteFrom, runeFrom := 0, 0
	for {
		i := strings.Index(text[byteFrom:], quote)
		if i < 0 {
			return found
		}
		runeFrom += utf8.RuneCountInString(text[byteFrom : byteFrom+i])
		found = append(found, runeFrom)
		_, size := utf8.DecodeRuneInString(text[byteFrom+i:])
		byteFrom += i + size
		runeFrom++
	}
}

// cleanText applies the only two changes argmap ever makes to a text it
// reads: a leading byte-order mark is dropped and CRLF line ends become LF.
func cleanText(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// IsWide reports whether r is a CJK character or fullwidth form, one that
// takes two columns in a terminal and has no spaces between words.
func IsWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6)
}

// hasCJK reports whether s has any wide character.
func hasCJK(s string) bool {
	for _, r := range s {
		if IsWide(r) {
			return true
		}
	}
	return false
}
