package diag

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/docs"
	"github.com/argmap/argmap/render"
)

// Where SARIF points people for argmap and its rules.
const (
	informationURI = "https://github.com/argmap/argmap"
	repositoryURI  = "https://github.com/argmap/argmap/blob/main/"
	rulesDocURI    = repositoryURI + "docs/annotations.md"
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
	Name                 string       `json:"name,omitempty"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	FullDescription      sarifMessage `json:"fullDescription"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	HelpURI string    `json:"helpUri"`
	Help    sarifHelp `json:"help"`
}

// sarifHelp is a rule's help, in plain text and in Markdown, which GitHub
// code scanning shows beside an alert.
type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
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
			FullDescription:  sarifMessage{Text: upperFirst(rule.Description) + "."},
			Help:             ruleHelp(rule)}
		if strings.EqualFold(sr.Name, sr.ID) {
			sr.Name = "" // a name that only capitalises the id says nothing more
		}
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

// ruleHelp is a rule's section of docs/annotations.md, as Markdown with its
// links made absolute, and as plain text. A rule without a section (a test
// fails then) gets its description and the link to the docs.
func ruleHelp(rule argmap.Rule) sarifHelp {
	section := docs.RuleSection(rule.Name)
	if section == "" {
		text := upperFirst(rule.Description) + ". See " + rulesDocURI + "#" + rule.Name
		return sarifHelp{Text: text, Markdown: text}
	}
	markdown := markdownLink.ReplaceAllStringFunc(section, func(link string) string {
		m := markdownLink.FindStringSubmatch(link)
		return "[" + m[1] + "](" + absoluteDocLink(m[2]) + ")"
	})
	return sarifHelp{Text: plainText(markdown), Markdown: markdown}
}

// markdownLink matches an inline Markdown link: [text](target).
var markdownLink = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]*)\)`)

// absoluteDocLink resolves a link of docs/annotations.md against the
// repository, so that it works where SARIF viewers show the help.
func absoluteDocLink(target string) string {
	switch {
	case strings.Contains(target, "://"):
		return target
	case strings.HasPrefix(target, "#"):
		return rulesDocURI + target
	}
	return repositoryURI + path.Join("docs", target)
}

// plainText turns a rule's Markdown help into text: links become their text
// with the address in brackets, emphasis and code marks go, code blocks stay
// as their lines.
func plainText(markdown string) string {
	var lines []string
	for _, line := range strings.Split(markdown, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			continue
		}
		line = markdownLink.ReplaceAllString(line, "$1 ($2)")
		line = strings.NewReplacer("**", "", "`", "").Replace(line)
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
