package argmap

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// IsAnnotationFile reports whether a file name has an annotation file's
// extension, .yaml or .yml. Only folders are filtered by it: a file named
// on the command line is read whatever its name.
func IsAnnotationFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// CollectInputs reads the annotation files that command-line arguments name.
// Each argument is a file, read whatever its name, or a folder, which
// stands for its *.yaml and *.yml files in name order, except a corpus
// manifest (corpus.yaml), which is never annotations; folders are not
// searched recursively, so that a folder of drafts or of another annotator's
// map inside the map's folder is never swept in by accident (name it to
// include it). A file named twice is read once. An unreadable path, or a
// folder without annotation files, is an error: the command cannot run.
//
// A file larger than MaxFileSize is read only up to one byte past the
// bound, enough for Validate to report it as file-too-large without
// holding the whole file in memory.
func CollectInputs(args []string) ([]Input, error) {
	var inputs []Input
	seen := map[string]bool{}
	add := func(name string) error {
		key := filepath.Clean(name)
		if seen[key] {
			return nil
		}
		seen[key] = true
		// Look before opening: opening a named pipe blocks until
		// someone writes to it.
		if err := requireRegular(name); err != nil {
			return err
		}
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := requireRegularFile(name, f); err != nil {
			return err
		}
		data, err := readBounded(f)
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		inputs = append(inputs, Input{Path: name, Data: data})
		return nil
	}
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			if err := add(arg); err != nil {
				return nil, err
			}
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, err
		}
		found, manifest := 0, false
		for _, e := range entries { // os.ReadDir sorts by name
			if e.IsDir() || !IsAnnotationFile(e.Name()) {
				continue
			}
			if e.Name() == ManifestFile {
				manifest = true // a corpus folder's manifest, never annotations
				continue
			}
			found++
			if err := add(filepath.Join(arg, e.Name())); err != nil {
				return nil, err
			}
		}
		switch {
		case found == 0 && manifest:
			return nil, fmt.Errorf("%s: no annotation files in this folder, only the corpus manifest %s; a corpus keeps its annotations in %s", arg, ManifestFile, filepath.Join(arg, "annotations"))
		case found == 0:
			return nil, fmt.Errorf("%s: no .yaml or .yml files in this folder", arg)
		}
	}
	return inputs, nil
}

// FSInputs reads the *.yaml and *.yml files at the root of fsys, in name
// order, such as an embedded map. Each input's path is prefix followed by
// the file's name ("annotations/" gives "annotations/armistice-1953.yaml").
func FSInputs(fsys fs.FS, prefix string) ([]Input, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && IsAnnotationFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	inputs := make([]Input, 0, len(names))
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		data, err := readBounded(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("reading %s%s: %w", prefix, name, err)
		}
		inputs = append(inputs, Input{Path: prefix + name, Data: data})
	}
	return inputs, nil
}

// requireRegular refuses a path that is not a regular file (following
// symbolic links): a folder, a named pipe, a device or a socket.
func requireRegular(name string) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file but %s", name, fileKind(info.Mode()))
	}
	return nil
}

// requireRegularFile checks an opened file again, in case the path was
// swapped between the look and the open.
func requireRegularFile(name string, f *os.File) error {
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file but %s", name, fileKind(info.Mode()))
	}
	return nil
}

// readBounded reads at most MaxFileSize+1 bytes: a file that long is too
// large whatever follows, and Validate says so.
func readBounded(r io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, MaxFileSize+1))
}

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
