package argmap_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/argmap/argmap/argmap"
)

// The fuzz targets below grow what once cost super-linear time: a graph of
// supports (a chain, a tangle), a line of many nodes, a long word. A fuzz
// target cannot assert time; these assert what must hold at any size, and
// BenchmarkShapes and TestShapesAllocateLinearly measure the growth.

// supportUnit is a unit that validates over the bundled corpus, in flow
// style, supporting the units named.
func supportUnit(id string, supports []string) string {
	s := "  - {id: " + id + ", kind: claim, summary: {en: s, zh: 事}, span: {doc: clark-1953-06-29, paragraph: 1, en: serious event, zh: 严重的事件}"
	if len(supports) > 0 {
		s += ", supports: [" + strings.Join(supports, ", ") + "]"
	}
	return s + "}\n"
}

// FuzzSupportGraph builds a map of up to 64 units from bytes (the first is
// the number of units, each following pair a support) and checks the
// support-cycle reports against a brute-force count: one report per tangle
// of units that reach one another, naming a real circle, at the line of
// the unit whose support closes it.
func FuzzSupportGraph(f *testing.F) {
	f.Add([]byte{3, 0, 1, 1, 2, 2, 0})
	f.Add([]byte{5, 0, 1, 1, 0, 2, 3, 3, 2, 3, 4})
	chain := []byte{63}
	for i := range byte(62) {
		chain = append(chain, i, i+1)
	}
	f.Add(append(chain, 62, 0))
	c := embeddedCorpus(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		n := 2 + int(data[0])%63
		edges := make([][]bool, n)
		for i := range edges {
			edges[i] = make([]bool, n)
		}
		for i := 1; i+1 < len(data) && i < 1+2*4096; i += 2 {
			if a, b := int(data[i])%n, int(data[i+1])%n; a != b {
				edges[a][b] = true
			}
		}
		var file strings.Builder
		file.WriteString("units:\n")
		for a := range n {
			var targets []string
			for b := range n {
				if edges[a][b] {
					targets = append(targets, fmt.Sprintf("u%d", b))
				}
			}
			file.WriteString(supportUnit(fmt.Sprintf("u%d", a), targets))
		}
		_, diags := argmap.Validate(c, []argmap.Input{{Path: "graph.yaml", Data: []byte(file.String())}})
		checkDiagnostics(t, diags)

		reach := reachability(edges)
		tangle := func(a, b int) bool { return reach[a][b] && reach[b][a] }
		tangles := 0
		for a := range n {
			first := true // a is the first unit of its tangle
			for b := range a {
				if tangle(a, b) {
					first = false
				}
			}
			if first && reach[a][a] {
				tangles++
			}
		}
		reported := map[int]bool{}
		for _, d := range diags {
			if d.Rule != argmap.RuleSupportCycle {
				continue
			}
			ids, elided := cycleUnits(t, d.Message)
			for i := 0; i+1 < len(ids); i++ {
				if elided && i == 4 {
					continue // the … between the first five and the last four
				}
				if !edges[ids[i]][ids[i+1]] {
					t.Errorf("%s: u%d does not support u%d", d.Message, ids[i], ids[i+1])
				}
			}
			if ids[0] != ids[len(ids)-1] || !tangle(ids[0], ids[len(ids)-2]) {
				t.Errorf("%s is not a circle", d.Message)
			}
			if closing := ids[len(ids)-2]; d.Range.Start.Line != closing+2 {
				t.Errorf("%s reported at line %d, not at u%d's line %d", d.Message, d.Range.Start.Line, closing, closing+2)
			}
			for r := range reported {
				if tangle(r, ids[0]) {
					t.Errorf("%s: a second report for the tangle of u%d", d.Message, r)
				}
			}
			reported[ids[0]] = true
		}
		if len(reported) != tangles {
			t.Errorf("%d support-cycle reports for %d tangles", len(reported), tangles)
		}
	})
}

// reachability returns which units reach which through one or more
// supports.
func reachability(edges [][]bool) [][]bool {
	n := len(edges)
	reach := make([][]bool, n)
	for a := range n {
		reach[a] = make([]bool, n)
		stack := []int{a}
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for w := range n {
				if edges[v][w] && !reach[a][w] {
					reach[a][w] = true
					stack = append(stack, w)
				}
			}
		}
	}
	return reach
}

// cycleUnits reads the unit numbers of a support-cycle message, and whether
// the middle of the circle is left out.
func cycleUnits(t *testing.T, message string) ([]int, bool) {
	_, path, ok := strings.Cut(message, ": ")
	if !ok {
		t.Fatalf("unexpected message %q", message)
	}
	var ids []int
	elided := false
	for _, part := range strings.Split(path, " → ") {
		if part == "…" {
			elided = true
			continue
		}
		var id int
		if _, err := fmt.Sscanf(part, "u%d", &id); err != nil {
			t.Fatalf("unexpected unit %q in %q", part, message)
		}
		ids = append(ids, id)
	}
	return ids, elided
}

