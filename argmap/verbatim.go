package argmap

import (
	"sort"
	"strings"
)

// The verbatim check proves that every line of a text occurs in its
// source, each after the one before. Searching each document's lines by
// scanning its source would cost documents × source size, so the check
// first looks lines up in an index of the source's lines: a text line is
// usually a whole line of its page, indentation aside, and then it costs a
// binary search. A line that is only part of a source line (a text that
// splits what the page runs together) is searched for by scanning, from
// where the last document of that source and language ended (documents are
// usually listed in the page's order). Only when that fails is the text
// scanned from the start of its source, line by line at the earliest place,
// which decides. All scanning is bounded, so that no corpus, however it
// orders its documents, costs more than a fixed multiple of its size:
// verbatimFloor bytes, plus verbatimFactor times every source and text.
const (
	verbatimFloor  = 256 << 20
	verbatimFactor = 64
)

// sourceLang is one language of the texts cut from one source.
type sourceLang struct {
	source *Source
	lang   Lang
}

// verbatimScan is the work of a corpus's verbatim checks: the index of each
// source's lines, the bytes of source scanned so far and how many may be,
// and where the last document of each source and language ended.
type verbatimScan struct {
	index              map[*Source]map[string][]int
	scanned, allowance int
	resume             map[sourceLang]int
	exhausted          bool // the bound was reached and said so; later texts are not checked
}

func newVerbatimScan() verbatimScan {
	return verbatimScan{index: map[*Source]map[string][]int{}, allowance: verbatimFloor, resume: map[sourceLang]int{}}
}

// verbatim checks that every line of a text occurs in its source, each
// after the one before, and reports the first that does not.
func (l *manifestLoader) verbatim(t *languageText, s *Source, what string) {
	v := &l.scan
	if v.exhausted {
		return
	}
	for _, p := range t.paras {
		v.allowance += verbatimFactor * len(p.text)
	}
	key := sourceLang{s, t.lang}
	end, ok := v.lookup(t, s, v.resume[key])
	if !ok && v.resume[key] > 0 {
		end, ok = v.lookup(t, s, 0)
	}
	para, line := 0, 0
	if !ok {
		end, para, line, ok = v.scan(t, s.Text)
	}
	switch {
	case ok:
		v.resume[key] = end
	case v.scanned >= v.allowance:
		v.exhausted = true
		l.report(l.rangeOf(t.node), RuleTextNotVerbatim,
			"list the documents cut from one source in the order they stand in it: each check then starts where the last ended",
			"%s: %s could not be proved verbatim in source %s, nor any text after it: the corpus's verbatim checks reached their bound of %d bytes scanned", what, t.file, s.File, v.allowance)
	default:
		text := t.paras[para].lines()[line]
		l.report(l.rangeOf(t.node), RuleTextNotVerbatim,
			"every line of a text is a line, or part of a line, of its source, in the source's order; argmap compares characters and never normalises",
			"%s: %s line %d does not occur verbatim, in order, in source %s: %q", what, t.file, t.paras[para].line+line, s.File, clip(text, 60))
		l.relatedFile(t.file, lineRange(t.paras[para].line+line), "this line")
	}
}

// lineIndex returns where each line of a source stands, by its text
// without indentation and trailing blanks, made once per source.
func (v *verbatimScan) lineIndex(s *Source) map[string][]int {
	if idx, ok := v.index[s]; ok {
		return idx
	}
	idx := map[string][]int{}
	start := 0
	for _, line := range strings.SplitAfter(s.Text, "\n") {
		text := strings.TrimLeft(line, " \t")
		indent := len(line) - len(text)
		if text = strings.TrimRight(text, " \t\n"); text != "" {
			idx[text] = append(idx[text], start+indent)
		}
		start += len(line)
	}
	v.index[s] = idx
	return idx
}

// lookup finds the lines of a text in order from byte from on, each a
// whole line of the source found in the index, or else part of one found
// by a bounded scan. Success proves the text verbatim; failure proves
// nothing, since a line may have been taken at a later place than the
// earliest.
func (v *verbatimScan) lookup(t *languageText, s *Source, from int) (int, bool) {
	idx := v.lineIndex(s)
	for _, p := range t.paras {
		for _, text := range p.lines() {
			if at := idx[text]; len(at) > 0 {
				if i := sort.SearchInts(at, from); i < len(at) {
					from = at[i] + len(text)
					continue
				}
			}
			j := v.index1(s.Text[from:], text)
			if j < 0 {
				return 0, false
			}
			from += j + len(text)
		}
	}
	return from, true
}

// scan finds the lines of a text from the start of its source, each at its
// earliest place after the one before: if the lines occur in order at all,
// they are found so. It returns where the last line ends, or the paragraph
// and line that could not be found.
func (v *verbatimScan) scan(t *languageText, source string) (end, para, line int, ok bool) {
	from := 0
	for i, p := range t.paras {
		for k, text := range p.lines() {
			j := v.index1(source[from:], text)
			if j < 0 {
				return 0, i, k, false
			}
			from += j + len(text)
		}
	}
	return from, 0, 0, true
}

// index1 is strings.Index within what is left of the bound, counting the
// bytes it scans.
func (v *verbatimScan) index1(window, text string) int {
	if left := v.allowance - v.scanned; len(window) > left {
		window = window[:max(left, 0)]
	}
	j := strings.Index(window, text)
	if j < 0 {
		v.scanned += len(window)
		return -1
	}
	v.scanned += j + len(text)
	return j
}
