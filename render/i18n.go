package render

import (
	"fmt"
	"slices"

	"github.com/argmap/argmap/argmap"
)

// Message is a string a user sees in a diagram, a page or a report,
// named by its key; Say gives it in a language. Keys are constants, so that
// a misspelt key does not compile.
type Message string

// The messages of diagrams. Pages and reports add theirs to the same
// tables.
const (
	MsgKey              Message = "key"
	MsgClaim            Message = "claim"
	MsgRebuttal         Message = "rebuttal"
	MsgConcession       Message = "concession"
	MsgRebuts           Message = "rebuts"
	MsgUndercuts        Message = "undercuts"
	MsgConcedes         Message = "concedes"
	MsgSupports         Message = "supports"
	MsgBodyParagraph    Message = "body-paragraph"    // %d: its number
	MsgHeading          Message = "heading"           // a paragraph role
	MsgSalutation       Message = "salutation"        // a paragraph role
	MsgSignature        Message = "signature"         // a paragraph role
	MsgPostscript       Message = "postscript"        // a paragraph role
	MsgLocation         Message = "location"          // %s speaker, %s paragraph: "Clark ¶5"
	MsgLocationReported Message = "location-reported" // %s location: a unit that reports another letter
	MsgSpeakerDate      Message = "speaker-date"      // %s speaker, %s date: a letter's column
	MsgReportedLetter   Message = "reported-letter"   // %s title: a letter known only through a report
	MsgReportedSaying   Message = "reported-saying"   // %s speaker, %s date, %s proposition: what a report says was written
	MsgDate             Message = "date"              // %d day, %s month name, %d month number, %d year
	MsgListSeparator    Message = "list-separator"
	MsgUnitCount        Message = "unit-count"     // %d units
	MsgRelationCount    Message = "relation-count" // %d relations
	MsgDisputesOf       Message = "disputes-of"    // %s map title: the heading of a list of its disputes
)

// Table holds a set of user-visible strings, one map per language. English
// is complete; every other language falls back to English for a key it
// lacks, and a test keeps the Chinese map as complete as the English one.
// A third language is one more map. Diagrams and reports use the messages
// table here; a page with many strings of its own (the reader) keeps its
// own Table, built the same way.
type Table map[argmap.Lang]map[Message]string

// Say returns message m in lang, formatted with args as fmt.Sprintf does;
// a language without a map, or a map without the key, gives English.
func (t Table) Say(lang argmap.Lang, m Message, args ...any) string {
	format, ok := t[lang][m]
	if !ok {
		format = t[argmap.English][m]
	}
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// Has reports whether lang has a map of its own in the table.
func (t Table) Has(lang argmap.Lang) bool { return t[lang] != nil }

// Keys returns every key of the English map, sorted, for tests that check
// the other languages against it.
func (t Table) Keys() []Message {
	out := make([]Message, 0, len(t[argmap.English]))
	for k := range t[argmap.English] {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// messages is the table of diagrams and reports.
var messages = Table{
	argmap.English: {
		MsgKey: "Key", MsgClaim: "claim", MsgRebuttal: "rebuttal", MsgConcession: "concession",
		MsgRebuts: "rebuts", MsgUndercuts: "undercuts", MsgConcedes: "concedes", MsgSupports: "supports",
		MsgBodyParagraph: "¶%d", MsgHeading: "heading", MsgSalutation: "salutation", MsgSignature: "signature",
		MsgPostscript: "postscript",
		MsgLocation:   "%s %s", MsgLocationReported: "%s, reported", MsgSpeakerDate: "%s, %s",
		MsgReportedLetter: "%s (reported)", MsgReportedSaying: "%s wrote (%s): %s", MsgDate: "%[1]d %[2]s %[4]d", MsgListSeparator: ", ",
		MsgUnitCount: "units:%d", MsgRelationCount: "relations:%d", MsgDisputesOf: "%s: the disputes",
	},
	argmap.Chinese: {
		MsgKey: "图例", MsgClaim: "主张", MsgRebuttal: "反驳", MsgConcession: "让步",
		MsgRebuts: "反驳", MsgUndercuts: "削弱", MsgConcedes: "承认", MsgSupports: "支持",
		MsgBodyParagraph: "第%d段", MsgHeading: "标题", MsgSalutation: "称呼", MsgSignature: "署名",
		MsgPostscript: "附言",
		MsgLocation:   "%s%s", MsgLocationReported: "%s（转述）", MsgSpeakerDate: "%s，%s",
		MsgReportedLetter: "%s（据转述）", MsgReportedSaying: "%s（%s）称：%s", MsgDate: "%[4]d年%[3]d月%[1]d日", MsgListSeparator: "、",
		MsgUnitCount: "单元:%d", MsgRelationCount: "关系:%d", MsgDisputesOf: "%s：争议",
	},
}

// Say returns message m of the diagrams' and reports' table in lang,
// formatted with args as fmt.Sprintf does; a language without a table, or a
// table without the key, gives English.
func Say(lang argmap.Lang, m Message, args ...any) string { return messages.Say(lang, m, args...) }

// HasMessages reports whether lang has a table of its own; for any other
// language Say gives English, and pages say so once.
func HasMessages(lang argmap.Lang) bool { return messages.Has(lang) }

// Messages returns every key of the English table, sorted, for tests that
// check the other tables against it.
func Messages() []Message { return messages.Keys() }

// KindName names a kind of unit in lang.
func KindName(lang argmap.Lang, k argmap.Kind) string { return Say(lang, Message(k)) }

// RelationName names a relation type in lang.
func RelationName(lang argmap.Lang, t argmap.RelationType) string { return Say(lang, Message(t)) }

// ParagraphName names a paragraph as readers cite it in lang: "¶3",
// "第3段", "salutation", "称呼".
func ParagraphName(lang argmap.Lang, p *argmap.Paragraph) string {
	if p.Role == argmap.Body {
		return Say(lang, MsgBodyParagraph, p.Number)
	}
	return Say(lang, Message(p.Role))
}

var monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// DateIn writes a date as a reader of lang expects it: "29 June 1953",
// "1953年6月29日".
func DateIn(lang argmap.Lang, d argmap.Date) string {
	if d.Month < 1 || d.Month > 12 {
		return d.String()
	}
	return Say(lang, MsgDate, d.Day, monthNames[d.Month-1], d.Month, d.Year)
}
