package argmap

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Role says what part of a document a paragraph is. Only body paragraphs are
// numbered; the others are addressed by their role.
type Role string

// The paragraph roles.
const (
	Heading    Role = "heading"
	Salutation Role = "salutation"
	Body       Role = "body"
	Signature  Role = "signature"
	Postscript Role = "postscript"
)

// unnumberedRoles are the roles a manifest may list in front or back.
var unnumberedRoles = []Role{Heading, Salutation, Signature, Postscript}

// Names holds a name or a title in the languages a manifest gives it in.
type Names map[Lang]string

// in returns the name in lang, else fallback.
func (n Names) in(lang Lang, fallback string) string {
	if s := n[lang]; s != "" {
		return s
	}
	return fallback
}

// Party is a side of the exchange, such as the United Nations Command.
type Party struct {
	ID    string
	Name  string // in the first language of the corpus that gives one
	Names Names  // per language, as the manifest gives them
}

// NameIn returns the party's name in a language, or its name in the
// corpus's first language when the manifest gives none in that one.
func (p *Party) NameIn(lang Lang) string { return p.Names.in(lang, p.Name) }

// Person is one individual behind a speaker, as interchange formats name them.
type Person struct {
	Firstname string
	Surname   string
}

// Speaker is the voice of a document: one person, several who co-sign as
// one voice (Kim Il-sung and Peng Dehuai), or an institution.
type Speaker struct {
	ID     string
	Name   string // in the first language of the corpus that gives one
	Names  Names
	Short  string // for diagram labels ("Clark"), in the corpus's first language
	Shorts Names  // the short name in every language of the corpus
	Party  *Party
	// Persons are the individuals behind the voice; none for an
	// institution, which interchange formats name by its whole name.
	Persons []Person
}

// NameIn returns the speaker's full name in a language, or its name in the
// corpus's first language when the manifest gives none in that one.
func (s *Speaker) NameIn(lang Lang) string { return s.Names.in(lang, s.Name) }

// ShortIn returns the speaker's short name for labels in a language
// ("Clark", "克拉克"): the short name the manifest gives in that language,
// or once for all, else the full name in that language.
func (s *Speaker) ShortIn(lang Lang) string { return s.Shorts.in(lang, s.Short) }

// Source is a file the documents' texts were cut from, kept verbatim.
type Source struct {
	ID          string
	File        string
	SHA256      string
	Description string
	Text        string // the whole file, BOM dropped and CRLF made LF
}

// Paragraph is one paragraph of a document, in every language of the corpus.
type Paragraph struct {
	Doc    *Document
	Index  int  // position among all the document's paragraphs, from 0
	Role   Role // heading, salutation, body, signature or postscript
	Number int  // 1..n for body paragraphs, 0 for the others
	Text   map[Lang]string
}

// Label names the paragraph as a reader cites it: "¶3" or "salutation".
func (p *Paragraph) Label() string {
	if p.Role == Body {
		return "¶" + strconv.Itoa(p.Number)
	}
	return string(p.Role)
}

// Ref returns the paragraph's reference, as `argmap show` takes it.
func (p *Paragraph) Ref() string {
	if p.Role == Body {
		return p.Doc.ID + ":" + strconv.Itoa(p.Number)
	}
	return p.Doc.ID + ":" + string(p.Role)
}

// Document is a letter or communiqué of the corpus. Documents that are cited
// but whose text the corpus lacks have no paragraphs; annotations can still
// point at them.
type Document struct {
	ID         string
	Kind       string // letter, communiqué
	Title      string // in the first language of the corpus that gives one; may be ""
	Titles     Names
	Speaker    *Speaker
	Party      *Party
	Date       Date
	Addressee  string
	RepliesTo  *Document
	Note       string
	Sources    map[Lang]*Source // the source each language's text was cut from, if declared
	TextFiles  map[Lang]string  // file of each language, relative to the corpus folder
	Paragraphs []*Paragraph     // every paragraph, in reading order
	Line       int              // line of the document's entry in the manifest
}

// TitleIn returns the document's title in a language, or its title in the
// corpus's first language when the manifest gives none in that one; "" for
// an untitled document.
func (d *Document) TitleIn(lang Lang) string { return d.Titles.in(lang, d.Title) }

// HasText reports whether the corpus holds the document's text.
func (d *Document) HasText() bool { return len(d.Paragraphs) > 0 }

// Body returns the numbered paragraphs, in order.
func (d *Document) Body() []*Paragraph {
	var body []*Paragraph
	for _, p := range d.Paragraphs {
		if p.Role == Body {
			body = append(body, p)
		}
	}
	return body
}

// BodyCount returns the number of numbered paragraphs.
func (d *Document) BodyCount() int { return len(d.Body()) }

