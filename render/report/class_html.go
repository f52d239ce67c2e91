package report

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

//go:embed html/class.html.tmpl html/class.css
var classFiles embed.FS

var (
	classTemplate = template.Must(template.New("class.html.tmpl").ParseFS(classFiles, "html/class.html.tmpl"))
	classCSS      = mustRead("html/class.css")
	// classCSP allows the page's own style and nothing else: the report
	// runs no script and loads nothing, whatever a file name or an
	// annotation holds.
	classCSP = "default-src 'none'; img-src data:; style-src " + styleHash(classCSS)
)

func mustRead(name string) string {
	b, err := classFiles.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func styleHash(css string) string {
	sum := sha256.Sum256([]byte(css))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// The page's view of a class report: every string already in the page's
// language; html/template escapes them all.
type classPage struct {
	Lang, Title, CSP            string
	CSS                         template.CSS
	KeyLabel, KeyName           string
	AssignmentLabel, Assignment string
	StudentCount, Method        string
	StudentsTitle               string
	StudentHeads                []string
	Students                    []studentRow
	Parts                       []partTable
	TroubleTitle, NoTrouble     string
	Trouble                     []troubleItem
	InvalidTitle                string
	Invalid                     []invalidFile
	DetailsTitle                string
	DetailHeads                 []string
	Details                     []studentDetails
}

type studentRow struct {
	Name, Status   string
	Cells          []string
	Invalid, Class bool
}

type partTable struct {
	ID, Title string
	Heads     []string
	Rows      []partRow
}

type partRow struct {
	Name, Code string
	Cells      []string
}

type troubleItem struct {
	Count, What, Code, Who  string
	Where, Quote, QuoteLang string
}

type invalidFile struct {
	Name, Path, Count, More string
	Errors                  []string
}

type studentDetails struct {
	Name, Summary string
	Rows          []disagreementRow
}

type disagreementRow struct {
	Kind, Key, Other        string
	Where, Quote, QuoteLang string
}

// WriteClassHTML writes the class report as one HTML page a teacher can
// open from a file: the students' table, the class by paragraph and by
// dispute, the passages most often missed or mistyped with their text, the
// files that do not validate, and each student's disagreements, every
// string in the report's language.
func WriteClassHTML(w io.Writer, r ClassReport) error {
	lang := r.Lang
	if lang == "" {
		lang = argmap.English
	}
	say := func(m render.Message, args ...any) string { return render.Say(lang, m, args...) }
	cc := r.ClassComparison
	undefined := say(render.MsgUndefined)
	figureHeads := []string{say(render.MsgUnitsMatched), say(render.MsgExtraUnits), say(render.MsgKappa), say(render.MsgRelationsMatched),
		say(render.MsgPrecision), say(render.MsgRecall), say(render.MsgF1), say(render.MsgTypeDifferences)}
	page := classPage{
		Lang: string(lang), CSP: classCSP, CSS: template.CSS(classCSS),
		Title:    say(render.MsgClassReport, cc.Key.TitleIn(lang)),
		KeyLabel: say(render.MsgReportKeyFile), KeyName: r.KeyName,
		AssignmentLabel: say(render.MsgAssignment), Assignment: assignmentIn(lang, cc.Assignment),
		StudentCount:  say(render.MsgStudentCount, len(cc.Grades), cc.Valid, len(cc.Grades)-cc.Valid),
		Method:        say(render.MsgReportMethod),
		StudentsTitle: say(render.MsgStudents),
		StudentHeads:  append(append([]string{say(render.MsgStudent), say(render.MsgStatus)}, figureHeads...), say(render.MsgOutsideUnits)),
		DetailHeads:   []string{say(render.MsgDisagreement), say(render.MsgInKey), say(render.MsgInStudentMap), say(render.MsgPassage)},
	}
	outside := 0
	for _, g := range cc.Grades {
		if !g.Valid() {
			page.Students = append(page.Students, studentRow{Name: g.Name, Status: say(render.MsgLabelled, say(render.MsgStatusInvalid), errorCount(lang, len(g.Errors))),
				Cells: dashes(len(figureHeads) + 1), Invalid: true})
			continue
		}
		outside += g.Comparison.Outside
		page.Students = append(page.Students, studentRow{Name: g.Name, Status: say(render.MsgStatusOK),
			Cells: append(figureCells(g.Comparison.Tally, undefined), strconv.Itoa(g.Comparison.Outside))})
	}
	classRow := studentRow{Name: say(render.MsgClassPooled), Class: true}
	if cc.Valid == 0 {
		classRow.Cells = dashes(len(figureHeads) + 1)
	} else {
		classRow.Cells = append(figureCells(cc.Total, undefined), strconv.Itoa(outside))
	}
	page.Students = append(page.Students, classRow)

	paragraphs := partTable{ID: "by-paragraph", Title: say(render.MsgByParagraph), Heads: append([]string{say(render.MsgParagraph)}, figureHeads...)}
	for _, p := range cc.ByParagraph {
		paragraphs.Rows = append(paragraphs.Rows, partRow{Name: paragraphIn(lang, p.Paragraph), Code: p.ID(), Cells: figureCells(p.Tally, undefined)})
	}
	disputes := partTable{ID: "by-dispute", Title: say(render.MsgByDispute), Heads: append([]string{say(render.MsgDispute)}, figureHeads...)}
	for _, p := range cc.ByDispute {
		row := partRow{Name: say(render.MsgNoDispute), Cells: figureCells(p.Tally, undefined)}
		if p.Dispute != nil {
			row.Name, row.Code = p.Dispute.TitleIn(lang), p.Dispute.ID
		}
		disputes.Rows = append(disputes.Rows, row)
	}
	for _, t := range []partTable{paragraphs, disputes} {
		if len(t.Rows) > 0 {
			page.Parts = append(page.Parts, t)
		}
	}

	if cc.Valid > 0 {
		page.TroubleTitle, page.NoTrouble = say(render.MsgTrouble, cc.Valid), say(render.MsgNoTrouble)
	}
	for _, t := range cc.Trouble {
		page.Trouble = append(page.Trouble, troubleOf(lang, t))
	}
	page.InvalidTitle = say(render.MsgInvalidFiles)
	page.DetailsTitle = say(render.MsgDisagreementsOf)
	for _, g := range cc.Grades {
		if !g.Valid() {
			f := invalidFile{Name: g.Name, Path: g.Path, Count: errorCount(lang, len(g.Errors))}
			for i, d := range g.Errors {
				if i == textErrorsShown {
					f.More = say(render.MsgMoreErrors, len(g.Errors)-i, g.Path)
					break
				}
				f.Errors = append(f.Errors, d.String())
			}
			page.Invalid = append(page.Invalid, f)
			continue
		}
		ds := g.Comparison.Disagreements
		count := say(render.MsgDisagreementCount, len(ds))
		switch len(ds) {
		case 0:
			count = say(render.MsgNoDisagreement)
		case 1:
			count = say(render.MsgOneDisagreement)
		}
		details := studentDetails{Summary: say(render.MsgLabelled, g.Name, count), Name: g.Name}
		for _, d := range ds {
			details.Rows = append(details.Rows, disagreementOf(lang, d))
		}
		page.Details = append(page.Details, details)
	}
	var b strings.Builder
	if err := classTemplate.Execute(&b, page); err != nil {
		return fmt.Errorf("writing the class report: %w", err)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// assignmentIn describes an assignment in a language: the whole key, or
// its paragraph references and dispute.
func assignmentIn(lang argmap.Lang, a argmap.Assignment) string {
	if a.Whole() {
		return render.Say(lang, render.MsgWholeKey)
	}
	var parts []string
	if len(a.Paragraphs) > 0 {
		parts = append(parts, assignmentOf(a).Paragraphs...)
	}
	if a.Dispute != nil {
		parts = append(parts, render.Say(lang, render.MsgAssignedDispute, a.Dispute.ID)+" ("+a.Dispute.TitleIn(lang)+")")
	}
	return strings.Join(parts, render.Say(lang, render.MsgListSeparator))
}

// paragraphIn names a paragraph as a reader cites it in a language:
// "Clark ¶5", "克拉克第5段".
func paragraphIn(lang argmap.Lang, p *argmap.Paragraph) string {
	if p == nil {
		return ""
	}
	name := render.ParagraphName(lang, p)
	if s := p.Doc.Speaker; s != nil {
		return render.Say(lang, render.MsgLocation, s.ShortIn(lang), name)
	}
	return render.Say(lang, render.MsgLocation, p.Doc.ID, name)
}

// unitIn names a unit in a language: its kind, id and summary.
func unitIn(lang argmap.Lang, u *argmap.Unit) string {
	return render.Say(lang, render.MsgLabelled, render.KindName(lang, u.Kind)+" "+u.ID, summaryIn(lang, u))
}

// dashes are the cells of a row without figures.
func dashes(n int) []string {
	cells := make([]string, n)
	for i := range cells {
		cells[i] = "–"
	}
	return cells
}

func errorCount(lang argmap.Lang, n int) string {
	if n == 1 {
		return render.Say(lang, render.MsgOneError)
	}
	return render.Say(lang, render.MsgErrorCount, n)
}

func summaryIn(lang argmap.Lang, u *argmap.Unit) string {
	if s := u.Summary[lang]; s != "" {
		return s
	}
	return u.Summary[argmap.English]
}

// relationIn names a relation in a language by its units' ids.
func relationIn(lang argmap.Lang, r *argmap.Relation) string {
	return r.From.ID + " " + render.RelationName(lang, r.Type) + " " + r.ToID
}

// quoteIn is a unit's quote in a language, else in English, else in any
// language its span has, with the language it is in.
func quoteIn(lang argmap.Lang, u *argmap.Unit) (string, argmap.Lang) {
	for _, l := range []argmap.Lang{lang, argmap.English} {
		if q := u.Span.Quotes[l]; q != nil && q.Text != "" {
			return q.Text, l
		}
	}
	langs := slices.Sorted(maps.Keys(u.Span.Quotes))
	for _, l := range langs {
		if q := u.Span.Quotes[l]; q != nil && q.Text != "" {
			return q.Text, l
		}
	}
	return "", ""
}

func troubleOf(lang argmap.Lang, t argmap.Trouble) troubleItem {
	say := func(m render.Message, args ...any) string { return render.Say(lang, m, args...) }
	item := troubleItem{Count: say(render.MsgStudentCountShort, t.Count()),
		What: say(render.MsgLabelled, render.KindName(lang, t.Unit.Kind), summaryIn(lang, t.Unit)), Code: t.Unit.ID}
	if t.Relation != nil {
		item.What, item.Code = "", relationIn(lang, t.Relation)
	}
	var who []string
	if len(t.Missed) > 0 {
		who = append(who, say(render.MsgMissedBy, strings.Join(t.Missed, say(render.MsgListSeparator))))
	}
	for _, m := range t.Mistyped {
		given := render.Say(lang, render.Message(m.Given))
		who = append(who, say(render.MsgGaveInstead, m.Student, given))
	}
	item.Who = strings.Join(who, "; ")
	quote, quoteLang := quoteIn(lang, t.Unit)
	item.Where, item.Quote, item.QuoteLang = paragraphIn(lang, t.Unit.Span.Paragraph), quote, string(quoteLang)
	return item
}

func disagreementOf(lang argmap.Lang, d argmap.Disagreement) disagreementRow {
	row := disagreementRow{Kind: render.Say(lang, render.Message(d.Kind))}
	switch d.Kind {
	case argmap.MissingRelation:
		row.Key = relationIn(lang, d.Relation)
	case argmap.ExtraRelation:
		row.Other = relationIn(lang, d.Relation)
	case argmap.RelationTypeDiffers:
		row.Key, row.Other = relationIn(lang, d.Relation), relationIn(lang, d.OtherRelation)
	default:
		if d.Key != nil {
			row.Key = unitIn(lang, d.Key)
		}
		if d.Other != nil {
			row.Other = unitIn(lang, d.Other)
		}
	}
	u := d.Key
	if u == nil {
		u = d.Other
	}
	quote, quoteLang := quoteIn(lang, u)
	row.Where, row.Quote, row.QuoteLang = paragraphIn(lang, u.Span.Paragraph), quote, string(quoteLang)
	return row
}
