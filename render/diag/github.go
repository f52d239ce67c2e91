package diag

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/argmap/argmap/argmap"
)

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
	summary := summaryLine(r)
	if e, w, i := argmap.Count(r.Diagnostics); max(e, w, i) > githubAnnotationsShown {
		summary += fmt.Sprintf("; the pull request shows %d annotations of each kind, the job summary and argmap validate list them all", githubAnnotationsShown)
	}
	ew.printf("::notice title=argmap::%s\n", githubData(summary))
	return ew.err
}

// githubAnnotationsShown is how many annotations of each kind (error,
// warning, notice) GitHub shows for one step of a workflow.
const githubAnnotationsShown = 10

// maxSummaryRows bounds the table of WriteStepSummary: GitHub takes at most
// 1 MiB of summary for a step.
const maxSummaryRows = 1000

// WriteStepSummary prints a report as the Markdown of a GitHub Actions job
// summary ($GITHUB_STEP_SUMMARY): a heading with the counts and a table of
// every diagnostic, up to maxSummaryRows, with its place, its rule linked
// to the docs, its message and its help. Text from the files is escaped, so
// that it cannot become Markdown or HTML.
func WriteStepSummary(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	ew.printf("### argmap validate: %s\n\n", markdownText(summaryLine(r)))
	if len(r.Diagnostics) == 0 {
		return ew.err
	}
	ew.printf("| severity | place | rule | problem |\n|---|---|---|---|\n")
	for i, d := range r.Diagnostics {
		if i == maxSummaryRows {
			ew.printf("\n%d more are not listed here; argmap validate lists them all.\n", len(r.Diagnostics)-i)
			break
		}
		problem := markdownText(d.Message)
		if d.Detail != "" {
			problem += "<br>help: " + markdownText(d.Detail)
		}
		ew.printf("| %s | %s | [%s](%s#%s) | %s |\n", d.Severity, markdownText(position(d.File, d.Range.Start)),
			d.Rule, rulesDocURI, d.Rule, problem)
	}
	return ew.err
}

// markdownText escapes text for a line of Markdown that does not begin with
// it, a table cell included: HTML's special characters become entities,
// the punctuation of emphasis, code, links and cells is backslash-escaped,
// and line ends become spaces.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x80 && strings.ContainsRune("\\`*_[]|~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
