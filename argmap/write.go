package argmap

import (
	"fmt"
	"os"
	"path/filepath"
)

// rename is os.Rename, a variable so that tests can make it fail.
var rename = os.Rename

// WriteFileAtomic writes data to path so that no reader ever sees half a
// file: it writes a temporary file in the same folder, syncs it, gives it
// the mode of the file it replaces (0644 for a new one) and renames it over
// path. On any error the temporary file is removed and the original, if
// any, is left as it was.
func WriteFileAtomic(path string, data []byte) (err error) {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file", path)
		}
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return rename(tmp.Name(), path)
}
