package render

import (
	"fmt"
	"strings"
	"testing"
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
