package diag

import (
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
	return ew.err
}

func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
