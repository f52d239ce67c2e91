//go:build !unix

package gvcache

import "io/fs"

// tempDirVar is the environment variable os.TempDir reads first.
const tempDirVar = "TMP"

// noCacheTempDir is a TMPDIR under which no directory can be created, so
// go-graphviz gives up on its cache instead of failing.
const noCacheTempDir = `\\?\NUL\argmap-no-graphviz-cache`

// owned reports whether a file belongs to the current user. Outside Unix
// the user's cache folder is private already, so ownership is assumed; the
// writability and seal checks still apply.
func owned(fs.FileInfo) bool { return true }
