package argmap

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// resolveSpans finds every quote of every unit in its paragraph and reports
// what does not match the text.
//
// Units are resolved on every core, each into diagnostics of its own, which
// are then reported in unit order, as one goroutine would.
func (l *loader) resolveSpans() {
	units := l.m.Units
	found := make([][]Diagnostic, len(units))
	var next atomic.Int64
	var running sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(units)) {
		running.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(units); i = int(next.Add(1)) - 1 {
				u := units[i]
				if u.Span.Paragraph == nil {
					continue
				}
				one := &loader{corpus: l.corpus, m: l.m, file: u.File}
				for _, lang := range l.corpus.Languages {
					if q := u.Span.Quotes[lang]; q != nil {
						one.resolveQuote(u, q)
					}
				}
				found[i] = one.diags
			}
		})
	}
	running.Wait()
	for i, ds := range found {
		l.file = units[i].File
		for _, d := range ds {
			l.add(d)
		}
	}
}

// paragraphPlace names a paragraph in messages: its document and label. Quotes
// resolve by the thousand, so it is made only for a message.
func paragraphPlace(p *Paragraph) string { return p.Doc.ID + " " + p.Label() }

func (l *loader) resolveQuote(u *Unit, q *Quote) {
	p := u.Span.Paragraph
	text := p.Text[q.Lang]
	occ := Occurrences(text, q.Text)
	if q.Prefix != "" || q.Suffix != "" {
		occ = filterAffixes(text, q, occ)
	}
	if len(occ) == 0 {
		l.quoteNotFound(u, q)
		return
	}
	n := RuneLen(q.Text)
	var start int
	switch {
	case q.GivenStart != nil:
		start = -1
		for _, o := range occ {
			if o == *q.GivenStart {
				start = o
			}
		}
		if start < 0 {
			detail := fmt.Sprintf("the quote starts at %s in %s", joinInts(occ), paragraphPlace(p))
			for _, o := range occ {
				if hint := otherUnits(text, o, *q.GivenStart, "starts"); hint != "" {
					detail = hint
				}
			}
			l.report(q.Range, RuleOffsetMismatch, detail,
				"start %d disagrees with the %s quote, which starts at %d", *q.GivenStart, q.Lang.Name(), nearest(occ, *q.GivenStart))
			l.attachPassage(p, q.Lang, nearest(occ, *q.GivenStart), nearest(occ, *q.GivenStart)+n)
			return
		}
	case q.Occurrence > 0:
		if q.Occurrence > len(occ) {
			l.report(q.Range, RuleQuoteNotFound, "", "occurrence %d of the %s quote does not exist: it occurs %d time(s) in %s",
				q.Occurrence, q.Lang.Name(), len(occ), paragraphPlace(p))
			return
		}
		start = occ[q.Occurrence-1]
	case len(occ) > 1:
		l.report(q.Range, RuleQuoteAmbiguous, "lengthen the quote, or write it as {quote: ..., occurrence: N} or with prefix/suffix",
			"the %s quote occurs %d times in %s (at code points %s)", q.Lang.Name(), len(occ), paragraphPlace(p), joinInts(occ))
		l.attachPassage(p, q.Lang, occ[0], occ[0]+n)
		return
	default:
		start = occ[0]
	}
	q.Start, q.End, q.Found = start, start+n, true
	if q.GivenEnd != nil && *q.GivenEnd != q.End {
		detail := "end is exclusive and counts code points: start + the quote's length"
		if hint := otherUnits(text, q.End, *q.GivenEnd, "ends"); hint != "" {
			detail = hint
		}
		l.report(q.Range, RuleOffsetMismatch, detail,
			"end %d disagrees with the %s quote, which ends at %d", *q.GivenEnd, q.Lang.Name(), q.End)
		l.attachPassage(p, q.Lang, q.Start, q.End)
	}
	l.quoteEdges(u, q, text)
}

// otherUnits explains an offset given in other units than code points: at
// is where the quote starts or ends in code points, given what the file
// says. It returns "" when given is not at counted in UTF-8 bytes or
// UTF-16 units.
func otherUnits(text string, at, given int, edge string) string {
	switch {
	case given == at:
		return ""
	case given == ByteOffset(text, at):
		return fmt.Sprintf("%d is where the quote %s in UTF-8 bytes; start and end count code points: %d", given, edge, at)
	case given == utf16Offset(text, at):
		return fmt.Sprintf("%d is where the quote %s in UTF-16 units, as JavaScript and Java count, where a character beyond U+FFFF (𠀀, an emoji) is two; start and end count code points: %d", given, edge, at)
	}
	return ""
}

