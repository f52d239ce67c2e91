package argmap

import (
	"slices"
	"strings"
	"testing"
)

// Positions are code points: one per CJK character, one per astral-plane
// character (which UTF-16 would count twice and UTF-8 four times).
func TestRuneOffsetCountsCodePoints(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		prefix string // the text before the position
		want   int
	}{
		{"ASCII counts one per byte", "which is correct", "which ", 6},
		{"a CJK character counts one, not three bytes", "这是对的", "这是", 2},
		{"an astral-plane CJK character counts one, not four bytes", "𠀀在逃", "𠀀", 1},
		{"an emoji counts one", "a😀b", "a😀", 2},
		{"fullwidth quotation marks count one each", "要把“在逃”的战俘", "要把“在逃”", 6},
		{"the start is zero", "在逃", "", 0},
		{"the end is the length", "“在逃”", "“在逃”", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.HasPrefix(tt.text, tt.prefix) {
				t.Fatalf("bad test: %q does not start with %q", tt.text, tt.prefix)
			}
			if got := RuneOffset(tt.text, len(tt.prefix)); got != tt.want {
				t.Errorf("RuneOffset(%q, %d) = %d, want %d", tt.text, len(tt.prefix), got, tt.want)
			}
			if got := ByteOffset(tt.text, tt.want); got != len(tt.prefix) {
				t.Errorf("ByteOffset(%q, %d) = %d, want %d", tt.text, tt.want, got, len(tt.prefix))
			}
		})
	}
}

func TestByteOffsetAndRuneOffsetRoundTrip(t *testing.T) {
	for _, text := range []string{
		"",
		"plain ASCII",
		"你在一九五三年六月二十九日复信中，承认了",
		"“在逃”的战俘",
		"𠀀𠀁 mixed 😀 and 在逃 text",
		"an ASCII start, then 在逃 and 😀",
	} {
		t.Run(text, func(t *testing.T) {
			n := RuneLen(text)
			for r := 0; r <= n; r++ {
				b := ByteOffset(text, r)
				if got := RuneOffset(text, b); got != r {
					t.Errorf("RuneOffset(ByteOffset(%d) = %d) = %d", r, b, got)
				}
			}
			for b := range text {
				if got := ByteOffset(text, RuneOffset(text, b)); got != b {
					t.Errorf("ByteOffset(RuneOffset(%d)) = %d", b, got)
				}
			}
		})
	}
}

func TestByteOffsetClampsOutOfRangeOffsets(t *testing.T) {
	text := "在逃𠀀"
	tests := []struct {
		name       string
		runeOffset int
		want       int
	}{
		{"a negative offset is the start", -3, 0},
		{"the offset of the end is the length in bytes", 3, len(text)},
		{"an offset past the end is the length in bytes", 10, len(text)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ByteOffset(text, tt.runeOffset); got != tt.want {
				t.Errorf("ByteOffset(%q, %d) = %d, want %d", text, tt.runeOffset, got, tt.want)
			}
		})
	}
}

func TestRuneLen(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"", 0},
		{"serious event", 13},
		{"严重的事件", 5},
		{"“在逃”", 4},
		{"𠀀😀", 2},
	}
	for _, tt := range tests {
		if got := RuneLen(tt.text); got != tt.want {
			t.Errorf("RuneLen(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestOccurrences(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		quote string
		want  []int
	}{
		{"a quote that occurs once", "which is correct", "correct", []int{9}},
		{"a quote that does not occur", "which is correct", "wrong", nil},
		{"an empty quote occurs nowhere", "which is correct", "", nil},
		{"overlapping occurrences are all found", "aaaa", "aa", []int{0, 1, 2}},
		{"overlapping CJK occurrences are all found", "哈哈哈", "哈哈", []int{0, 1}},
		{"CJK offsets are code points", "联合国军总司令克拉克将军，联合国军", "联合国军", []int{0, 13}},
		{"fullwidth quotation marks are part of the quote", "“在逃”与在逃", "“在逃”", []int{0}},
		{"a bare word inside quotation marks is found too", "“在逃”与在逃", "在逃", []int{1, 5}},
		{"astral-plane characters before a match count one each", "𠀀😀𠀀x𠀀", "𠀀", []int{0, 2, 4}},
		{"a quote longer than the text occurs nowhere", "在", "在逃", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Occurrences(tt.text, tt.quote)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Occurrences(%q, %q) = %v, want %v", tt.text, tt.quote, got, tt.want)
			}
			for _, at := range got {
				b := ByteOffset(tt.text, at)
				if !strings.HasPrefix(tt.text[b:], tt.quote) {
					t.Errorf("offset %d (byte %d) does not start %q", at, b, tt.quote)
				}
			}
		})
	}
}

func TestCleanTextDropsBOMAndCRLFAndNothingElse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"a leading byte-order mark is dropped", "\uFEFF你好", "你好"},
		{"CRLF line ends become LF", "a\r\nb\r\n", "a\nb\n"},
		{"a byte-order mark and CRLF together", "\uFEFFa\r\n\r\nb", "a\n\nb"},
		{"a byte-order mark not at the start stays", "a\uFEFFb", "a\uFEFFb"},
		{"a lone CR stays", "a\rb", "a\rb"},
		{"fullwidth punctuation stays, NFKC would make it ASCII", "你好，世界：（一）", "你好，世界：（一）"},
		{"fullwidth quotation marks stay", "“在逃”", "“在逃”"},
		{"fullwidth digits and letters stay", "１２ＡＢ", "１２ＡＢ"},
		{"compatibility ideographs stay, NFC would change them", "\uF900", "\uF900"},
		{"decomposed accents stay decomposed", "e\u0301", "e\u0301"},
		{"indentation and trailing blanks stay", "    a  \n\tb ", "    a  \n\tb "},
		{"astral-plane characters stay", "𠀀😀", "𠀀😀"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanText(tt.in); got != tt.want {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
