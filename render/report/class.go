package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// ClassReport is a class comparison with the names a report gives it.
type ClassReport struct {
	*argmap.ClassComparison
	KeyName string      // the key's file or folder, as given
	Lang    argmap.Lang // the language of an HTML report
}

// textTroubleShown is how many passages the text report lists; JSON and
// HTML list them all.
const textTroubleShown = 10

// textErrorsShown is how many errors the text and HTML reports list per
// invalid file; JSON lists them all.
const textErrorsShown = 5

// AssignmentName describes an assignment as the command line gives it:
// paragraph references in reading order, then the dispute.
func AssignmentName(a argmap.Assignment) string {
	var parts []string
	if len(a.Paragraphs) > 0 {
		paras := slices.Clone(a.Paragraphs)
		slices.SortFunc(paras, argmap.CompareParagraphs)
		parts = append(parts, strings.Join(ParagraphRefs(paras), " "))
	}
	if a.Dispute != nil {
		parts = append(parts, "dispute "+a.Dispute.ID)
	}
	if len(parts) == 0 {
		return "the whole key"
	}
	return strings.Join(parts, ", ")
}

func ratio(x float64) string { return fmt.Sprintf("%.3f", x) }

func kappaText(t argmap.Tally, undefined string) string {
	if k, _ := t.Kappa(); k != nil {
		return ratio(*k)
	}
	return undefined
}

// figureCells are a tally's columns in the text and HTML tables: units
// matched of the key's, extra units, kappa, relations matched of the key's,
// precision, recall and F1 of the relations, and type differences.
func figureCells(t argmap.Tally, undefined string) []string {
	r := t.Relations()
	return []string{
		fmt.Sprintf("%d/%d", t.MatchedUnits, t.KeyUnits), strconv.Itoa(t.OtherUnits - t.MatchedUnits),
		kappaText(t, undefined), fmt.Sprintf("%d/%d", r.Matched, r.Key),
		ratio(r.Precision), ratio(r.Recall), ratio(r.F1), strconv.Itoa(t.TypeDiffers()),
	}
}

var figureHeads = []string{"units", "extra", "kappa", "relations", "precision", "recall", "F1", "types"}

