package gvcache_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// childExe is testdata/child built without the race detector, which makes
// compiling go-graphviz's module minutes slow. It stands for argmap: a
// process whose go-graphviz initialises before main.
var childExe string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gvcache-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		exe := filepath.Join(dir, "child")
		build := exec.Command("go", "build", "-o", exe, "./testdata/child")
		build.Env = append(os.Environ(), "GOFLAGS="+strings.ReplaceAll(os.Getenv("GOFLAGS"), "-race", ""))
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building testdata/child: %v\n%s", err, out)
			return 1
		}
		childExe = exe
		return m.Run()
	}()
	os.Exit(code)
}

type result struct {
	ok             bool
	stdout, stderr string
}

// child runs the test binary as an argmap process with the given TMPDIR.
func child(t *testing.T, exe, tmpdir string, uid int, env ...string) result {
	t.Helper()
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmpdir, "ARGMAP_GVCACHE=")
	cmd.Env = append(cmd.Env, env...)
	if uid >= 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(uid)}}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{ok: err == nil, stdout: stdout.String(), stderr: stderr.String()}
	if r.ok && !strings.Contains(r.stdout, "<svg") {
		t.Errorf("child exited 0 without an SVG:\n%s", r.stdout)
	}
	return r
}

func (r result) line(key string) string {
	for _, l := range strings.Split(r.stdout, "\n") {
		if v, ok := strings.CutPrefix(l, key+"="); ok {
			return v
		}
	}
	return ""
}

// cacheFiles returns the compiled modules go-graphviz left under tmpdir.
func cacheFiles(t *testing.T, tmpdir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(tmpdir, "go-graphviz", "wazero-*", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no compilation cache under %s (%v)", tmpdir, err)
	}
	return files
}

func TestCorruptCacheDoesNotStopArgmap(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles go-graphviz's module in child processes")
	}
	exe := childExe
	// One cold start makes the cache every case then corrupts a copy of.
	pristine := t.TempDir()
	if r := child(t, exe, pristine, -1); !r.ok {
		t.Fatalf("first run failed:\n%s", r.stderr)
	}
	for _, tc := range []struct {
		name    string
		corrupt func(path string) error
	}{
		{"garbage", func(p string) error { return os.WriteFile(p, bytes.Repeat([]byte("garbage!"), 1000), 0o600) }},
		{"truncated", func(p string) error { return os.Truncate(p, 4096) }},
		{"empty", func(p string) error { return os.Truncate(p, 0) }},
		{"flipped code byte", func(p string) error {
			f, err := os.OpenFile(p, os.O_RDWR, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt([]byte{0xcc, 0xcc, 0xcc, 0xcc}, 100_000)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			copyDir(t, pristine, tmp)
			files := cacheFiles(t, tmp)
			for _, f := range files {
				if err := tc.corrupt(f); err != nil {
					t.Fatal(err)
				}
			}
			// Without gvcache go-graphviz panics before main.
			if r := child(t, exe, tmp, -1, "ARGMAP_GVCACHE=off"); r.ok || !strings.Contains(r.stderr, "panic") {
				t.Errorf("without gvcache the corrupt cache did not panic (exit ok: %v):\n%.300s", r.ok, r.stderr)
			}
			r := child(t, exe, tmp, -1)
			if !r.ok {
				t.Fatalf("with a corrupt cache argmap failed:\n%.2000s", r.stderr)
			}
			if got, want := r.line("tmpdir"), tmp; got != want {
				t.Errorf("TMPDIR after start-up is %q, want it restored to %q", got, want)
			}
			// The corrupt file was replaced by a good one.
			if r := child(t, exe, tmp, -1, "ARGMAP_GVCACHE=off"); !r.ok {
				t.Errorf("the cache is still corrupt after a run:\n%.300s", r.stderr)
			}
		})
	}
}

