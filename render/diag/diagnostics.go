// Package diag prints argmap.Diagnostics for people and for CI: text with
// the source line, a caret and the passage of the letter; JSON; GitHub
// workflow commands; and SARIF 2.1.0 as GitHub code scanning reads it. All
// formats print the same Report, so they always agree.
package diag

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// DiagnosticFormats lists the formats WriteDiagnostics prints, in the order
// help texts name them.
var DiagnosticFormats = []string{"text", "json", "github", "sarif"}

// Report is the outcome of validating a map, as the diagnostic printers
// take it: the files checked, with their content for source lines, the
// size of the map, and the diagnostics, sorted.
type Report struct {
	Files       []*argmap.File
	Units       int
	Relations   int
	Diagnostics []argmap.Diagnostic
	// Corpus names the corpus the map was checked against, when the
	// summary line should say it ("harbour/corpus.yaml", "the built-in
	// corpus").
	Corpus string
}

// NewReport gathers a validated map and its diagnostics into a Report.
func NewReport(m *argmap.Map, ds []argmap.Diagnostic) *Report {
	return &Report{Files: m.Files, Units: len(m.Units), Relations: len(m.Relations), Diagnostics: ds}
}

// DiagnosticOptions tune the printers.
type DiagnosticOptions struct {
	// Color marks up text output with ANSI colours.
	Color bool
	// ToolVersion is argmap's version, for SARIF.
	ToolVersion string
	// BaseDir is the folder SARIF locations are relative to, normally the
	// working folder; relative paths are taken as already relative to it.
	BaseDir string
}

// WriteDiagnostics prints a report in one of DiagnosticFormats.
func WriteDiagnostics(w io.Writer, format string, r *Report, opts DiagnosticOptions) error {
	switch format {
	case "text":
		return WriteText(w, r, opts)
	case "json":
		return WriteJSONDiagnostics(w, r)
	case "github":
		return WriteGitHub(w, r)
	case "sarif":
		return WriteSARIF(w, r, opts)
	}
	return fmt.Errorf("unknown diagnostic format %q; formats: %s", format, strings.Join(DiagnosticFormats, ", "))
}

// ---- text ----

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
	ansiBlue   = "\x1b[1;34m"
)

// passageWidth is about how many terminal columns a passage line takes.
const passageWidth = 80

// sourceWidth bounds a source line as shown: an annotation line may hold a
// long quote, or a whole oversized file may be one line.
const sourceWidth = 160

// WriteText prints diagnostics for people, the way compilers do:
//
//	file:line:col: severity: message [rule]
//	   12 |     en: "the quote"
//	      |         ^~~~~~~~~~~
//	  = help: the detail
//	  = passage: clark-1953-06-29 ¶5 (en): …context «quoted part» context…
//	  file:3:7: note: first defined here
//
// and a summary line. Columns are code points; the caret line pads wide
// (CJK) characters with two spaces, as terminals show them.
func WriteText(w io.Writer, r *Report, opts DiagnosticOptions) error {
	ew := &errWriter{w: w}
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	lines := map[string][]string{}
	for _, f := range r.Files {
		lines[f.Path] = splitLines(f.Data)
	}
	for _, d := range r.Diagnostics {
		sev, code := d.Severity.String(), severityColor(d.Severity)
		ew.printf("%s %s %s %s\n", paint(ansiBold, position(d.File, d.Range.Start)+":"), paint(code, sev+":"),
			paint(ansiBold, sanitize(d.Message)), "["+d.Rule.String()+"]")
		if src := lines[d.File]; d.Range.Start.Line >= 1 && d.Range.Start.Line <= len(src) {
			text, caret := sourceExcerpt(src[d.Range.Start.Line-1], d.Range)
			num := strconv.Itoa(d.Range.Start.Line)
			gutter := strings.Repeat(" ", len(num))
			ew.printf("  %s %s %s\n", paint(ansiBlue, num), paint(ansiBlue, "|"), text)
			ew.printf("  %s %s %s\n", gutter, paint(ansiBlue, "|"), paint(code, caret))
		}
		if d.Detail != "" {
			ew.printf("  = %s %s\n", paint(ansiBold, "help:"), sanitize(d.Detail))
		}
		if d.Passage != nil {
			ew.printf("  = %s %s\n", paint(ansiBold, "passage:"), passageLine(d.Passage))
		}
		for _, rel := range d.Related {
			ew.printf("  %s %s %s\n", paint(ansiBold, position(rel.File, rel.Range.Start)+":"), paint(ansiCyan, "note:"), sanitize(rel.Message))
		}
		ew.printf("\n")
	}
	ew.printf("%s\n", summaryLine(r))
	return ew.err
}

