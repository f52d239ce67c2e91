package argmap

import "fmt"

// RuleID identifies a check of the validator. In Go it is a number, so that
// a misspelt rule is a compile error; everywhere else (diagnostics, SARIF,
// the docs, JSON) it is the rule's stable kebab-case name, which String and
// MarshalText give.
type RuleID int

// The rules, grouped as the docs group them: the file, the spans, the
// relations, coverage, the disputes, and the corpus (its manifest and
// texts, which LoadCorpus checks).
const (
	// The file.
	RuleYAMLSyntax         RuleID = iota + 1 // yaml-syntax
	RuleFileEncoding                         // file-encoding
	RuleFileTooLarge                         // file-too-large
	RuleMultipleDocuments                    // multiple-documents
	RuleYAMLAlias                            // yaml-alias
	RuleYAMLTag                              // yaml-tag
	RuleUnknownKey                           // unknown-key
	RuleDuplicateKey                         // duplicate-key
	RuleMissingField                         // missing-field
	RuleWrongType                            // wrong-type
	RuleInvalidValue                         // invalid-value
	RuleInvalidID                            // invalid-id
	RuleIDTooLong                            // id-too-long
	RuleDuplicateID                          // duplicate-id
	RuleTooManyDiagnostics                   // too-many-diagnostics
	// The spans.
	RuleUnknownDocument     // unknown-document
	RuleDocumentWithoutText // document-without-text
	RuleParagraphOutOfRange // paragraph-out-of-range
	RuleMissingQuote        // missing-quote
	RuleQuoteNotFound       // quote-not-found
	RuleQuoteAmbiguous      // quote-ambiguous
	RuleOffsetMismatch      // offset-mismatch
	RuleLanguagesSplit      // languages-split
	RuleQuoteWhitespace     // quote-whitespace
	RuleQuoteCutsWord       // quote-cuts-word
	// The relations.
	RuleUnknownTarget     // unknown-target
	RuleSelfRelation      // self-relation
	RuleSameParty         // same-party
	RuleCrossPartySupport // cross-party-support
	RuleChronology        // chronology
	RuleMissingTarget     // missing-target
	RuleSupportCycle      // support-cycle
	RuleKindMismatch      // kind-mismatch
	RuleDuplicateRelation // duplicate-relation
	RuleUnknownParty      // unknown-party
	RuleLongSummary       // long-summary
	// Coverage.
	RuleUncoveredParagraph  // uncovered-paragraph
	RuleUnannotatedDocument // unannotated-document
	RuleUnrelatedUnit       // unrelated-unit
	// The disputes.
	RuleUnknownDisputeUnit  // unknown-dispute-unit
	RuleRepeatedDisputeUnit // repeated-dispute-unit
	RuleEmptyDispute        // empty-dispute
	RuleDuplicateDispute    // duplicate-dispute
	RuleUndisputedRelation  // undisputed-relation
	// The corpus.
	RuleCorpusFile       // corpus-file
	RuleLanguageTag      // language-tag
	RuleUnknownLanguage  // unknown-language
	RuleMissingText      // missing-text
	RuleUnknownReference // unknown-reference
	RuleInvalidDate      // invalid-date
	RuleReplyChronology  // reply-chronology
	RuleReplyCycle       // reply-cycle
	RuleParagraphRole    // paragraph-role
	RuleParagraphCount   // paragraph-count
	RuleSourceChecksum   // source-checksum
	RuleTextNotVerbatim  // text-not-verbatim
	RuleCorpusManifest   // corpus-manifest
)

// Rule is a check of the validator: its id, its stable name, the severity
// its diagnostics have, and a one-line description.
type Rule struct {
	ID          RuleID
	Name        string
	Severity    Severity
	Description string
}

