package main

import (
	"bufio"
	"fmt"
	"strings"
	"testing"
)

func TestUnifiedDiffShowsChangesWithContext(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
	new := "a\nB\nc\nd\ne\nf\ng\nh\ni\nJ\nk\n"
	want := "diff x.orig x\n--- x.orig\n+++ x\n" +
		"@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n" +
		"@@ -7,5 +7,5 @@\n g\n h\n i\n-j\n+J\n k\n"
	if got := string(unifiedDiff("x.orig", []byte(old), "x", []byte(new))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnifiedDiffAppliesBack(t *testing.T) {
	cases := []struct{ name, old, new string }{
		{"equal texts give nothing", "a\nb\n", "a\nb\n"},
		{"a line changed in the middle", "a\nb\nc\n", "a\nx\nc\n"},
		{"changes close together share a hunk", "1\n2\n3\n4\n5\n6\n7\n", "1\nx\n3\n4\n5\ny\n7\n"},
		{"lines added at the start and the end", "b\nc\n", "a\nb\nc\nd\n"},
		{"everything removed", "a\nb\n", ""},
		{"everything added", "", "a\nb\n"},
		{"repeated lines", "x\nx\nx\ny\nx\n", "x\ny\nx\nx\nx\n"},
		{"a one-line file spread over lines", "units: [{id: a, kind: claim}]\n", "units:\n  - id: a\n    kind: claim\n"},
		{"a last line without a line end", "a\nb", "a\nc"},
		{"keys reordered", "kind: claim\nid: a\nsummary: s\n", "id: a\nkind: claim\nsummary: s\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := unifiedDiff("x.orig", []byte(tc.old), "x", []byte(tc.new))
			if tc.old == tc.new {
				if d != nil {
					t.Errorf("diff of equal texts: %q", d)
				}
				return
			}
			got, err := applyDiff(tc.old, string(d))
			if err != nil {
				t.Fatalf("%v in\n%s", err, d)
			}
			if got != tc.new {
				t.Errorf("applying the diff gives %q, want %q:\n%s", got, tc.new, d)
			}
		})
	}
}

// applyDiff applies a unified diff to old, checking every context and
// removed line against it.
func applyDiff(old, diff string) (string, error) {
	x := splitLinesKeepEnds([]byte(old))
	var out []string
	at := 0 // next line of x to copy
	sc := bufio.NewScanner(strings.NewReader(diff))
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	for i := 3; i < len(lines); i++ {
		var fromX, countX, fromY, countY int
		if _, err := fmt.Sscanf(lines[i], "@@ -%d,%d +%d,%d @@", &fromX, &countX, &fromY, &countY); err != nil {
			return "", fmt.Errorf("line %d: %q is not a hunk header", i, lines[i])
		}
		start := max(fromX-1, 0)
		if countX == 0 {
			start = fromX
		}
		out, at = append(out, x[at:start]...), start
		for i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "@@") {
			i++
			l := lines[i]
			if l == `\ No newline at end of file` {
				continue
			}
			text := l[1:] + "\n"
			if i+1 < len(lines) && lines[i+1] == `\ No newline at end of file` {
				text = l[1:] + "\n\\ No newline at end of file\n"
			}
			switch l[0] {
			case ' ', '-':
				if at >= len(x) || x[at] != text {
					return "", fmt.Errorf("line %q does not match old line %d", l, at+1)
				}
				if l[0] == ' ' {
					out = append(out, text)
				}
				at++
			case '+':
				out = append(out, text)
			}
		}
	}
	out = append(out, x[at:]...)
	return strings.ReplaceAll(strings.Join(out, ""), "\n\\ No newline at end of file\n", ""), nil
}

// BenchmarkUnifiedDiff diffs a one-line file of n units against its
// formatted form, at n and 4n: the time should grow about fourfold.
func BenchmarkUnifiedDiff(b *testing.B) {
	for _, n := range []int{5000, 20000} {
		var one, many strings.Builder
		one.WriteString("units: [")
		many.WriteString("units:\n")
		for i := range n {
			fmt.Fprintf(&one, "{id: u%d, kind: claim}, ", i)
			fmt.Fprintf(&many, "  - id: u%d\n    kind: claim\n\n", i)
		}
		one.WriteString("]\n")
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			for b.Loop() {
				unifiedDiff("a", []byte(one.String()), "b", []byte(many.String()))
			}
		})
	}
}

// FuzzUnifiedDiff checks that any diff applies back: every context and
// removed line is in the old text where the hunk says, and the result is
// the new text.
func FuzzUnifiedDiff(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nx\nc\n")
	f.Add("x\nx\ny\n", "y\nx\nx\n")
	f.Add("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\nx\n4\n5\n6\n7\ny\n9")
	f.Fuzz(func(t *testing.T, old, new string) {
		if strings.Contains(old+new, "\\ No newline") || strings.Contains(old+new, "\r") {
			return
		}
		d := unifiedDiff("x.orig", []byte(old), "x", []byte(new))
		if old == new {
			if d != nil {
				t.Fatalf("diff of equal texts: %q", d)
			}
			return
		}
		got, err := applyDiff(old, string(d))
		if err != nil {
			t.Fatalf("%v in\n%s", err, d)
		}
		if got != new {
			t.Fatalf("applying the diff gives %q, want %q:\n%s", got, new, d)
		}
	})
}
