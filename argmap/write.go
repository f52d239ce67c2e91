package argmap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// rename is os.Rename, a variable so that tests can make it fail, or edit
// the file just before it is replaced.
var rename = os.Rename

// ErrChanged is returned by WriteFileAtomic when the file changed after
// the command read it: replacing it would lose that edit.
var ErrChanged = errors.New("changed on disk; run again")

// FileState is what a file was when a command read it, so that
// WriteFileAtomic can refuse to replace it once it is something else. It
// is either the bytes the command read (fmt compares what it formats with
// what is on disk) or the file's identity, size and time at one moment (-o
// notes its target when the command starts), which also records that
// there was no file.
type FileState struct {
	content []byte // the bytes read, when the state is a content
	byBytes bool
	info    fs.FileInfo // the file found, when the state is a moment; nil: none
}

// ContentState is the state of a file whose content the command read.
func ContentState(data []byte) *FileState { return &FileState{content: data, byBytes: true} }

// StateOf notes what path is now, following symbolic links: its identity,
// size and modification time, or that it does not exist.
func StateOf(path string) (*FileState, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &FileState{}, nil
	}
	if err != nil {
		return nil, err
	}
	return &FileState{info: info}, nil
}

// unchanged reports whether the file at path is still what s says.
func (s *FileState) unchanged(path string) (bool, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s.info == nil && !s.byBytes, nil
	}
	if err != nil {
		return false, err
	}
	if s.byBytes {
		f, err := os.Open(path)
		if err != nil {
			return false, err
		}
		defer f.Close()
		now, err := io.ReadAll(io.LimitReader(f, int64(len(s.content))+1))
		return err == nil && bytes.Equal(now, s.content), err
	}
	return s.info != nil && os.SameFile(s.info, info) && s.info.Size() == info.Size() && s.info.ModTime().Equal(info.ModTime()), nil
}

// maxLinks bounds how many symbolic links WriteFileAtomic follows, as the
// kernel does, so that a loop of links is an error and not a hang.
const maxLinks = 40

// WriteFileAtomic writes data to path so that no reader ever sees half a
// file and nothing is lost on the way:
//
//   - It writes a temporary file in the target's folder, syncs it, gives it
//     the mode (and, where the process may, the owner and group) of the file
//     it replaces, 0644 for a new one, and renames it over the target. On
//     any error the temporary file is removed and the target is left as it
//     was.
//   - A symbolic link is written through: the file it points to is
//     replaced, and the link stays a link.
//   - A file that is read-only (no write permission for anyone), that the
//     process may not write, whose owner or group it cannot keep, or that
//     has other hard links (which a replacement would split from it, still
//     holding the old text) is refused with an error that says so.
//   - When read is given, a file that no longer matches it is refused with
//     ErrChanged: someone edited it since the command read it.
func WriteFileAtomic(path string, data []byte, read *FileState) (err error) {
	target, err := resolveLinks(path)
	if err != nil {
		return err
	}
	info, err := os.Lstat(target)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	mode := os.FileMode(0o644)
	if exists {
		if err := replaceable(target, info); err != nil {
			return err
		}
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
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
	if exists {
		if err = keepOwner(tmp, target, info); err != nil {
			return err
		}
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if read != nil {
		same, err := read.unchanged(target)
		if err != nil {
			return err
		}
		if !same {
			return ErrChanged
		}
	}
	if err = rename(tmp.Name(), target); err != nil {
		return err
	}
	syncFolder(filepath.Dir(target))
	return nil
}

// resolveLinks follows path while it is a symbolic link and returns the
// file it leads to, which need not exist yet. Links in the folders above
// are left to the system, which follows them; only the last name, which
// the rename replaces, must not be a link.
func resolveLinks(path string) (string, error) {
	for range maxLinks {
		info, err := os.Lstat(path)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", fmt.Errorf("%s: more than %d symbolic links in a row", path, maxLinks)
}

// replaceable refuses a target that a rename over it would damage.
func replaceable(target string, info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file but %s", target, fileKind(info.Mode()))
	}
	if info.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("%s is read-only; make it writable (chmod u+w) to replace it", target)
	}
	if err := mayWrite(target); err != nil {
		return err
	}
	if n := hardLinks(info); n > 1 {
		return fmt.Errorf("%s has %d hard links; replacing it would split them, the other names keeping the old content: write a copy, or break the links first (cp %s %s.copy && mv %s.copy %s)",
			target, n, target, target, target, target)
	}
	return nil
}

// syncFolder makes a rename durable, where the system allows it; a
// failure costs durability after a crash, never the file.
func syncFolder(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
