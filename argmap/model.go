package argmap

// Kind is the kind of a unit of argument.
type Kind string

// The unit kinds.
const (
	Claim      Kind = "claim"
	Rebuttal   Kind = "rebuttal"
	Concession Kind = "concession"
)

// Kinds lists the unit kinds in the order diagrams and docs present them.
var Kinds = []Kind{Claim, Rebuttal, Concession}

// RelationType is the type of a relation from one unit to another.
type RelationType string

// The relation types, with the meanings of the brief:
//   - rebuts: offered as incompatible with the target proposition;
//   - undercuts: denies that the target's support carries force, leaving
//     both propositions standing;
//   - concedes: grants the other side's proposition without giving up one's
//     own standpoint;
//   - supports: offered as a reason to accept the target.
const (
	Rebuts    RelationType = "rebuts"
	Undercuts RelationType = "undercuts"
	Concedes  RelationType = "concedes"
	Supports  RelationType = "supports"
)

// RelationTypes lists the relation types in the order files declare them.
var RelationTypes = []RelationType{Rebuts, Undercuts, Concedes, Supports}

// Answers reports whether the relation answers the other side (rebuts,
// undercuts, concedes) rather than reasoning within one side (supports).
func (t RelationType) Answers() bool { return t != Supports }

// Map is a validated argument map: the units of one or more annotation files
// over a corpus, and the relations between them.
type Map struct {
	Corpus    *Corpus
	Title     string // English; TitleIn gives the others
	Files     []*File
	Units     []*Unit     // in file order, then in the order of each file
	Relations []*Relation // in the order of their source units

	byID     map[string]*Unit
	titles   map[Lang]string
	declared []*Dispute // as the files declare them
	derived  []*Dispute // from the relations, when none is declared
	// disputeByID finds a dispute by its id; the first of two with one id.
	disputeByID map[string]*Dispute
}

// TitleIn returns the map's title in a language: the file's title in that
// language, else its English title, else the corpus's title in that
// language.
func (m *Map) TitleIn(lang Lang) string {
	if t := m.titles[lang]; t != "" {
		return t
	}
	if m.Title != "" {
		return m.Title
	}
	return m.Corpus.TitleIn(lang)
}

// Unit returns the unit with the given id, or nil.
func (m *Map) Unit(id string) *Unit { return m.byID[id] }

// File is one annotation file as read.
type File struct {
	Path  string // as given on the command line, or as embedded
	Title string
	Data  []byte
}

// Unit is a claim, rebuttal or concession anchored to a passage of a letter.
type Unit struct {
	ID      string
	Kind    Kind
	Summary map[Lang]string
	Span    Span
	Note    string
	// Reports is set when the unit stands for a claim made in another
	// document (one outside the corpus, such as the 19 June letter), anchored
	// to the passage that reports it.
	Reports *Document
	// Party and Speaker are whose proposition the unit is: the reported
	// document's, else the span's document's, unless the file says party.
	Party   *Party
	Speaker *Speaker
	// Date is when the proposition was made: the reported document's date,
	// else the span document's. Chronology rules compare these.
	Date Date

	Index     int         // position in Map.Units: file order, then order in the file
	Relations []*Relation // outgoing, in file order
	Incoming  []*Relation // relations aimed at this unit, in map order
	File      *File
	Range     Range // the unit's entry in its file
	IDRange   Range // the id's value
}

// Origin returns the document whose proposition the unit is: Reports if set,
// else the span's document.
func (u *Unit) Origin() *Document {
	if u.Reports != nil {
		return u.Reports
	}
	return u.Span.Doc
}

// QuoteStart is where the unit's passage begins in its paragraph, in code
// points: the English quote's start, else the first found quote's in the
// order of language tags. Diagrams and exports order a paragraph's units by
// it. It is 0 when no quote was found.
func (u *Unit) QuoteStart() int {
	if q := u.Span.Quotes[English]; q != nil && q.Found {
		return q.Start
	}
	start, lang := 0, Lang("")
	for l, q := range u.Span.Quotes {
		if q.Found && (lang == "" || l < lang) {
			start, lang = q.Start, l
		}
	}
	return start
}

// Span anchors a unit to a paragraph of a document, with a quote per
// language.
type Span struct {
	Doc       *Document
	Paragraph *Paragraph
	Quotes    map[Lang]*Quote
	Range     Range
}

// Quote is the exact text of a span in one language, and where it was found.
type Quote struct {
	Lang       Lang
	Text       string
	Occurrence int    // 1-based, 0 when not given
	Prefix     string // text just before the quote, to tell occurrences apart
	Suffix     string // text just after
	GivenStart *int   // code-point offsets as the file states them, if it does
	GivenEnd   *int
	// Start and End locate the quote in its paragraph, in code points, end
	// exclusive; valid when Found.
	Start, End int
	Found      bool
	Range      Range // the quote's value in the file
}

// Relation is a typed link from one unit to another.
type Relation struct {
	Type  RelationType
	From  *Unit
	To    *Unit // nil when the target does not exist
	ToID  string
	Range Range // the target id in the file
}
