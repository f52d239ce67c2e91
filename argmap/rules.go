package argmap

// Rule is a check of the validator. Its id is stable: it appears in
// diagnostics, in SARIF, in the docs and in tests.
type Rule struct {
	ID          string
	Severity    Severity // the severity its diagnostics have
	Description string   // one line
}

// The rules, grouped as the docs group them: the file, the spans, the
// relations, coverage.
var Rules = []Rule{
	// The file.
	{"yaml-syntax", SeverityError, "the file is not valid YAML"},
	{"file-encoding", SeverityError, "the file is not UTF-8 text: invalid bytes or NUL characters"},
	{"file-too-large", SeverityError, "the file is larger than an annotation file may be"},
	{"multiple-documents", SeverityError, "the file holds more than one YAML document"},
	{"yaml-alias", SeverityError, "the file uses YAML anchors or aliases, which annotations do not allow"},
	{"yaml-tag", SeverityError, "a value carries a YAML tag other than the plain types"},
	{"unknown-key", SeverityError, "a key that the annotation format does not have"},
	{"duplicate-key", SeverityError, "a key appears twice in one mapping"},
	{"missing-field", SeverityError, "a required field is absent"},
	{"wrong-type", SeverityError, "a field has the wrong type of value"},
	{"invalid-value", SeverityError, "a field's value is not one the format allows"},
	{"invalid-id", SeverityError, "a unit id is not lower-case kebab-case"},
	{"duplicate-id", SeverityError, "two units have the same id"},
	{"too-many-diagnostics", SeverityError, "the file has so many problems that the rest are not reported (as severe as the worst of them)"},
	// The spans.
	{"unknown-document", SeverityError, "a span or reports names a document the corpus does not have"},
	{"document-without-text", SeverityError, "a span is anchored in a document whose text is not in the corpus"},
	{"paragraph-out-of-range", SeverityError, "a span names a paragraph its document does not have"},
	{"missing-quote", SeverityWarning, "a span has no quote in one of the corpus languages"},
	{"quote-not-found", SeverityError, "a quote does not occur in the paragraph its span names"},
	{"quote-ambiguous", SeverityError, "a quote occurs more than once in its paragraph and nothing says which"},
	{"offset-mismatch", SeverityError, "a quote's start or end disagrees with where the quote is"},
	{"languages-split", SeverityError, "the English and Chinese quotes of one span are in different paragraphs"},
	{"quote-whitespace", SeverityWarning, "a quote begins or ends with whitespace"},
	{"quote-cuts-word", SeverityWarning, "a quote begins or ends in the middle of a word"},
	// The relations.
	{"unknown-target", SeverityError, "a relation names a unit that does not exist"},
	{"self-relation", SeverityError, "a unit relates to itself"},
	{"same-party", SeverityError, "a rebuttal, concession or undercut is aimed at its own party"},
	{"cross-party-support", SeverityWarning, "a unit supports a unit of the other party"},
	{"chronology", SeverityError, "a unit answers or supports a unit of a later document"},
	{"missing-target", SeverityError, "a rebuttal or concession has no relation saying what it answers"},
	{"support-cycle", SeverityError, "units support each other in a circle"},
	{"kind-mismatch", SeverityError, "a relation does not fit the kinds of the units it joins"},
	{"duplicate-relation", SeverityWarning, "the same relation is stated twice"},
	{"unknown-party", SeverityError, "a unit names a party the corpus does not have"},
	{"long-summary", SeverityWarning, "a summary is longer than a diagram label should be"},
	// Coverage.
	{"uncovered-paragraph", SeverityWarning, "a body paragraph of an annotated document has no unit"},
	{"unannotated-document", SeverityInfo, "a document with text has no unit at all"},
	{"unrelated-unit", SeverityWarning, "a unit takes part in no relation"},
}

// RuleByID returns the rule with the given id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
