package argmap

import (
	"errors"
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

// StdinArg is the argument that stands for standard input, as in most
// command-line tools.
const StdinArg = "-"

// StdinName is the path diagnostics give standard input when it is not
// given a name of its own.
const StdinName = "<stdin>"

// Stdin is standard input as a source of annotations for CollectInputs.
type Stdin struct {
	// Reader is standard input; nil means the argument "-" is refused.
	Reader io.Reader
	// Name is the path diagnostics give the input, such as the file an
	// editor is formatting; empty means StdinName.
	Name string
}

// CollectInputs reads the annotation files that command-line arguments name.
// Each argument is a file, read whatever its name, or a folder, which
// stands for its *.yaml and *.yml files in name order, except a corpus
// manifest (corpus.yaml), which is never annotations; folders are not
// searched recursively, so that a folder of drafts or of another annotator's
// map inside the map's folder is never swept in by accident (name it to
// include it). The argument "-" (StdinArg) stands for stdin. A file named
// twice is read once. An unreadable path, or a folder without annotation
// files, is an error: the command cannot run.
//
// A file larger than MaxFileSize is read only up to one byte past the
// bound, enough for Validate to report it as file-too-large without
// holding the whole file in memory.
func CollectInputs(args []string, stdin Stdin) ([]Input, error) {
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
	readStdin := false
	for _, arg := range args {
		if arg == StdinArg {
			if stdin.Reader == nil {
				return nil, errors.New("this command does not read standard input (-)")
			}
			if readStdin {
				continue
			}
			readStdin = true
			data, err := readBounded(stdin.Reader)
			if err != nil {
				return nil, fmt.Errorf("reading standard input: %w", err)
			}
			name := stdin.Name
			if name == "" {
				name = StdinName
			}
			inputs = append(inputs, Input{Path: name, Data: data})
			continue
		}
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
