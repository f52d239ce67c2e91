package argmap

import (
	"fmt"
	"sort"
)

// Severity says how much a diagnostic matters.
type Severity int

// The severities, most severe first.
const (
	SeverityError Severity = iota
	SeverityWarning
	SeverityInfo
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "info"
}

// MarshalText writes the severity as "error", "warning" or "info".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity written by MarshalText, so that the JSON
// argmap writes can be read back.
func (s *Severity) UnmarshalText(text []byte) error {
	switch string(text) {
	case "error":
		*s = SeverityError
	case "warning":
		*s = SeverityWarning
	case "info":
		*s = SeverityInfo
	default:
		return fmt.Errorf("unknown severity %q: error, warning or info", text)
	}
	return nil
}

// Position is a place in an annotation file: 1-based line, and 1-based
// column counted in code points.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range is a stretch of an annotation file. End is exclusive; when it is
// unknown it equals Start.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Passage is the text of a letter that a diagnostic is about: a paragraph in
// one language and, inside it, the code-point range in question.
type Passage struct {
	Doc       string `json:"doc"`
	Paragraph string `json:"paragraph"` // "¶3", "salutation"
	Lang      Lang   `json:"lang"`
	Text      string `json:"text"`  // the whole paragraph
	Start     int    `json:"start"` // code points into Text
	End       int    `json:"end"`
}

// Related is a second place that explains a diagnostic, such as the first
// definition of a duplicated id.
type Related struct {
	File    string `json:"file"`
	Range   Range  `json:"range"`
	Message string `json:"message"`
}

// Diagnostic is one problem found in the annotations, with everything a
// person or a CI system needs to act on it. Printers in package render turn
// it into text, JSON, GitHub workflow commands or SARIF.
type Diagnostic struct {
	File     string    `json:"file"`
	Range    Range     `json:"range"`
	Severity Severity  `json:"severity"`
	Rule     RuleID    `json:"rule"`
	Message  string    `json:"message"`
	Detail   string    `json:"detail,omitempty"`
	Related  []Related `json:"related,omitempty"`
	Passage  *Passage  `json:"passage,omitempty"`
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.File, d.Range.Start.Line, d.Range.Start.Column, d.Severity, d.Message, d.Rule)
}

// SortDiagnostics orders diagnostics by file, position, rule and message,
// so that output is the same from run to run.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line < b.Range.Start.Line
		}
		if a.Range.Start.Column != b.Range.Start.Column {
			return a.Range.Start.Column < b.Range.Start.Column
		}
		if a.Rule != b.Rule {
			return a.Rule.String() < b.Rule.String()
		}
		return a.Message < b.Message
	})
}

// Count returns the number of errors, warnings and infos in ds.
func Count(ds []Diagnostic) (errors, warnings, infos int) {
	for _, d := range ds {
		switch d.Severity {
		case SeverityError:
			errors++
		case SeverityWarning:
			warnings++
		default:
			infos++
		}
	}
	return
}

// Fails reports whether the diagnostics should fail a run: any error, or
// with strict any warning too.
func Fails(ds []Diagnostic, strict bool) bool {
	e, w, _ := Count(ds)
	return e > 0 || (strict && w > 0)
}
