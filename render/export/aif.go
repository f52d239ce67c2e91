package export

import (
	"io"
	"strconv"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// AIFOptions says how WriteAIF writes a map.
type AIFOptions struct {
	Lang argmap.Lang // language of node texts; English when empty
}

// AIF is an argument map in the Argument Interchange Format, in the JSON
// shape of AIFdb that OVA3 loads.
type AIF struct {
	Nodes        []AIFNode        `json:"nodes"`
	Edges        []AIFEdge        `json:"edges"`
	Locutions    []AIFLocution    `json:"locutions"`
	Participants []AIFParticipant `json:"participants"`
}

// AIFNode is a node of an AIF graph: an I node (a proposition), an L node
// (a locution), or a scheme node (RA, CA, MA, YA, TA).
type AIFNode struct {
	NodeID    string `json:"nodeID"`
	Text      string `json:"text"`
	Type      string `json:"type"`
	Timestamp string `json:"timestamp"`
}

// AIFEdge is a directed edge of an AIF graph. FormEdgeID is always null:
// argmap uses no argumentation scheme forms.
type AIFEdge struct {
	EdgeID     string  `json:"edgeID"`
	FromID     string  `json:"fromID"`
	ToID       string  `json:"toID"`
	FormEdgeID *string `json:"formEdgeID"`
}

// AIFLocution says who uttered an L node and when. Source names the unit,
// so that the anchors sidecar (WriteAnchors) can be joined to the graph.
type AIFLocution struct {
	NodeID    string `json:"nodeID"`
	PersonID  string `json:"personID"`
	Timestamp string `json:"timestamp"`
	Start     string `json:"start"`
	Source    string `json:"source"`
}

// AIFParticipant is a person who speaks in the map.
type AIFParticipant struct {
	ParticipantID string `json:"participantID"`
	Firstname     string `json:"firstname"`
	Surname       string `json:"surname"`
}

// UnitURI names a unit in interchange files: AIF locutions carry it as
// their source, and the anchors sidecar identifies its annotations by it.
func UnitURI(u *argmap.Unit) string { return "urn:argmap:unit:" + u.ID }

// WriteAIF prints a validated map as AIF JSON (see BuildAIF), indented.
func WriteAIF(w io.Writer, m *argmap.Map, opts AIFOptions) error {
	return render.WriteIndentedJSON(w, BuildAIF(m, opts))
}

// BuildAIF turns a validated map into an AIF graph, following Inference
// Anchoring Theory as AIFdb stores it:
//
//   - each unit is an L node ("Speaker Name: quote") that a YA "Asserting"
//     anchors to an I node (the summary);
//   - rebuts: I(from) → CA → I(to); undercuts: I(from) → CA → the RA of
//     each support of the target; both anchored by a TA from the earlier
//     locution to the later, through a YA "Disagreeing";
//   - supports: I(from) → RA → I(to), anchored by a TA through a YA
//     "Arguing";
//   - concedes: the TA from the conceded locution to the concession's
//     anchors a YA "Agreeing" on the conceded I node;
//   - a unit that reports an earlier letter is reported speech: the
//     reporter's L node (his words, his letter's date) asserts an I node
//     "Speaker wrote (date): summary", which anchors the reported
//     speaker's L node (the summary, the reported letter's date), which
//     asserts the proposition's I node.
//
// Node and edge ids are numbers in map order, so the output is the same
// from run to run. Timestamps are the dates of the propositions.
func BuildAIF(m *argmap.Map, opts AIFOptions) *AIF {
	if opts.Lang == "" {
		opts.Lang = argmap.English
	}
	b := &aifBuilder{out: &AIF{Nodes: []AIFNode{}, Edges: []AIFEdge{}, Locutions: []AIFLocution{}, Participants: []AIFParticipant{}},
		lnode: map[*argmap.Unit]string{}, inode: map[*argmap.Unit]string{}, ra: map[*argmap.Relation]string{},
		ta: map[[2]string]string{}, person: map[argmap.Person]string{}}
	for _, u := range m.Units {
		b.unit(u, opts.Lang)
	}
	// Supports first: undercuts point at their RA nodes.
	for _, r := range m.Relations {
		if r.To != nil && r.Type == argmap.Supports {
			b.support(r)
		}
	}
	for _, r := range m.Relations {
		if r.To == nil {
			continue
		}
		switch r.Type {
		case argmap.Rebuts, argmap.Undercuts:
			b.conflict(r)
		case argmap.Concedes:
			b.concession(r)
		}
	}
	return b.out
}

type aifBuilder struct {
	out          *AIF
	nextNode     int
	nextEdge     int
	lnode, inode map[*argmap.Unit]string
	ra           map[*argmap.Relation]string
	ta           map[[2]string]string // TA node of each (earlier L, later L)
	person       map[argmap.Person]string
}

func (b *aifBuilder) node(typ, text, timestamp string) string {
	b.nextNode++
	id := strconv.Itoa(b.nextNode)
	b.out.Nodes = append(b.out.Nodes, AIFNode{NodeID: id, Text: text, Type: typ, Timestamp: timestamp})
	return id
}

func (b *aifBuilder) edge(from, to string) {
	b.nextEdge++
	b.out.Edges = append(b.out.Edges, AIFEdge{EdgeID: strconv.Itoa(b.nextEdge), FromID: from, ToID: to})
}

// participant returns the participant id of a speaker's first person,
// adding every person of the speaker on first sight. A speaker without
// persons (an institution, such as a delegation) is one participant under
// its whole name, never split into a first name and a surname.
func (b *aifBuilder) participant(s *argmap.Speaker, lang argmap.Lang) string {
	if s == nil {
		return ""
	}
	persons := s.Persons
	if len(persons) == 0 {
		persons = []argmap.Person{{Firstname: s.NameIn(lang)}}
	}
	for _, p := range persons {
		if b.person[p] == "" {
			id := strconv.Itoa(len(b.person) + 1)
			b.person[p] = id
			b.out.Participants = append(b.out.Participants, AIFParticipant{ParticipantID: id, Firstname: p.Firstname, Surname: p.Surname})
		}
	}
	return b.person[persons[0]]
}

func aifTimestamp(d argmap.Date) string { return d.String() + " 00:00:00" }

// locution adds an L node, "Speaker Name: text", with its locution entry.
func (b *aifBuilder) locution(s *argmap.Speaker, date argmap.Date, text, source string, lang argmap.Lang) string {
	ts := aifTimestamp(date)
	speaker := ""
	if s != nil {
		speaker = s.NameIn(lang)
	}
	l := b.node("L", speaker+": "+text, ts)
	b.out.Locutions = append(b.out.Locutions, AIFLocution{NodeID: l, PersonID: b.participant(s, lang),
		Timestamp: ts, Start: ts, Source: source})
	return l
}

// assert links a locution to what it asserts: L → YA "Asserting" → I.
func (b *aifBuilder) assert(from, to string, date argmap.Date) {
	ya := b.node("YA", "Asserting", aifTimestamp(date))
	b.edge(from, ya)
	b.edge(ya, to)
}

func (b *aifBuilder) unit(u *argmap.Unit, lang argmap.Lang) {
	said := unitText(u, lang)
	if q := u.Span.Quotes[lang]; q != nil {
		said = q.Text
	}
	if u.Reports != nil && u.Span.Doc != nil {
		b.reported(u, said, lang)
		return
	}
	l := b.locution(u.Speaker, u.Date, said, UnitURI(u), lang)
	i := b.node("I", unitText(u, lang), aifTimestamp(u.Date))
	b.assert(l, i, u.Date)
	b.lnode[u], b.inode[u] = l, i
}

// reported models a unit that stands for a proposition of an earlier
// letter, known through the letter that reports it, as Inference Anchoring
// Theory models reported speech: the reporter's own words are his
// locution, dated and signed as his letter is, and assert that the earlier
// letter said something; that report anchors a locution of the reported
// speaker, dated as the reported letter, which asserts the proposition.
// Relations aimed at the unit answer that proposition and that locution;
// the reporter's words are never put in the reported speaker's mouth.
func (b *aifBuilder) reported(u *argmap.Unit, said string, lang argmap.Lang) {
	doc := u.Span.Doc
	reporter := b.locution(doc.Speaker, doc.Date, said, UnitURI(u), lang)
	content := unitText(u, lang)
	speaker := ""
	if u.Speaker != nil {
		speaker = u.Speaker.NameIn(lang)
	}
	report := b.node("I", render.Say(lang, render.MsgReportedSaying, speaker, render.DateIn(lang, u.Date), content), aifTimestamp(doc.Date))
	b.assert(reporter, report, doc.Date)
	original := b.locution(u.Speaker, u.Date, content, ReportedURI(u), lang)
	b.assert(report, original, doc.Date)
	i := b.node("I", content, aifTimestamp(u.Date))
	b.assert(original, i, u.Date)
	b.lnode[u], b.inode[u] = original, i
}

// ReportedURI names the reported locution of a unit that reports an
// earlier letter: what the reported speaker said, as the AIF export
// models it, apart from the reporter's words (UnitURI).
func ReportedURI(u *argmap.Unit) string { return UnitURI(u) + ":reported" }

// unitText is a unit's summary in lang, else in English, else its id.
func unitText(u *argmap.Unit, lang argmap.Lang) string {
	for _, s := range []string{u.Summary[lang], u.Summary[argmap.English]} {
		if s != "" {
			return s
		}
	}
	return u.ID
}

// transition returns the TA node from the earlier of two units' locutions
// to the later, creating it on first use.
func (b *aifBuilder) transition(x, y *argmap.Unit) string {
	if LocutionBefore(y, x) {
		x, y = y, x
	}
	key := [2]string{b.lnode[x], b.lnode[y]}
	if id := b.ta[key]; id != "" {
		return id
	}
	id := b.node("TA", "Default Transition", aifTimestamp(y.Date))
	b.edge(key[0], id)
	b.edge(id, key[1])
	b.ta[key] = id
	return id
}

// anchor links a scheme node to the dialogue: TA → YA(illocution) → target.
func (b *aifBuilder) anchor(r *argmap.Relation, illocution, target string) {
	ta := b.transition(r.From, r.To)
	ya := b.node("YA", illocution, aifTimestamp(r.From.Date))
	b.edge(ta, ya)
	b.edge(ya, target)
}

func (b *aifBuilder) support(r *argmap.Relation) {
	ra := b.node("RA", "Default Inference", aifTimestamp(r.From.Date))
	b.edge(b.inode[r.From], ra)
	b.edge(ra, b.inode[r.To])
	b.ra[r] = ra
	b.anchor(r, "Arguing", ra)
}

func (b *aifBuilder) conflict(r *argmap.Relation) {
	targets := []string{b.inode[r.To]}
	if r.Type == argmap.Undercuts {
		var ras []string
		for _, s := range r.To.Relations {
			if id := b.ra[s]; id != "" {
				ras = append(ras, id)
			}
		}
		if len(ras) > 0 {
			targets = ras
		}
	}
	for _, t := range targets {
		ca := b.node("CA", "Default Conflict", aifTimestamp(r.From.Date))
		b.edge(b.inode[r.From], ca)
		b.edge(ca, t)
		b.anchor(r, "Disagreeing", ca)
	}
}

func (b *aifBuilder) concession(r *argmap.Relation) {
	b.anchor(r, "Agreeing", b.inode[r.To])
}

// LocutionBefore reports whether unit a was said before unit b: by date,
// then by where it stands in the letters (document, paragraph, quote), so
// that transitions within one letter follow the reading order.
func LocutionBefore(a, b *argmap.Unit) bool {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c < 0
	}
	if da, db := docID(a), docID(b); da != db {
		return da < db
	}
	if pa, pb := paragraphIndex(a), paragraphIndex(b); pa != pb {
		return pa < pb
	}
	return a.QuoteStart() < b.QuoteStart()
}

func docID(u *argmap.Unit) string {
	if u.Span.Doc == nil {
		return ""
	}
	return u.Span.Doc.ID
}

func paragraphIndex(u *argmap.Unit) int {
	if u.Span.Paragraph == nil {
		return -1
	}
	return u.Span.Paragraph.Index
}