// WriteClassText writes a class report for a terminal: one row per
// student, the class's pooled row, the class by paragraph and by dispute,
// the passages most often missed or mistyped, and the files that do not
// validate with their first errors.
func WriteClassText(w io.Writer, r ClassReport) error {
	b := &strings.Builder{}
	cc := r.ClassComparison
	fmt.Fprintf(b, "key:        %s\nassignment: %s\nstudents:   %d: %d compared, %d whose file does not validate\n\n",
		sanitizeLine(r.KeyName), AssignmentName(cc.Assignment), len(cc.Grades), cc.Valid, len(cc.Grades)-cc.Valid)
	rows := [][]string{append([]string{"student", "status"}, append(figureHeads, "outside")...)}
	for _, g := range cc.Grades {
		if !g.Valid() {
			row := []string{sanitizeLine(g.Name), "invalid: " + errorCount(argmap.English, len(g.Errors))}
			for range len(figureHeads) + 1 {
				row = append(row, "-")
			}
			rows = append(rows, row)
			continue
		}
		rows = append(rows, append([]string{sanitizeLine(g.Name), "ok"}, append(figureCells(g.Comparison.Tally, "-"), strconv.Itoa(g.Comparison.Outside))...))
	}
	outside := 0
	for _, g := range cc.Grades {
		if g.Valid() {
			outside += g.Comparison.Outside
		}
	}
	classRow := []string{"class", "pooled"}
	if cc.Valid == 0 {
		for range len(figureHeads) + 1 {
			classRow = append(classRow, "-")
		}
	} else {
		classRow = append(classRow, append(figureCells(cc.Total, "-"), strconv.Itoa(outside))...)
	}
	rows = append(rows, classRow)
	writeColumns(b, rows, 2)
	for _, section := range []struct {
		title, head string
		parts       []argmap.Part
	}{{"by paragraph", "paragraph", cc.ByParagraph}, {"by dispute", "dispute", cc.ByDispute}} {
		if len(section.parts) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n%s:\n", section.title)
		rows := [][]string{append([]string{section.head}, figureHeads...)}
		for _, p := range section.parts {
			name := p.ID()
			if name == "" {
				name = "(no dispute)"
			}
			rows = append(rows, append([]string{name}, figureCells(p.Tally, "-")...))
		}
		writeColumns(b, rows, 1)
	}
	writeTroubleText(b, cc)
	writeInvalidText(b, cc)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTroubleText(b *strings.Builder, cc *argmap.ClassComparison) {
	if cc.Valid == 0 {
		return
	}
	fmt.Fprintf(b, "\nmost often missed or mistyped, of %d students compared:\n", cc.Valid)
	if len(cc.Trouble) == 0 {
		b.WriteString("  nothing: every student compared found every unit and relation of the key\n")
		return
	}
	for i, t := range cc.Trouble {
		if i == textTroubleShown {
			fmt.Fprintf(b, "  and %d more (--format json or html lists them all)\n", len(cc.Trouble)-i)
			break
		}
		what := fmt.Sprintf("the %s %s", t.Unit.Kind, t.Unit.ID)
		if t.Relation != nil {
			what = fmt.Sprintf("%s %s %s", t.Unit.ID, t.Relation.Type, t.Relation.ToID)
		}
		var who []string
		if len(t.Missed) > 0 {
			who = append(who, "missed by "+sanitizeLine(strings.Join(t.Missed, ", ")))
		}
		for _, m := range t.Mistyped {
			who = append(who, sanitizeLine(m.Student)+" gave "+m.Given+" instead")
		}
		fmt.Fprintf(b, "\n%3d  %s: %s\n", t.Count(), what, strings.Join(who, "; "))
		if p := t.Passage; p != nil {
			fmt.Fprintf(b, "     %s %s: %s\n", p.Doc, p.Paragraph, clipText(passageQuote(p), 100))
		}
	}
}

func writeInvalidText(b *strings.Builder, cc *argmap.ClassComparison) {
	first := true
	for _, g := range cc.Grades {
		if g.Valid() {
			continue
		}
		if first {
			b.WriteString("\nfiles that do not validate:\n")
			first = false
		}
		fmt.Fprintf(b, "\n%s (%s): %s\n", sanitizeLine(g.Name), sanitizeLine(g.Path), errorCount(argmap.English, len(g.Errors)))
		for i, d := range g.Errors {
			if i == textErrorsShown {
				fmt.Fprintf(b, "  and %d more: argmap validate %s lists them\n", len(g.Errors)-i, sanitizeLine(g.Path))
				break
			}
			fmt.Fprintf(b, "  %s\n", sanitizeLine(d.String()))
		}
	}
}

// passageQuote is the quoted stretch of a passage, on one line.
func passageQuote(p *argmap.Passage) string {
	runes := []rune(p.Text)
	if p.Start < 0 || p.End > len(runes) || p.Start > p.End {
		return ""
	}
	return sanitizeLine(string(runes[p.Start:p.End]))
}

// clipText shortens s to at most width display columns, ending it with
// "…" when it is cut.
func clipText(s string, width int) string {
	if render.DisplayWidth(s) <= width {
		return s
	}
	w := 0
	for i, r := range s {
		if w+render.RuneWidth(r) > width-1 {
			return s[:i] + "…"
		}
		w += render.RuneWidth(r)
	}
	return s
}

// writeColumns writes rows as aligned columns, two spaces apart, widths
// measured in display columns so that Chinese names line up: the first
// left columns flush left, the others flush right.
func writeColumns(b *strings.Builder, rows [][]string, left int) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], render.DisplayWidth(cell))
		}
	}
	for _, row := range rows {
		var line strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-render.DisplayWidth(cell))
			if i > 0 {
				line.WriteString("  ")
			}
			if i < left {
				line.WriteString(cell + pad)
			} else {
				line.WriteString(pad + cell)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// The CSV report is one table in long form: a row per student (or the
// class) and part (all, a paragraph, a dispute), so that a spreadsheet can
// pivot it either way.
var classCSVHead = []string{"row", "student", "file", "status", "errors", "part", "part_id",
	"key_units", "student_units", "matched_units", "extra_units", "outside_units", "kappa", "kind_agreement",
	"key_relations", "student_relations", "matched_relations", "type_differences",
	"precision", "recall", "f1", "links_f1"}

// WriteClassCSV writes the class report as CSV (RFC 4180): the header, then
// for each student and then the class a row for the whole assignment
// (part "all"), one per paragraph and one per dispute ("(none)" for what
// belongs to no dispute). An invalid student has one row, status invalid,
// with its number of errors and no figures. The class's rows have status
// pooled and, as errors, the number of invalid files; with no student
// compared, one row without figures. Ratios have six decimals; an
// undefined kappa is empty. Text cells that a spreadsheet would read as a
// formula are prefixed with an apostrophe.
func WriteClassCSV(w io.Writer, r ClassReport) error {
	cw := csv.NewWriter(w)
	cc := r.ClassComparison
	write := func(cells []string) {
		_ = cw.Write(cells) // errors surface from Flush
	}
	write(classCSVHead)
	rowsOf := func(lead []string, total argmap.Tally, outside string, byParagraph, byDispute []argmap.Part) {
		write(append(append(slices.Clone(lead), "all", ""), csvFigures(total, outside)...))
		for _, p := range byParagraph {
			write(append(append(slices.Clone(lead), "paragraph", p.ID()), csvFigures(p.Tally, "")...))
		}
		for _, p := range byDispute {
			id := p.ID()
			if id == "" {
				id = "(none)"
			}
			write(append(append(slices.Clone(lead), "dispute", id), csvFigures(p.Tally, "")...))
		}
	}
	for _, g := range cc.Grades {
		if !g.Valid() {
			row := []string{"student", safeCell(g.Name), safeCell(g.Path), "invalid", strconv.Itoa(len(g.Errors)), "all", ""}
			write(append(row, make([]string, len(classCSVHead)-len(row))...))
			continue
		}
		c := g.Comparison
		rowsOf([]string{"student", safeCell(g.Name), safeCell(g.Path), "ok", "0"}, c.Tally, strconv.Itoa(c.Outside), c.ByParagraph(), c.ByDispute())
	}
	classLead := []string{"class", "", "", "pooled", strconv.Itoa(len(cc.Grades) - cc.Valid)}
	if cc.Valid == 0 {
		row := append(classLead, "all", "")
		write(append(row, make([]string, len(classCSVHead)-len(row))...))
	} else {
		rowsOf(classLead, cc.Total, "", cc.ByParagraph, cc.ByDispute)
	}
	cw.Flush()
	return cw.Error()
}

func csvFigures(t argmap.Tally, outside string) []string {
	num := func(x float64) string { return strconv.FormatFloat(round(x), 'f', -1, 64) }
	kappa, agreement := t.Kappa()
	k, a := "", ""
	if kappa != nil {
		k, a = num(*kappa), num(agreement)
	}
	rel := t.Relations()
	return []string{
		strconv.Itoa(t.KeyUnits), strconv.Itoa(t.OtherUnits), strconv.Itoa(t.MatchedUnits), strconv.Itoa(t.OtherUnits - t.MatchedUnits),
		outside, k, a, strconv.Itoa(rel.Key), strconv.Itoa(rel.Other), strconv.Itoa(rel.Matched), strconv.Itoa(t.TypeDiffers()),
		num(rel.Precision), num(rel.Recall), num(rel.F1), num(t.Links().F1),
	}
}

// safeCell keeps a spreadsheet from reading a name as a formula (OWASP's
// advice on CSV injection): a cell that begins with = + - @, a tab or a
// carriage return gets a leading apostrophe.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

type classJSON struct {
	Key        string           `json:"key"`
	Assignment assignmentJSON   `json:"assignment"`
	Students   []studentJSON    `json:"students"`
	Class      classFiguresJSON `json:"class"`
	Trouble    []troubleJSON    `json:"trouble"`
}

type assignmentJSON struct {
	Paragraphs []string `json:"paragraphs"`
	Dispute    *string  `json:"dispute"`
}

type studentJSON struct {
	Name          string              `json:"name"`
	File          string              `json:"file"`
	Status        string              `json:"status"`
	Errors        []argmap.Diagnostic `json:"errors"`
	Figures       *figuresJSON        `json:"figures"`
	Outside       int                 `json:"outside"`
	ByParagraph   []partJSON          `json:"by_paragraph"`
	ByDispute     []partJSON          `json:"by_dispute"`
	Disagreements []disagreementJSON  `json:"disagreements"`
}

type classFiguresJSON struct {
	Students    int          `json:"students"`
	Compared    int          `json:"compared"`
	Figures     *figuresJSON `json:"figures"`
	ByParagraph []partJSON   `json:"by_paragraph"`
	ByDispute   []partJSON   `json:"by_dispute"`
}

type figuresJSON struct {
	Units         scoreJSON `json:"units"`
	Kappa         *float64  `json:"kappa"`
	KindAgreement float64   `json:"kind_agreement"`
	Relations     scoreJSON `json:"relations"`
	Links         scoreJSON `json:"links"`
	TypeDiffers   int       `json:"type_differences"`
}

type partJSON struct {
	Kind string `json:"part"` // paragraph or dispute
	ID   string `json:"id"`   // "" for no dispute
	figuresJSON
}

type troubleJSON struct {
	Unit     string          `json:"unit"`
	Relation *relationJSON   `json:"relation"`
	Count    int             `json:"count"`
	Missed   []string        `json:"missed"`
	Mistyped []mistypingJSON `json:"mistyped"`
	Passage  *argmap.Passage `json:"passage"`
}

type mistypingJSON struct {
	Student string `json:"student"`
	Given   string `json:"given"`
}

func figuresOf(t argmap.Tally) figuresJSON {
	f := figuresJSON{Units: scoreOf(t.Units()), Relations: scoreOf(t.Relations()), Links: scoreOf(t.Links()), TypeDiffers: t.TypeDiffers()}
	if k, agreement := t.Kappa(); k != nil {
		v := round(*k)
		f.Kappa, f.KindAgreement = &v, round(agreement)
	}
	return f
}

func partsJSON(kind string, parts []argmap.Part) []partJSON {
	out := []partJSON{}
	for _, p := range parts {
		out = append(out, partJSON{kind, p.ID(), figuresOf(p.Tally)})
	}
	return out
}

// WriteClassJSON writes the class report as JSON: the key and assignment,
// every student with status, errors (all of them), figures, parts and
// disagreements, the class's pooled figures (null when no student was
// compared) and parts, and every passage missed or mistyped. Lists are never null; ratios have six decimals.
func WriteClassJSON(w io.Writer, r ClassReport) error {
	cc := r.ClassComparison
	out := classJSON{Key: r.KeyName, Assignment: assignmentOf(cc.Assignment), Students: []studentJSON{}, Trouble: []troubleJSON{}}
	for _, g := range cc.Grades {
		s := studentJSON{Name: g.Name, File: g.Path, Status: "invalid", Errors: []argmap.Diagnostic{},
			ByParagraph: []partJSON{}, ByDispute: []partJSON{}, Disagreements: []disagreementJSON{}}
		s.Errors = append(s.Errors, g.Errors...)
		if g.Valid() {
			c := g.Comparison
			f := figuresOf(c.Tally)
			s.Status, s.Figures, s.Outside = "ok", &f, c.Outside
			s.ByParagraph, s.ByDispute = partsJSON("paragraph", c.ByParagraph()), partsJSON("dispute", c.ByDispute())
			s.Disagreements = disagreementsJSON(c.Disagreements)
		}
		out.Students = append(out.Students, s)
	}
	out.Class = classFiguresJSON{Students: len(cc.Grades), Compared: cc.Valid,
		ByParagraph: partsJSON("paragraph", cc.ByParagraph), ByDispute: partsJSON("dispute", cc.ByDispute)}
	if cc.Valid > 0 {
		f := figuresOf(cc.Total)
		out.Class.Figures = &f
	}
	for _, t := range cc.Trouble {
		tj := troubleJSON{Unit: t.Unit.ID, Count: t.Count(), Missed: []string{}, Mistyped: []mistypingJSON{}, Passage: t.Passage}
		if rel := t.Relation; rel != nil {
			tj.Relation = &relationJSON{rel.From.ID, rel.Type, rel.ToID}
		}
		tj.Missed = append(tj.Missed, t.Missed...)
		for _, m := range t.Mistyped {
			tj.Mistyped = append(tj.Mistyped, mistypingJSON{m.Student, m.Given})
		}
		out.Trouble = append(out.Trouble, tj)
	}
	return render.WriteIndentedJSON(w, out)
}
