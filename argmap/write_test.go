//go:build unix

package argmap

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// writeFile writes a file for a test, with the given mode.
func writeFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestWriteFileAtomicReplacesWholeFiles(t *testing.T) {
	t.Run("replaces the content and keeps the mode", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		writeFile(t, path, "old\n", 0o600)
		if err := WriteFileAtomic(path, []byte("new\n"), nil); err != nil {
			t.Fatal(err)
		}
		info, _ := os.Stat(path)
		if got := readString(t, path); got != "new\n" || info.Mode().Perm() != 0o600 {
			t.Errorf("got %q mode %v, want \"new\\n\" mode 0600", got, info.Mode().Perm())
		}
		assertOnlyFile(t, dir, "map.yaml")
	})
	t.Run("leaves the original untouched when the rename fails", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		writeFile(t, path, "argmap: 1\n# original\n", 0o644)
		defer func(r func(string, string) error) { rename = r }(rename)
		rename = func(string, string) error { return errors.New("disk pulled out") }
		if err := WriteFileAtomic(path, []byte("new\n"), nil); err == nil {
			t.Fatal("WriteFileAtomic succeeded with a failing rename")
		}
		if got := readString(t, path); got != "argmap: 1\n# original\n" {
			t.Errorf("the original changed: %q", got)
		}
		assertOnlyFile(t, dir, "map.yaml")
	})
	t.Run("creates a new file with mode 0644", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "new.svg")
		if err := WriteFileAtomic(path, []byte("x"), nil); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil || info.Mode().Perm() != 0o644 {
			t.Errorf("new file: %v, mode %v", err, info.Mode().Perm())
		}
		assertOnlyFile(t, dir, "new.svg")
	})
	t.Run("refuses to replace a folder", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(filepath.Join(dir, "out"), []byte("x"), nil); err == nil {
			t.Error("a folder was replaced by a file")
		}
		assertOnlyFile(t, dir, "out")
	})
}

func TestWriteFileAtomicWritesThroughSymbolicLinks(t *testing.T) {
	cases := []struct {
		name   string
		links  map[string]string // link name: what it points to
		write  string            // the path written
		target string            // the file that must hold the new content
	}{
		{"a link named is written through, and stays a link", map[string]string{"link.yaml": "real.yaml"}, "link.yaml", "real.yaml"},
		{"a chain of links leads to the file", map[string]string{"a.yaml": "b.yaml", "b.yaml": "real.yaml"}, "a.yaml", "real.yaml"},
		{"a link to another folder writes there", map[string]string{"maps/link.yaml": "../store/real.yaml"}, "maps/link.yaml", "store/real.yaml"},
		{"a file in a linked folder is written in the real folder", map[string]string{"linked": "store"}, "linked/real.yaml", "store/real.yaml"},
		{"a dangling link creates the file it names", map[string]string{"link.yaml": "new.yaml"}, "link.yaml", "new.yaml"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, sub := range []string{"maps", "store"} {
				os.Mkdir(filepath.Join(dir, sub), 0o755)
			}
			writeFile(t, filepath.Join(dir, "real.yaml"), "old\n", 0o640)
			writeFile(t, filepath.Join(dir, "store/real.yaml"), "old\n", 0o640)
			for name, to := range tc.links {
				if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
					t.Fatal(err)
				}
			}
			if err := WriteFileAtomic(filepath.Join(dir, tc.write), []byte("new\n"), nil); err != nil {
				t.Fatal(err)
			}
			if got := readString(t, filepath.Join(dir, tc.target)); got != "new\n" {
				t.Errorf("%s holds %q, want the new content", tc.target, got)
			}
			for name, to := range tc.links {
				if got, err := os.Readlink(filepath.Join(dir, name)); err != nil || got != to {
					t.Errorf("%s is no longer a link to %s: %q, %v", name, to, got, err)
				}
			}
			entries, _ := os.ReadDir(filepath.Join(dir, filepath.Dir(tc.target)))
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".tmp") {
					t.Errorf("temporary file left: %s", e.Name())
				}
			}
		})
	}
	t.Run("a loop of links is an error, not a hang", func(t *testing.T) {
		dir := t.TempDir()
		os.Symlink("b", filepath.Join(dir, "a"))
		os.Symlink("a", filepath.Join(dir, "b"))
		if err := WriteFileAtomic(filepath.Join(dir, "a"), []byte("x"), nil); err == nil {
			t.Error("a loop of links was written")
		}
	})
}

