package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestWrapByDisplayWidth(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		{"English breaks at spaces", "The escape of 25,000 prisoners is a serious event", 20, []string{"The escape of 25,000", "prisoners is a", "serious event"}},
		{"Chinese counts two columns a character", "约两万五千名战俘逃亡是严重事件", 10, []string{"约两万五千", "名战俘逃亡", "是严重事件"}},
		{"closing punctuation never starts a line", "一二三四，五六", 8, []string{"一二三", "四，五六"}},
		{"an over-long word is cut", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Wrap(tc.text, tc.width)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
			}
		})
	}
}

func TestWrapCutsLongTokensByColumns(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		{"a run of closing punctuation stays with its character and is cut by width", "战，，，，，，", 4, []string{"战，", "，，", "，，", "，"}},
		{"a long word after a short one starts its own line", "ab cdefghij", 4, []string{"ab", "cdef", "ghij"}},
		{"a wide character wider than the line is kept whole", "战争", 1, []string{"战", "争"}},
		{"a tab and a line end are spaces", "ab\tcd\nef", 5, []string{"ab cd", "ef"}},
		{"a text of more than MaxWrapLines lines ends the last with an ellipsis", strings.Repeat("abcd ", MaxWrapLines+5), 4,
			append(slices.Repeat([]string{"abcd"}, MaxWrapLines-1), "abc…")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Wrap(tc.text, tc.width)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
			}
		})
	}
}

// BenchmarkWrap wraps a label that grows at 256 KiB and 1 MiB, as one long
// word, as Chinese with a long run of closing punctuation, and as prose:
// time per operation should grow about fourfold.
func BenchmarkWrap(b *testing.B) {
	texts := map[string]func(n int) string{
		"word":        func(n int) string { return strings.Repeat("x", n) },
		"punctuation": func(n int) string { return "战" + strings.Repeat("，", n/3) },
		"prose":       func(n int) string { return strings.Repeat("the escape of prisoners ", n/24) },
	}
	for _, name := range []string{"word", "punctuation", "prose"} {
		for _, size := range []int{256 << 10, 1 << 20} {
			text := texts[name](size)
			b.Run(fmt.Sprintf("%s/%dKiB", name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					Wrap(text, 34)
				}
			})
		}
	}
}

// FuzzWrap wraps any text at any width and checks what must hold however
// long a word or a run of punctuation grows: no character but white space
// (which may go at the edges of lines) is lost or added, in order, and no line is wider than the width unless
// it is one character (or a character with the closing punctuation that
// may not start a line).
func FuzzWrap(f *testing.F) {
	f.Add("The escape of 25,000 prisoners is a serious event", 20)
	f.Add("约两万五千名战俘逃亡是严重事件，，，，。", 4)
	f.Add(strings.Repeat("x", 300), 34)
	f.Add("a\tb\nc  d", 1)
	f.Fuzz(func(t *testing.T, s string, width int) {
		if !utf8.ValidString(s) || width < 1 || width > 200 {
			return
		}
		lines := Wrap(s, width)
		visible := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		got, want := visible(strings.Join(lines, "")), visible(s)
		if clipped, ok := strings.CutSuffix(got, "…"); ok && len(lines) == MaxWrapLines && got != want {
			got, want = clipped, want[:min(len(clipped), len(want))] // the text goes on past the last line
		} else if len(lines) > MaxWrapLines {
			t.Fatalf("Wrap(%q, %d): %d lines", s, width, len(lines))
		}
		if got != want {
			t.Fatalf("Wrap(%q, %d) = %q: characters lost or added", s, width, lines)
		}
		for _, l := range lines {
			if DisplayWidth(l) <= width {
				continue
			}
			first, size := utf8.DecodeRuneInString(l)
			if rest := l[size:]; strings.Trim(rest, "，。、；：？！）》」』”’") != "" || RuneWidth(first) <= width {
				t.Fatalf("Wrap(%q, %d): line %q is %d columns wide", s, width, l, DisplayWidth(l))
			}
		}
	})
}

func TestWriteColumnsAlignsByDisplayWidth(t *testing.T) {
	var b strings.Builder
	if err := WriteColumns(&b, [][]string{{"a", "逃亡还是释放？", "x"}, {"bbb", "Escape?", "y"}}); err != nil {
		t.Fatal(err)
	}
	want := "a    逃亡还是释放？  x\nbbb  Escape?         y\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
