//go:build unix

package argmap

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// mayWrite refuses a file this process may not write, as opening it for
// writing would: a rename over it needs only the folder's permission, and
// would replace another user's file with one of this process's.
func mayWrite(path string) error {
	if err := syscall.Access(path, 2 /* W_OK */); err != nil {
		return fmt.Errorf("%s: this user may not write it: %w", path, err)
	}
	return nil
}

// hardLinks is how many names the file has.
func hardLinks(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// keepOwner gives the temporary file the owner and group of the file it
// replaces. Root may give any; another user only a group it belongs to, so
// a file it could write but whose owner or group it cannot keep is refused
// rather than silently taken over.
func keepOwner(tmp *os.File, target string, info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	mine, err := tmp.Stat()
	if err != nil {
		return err
	}
	now, ok := mine.Sys().(*syscall.Stat_t)
	if !ok || (now.Uid == st.Uid && now.Gid == st.Gid) {
		return nil
	}
	if err := tmp.Chown(int(st.Uid), int(st.Gid)); err != nil {
		return fmt.Errorf("%s belongs to user %d, group %d, which this user cannot give a new file; argmap replaces files whole: run it as the file's owner", target, st.Uid, st.Gid)
	}
	return nil
}