func TestCacheOfAnotherUserDoesNotStopArgmap(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles go-graphviz's module in child processes")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a cache owned by another user and run as that user")
	}
	const nobody = 65534
	exe := copyExecutable(t)
	tmp := sharedDir(t, 0o1777)
	if r := child(t, exe, tmp, -1); !r.ok {
		t.Fatalf("first run as root failed:\n%s", r.stderr)
	}
	cacheFiles(t, tmp)
	userCache := sharedDir(t, 0o755)
	if err := os.Chown(userCache, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	env := []string{"XDG_CACHE_HOME=" + userCache, "HOME=/nonexistent"}

	t.Run("another user runs argmap after root", func(t *testing.T) {
		// Root's cache files sit in a 0700 directory: go-graphviz
		// cannot open them and panics.
		if r := child(t, exe, tmp, nobody, append(env, "ARGMAP_GVCACHE=off")...); r.ok || !strings.Contains(r.stderr, "panic") {
			t.Errorf("without gvcache root's cache did not panic (exit ok: %v):\n%.300s", r.ok, r.stderr)
		}
		r := child(t, exe, tmp, nobody, env...)
		if !r.ok {
			t.Fatalf("argmap as another user failed:\n%.2000s", r.stderr)
		}
		if got, want := r.line("dir"), filepath.Join(userCache, "argmap", "graphviz-tmp", "go-graphviz"); got != want {
			t.Errorf("cache directory is %q, want the private %q", got, want)
		}
	})

	t.Run("root runs argmap with a cache owned by nobody", func(t *testing.T) {
		// Root could read it, but trusting native code another user
		// can write is unsafe: gvcache moves away from it.
		if err := filepath.Walk(filepath.Join(tmp, "go-graphviz"), func(p string, _ os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			return os.Chown(p, nobody, nobody)
		}); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(tmp, "go-graphviz"), 0o700); err != nil {
			t.Fatal(err)
		}
		rootCache := t.TempDir()
		r := child(t, exe, tmp, -1, "XDG_CACHE_HOME="+rootCache)
		if !r.ok {
			t.Fatalf("argmap as root failed:\n%.2000s", r.stderr)
		}
		if got := r.line("dir"); !strings.HasPrefix(got, rootCache) {
			t.Errorf("cache directory is %q, want one under %q", got, rootCache)
		}
	})
}

func TestUnreadableCacheDoesNotStopArgmap(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles go-graphviz's module in child processes")
	}
	if os.Geteuid() == 0 {
		t.Skip("root reads any file; TestCacheOfAnotherUserDoesNotStopArgmap covers this as root")
	}
	exe := childExe
	tmp := t.TempDir()
	if r := child(t, exe, tmp, -1); !r.ok {
		t.Fatalf("first run failed:\n%s", r.stderr)
	}
	for _, f := range cacheFiles(t, tmp) {
		if err := os.Chmod(f, 0); err != nil {
			t.Fatal(err)
		}
	}
	if r := child(t, exe, tmp, -1, "ARGMAP_GVCACHE=off"); r.ok || !strings.Contains(r.stderr, "panic") {
		t.Errorf("without gvcache the unreadable cache did not panic (exit ok: %v):\n%.300s", r.ok, r.stderr)
	}
	if r := child(t, exe, tmp, -1, "XDG_CACHE_HOME="+t.TempDir()); !r.ok {
		t.Fatalf("argmap with an unreadable cache failed:\n%.2000s", r.stderr)
	}
}

// copyDir copies the tree at src into dst, keeping modes.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, info.Mode().Perm())
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// copyExecutable copies the child binary where another user can run it.
func copyExecutable(t *testing.T) string {
	t.Helper()
	src, err := os.Open(childExe)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(sharedDir(t, 0o755), "argmap.test")
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// sharedDir makes a directory other users can reach, since t.TempDir's
// parents are private to the test's user.
func sharedDir(t *testing.T, mode os.FileMode) string {
	t.Helper()
	dir, err := os.MkdirTemp("/tmp", "argmap-gvcache-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
	return dir
}
