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
	// document or paragraph.
	exitUsage = 2
	// exitCannotRun: the command could not run: an unreadable file or
	// folder, a broken corpus, a missing font.
	exitCannotRun = 3
)
