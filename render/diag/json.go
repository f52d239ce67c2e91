package diag

import (
	"io"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

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
