package argmap

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A quote copied from a web page or a PDF can look exactly like the
// letter's passage and still differ from it: a zero-width space or a soft
// hyphen that does not show, an accent stored as a separate combining mark
// where the letter has the accented letter as one code point (NFD against
// NFC). argmap never normalises the letter, so such a quote is not found;
// the functions below say why, comparing forms of both texts only to
// explain, and report places in the letter's own code points.

// composedMatch finds quote in text when the two are the same once both
// are in Unicode's composed form (NFC), and says which characters are
// composed differently. It returns the passage's code-point range in text,
// or "" when composing does not find it either.
func composedMatch(text, quote string) (int, int, string) {
	if norm.NFC.IsNormalString(text) && norm.NFC.IsNormalString(quote) {
		return 0, 0, "" // both composed: composing changes nothing
	}
	letter := composedSegments(text)
	quoted := composedSegments(quote)
	if len(quoted.composed) == 0 {
		return 0, 0, ""
	}
	occ := Occurrences(letter.composed, quoted.composed)
	if len(occ) == 0 {
		return 0, 0, ""
	}
	from := occ[0]
	to := from + RuneLen(quoted.composed)
	start, end := letter.original[from], letter.original[to]
	// Walk the segments of both: those that compose alike but are
	// written differently are the difference.
	var diffs []string
	seen := map[string]bool{}
	first := letter.segmentAt[from]
	for i, qs := range quoted.segments {
		if first+i >= len(letter.segments) {
			break
		}
		ls := letter.segments[first+i]
		if ls == qs || norm.NFC.String(ls) != norm.NFC.String(qs) {
			continue
		}
		d := fmt.Sprintf("“%s” as %s where the quote has %s", norm.NFC.String(ls), codePoints(ls), codePoints(qs))
		if !seen[d] {
			seen[d] = true
			diffs = append(diffs, d)
		}
	}
	if len(diffs) == 0 {
		return 0, 0, ""
	}
	return start, end, joinFirst(diffs, 3)
}

// composed is a text in composed form, segment by segment, with the way
// back to the original's code points.
type composed struct {
	composed  string
	segments  []string // the original text cut where composition starts afresh
	original  []int    // for each code point of composed, and one past the end: the original offset of its segment
	segmentAt []int    // for each code point of composed: its segment
}

func composedSegments(s string) composed {
	var c composed
	var b strings.Builder
	var it norm.Iter
	it.InitString(norm.NFC, s)
	orig := 0
	for !it.Done() {
		from := it.Pos()
		out := it.Next()
		seg := s[from:it.Pos()]
		for range utf8.RuneCount(out) {
			c.original = append(c.original, orig)
			c.segmentAt = append(c.segmentAt, len(c.segments))
		}
		b.Write(out)
		c.segments = append(c.segments, seg)
		orig += RuneLen(seg)
	}
	c.original = append(c.original, orig)
	c.composed = b.String()
	return c
}

// unseenMatch finds quote in text when the two differ only in characters
// that do not show: format characters (zero-width spaces and joiners, the
// byte-order mark, soft hyphens, direction marks) and combining marks. It
// returns the passage's code-point range in text and the differences, or
// "" when leaving those characters out does not find it either.
func unseenMatch(text, quote string) (int, int, string) {
	if strings.IndexFunc(text, unseen) < 0 && strings.IndexFunc(quote, unseen) < 0 {
		return 0, 0, ""
	}
	var letter []rune
	var at []int // the code-point offset in text of each rune of letter
	for i, r := range []rune(text) {
		if !unseen(r) {
			letter, at = append(letter, r), append(at, i)
		}
	}
	var seenQuote []rune
	for _, r := range quote {
		if !unseen(r) {
			seenQuote = append(seenQuote, r)
		}
	}
	if len(seenQuote) == 0 {
		return 0, 0, ""
	}
	occ := Occurrences(string(letter), string(seenQuote))
	if len(occ) == 0 {
		return 0, 0, ""
	}
	start, end := at[occ[0]], at[occ[0]+len(seenQuote)-1]+1
	// Walk the quote and the passage together: an unseen character on
	// one side only is a difference.
	passage, q := []rune(runeSlice(text, start, end)), []rune(quote)
	var diffs []string
	seen := map[string]bool{}
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			diffs = append(diffs, d)
		}
	}
	i, j := 0, 0
	for i < len(q) || j < len(passage) {
		switch {
		case i < len(q) && j < len(passage) && q[i] == passage[j]:
			i, j = i+1, j+1
		case i < len(q) && unseen(q[i]):
			add(fmt.Sprintf("the quote has %s %s, which the letter does not", unseenName(q[i]), place(q, i)))
			i++
		case j < len(passage) && unseen(passage[j]):
			add(fmt.Sprintf("the letter has %s %s, which the quote does not", unseenName(passage[j]), place(passage, j)))
			j++
		default:
			return 0, 0, "" // cannot happen: the seen characters match
		}
	}
	if len(diffs) == 0 {
		return 0, 0, ""
	}
	return start, end, joinFirst(diffs, 3)
}

// unseen reports a character that takes no room of its own on screen: a
// format character or a combining mark.
func unseen(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r)
}

// unseenNames are the names of the unseen characters most often pasted by
// accident; others are called by their category.
var unseenNames = map[rune]string{
	'\u00AD': "SOFT HYPHEN",
	'\u200B': "ZERO WIDTH SPACE",
	'\u200C': "ZERO WIDTH NON-JOINER",
	'\u200D': "ZERO WIDTH JOINER",
	'\u200E': "LEFT-TO-RIGHT MARK",
	'\u200F': "RIGHT-TO-LEFT MARK",
	'\u2060': "WORD JOINER",
	'\uFEFF': "ZERO WIDTH NO-BREAK SPACE (a byte-order mark)",
}

func unseenName(r rune) string {
	if name, ok := unseenNames[r]; ok {
		return fmt.Sprintf("U+%04X %s", r, name)
	}
	if unicode.Is(unicode.Cf, r) {
		return fmt.Sprintf("U+%04X (an invisible format character)", r)
	}
	return fmt.Sprintf("U+%04X (a combining mark)", r)
}

// place says where in rs the character at i is, by the text before it.
func place(rs []rune, i int) string {
	var before []rune
	for k := i - 1; k >= 0 && len(before) < 12; k-- {
		if !unicode.Is(unicode.Cf, rs[k]) {
			before = append([]rune{rs[k]}, before...)
		}
	}
	if len(before) == 0 {
		return "at its start"
	}
	return "after “" + string(before) + "”"
}

// codePoints writes s as its code points, U+0065 U+0301, the first eight
// of them: a segment may carry thirty combining marks.
func codePoints(s string) string {
	var parts []string
	for _, r := range s {
		if len(parts) == 8 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("U+%04X", r))
	}
	return strings.Join(parts, " ")
}

// utf16Offset is where a code-point offset of s falls in UTF-16 units, as
// JavaScript, Java and many editors count: a character outside the Basic
// Multilingual Plane (𠀀, an emoji) is two units.
func utf16Offset(s string, runeOffset int) int {
	n := 0
	for _, r := range s[:ByteOffset(s, runeOffset)] {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// joinFirst joins at most n items, and says when there are more.
func joinFirst(items []string, n int) string {
	if len(items) > n {
		items = append(items[:n:n], "…")
	}
	return strings.Join(items, "; ")
}