func severityColor(s argmap.Severity) string {
	switch s {
	case argmap.SeverityError:
		return ansiRed
	case argmap.SeverityWarning:
		return ansiYellow
	}
	return ansiCyan
}

func position(file string, p argmap.Position) string {
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Column)
}

// summaryLine counts the diagnostics: "3 errors, 1 warning in 2 files", or
// "no problems in 1 file: 24 units, 31 relations", and names the corpus
// when the report says it: "…; corpus harbour/corpus.yaml".
func summaryLine(r *Report) string {
	corpus := ""
	if r.Corpus != "" {
		corpus = "; corpus: " + r.Corpus
	}
	return counts(r) + corpus
}

func counts(r *Report) string {
	files := plural(len(r.Files), "file", "files")
	if len(r.Diagnostics) == 0 {
		return fmt.Sprintf("no problems in %s: %s, %s", files, plural(r.Units, "unit", "units"), plural(r.Relations, "relation", "relations"))
	}
	e, wn, i := argmap.Count(r.Diagnostics)
	var parts []string
	if e > 0 {
		parts = append(parts, plural(e, "error", "errors"))
	}
	if wn > 0 {
		parts = append(parts, plural(wn, "warning", "warnings"))
	}
	if i > 0 {
		parts = append(parts, plural(i, "info", "infos"))
	}
	return strings.Join(parts, ", ") + " in " + files
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// splitLines splits a file into lines without their line ends.
func splitLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// sanitize replaces control and bidi-formatting characters, which could
// drive the terminal or reorder what it shows, with U+FFFD, and white space
// such as tabs and line ends with a space. It keeps one rune for one, so
// code-point offsets still hold.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			return ' '
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) && r != '\u200d':
			return '\uFFFD'
		}
		return r
	}, s)
}

// sourceExcerpt returns the source line as shown, clipped around the range
// when long, and the caret line under the range.
func sourceExcerpt(line string, rg argmap.Range) (text, caret string) {
	runes := []rune(sanitize(line))
	start := min(max(rg.Start.Column-1, 0), len(runes))
	end := start
	switch {
	case rg.End.Line > rg.Start.Line:
		end = len(runes)
	case rg.End.Line == rg.Start.Line && rg.End.Column-1 > start:
		end = min(rg.End.Column-1, len(runes))
	}
	from, to := 0, len(runes)
	if render.DisplayWidth(string(runes)) > sourceWidth {
		from = max(0, start-sourceWidth/4)
		to = from
		for w := 0; to < len(runes) && w+render.RuneWidth(runes[to]) <= sourceWidth; to++ {
			w += render.RuneWidth(runes[to])
		}
		end = min(end, to)
	}
	var b, c strings.Builder
	if from > 0 {
		b.WriteString("…")
		c.WriteString(" ")
	}
	b.WriteString(string(runes[from:to]))
	if to < len(runes) {
		b.WriteString("…")
	}
	c.WriteString(strings.Repeat(" ", render.DisplayWidth(string(runes[from:start]))))
	c.WriteString("^")
	if n := render.DisplayWidth(string(runes[start:end])); n > 1 {
		c.WriteString(strings.Repeat("~", n-1))
	}
	return b.String(), c.String()
}

// passageLine shows the passage of the letter a diagnostic is about:
// "clark-1953-06-29 ¶5 (en): …context «quoted part» context…", about
// passageWidth columns wide, the part in question kept whole when short
// and cut in its middle when long.
func passageLine(p *argmap.Passage) string {
	text := []rune(strings.Join(strings.Fields(sanitize(p.Text)), " "))
	// Fields collapses whitespace, which moves offsets: recompute them on
	// the original runes mapped through the same collapse.
	start, end := collapsedOffsets([]rune(sanitize(p.Text)), p.Start, p.End)
	start, end = min(start, len(text)), min(max(end, start), len(text))
	quoted := text[start:end]
	const maxQuoted = passageWidth * 3 / 4
	shown := string(quoted)
	if render.DisplayWidth(string(quoted)) > maxQuoted {
		head, tail := clipWidth(quoted, maxQuoted/2, false), clipWidth(quoted, maxQuoted/2-1, true)
		shown = string(head) + "…" + string(tail)
	}
	room := max(passageWidth-render.DisplayWidth(shown), 0) / 2
	before := clipWidth(text[:start], room, true)
	after := clipWidth(text[end:], room, false)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s): ", p.Doc, p.Paragraph, p.Lang)
	if len(before) < start {
		b.WriteString("…")
	}
	b.WriteString(string(before))
	b.WriteString("«" + shown + "»")
	b.WriteString(string(after))
	if len(after) < len(text)-end {
		b.WriteString("…")
	}
	return b.String()
}

