package argmap

import "testing"

func TestClosestSuggestsOnlyNearCandidates(t *testing.T) {
	ids := []string{"clark-escape-serious", "clark-rok-sovereign", "kp-comparison-inappropriate"}
	cases := []struct {
		name, s    string
		candidates []string
		want       string
	}{
		{"one typo finds its id", "clark-escap-serious", ids, "clark-escape-serious"},
		{"a transposition finds its id", "clark-rok-sovereing", ids, "clark-rok-sovereign"},
		{"nothing near suggests nothing", "molotov", ids, ""},
		{"the nearer of two wins", "clark-rok-sovereig", []string{"clark-rok-sovereigns-x", "clark-rok-sovereign"}, "clark-rok-sovereign"},
		{"of two as near, the first wins", "abcd", []string{"abce", "abcf"}, "abce"},
		{"two edits do not turn fr into en", "fr", []string{"en", "zh"}, ""},
		{"a candidate far longer is skipped unread", "abc", []string{"abc" + string(make([]byte, 1<<20))}, ""},
		{"code points count, not bytes", "战俘逃王", []string{"战俘逃亡"}, "战俘逃亡"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := closest(tc.s, tc.candidates); got != tc.want {
				t.Errorf("closest(%q) = %q, want %q", tc.s, got, tc.want)
			}
		})
	}
}

func TestDistancesStopAtTheLimit(t *testing.T) {
	d := distances{a: []rune("kitten")}
	if got := d.within("sitting", 5); got != 3 {
		t.Errorf("distance kitten–sitting = %d, want 3", got)
	}
	if got := d.within("sitting", 2); got != 3 {
		t.Errorf("within limit 2 = %d, want 3 (limit+1)", got)
	}
	if got := d.within("", 10); got != 6 {
		t.Errorf("distance to the empty string = %d, want 6", got)
	}
}
