//go:build unix

package gvcache

import (
	"io/fs"
	"os"
	"syscall"
)

// tempDirVar is the environment variable os.TempDir reads first.
const tempDirVar = "TMPDIR"

// noCacheTempDir is a TMPDIR under which no directory can be created, so
// go-graphviz gives up on its cache instead of failing.
const noCacheTempDir = "/dev/null/argmap-no-graphviz-cache"

// owned reports whether a file belongs to the current user.
func owned(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}