// collapsedOffsets maps code-point offsets in rs to offsets in the text
// strings.Fields + Join(" ") makes of it.
func collapsedOffsets(rs []rune, start, end int) (int, int) {
	out, n, space, leading := make([]int, len(rs)+1), 0, false, true
	for i, r := range rs {
		out[i] = n
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && !leading {
			n++
			out[i] = n
		}
		space, leading = false, false
		n++
	}
	out[len(rs)] = n
	clamp := func(x int) int { return min(max(x, 0), len(rs)) }
	return out[clamp(start)], out[clamp(end)]
}

// clipWidth returns the longest prefix (or, fromEnd, suffix) of rs that
// takes at most w columns.
func clipWidth(rs []rune, w int, fromEnd bool) []rune {
	n, used := 0, 0
	for n < len(rs) {
		r := rs[n]
		if fromEnd {
			r = rs[len(rs)-1-n]
		}
		if used+render.RuneWidth(r) > w {
			break
		}
		used += render.RuneWidth(r)
		n++
	}
	if fromEnd {
		return rs[len(rs)-n:]
	}
	return rs[:n]
}

// errWriter keeps the first write error, so printers check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// ---- json ----

// DiagnosticsJSONVersion is the version of the JSON that
// WriteJSONDiagnostics prints, described by docs/validate-json.schema.json.
const DiagnosticsJSONVersion = 1

type jsonDiagnostics struct {
	Version     int                 `json:"version"`
	Files       []string            `json:"files"`
	Diagnostics []argmap.Diagnostic `json:"diagnostics"`
	Summary     jsonSummary         `json:"summary"`
}

type jsonSummary struct {
	Errors    int `json:"errors"`
	Warnings  int `json:"warnings"`
	Infos     int `json:"infos"`
	Units     int `json:"units"`
	Relations int `json:"relations"`
}

// WriteJSONDiagnostics prints a report as one JSON object, indented, as
// docs/validate-json.schema.json describes it. Lists are never null.
func WriteJSONDiagnostics(w io.Writer, r *Report) error {
	out := jsonDiagnostics{Version: DiagnosticsJSONVersion, Files: []string{}, Diagnostics: r.Diagnostics}
	for _, f := range r.Files {
		out.Files = append(out.Files, f.Path)
	}
	if out.Diagnostics == nil {
		out.Diagnostics = []argmap.Diagnostic{}
	}
	out.Summary.Errors, out.Summary.Warnings, out.Summary.Infos = argmap.Count(r.Diagnostics)
	out.Summary.Units, out.Summary.Relations = r.Units, r.Relations
	return render.WriteIndentedJSON(w, out)
}

// ---- github ----

// WriteGitHub prints diagnostics as GitHub Actions workflow commands, which
// the runner turns into annotations on the pull request:
//
//	::error file=F,line=L,endLine=L,col=C,endColumn=E,title=RULE::message
//
// Warnings become ::warning, infos ::notice. GitHub takes columns only for
// a range on one line, and its endColumn is the range's last column.
func WriteGitHub(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	for _, d := range r.Diagnostics {
		cmd := "notice"
		switch d.Severity {
		case argmap.SeverityError:
			cmd = "error"
		case argmap.SeverityWarning:
			cmd = "warning"
		}
		start, end := d.Range.Start, d.Range.End
		if end.Line < start.Line {
			end = start
		}
		props := []string{"file=" + githubProperty(d.File), "line=" + strconv.Itoa(start.Line), "endLine=" + strconv.Itoa(end.Line)}
		if start.Line == end.Line {
			last := max(end.Column-1, start.Column)
			props = append(props, "col="+strconv.Itoa(start.Column), "endColumn="+strconv.Itoa(last))
		}
		props = append(props, "title="+githubProperty(d.Rule.String()))
		ew.printf("::%s %s::%s\n", cmd, strings.Join(props, ","), githubData(longMessage(d)))
	}
	return ew.err
}

