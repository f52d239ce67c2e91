package argmap

import "testing"

func TestFoldedMatchNamesTheCharactersThatDiffer(t *testing.T) {
	cases := []struct {
		name, text, quote string
		at                int
		diffs             string
	}{
		{"an ASCII semicolon for a fullwidth one", "事件，这是对的；但你", "这是对的;", 3, `"；" (U+FF1B) where the quote has ";"`},
		{"straight quotes for curly ones", "你方对于这次“在逃”的战俘", `这次"在逃"的`, 4,
			`"“" (U+201C) where the quote has "\"", "”" (U+201D) where the quote has "\""`},
		{"an apostrophe for a typographic one", "the Volunteers’ letter", "Volunteers' letter", 4, `"’" (U+2019) where the quote has "'"`},
		{"a real typo is not a punctuation difference", "which is correct", "which is corect", 0, ""},
		{"an exact quote has no difference to report", "这是对的；", "这是对的；", 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			at, diffs := foldedMatch(tc.text, tc.quote)
			if diffs != tc.diffs || (diffs != "" && at != tc.at) {
				t.Errorf("foldedMatch(%q, %q) = %d, %q; want %d, %q", tc.text, tc.quote, at, diffs, tc.at, tc.diffs)
			}
		})
	}
}

func TestClosestPassageShowsWholeWords(t *testing.T) {
	cases := []struct{ text, quote, want string }{
		{"an unfortunate event, which is correct; however", "which is corect", "which is correct"},
		{"事件，这是对的；但你", "这是对地", "这是对的"},
	}
	for _, tc := range cases {
		start, end := closestPassage(tc.text, tc.quote)
		if got := runeSlice(tc.text, start, end); got != tc.want {
			t.Errorf("closestPassage(%q, %q) = %q, want %q", tc.text, tc.quote, got, tc.want)
		}
	}
}