func TestWriteFileAtomicRefusesAFileThatChangedSinceItWasRead(t *testing.T) {
	t.Run("an edit after fmt read the file is kept, and the write refused", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		writeFile(t, path, "units: []\n", 0o644)
		read := ContentState([]byte("units: []\n"))
		writeFile(t, path, "units: [] # an edit in the editor\n", 0o644)
		err := WriteFileAtomic(path, []byte("units: []\n"), read)
		if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), "changed on disk; run again") {
			t.Errorf("got %v, want ErrChanged", err)
		}
		if got := readString(t, path); got != "units: [] # an edit in the editor\n" {
			t.Errorf("the edit was lost: %q", got)
		}
		assertOnlyFile(t, dir, "map.yaml")
	})
	t.Run("a file as it was read is replaced", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		writeFile(t, path, "units:   []\n", 0o644)
		if err := WriteFileAtomic(path, []byte("units: []\n"), ContentState([]byte("units:   []\n"))); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a file removed after it was read is not recreated", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		if err := WriteFileAtomic(path, []byte("units: []\n"), ContentState([]byte("units: []\n"))); !errors.Is(err, ErrChanged) {
			t.Errorf("got %v, want ErrChanged", err)
		}
		assertOnlyFile(t, dir)
	})
	t.Run("an output created while the command ran is not overwritten", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.svg")
		start, err := StateOf(path)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, path, "another run's diagram", 0o644)
		if err := WriteFileAtomic(path, []byte("<svg/>"), start); !errors.Is(err, ErrChanged) {
			t.Errorf("got %v, want ErrChanged", err)
		}
	})
	t.Run("an output replaced while the command ran is not overwritten", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.svg")
		writeFile(t, path, "old", 0o644)
		start, err := StateOf(path)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, path+".new", "another run's diagram", 0o644)
		os.Rename(path+".new", path)
		if err := WriteFileAtomic(path, []byte("<svg/>"), start); !errors.Is(err, ErrChanged) {
			t.Errorf("got %v, want ErrChanged", err)
		}
	})
	t.Run("an output untouched while the command ran is replaced", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.svg")
		writeFile(t, path, "old", 0o644)
		start, err := StateOf(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(path, []byte("<svg/>"), start); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWriteFileAtomicKeepsWhatAReplacementWouldLose(t *testing.T) {
	t.Run("a read-only file is refused, as gofmt refuses it", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		writeFile(t, path, "old\n", 0o444)
		err := WriteFileAtomic(path, []byte("new\n"), nil)
		if err == nil || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("got %v, want a read-only error", err)
		}
		if got := readString(t, path); got != "old\n" {
			t.Errorf("a read-only file was rewritten: %q", got)
		}
	})
	t.Run("a file with a second hard link is refused, both names kept", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		writeFile(t, path, "old\n", 0o644)
		if err := os.Link(path, filepath.Join(dir, "copy.yaml")); err != nil {
			t.Skipf("no hard links here: %v", err)
		}
		err := WriteFileAtomic(path, []byte("new\n"), nil)
		if err == nil || !strings.Contains(err.Error(), "2 hard links") {
			t.Errorf("got %v, want a hard-link error", err)
		}
		a, _ := os.Stat(path)
		b, _ := os.Stat(filepath.Join(dir, "copy.yaml"))
		if !os.SameFile(a, b) || readString(t, path) != "old\n" {
			t.Error("the hard link was split")
		}
	})
	t.Run("the owner and group of a file are kept", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("only root can give a file to another user; as anyone else, the owner is the user's own")
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "map.yaml")
		writeFile(t, path, "old\n", 0o644)
		if err := os.Chown(path, 4321, 4322); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(path, []byte("new\n"), nil); err != nil {
			t.Fatal(err)
		}
		info, _ := os.Stat(path)
		st := info.Sys().(*syscall.Stat_t)
		if st.Uid != 4321 || st.Gid != 4322 || readString(t, path) != "new\n" {
			t.Errorf("owner %d:%d, want 4321:4322", st.Uid, st.Gid)
		}
	})
}

func TestContentStateComparesBytes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.yaml")
	writeFile(t, path, "abc", 0o644)
	for _, tc := range []struct {
		read string
		same bool
	}{{"abc", true}, {"ab", false}, {"abcd", false}, {"abd", false}} {
		same, err := ContentState([]byte(tc.read)).unchanged(path)
		if err != nil || same != tc.same {
			t.Errorf("read %q, file \"abc\": unchanged %v, %v; want %v", tc.read, same, err, tc.same)
		}
	}
}