// BodyParagraph returns body paragraph n (from 1), or nil.
func (d *Document) BodyParagraph(n int) *Paragraph {
	for _, p := range d.Paragraphs {
		if p.Role == Body && p.Number == n {
			return p
		}
	}
	return nil
}

// RoleParagraph returns the document's paragraph with an unnumbered role
// (heading, salutation, signature), or nil.
func (d *Document) RoleParagraph(role Role) *Paragraph {
	for _, p := range d.Paragraphs {
		if p.Role == role {
			return p
		}
	}
	return nil
}

// Addresses lists how the document's paragraphs can be addressed, for
// messages: "1-7, heading, salutation, signature".
func (d *Document) Addresses() string {
	if !d.HasText() {
		return "none: its text is not in the corpus"
	}
	var parts []string
	switch n := d.BodyCount(); {
	case n == 1:
		parts = append(parts, "1")
	case n > 1:
		parts = append(parts, fmt.Sprintf("1-%d", n))
	}
	for _, p := range d.Paragraphs {
		if p.Role != Body {
			parts = append(parts, string(p.Role))
		}
	}
	return strings.Join(parts, ", ")
}

// Corpus is a set of documents with their parties and speakers.
type Corpus struct {
	Title     string // in the first language of the corpus that gives one
	Titles    Names
	Origin    string // the folder it was loaded from, or "embedded"
	Languages []Lang
	Sources   []*Source
	Parties   []*Party
	Speakers  []*Speaker
	Documents []*Document // in manifest order

	byID map[string]*Document
}

// TitleIn returns the corpus's title in a language, or its title in the
// corpus's first language.
func (c *Corpus) TitleIn(lang Lang) string { return c.Titles.in(lang, c.Title) }

// HasLanguage reports whether the corpus declares lang.
func (c *Corpus) HasLanguage(lang Lang) bool { return containsLang(c.Languages, lang) }

// Document returns the document with the given id, or nil.
func (c *Corpus) Document(id string) *Document { return c.byID[id] }

// DocumentIDs returns the ids of all documents, in manifest order.
func (c *Corpus) DocumentIDs() []string {
	ids := make([]string, len(c.Documents))
	for i, d := range c.Documents {
		ids[i] = d.ID
	}
	return ids
}

// Party returns the party with the given id, or nil.
func (c *Corpus) Party(id string) *Party {
	for _, p := range c.Parties {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Chronological returns the documents sorted by date, ties broken by
// manifest order.
func (c *Corpus) Chronological() []*Document {
	docs := append([]*Document(nil), c.Documents...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Date.Before(docs[j].Date) })
	return docs
}

// Date is a calendar date without a time zone, as letters are dated.
type Date struct {
	Year, Month, Day int
}

// ParseDate reads a date written YYYY-MM-DD that exists in the Gregorian
// calendar: 1953-02-29 and 1953-06-31 are refused, 1952-02-29 is not. On
// error it returns the zero Date, which is before every real date.
func ParseDate(s string) (Date, error) {
	d, err := parseDate(s)
	if err != nil {
		return Date{}, err
	}
	return d, nil
}

func parseDate(s string) (Date, error) {
	var d Date
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]+s[5:7]+s[8:]) {
		return d, fmt.Errorf("date %q is not written YYYY-MM-DD", clip(s, 40))
	}
	d.Year, _ = strconv.Atoi(s[:4])
	d.Month, _ = strconv.Atoi(s[5:7])
	d.Day, _ = strconv.Atoi(s[8:])
	switch {
	case d.Year < 1:
		return d, fmt.Errorf("date %q has no year 0000: years start at 0001", s)
	case d.Month < 1 || d.Month > 12:
		return d, fmt.Errorf("date %q has no month %s", s, s[5:7])
	case d.Day < 1 || d.Day > daysIn(d.Year, d.Month):
		return d, fmt.Errorf("date %q does not exist: %s %d has %d days", s, monthNames[d.Month-1], d.Year, daysIn(d.Year, d.Month))
	}
	return d, nil
}

// daysIn returns the number of days of a month in the Gregorian calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String writes the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1 as d is before, equal to, or after e.
func (d Date) Compare(e Date) int {
	for _, c := range [][2]int{{d.Year, e.Year}, {d.Month, e.Month}, {d.Day, e.Day}} {
		if c[0] != c[1] {
			if c[0] < c[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// English writes the date as "29 June 1953".
func (d Date) English() string {
	return fmt.Sprintf("%d %s %d", d.Day, monthNames[d.Month-1], d.Year)
}

// Chinese writes the date as "1953年6月29日".
func (d Date) Chinese() string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}
