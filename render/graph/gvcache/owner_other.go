//go:build !unix

package gvcache

// tempDirVar is the environment variable os.TempDir reads first.
const tempDirVar = "TMP"

// noCacheTempDir is a TMPDIR under which no directory can be created, so
// go-graphviz gives up on its cache instead of failing.
const noCacheTempDir = `\\?\NUL\argmap-no-graphviz-cache`

// owned reports whether path belongs to the current user. Outside Unix the
// per-user temporary directory is private already, so ownership is assumed;
// the writability and content checks still apply.
func owned(string) bool { return true }