// quoteEdges warns about a quote that begins or ends with whitespace, or
// that cuts a word in a language that spaces its words.
func (l *loader) quoteEdges(u *Unit, q *Quote, text string) {
	first, _ := utf8.DecodeRuneInString(q.Text)
	last, _ := utf8.DecodeLastRuneInString(q.Text)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		l.report(q.Range, RuleQuoteWhitespace, "trim the quote: it should begin and end with the passage's own characters",
			"the %s quote begins or ends with whitespace", q.Lang.Name())
		l.attachPassage(u.Span.Paragraph, q.Lang, q.Start, q.End)
		return
	}
	from := ByteOffset(text, q.Start)
	to := from + len(q.Text) // the quote occurs at from
	before, _ := utf8.DecodeLastRuneInString(text[:from])
	after, _ := utf8.DecodeRuneInString(text[to:])
	cutStart := from > 0 && isWordRune(before) && isWordRune(first) && !IsWide(first)
	cutEnd := to < len(text) && isWordRune(after) && isWordRune(last) && !IsWide(last)
	if cutStart || cutEnd {
		edge := "begins"
		if !cutStart {
			edge = "ends"
		}
		l.report(q.Range, RuleQuoteCutsWord, "quote whole words, so the passage reads as the letter wrote it",
			"the %s quote %s in the middle of a word", q.Lang.Name(), edge)
		l.attachPassage(u.Span.Paragraph, q.Lang, q.Start, q.End)
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// quoteNotFound explains a quote missing from its paragraph: where else it
// occurs, or else the closest passage.
func (l *loader) quoteNotFound(u *Unit, q *Quote) {
	if l.capped {
		// Past the cap no explanation is shown, so none is sought; the
		// report only makes the cap as severe as this problem.
		l.report(q.Range, RuleQuoteNotFound, "", "")
		return
	}
	p := u.Span.Paragraph
	where := paragraphPlace(p)
	text := p.Text[q.Lang]
	// A quote that is in its paragraph, but not between that prefix and
	// suffix, is a wrong prefix or suffix, whatever other paragraphs hold.
	if q.Prefix != "" || q.Suffix != "" {
		if occ := Occurrences(text, q.Text); len(occ) > 0 {
			l.report(q.Range, RuleQuoteNotFound, "check prefix and suffix against the letter",
				"the %s quote occurs in %s, but never with that prefix and suffix", q.Lang.Name(), where)
			l.attachPassage(p, q.Lang, occ[0], occ[0]+RuneLen(q.Text))
			return
		}
	}
	if other, at := findElsewhere(l.corpus, p, q); other != nil {
		otherLangFound := false
		for lang, oq := range u.Span.Quotes {
			if lang != q.Lang && len(Occurrences(p.Text[lang], oq.Text)) > 0 {
				otherLangFound = true
			}
		}
		if other.Doc == p.Doc && otherLangFound {
			l.report(q.Range, RuleLanguagesSplit, "a unit anchors one passage: its quotes in every language are in one paragraph",
				"the %s quote is in %s %s, but the span's other quotes are in %s", q.Lang.Name(), other.Doc.ID, other.Label(), p.Label())
		} else {
			l.report(q.Range, RuleQuoteNotFound, fmt.Sprintf("it occurs in %s %s: fix the span's doc or paragraph", other.Doc.ID, other.Label()),
				"the %s quote is not in %s; it occurs in %s %s", q.Lang.Name(), where, other.Doc.ID, other.Label())
		}
		l.attachPassage(other, q.Lang, at, at+RuneLen(q.Text))
		return
	}
	if at, diffs := foldedMatch(text, q.Text); diffs != "" {
		l.report(q.Range, RuleQuoteNotFound, "the letter has "+diffs+"; argmap never normalises the text, so quote its characters exactly",
			"the %s quote is not in %s as written: its punctuation differs from the letter's", q.Lang.Name(), where)
		l.attachPassage(p, q.Lang, at, at+RuneLen(q.Text))
		return
	}
	if start, end, diffs := composedMatch(text, q.Text); diffs != "" {
		l.report(q.Range, RuleQuoteNotFound, "the letter has "+diffs+"; argmap never normalises the text, so quote its characters exactly",
			"the %s quote is not in %s as written: its accents are composed differently from the letter's (NFD against NFC)", q.Lang.Name(), where)
		l.attachPassage(p, q.Lang, start, end)
		return
	}
	if start, end, diffs := unseenMatch(text, q.Text); diffs != "" {
		l.report(q.Range, RuleQuoteNotFound, diffs+"; argmap never normalises the text, so quote its characters exactly",
			"the %s quote is not in %s as written: it differs from the letter in characters that do not show", q.Lang.Name(), where)
		l.attachPassage(p, q.Lang, start, end)
		return
	}
	start, end := closestPassage(text, q.Text)
	l.report(q.Range, RuleQuoteNotFound, "closest passage: "+clip(runeSlice(text, start, end), 120),
		"the %s quote is not in %s", q.Lang.Name(), where)
	l.attachPassage(p, q.Lang, start, end)
}

// foldedMatch finds quote in text when the two differ only in the forms of
// their punctuation: fullwidth against ASCII (，against ,), curly against
// straight quotes. It returns where the quote is and which characters the
// letter has instead, or "" when folding does not find it either. Folding
// maps one code point to one, so offsets hold in both texts.
func foldedMatch(text, quote string) (int, string) {
	occ := Occurrences(foldPunctuation(text), foldPunctuation(quote))
	if len(occ) == 0 {
		return 0, ""
	}
	at := occ[0]
	var diffs []string
	seen := map[string]bool{}
	letter := []rune(runeSlice(text, at, at+RuneLen(quote)))
	for i, r := range []rune(quote) {
		if i < len(letter) && letter[i] != r {
			d := fmt.Sprintf("%q (U+%04X) where the quote has %q", string(letter[i]), letter[i], string(r))
			if !seen[d] {
				seen[d] = true
				diffs = append(diffs, d)
			}
		}
	}
	if len(diffs) > 3 {
		diffs = append(diffs[:3], "…")
	}
	return at, strings.Join(diffs, ", ")
}

// foldPunctuation maps fullwidth forms to ASCII and typographic quotes and
// dashes to plain ones, one code point for one.
func foldPunctuation(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFF01 + '!'
		case r == '、':
			return ','
		case r == '。':
			return '.'
		case r == '‘' || r == '’':
			return '\''
		case r == '“' || r == '”':
			return '"'
		case r == '—' || r == '–':
			return '-'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

func (l *loader) attachPassage(p *Paragraph, lang Lang, start, end int) {
	if l.capped || len(l.diags) == 0 {
		return
	}
	l.last().Passage = &Passage{Doc: p.Doc.ID, Paragraph: p.Label(), Lang: lang, Text: p.Text[lang], Start: start, End: end}
}

// findElsewhere looks for the quote in the other paragraphs of the span's
// document, then in the other documents.
func findElsewhere(c *Corpus, p *Paragraph, q *Quote) (*Paragraph, int) {
	search := func(d *Document) (*Paragraph, int) {
		for _, other := range d.Paragraphs {
			if other == p {
				continue
			}
			if occ := Occurrences(other.Text[q.Lang], q.Text); len(occ) > 0 {
				return other, occ[0]
			}
		}
		return nil, 0
	}
	if other, at := search(p.Doc); other != nil {
		return other, at
	}
	for _, d := range c.Documents {
		if d == p.Doc {
			continue
		}
		if other, at := search(d); other != nil {
			return other, at
		}
	}
	return nil, 0
}

// maxAlignedQuote bounds how much of a quote closestPassage aligns with
// the paragraph: the search costs the paragraph's length times the quote's,
// and the first few hundred characters of a quote place it as well as a
// megabyte of them would.
const maxAlignedQuote = 256

// closestPassage returns the code-point range of text that best matches
// quote: the longest common substring, widened to the quote's length.
func closestPassage(text, quote string) (int, int) {
	t, q := []rune(text), []rune(quote)
	if len(t) == 0 || len(q) == 0 {
		return 0, 0
	}
	width := len(q) // the passage shown is as long as the whole quote
	q = q[:min(len(q), maxAlignedQuote)]
	bestLen, bestEndT, bestEndQ := 0, 0, 0
	prev := make([]int, len(q)+1)
	cur := make([]int, len(q)+1)
	for i := 1; i <= len(t); i++ {
		for j := 1; j <= len(q); j++ {
			if t[i-1] == q[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > bestLen {
					bestLen, bestEndT, bestEndQ = cur[j], i, j
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	start := bestEndT - bestEndQ // where the quote would start, aligned on the match
	start = max(0, start)
	end := min(len(t), start+width)
	// Show whole words: widen to the edges of words the window cuts.
	for start > 0 && isWordRune(t[start-1]) && isWordRune(t[start]) && !IsWide(t[start]) {
		start--
	}
	for end < len(t) && end > 0 && isWordRune(t[end-1]) && isWordRune(t[end]) && !IsWide(t[end]) {
		end++
	}
	return start, end
}

func filterAffixes(text string, q *Quote, occ []int) []int {
	var out []int
	n := RuneLen(q.Text)
	for _, o := range occ {
		from, to := ByteOffset(text, o), ByteOffset(text, o+n)
		if strings.HasSuffix(text[:from], q.Prefix) && strings.HasPrefix(text[to:], q.Suffix) {
			out = append(out, o)
		}
	}
	return out
}

func runeSlice(s string, start, end int) string {
	return s[ByteOffset(s, start):ByteOffset(s, end)]
}

func nearest(list []int, v int) int {
	best := list[0]
	for _, x := range list {
		if abs(x-v) < abs(best-v) {
			best = x
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ", ")
}
