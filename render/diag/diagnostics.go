// Package diag prints argmap.Diagnostics for people and for CI: text with
// the source line, a caret and the passage of the letter; JSON; GitHub
// workflow commands; and SARIF 2.1.0 as GitHub code scanning reads it. All
// formats print the same Report, so they always agree.
package diag

import (
	"fmt"
	"io"
	"strings"

	"github.com/argmap/argmap/argmap"
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
