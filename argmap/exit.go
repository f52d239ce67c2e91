package argmap

// Exit statuses of the argmap command, the same for every subcommand.
const (
	// ExitOK: the command did its job; validate found no errors (and, with
	// --strict, no warnings).
	ExitOK = 0
	// ExitFindings: the annotations have problems (validate, or a command
	// that refuses invalid annotations), or fmt --check found files to change.
	ExitFindings = 1
	// ExitUsage: the command line is wrong: an unknown flag, format,
	// document or paragraph.
	ExitUsage = 2
	// ExitCannotRun: the command could not run: an unreadable file or
	// folder, a broken corpus, a missing font.
	ExitCannotRun = 3
)