// rules lists every rule in RuleID order; AllRules hands out a copy.
var rules = []Rule{
	// The file.
	{RuleYAMLSyntax, "yaml-syntax", SeverityError, "the file is not valid YAML"},
	{RuleFileEncoding, "file-encoding", SeverityError, "the file is not UTF-8 text: invalid bytes or NUL characters"},
	{RuleFileTooLarge, "file-too-large", SeverityError, "the file is larger than an annotation file may be"},
	{RuleMultipleDocuments, "multiple-documents", SeverityError, "the file holds more than one YAML document"},
	{RuleYAMLAlias, "yaml-alias", SeverityError, "the file uses YAML anchors or aliases, which annotations do not allow"},
	{RuleYAMLTag, "yaml-tag", SeverityError, "a value carries a YAML tag other than the plain types"},
	{RuleUnknownKey, "unknown-key", SeverityError, "a key that the annotation format, or the corpus manifest, does not have"},
	{RuleDuplicateKey, "duplicate-key", SeverityError, "a key appears twice in one mapping"},
	{RuleMissingField, "missing-field", SeverityError, "a required field is absent"},
	{RuleWrongType, "wrong-type", SeverityError, "a field has the wrong type of value"},
	{RuleInvalidValue, "invalid-value", SeverityError, "a field's value is not one the format allows"},
	{RuleInvalidID, "invalid-id", SeverityError, "an id (of a unit, or of an entry of a corpus manifest) is not lower-case kebab-case"},
	{RuleIDTooLong, "id-too-long", SeverityError, "a unit id is longer than 64 characters"},
	{RuleDuplicateID, "duplicate-id", SeverityError, "two units, or two entries of one list of a corpus manifest, have the same id"},
	{RuleTooManyDiagnostics, "too-many-diagnostics", SeverityError, "the file has so many problems that the rest are not reported (as severe as the worst of them)"},
	// The spans.
	{RuleUnknownDocument, "unknown-document", SeverityError, "a span or reports names a document the corpus does not have"},
	{RuleDocumentWithoutText, "document-without-text", SeverityError, "a span is anchored in a document whose text is not in the corpus"},
	{RuleParagraphOutOfRange, "paragraph-out-of-range", SeverityError, "a span names a paragraph its document does not have"},
	{RuleMissingQuote, "missing-quote", SeverityWarning, "a span has no quote in one of the corpus languages"},
	{RuleQuoteNotFound, "quote-not-found", SeverityError, "a quote does not occur in the paragraph its span names"},
	{RuleQuoteAmbiguous, "quote-ambiguous", SeverityError, "a quote occurs more than once in its paragraph and nothing says which"},
	{RuleOffsetMismatch, "offset-mismatch", SeverityError, "a quote's start or end disagrees with where the quote is"},
	{RuleLanguagesSplit, "languages-split", SeverityError, "the English and Chinese quotes of one span are in different paragraphs"},
	{RuleQuoteWhitespace, "quote-whitespace", SeverityWarning, "a quote begins or ends with whitespace"},
	{RuleQuoteCutsWord, "quote-cuts-word", SeverityWarning, "a quote begins or ends in the middle of a word"},
	// The relations.
	{RuleUnknownTarget, "unknown-target", SeverityError, "a relation names a unit that does not exist"},
	{RuleSelfRelation, "self-relation", SeverityError, "a unit relates to itself"},
	{RuleSameParty, "same-party", SeverityError, "a rebuttal, concession or undercut is aimed at its own party"},
	{RuleCrossPartySupport, "cross-party-support", SeverityWarning, "a unit supports a unit of the other party"},
	{RuleChronology, "chronology", SeverityError, "a unit answers or supports a unit of a later document"},
	{RuleMissingTarget, "missing-target", SeverityError, "a rebuttal or concession has no relation saying what it answers"},
	{RuleSupportCycle, "support-cycle", SeverityError, "units support each other in a circle"},
	{RuleKindMismatch, "kind-mismatch", SeverityError, "a relation does not fit the kinds of the units it joins"},
	{RuleDuplicateRelation, "duplicate-relation", SeverityWarning, "the same relation is stated twice"},
	{RuleUnknownParty, "unknown-party", SeverityError, "a unit names a party the corpus does not have"},
	{RuleLongSummary, "long-summary", SeverityWarning, "a summary is longer than a diagram label should be"},
	// Coverage.
	{RuleUncoveredParagraph, "uncovered-paragraph", SeverityWarning, "a body paragraph of an annotated document has no unit"},
	{RuleUnannotatedDocument, "unannotated-document", SeverityInfo, "a document with text has no unit at all"},
	{RuleUnrelatedUnit, "unrelated-unit", SeverityWarning, "a unit takes part in no relation"},
	// The disputes.
	{RuleUnknownDisputeUnit, "unknown-dispute-unit", SeverityError, "a declared dispute names a unit that does not exist"},
	{RuleRepeatedDisputeUnit, "repeated-dispute-unit", SeverityWarning, "a declared dispute names the same unit twice"},
	{RuleEmptyDispute, "empty-dispute", SeverityError, "a declared dispute names no units"},
	{RuleDuplicateDispute, "duplicate-dispute", SeverityError, "two declared disputes have the same id"},
	{RuleUndisputedRelation, "undisputed-relation", SeverityWarning, "an answer across the parties belongs to no declared dispute"},
	// The corpus.
	{RuleCorpusFile, "corpus-file", SeverityError, "a file the corpus manifest names is missing, outside the corpus folder, not a regular file, or too large"},
	{RuleLanguageTag, "language-tag", SeverityError, "a language of the corpus is not a language tag, or is listed twice"},
	{RuleUnknownLanguage, "unknown-language", SeverityError, "a text, name or layout is given in a language the corpus does not declare"},
	{RuleMissingText, "missing-text", SeverityError, "a document with text lacks a text in one of the corpus languages"},
	{RuleUnknownReference, "unknown-reference", SeverityError, "a speaker's party, or a document's speaker, source or replies-to, is not declared"},
	{RuleInvalidDate, "invalid-date", SeverityError, "a document's date is not written YYYY-MM-DD or does not exist"},
	{RuleReplyChronology, "reply-chronology", SeverityError, "a document replies to one dated later"},
	{RuleReplyCycle, "reply-cycle", SeverityError, "a document replies to itself, or replies go round in a circle"},
	{RuleParagraphRole, "paragraph-role", SeverityError, "front or back names a role that is not one, names a role twice, or has no text to apply to"},
	{RuleParagraphCount, "paragraph-count", SeverityError, "a text has fewer paragraphs than front and back declare, or the languages of a document differ in paragraph count"},
	{RuleSourceChecksum, "source-checksum", SeverityError, "a source file's SHA-256 differs from the manifest's"},
	{RuleTextNotVerbatim, "text-not-verbatim", SeverityError, "a line of a text does not occur, in order, in the source it was cut from"},
	{RuleCorpusManifest, "corpus-manifest", SeverityError, "a file given as annotations is a corpus manifest"},
}

// AllRules returns every rule of the validator, in the order of the docs.
func AllRules() []Rule { return append([]Rule(nil), rules...) }

// Rule returns the rule with this id. An id outside the table (the zero
// RuleID) gives an error-severity rule without a name.
func (id RuleID) Rule() Rule {
	if id < 1 || int(id) > len(rules) {
		return Rule{ID: id, Severity: SeverityError}
	}
	return rules[id-1]
}

// String returns the rule's kebab-case name.
func (id RuleID) String() string { return id.Rule().Name }

// MarshalText writes the rule's name, as JSON and SARIF show it.
func (id RuleID) MarshalText() ([]byte, error) {
	if id.Rule().Name == "" {
		return nil, fmt.Errorf("rule %d does not exist", int(id))
	}
	return []byte(id.String()), nil
}

// UnmarshalText reads a rule's name, so that the JSON argmap writes can be
// read back.
func (id *RuleID) UnmarshalText(text []byte) error {
	r, ok := RuleByName(string(text))
	if !ok {
		return fmt.Errorf("unknown rule %q", text)
	}
	*id = r.ID
	return nil
}

// RuleByName returns the rule with the given kebab-case name.
func RuleByName(name string) (Rule, bool) {
	for _, r := range rules {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}
