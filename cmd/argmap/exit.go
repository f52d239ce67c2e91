package main

// Exit statuses of the argmap command, the same for every subcommand.
const (
	// exitOK: the command did its job; validate found no errors (and, with
	// --strict, no warnings).
	exitOK = 0
	// exitFindings: the annotations have problems (validate, or a command
	// that refuses invalid annotations), or fmt --check found files to change.
	exitFindings = 1
	// exitUsage: the command line is wrong: an unknown flag, format,
	// document or paragraph, a missing or extra argument, a port out of
	// range, an output file that exists.
	exitUsage = 2
	// exitCannotRun: the command could not run: an unreadable file or
	// folder, a broken corpus, a missing font, a port in use.
	exitCannotRun = 3
)

// exitStatuses are the statuses as the README's table describes them; a
// test keeps the table and this list the same.
var exitStatuses = []struct {
	code    int
	meaning string
}{
	{exitOK, "done; `validate` found no errors (warnings allowed unless `--strict`)"},
	{exitFindings, "findings: the annotations have errors (or warnings under `--strict`); `fmt --check` found files to format"},
	{exitUsage, "usage error: unknown command or flag, a missing or extra argument, an unknown format, document, paragraph or unit, a bad port, an output file that exists without `--force`"},
	{exitCannotRun, "could not run: unreadable input, broken corpus, missing font, a port in use"},
}