// longMessage is the message with its detail, passage and related places,
// one a line, for formats that show one block of text.
func longMessage(d argmap.Diagnostic) string {
	lines := []string{d.Message}
	if d.Detail != "" {
		lines = append(lines, "help: "+d.Detail)
	}
	if d.Passage != nil {
		lines = append(lines, "passage: "+passageLine(d.Passage))
	}
	for _, rel := range d.Related {
		lines = append(lines, "note: "+position(rel.File, rel.Range.Start)+": "+rel.Message)
	}
	return strings.Join(lines, "\n")
}

func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// ---- sarif ----

// Where SARIF points people for argmap and its rules.
const (
	informationURI = "https://github.com/argmap/argmap"
	rulesDocURI    = "https://github.com/argmap/argmap/blob/main/docs/annotations.md"
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	FullDescription      sarifMessage `json:"fullDescription"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	HelpURI string `json:"helpUri"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifMessage    `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifMessage `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI string `json:"uri"`
	} `json:"artifactLocation"`
	Region sarifRegion `json:"region"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// WriteSARIF prints a report as a SARIF 2.1.0 log with one run, as GitHub
// code scanning reads it. Every rule of argmap.AllRules is listed, in order,
// so that a rule's ruleIndex is the same in every log; columns are code
// points (columnKind unicodeCodePoints), end exclusive.
func WriteSARIF(w io.Writer, r *Report, opts DiagnosticOptions) error {
	rules := argmap.AllRules()
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: "argmap", InformationURI: informationURI,
			Version: opts.ToolVersion, Rules: make([]sarifRule, 0, len(rules))}},
		ColumnKind: "unicodeCodePoints",
		Results:    make([]sarifResult, 0, len(r.Diagnostics)),
	}
	index := map[argmap.RuleID]int{}
	for i, rule := range rules {
		index[rule.ID] = i
		sr := sarifRule{ID: rule.Name, Name: ruleName(rule.Name), HelpURI: rulesDocURI + "#" + rule.Name,
			ShortDescription: sarifMessage{Text: rule.Description},
			FullDescription:  sarifMessage{Text: upperFirst(rule.Description) + "."}}
		sr.DefaultConfiguration.Level = sarifLevel(rule.Severity)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sr)
	}
	for _, d := range r.Diagnostics {
		ri, ok := index[d.Rule]
		if !ok {
			return fmt.Errorf("diagnostic with unknown rule %d", int(d.Rule))
		}
		res := sarifResult{RuleID: d.Rule.String(), RuleIndex: ri, Level: sarifLevel(d.Severity),
			Message:   sarifMessage{Text: longMessage(d)},
			Locations: []sarifLocation{sarifLocationOf(d.File, d.Range, opts.BaseDir)}}
		for i, rel := range d.Related {
			loc := sarifLocationOf(rel.File, rel.Range, opts.BaseDir)
			id := i
			loc.ID, loc.Message = &id, &sarifMessage{Text: rel.Message}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		run.Results = append(run.Results, res)
	}
	return render.WriteIndentedJSON(w, sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}})
}

func sarifLevel(s argmap.Severity) string {
	switch s {
	case argmap.SeverityError:
		return "error"
	case argmap.SeverityWarning:
		return "warning"
	}
	return "note"
}

// ruleName turns a rule id into the PascalCase name SARIF viewers show:
// quote-not-found becomes QuoteNotFound.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		b.WriteString(upperFirst(part))
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func sarifLocationOf(file string, rg argmap.Range, base string) sarifLocation {
	var loc sarifLocation
	loc.PhysicalLocation.ArtifactLocation.URI = artifactURI(file, base)
	start, end := rg.Start, rg.End
	if end.Line < start.Line || (end.Line == start.Line && end.Column <= start.Column) {
		end = argmap.Position{Line: start.Line, Column: start.Column + 1}
	}
	loc.PhysicalLocation.Region = sarifRegion{StartLine: start.Line, StartColumn: start.Column, EndLine: end.Line, EndColumn: end.Column}
	return loc
}

// artifactURI makes a file path into the relative URI reference SARIF
// consumers resolve against the repository: forward slashes, no leading
// "./", a path outside base kept relative with "..". An absolute path is
// made relative to base when it can be, else it becomes a file URI.
func artifactURI(file, base string) string {
	p := file
	if filepath.IsAbs(p) {
		rel, err := filepath.Rel(base, p)
		if base == "" || err != nil {
			return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
		}
		p = rel
	}
	p = strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), "./")
	return (&url.URL{Path: p}).String()
}