// FuzzLineColumns writes units with ids of arbitrary text on one line, in
// flow style, and checks that every id that is not kebab-case is reported
// at its own column and range, counted in code points from the start of
// the line, however long the line grows.
func FuzzLineColumns(f *testing.F) {
	f.Add("第", uint8(6))
	f.Add("Clark_", uint8(40))
	f.Add("😀\u0301é", uint8(200))
	c := embeddedCorpus(f)
	f.Fuzz(func(t *testing.T, prefix string, count uint8) {
		if !utf8.ValidString(prefix) || strings.ContainsRune(prefix, 0) {
			return
		}
		x := argmap.NewRuneIndex(prefix)
		for k := -1; k <= utf8.RuneCountInString(prefix)+1; k++ {
			if got, want := x.ByteOffset(k), argmap.ByteOffset(prefix, k); got != want {
				t.Fatalf("RuneIndex(%q).ByteOffset(%d) = %d, want %d", prefix, k, got, want)
			}
		}
		line := "units: ["
		want := map[argmap.Range]bool{}
		for i := range int(count) {
			if i > 0 {
				line += ", "
			}
			id := fmt.Sprintf("%s%d", prefix, i)
			quoted := yamlQuote(id)
			column := utf8.RuneCountInString(line) + len("{id: ") + 1
			if !kebab(id) {
				want[argmap.Range{Start: argmap.Position{Line: 1, Column: column},
					End: argmap.Position{Line: 1, Column: column + utf8.RuneCountInString(quoted)}}] = true
			}
			line += "{id: " + quoted + ", kind: claim, summary: {en: s}, span: {doc: clark-1953-06-29, paragraph: 1, en: serious event, zh: 严重的事件}}"
		}
		line += "]\n"
		_, diags := argmap.Validate(c, []argmap.Input{{Path: "line.yaml", Data: []byte(line)}})
		checkDiagnostics(t, diags)
		got := map[argmap.Range]bool{}
		for _, d := range diags {
			if d.Rule == argmap.RuleInvalidID {
				got[d.Range] = true
				if !want[d.Range] {
					t.Errorf("invalid-id at %+v, where no non-kebab id starts", d.Range)
				}
			}
		}
		capped := hasRule(diags, "too-many-diagnostics")
		for r := range want {
			if !got[r] && !capped {
				t.Errorf("no invalid-id at %+v", r)
			}
		}
	})
}

// kebab reports whether s is a lower-case kebab-case id, as the format
// defines it.
func kebab(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r == '-' && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return s != ""
}

// FuzzLongValues repeats a word into an id, a summary and a quote of any
// length, and checks that every message stays short (ids and values are
// clipped to 64 code points, each of which %q may write as ten characters),
// and that the length rules fire exactly when the bounds are passed.
func FuzzLongValues(f *testing.F) {
	f.Add("a", uint16(65))
	f.Add("serious ", uint16(40))
	f.Add("战", uint16(33))
	f.Add("x-", uint16(4000))
	c := embeddedCorpus(f)
	f.Fuzz(func(t *testing.T, word string, repeat uint16) {
		if !utf8.ValidString(word) || strings.ContainsRune(word, 0) || word == "" {
			return
		}
		long := strings.Repeat(word, int(repeat%8192))
		if len(long) > 1<<20 {
			return
		}
		file := "units:\n  - id: " + yamlQuote(long) + "\n    kind: claim\n    summary: {en: " + yamlQuote(long) + "}\n" +
			"    span: {doc: clark-1953-06-29, paragraph: 1, en: " + yamlQuote(long) + ", zh: 严重的事件}\n"
		_, diags := argmap.Validate(c, []argmap.Input{{Path: "long.yaml", Data: []byte(file)}})
		checkDiagnostics(t, diags)
		for _, d := range diags {
			if n := utf8.RuneCountInString(d.Message); n > 1000 {
				t.Errorf("a message of %d characters: %.80s…", n, d.Message)
			}
			if n := utf8.RuneCountInString(d.Detail); n > 1000 {
				t.Errorf("a detail of %d characters: %.80s…", n, d.Detail)
			}
		}
		if hasRule(diags, "yaml-syntax") {
			return // a character YAML refuses, such as a C1 control: nothing else is read
		}
		runes := utf8.RuneCountInString(long)
		if tooLong := runes > 64; tooLong != hasRule(diags, "id-too-long") && long != "" {
			t.Errorf("id of %d characters: id-too-long %v", runes, !tooLong)
		}
		if runes > 160 && !hasRule(diags, "long-summary") && long != "" {
			t.Errorf("summary of %d characters without long-summary", runes)
		}
	})
}
