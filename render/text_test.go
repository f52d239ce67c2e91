package render

import (
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
