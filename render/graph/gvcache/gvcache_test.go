//go:build unix

package gvcache_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
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

// process is where a child runs: its user cache folder (XDG_CACHE_HOME)
// and its temporary directory.
type process struct {
	exe       string
	cacheHome string
	tmpdir    string
	uid       int // -1: the test's own user
}

func newProcess(t *testing.T) process {
	return process{exe: childExe, cacheHome: t.TempDir(), tmpdir: t.TempDir(), uid: -1}
}

type result struct {
	ok             bool
	stdout, stderr string
}

// run starts the child as an argmap process and checks that a run that
// succeeds drew an SVG.
func (p process) run(t *testing.T, env ...string) result {
	t.Helper()
	cmd := exec.Command(p.exe)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+p.cacheHome, "TMPDIR="+p.tmpdir, "ARGMAP_GVCACHE=", "GODEBUG=")
	cmd.Env = append(cmd.Env, env...)
	if p.uid >= 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(p.uid), Gid: uint32(p.uid)}}
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

// unguarded runs the child without the guard, with go-graphviz's own cache
// in dir: what go-graphviz alone would make of the files there.
func (p process) unguarded(t *testing.T, dir string) result {
	t.Helper()
	return p.run(t, "ARGMAP_GVCACHE=off", "TMPDIR="+filepath.Dir(dir))
}

func (r result) line(key string) string {
	for _, l := range strings.Split(r.stdout, "\n") {
		if v, ok := strings.CutPrefix(l, key+"="); ok {
			return v
		}
	}
	return ""
}

// cacheDir runs the child once and returns the cache folder it used.
func (p process) cacheDir(t *testing.T) string {
	t.Helper()
	r := p.run(t)
	if !r.ok {
		t.Fatalf("first run failed:\n%s", r.stderr)
	}
	dir := r.line("dir")
	if dir == "" {
		t.Fatal("the first run used no cache")
	}
	cacheFiles(t, dir)
	return dir
}

// cacheFiles returns the compiled modules go-graphviz left in dir.
func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "wazero-*", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no compilation cache in %s (%v)", dir, err)
	}
	return files
}

func TestTheCacheLivesInAPrivateFolderKeyedOnTheVersions(t *testing.T) {
	p := newProcess(t)
	dir := p.cacheDir(t)
	base := filepath.Join(p.cacheHome, "argmap", "graphviz")
	key, err := filepath.Rel(base, filepath.Dir(dir))
	if err != nil || strings.Contains(key, string(filepath.Separator)) {
		t.Fatalf("cache folder %s is not a folder of %s", dir, base)
	}
	if !regexp.MustCompile(`^go-graphviz-v[0-9.]+-wazero-v[0-9.]+-[a-z0-9]+-[a-z0-9]+$`).MatchString(key) {
		t.Errorf("cache folder %q is not named after the go-graphviz and wazero versions", key)
	}
	for d := filepath.Dir(dir); d != p.cacheHome; d = filepath.Dir(d) {
		info, err := os.Lstat(d)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o700 {
			t.Errorf("%s has mode %v, want 0700", d, info.Mode().Perm())
		}
	}
	if entries, _ := os.ReadDir(p.tmpdir); len(entries) != 0 {
		t.Errorf("argmap left %d entries in TMPDIR, want none", len(entries))
	}
}

func TestASecondStartReusesTheCacheAndTouchesNothing(t *testing.T) {
	p := newProcess(t)
	cold := p.run(t, "GODEBUG=inittrace=1")
	if !cold.ok {
		t.Fatalf("first run failed:\n%s", cold.stderr)
	}
	dir := cold.line("dir")
	cacheFiles(t, dir)
	before := snapshot(t, p.cacheHome)
	warm := p.run(t, "GODEBUG=inittrace=1")
	if !warm.ok {
		t.Fatalf("second run failed:\n%s", warm.stderr)
	}
	if after := snapshot(t, p.cacheHome); after != before {
		t.Errorf("the second run changed the cache folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	// Compiling the module allocates far more than loading it: the
	// allocations of go-graphviz's init tell a warm start from a cold one
	// without a clock.
	coldBytes, warmBytes := initBytes(t, cold.stderr, graphvizInit), initBytes(t, warm.stderr, graphvizInit)
	if warmBytes*4 > coldBytes {
		t.Errorf("go-graphviz's init allocated %d bytes on the second start and %d on the first: the cache was not used", warmBytes, coldBytes)
	}
}

// The packages whose init functions must run in order.
const (
	guardInit    = "github.com/argmap/argmap/render/graph/gvcache"
	graphvizInit = "github.com/goccy/go-graphviz/internal/wasm"
)

// initTrace matches a line of GODEBUG=inittrace=1's output.
var initTrace = regexp.MustCompile(`^init (\S+) @[0-9.]+ ms, [0-9.]+ ms clock, (\d+) bytes, \d+ allocs$`)

// initBytes returns what a package's init allocated, from inittrace lines.
func initBytes(t *testing.T, stderr, pkg string) int {
	t.Helper()
	for _, line := range strings.Split(stderr, "\n") {
		if m := initTrace.FindStringSubmatch(line); m != nil && m[1] == pkg {
			n, _ := strconv.Atoi(m[2])
			return n
		}
	}
	t.Fatalf("no inittrace line for %s in:\n%.2000s", pkg, stderr)
	return 0
}

func TestTheGuardRunsBeforeGoGraphvizInitialises(t *testing.T) {
	r := newProcess(t).run(t, "GODEBUG=inittrace=1")
	if !r.ok {
		t.Fatalf("run failed:\n%s", r.stderr)
	}
	var order []string
	sc := bufio.NewScanner(strings.NewReader(r.stderr))
	for sc.Scan() {
		if m := initTrace.FindStringSubmatch(sc.Text()); m != nil {
			order = append(order, m[1])
		}
	}
	guard, graphviz := -1, -1
	for i, pkg := range order {
		switch pkg {
		case guardInit:
			guard = i
		case graphvizInit:
			graphviz = i
		}
	}
	if guard < 0 || graphviz < 0 {
		t.Fatalf("inittrace shows the guard at %d and go-graphviz at %d of:\n%s", guard, graphviz, strings.Join(order, "\n"))
	}
	if guard > graphviz {
		t.Errorf("go-graphviz initialised (%d) before the guard (%d)", graphviz, guard)
	}
}

func TestABadCacheCannotStopArgmap(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles go-graphviz's module in child processes")
	}
	// One cold start makes the cache every case then spoils a copy of.
	pristine := newProcess(t)
	pristineDir := pristine.cacheDir(t)
	rel, _ := filepath.Rel(pristine.cacheHome, pristineDir)
	eachFile := func(spoil func(path string) error) func(dir string) error {
		return func(dir string) error {
			for _, f := range cacheFiles(t, dir) {
				if err := spoil(f); err != nil {
					return err
				}
			}
			return nil
		}
	}
	for _, tc := range []struct {
		name string
		// spoil changes the cache in go-graphviz's folder dir.
		spoil func(dir string) error
		// panics says that go-graphviz alone fails on the spoilt cache.
		panics bool
	}{
		{"garbage", eachFile(func(p string) error {
			return os.WriteFile(p, bytes.Repeat([]byte("garbage!"), 1000), 0o600)
		}), true},
		{"truncated", eachFile(func(p string) error { return os.Truncate(p, 4096) }), true},
		{"empty", eachFile(func(p string) error { return os.Truncate(p, 0) }), true},
		{"flipped code byte", eachFile(func(p string) error {
			f, err := os.OpenFile(p, os.O_RDWR, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt([]byte{0xcc, 0xcc, 0xcc, 0xcc}, 100_000)
			return err
		}), true},
		{"unreadable", eachFile(func(p string) error { return os.Chmod(p, 0) }), os.Geteuid() != 0},
		{"a symbolic link in place of the module", eachFile(func(p string) error {
			garbage := p + ".target"
			if err := os.WriteFile(garbage, []byte("garbage"), 0o600); err != nil {
				return err
			}
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.Symlink(garbage, p)
		}), true},
		{"a folder in place of the module", eachFile(func(p string) error {
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.Mkdir(p, 0o700)
		}), true},
		{"a version folder we may not write", func(dir string) error {
			for _, f := range cacheFiles(t, dir) {
				if err := os.Remove(f); err != nil {
					return err
				}
				if err := os.Chmod(filepath.Dir(f), 0o500); err != nil {
					return err
				}
			}
			return nil
		}, os.Geteuid() != 0},
		{"a file of another wazero version", func(dir string) error {
			other := filepath.Join(dir, "wazero-v9.9.9-amd64-linux")
			if err := os.Mkdir(other, 0o700); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(other, "0123"), []byte("WAZEVO garbage"), 0o600)
		}, false},
		{"a seal that vouches for a spoilt file", func(dir string) error {
			seal := filepath.Join(filepath.Dir(dir), "seal")
			data, err := os.ReadFile(seal)
			if err != nil {
				return err
			}
			var lines []string
			for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
				if i > 0 {
					line = "00000000 16" + line[strings.LastIndex(line, " "):]
				}
				lines = append(lines, line)
			}
			if err := os.WriteFile(seal, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
				return err
			}
			return eachFile(func(p string) error { return os.WriteFile(p, []byte("sixteen bytes!!!"), 0o600) })(dir)
		}, true},
		{"a garbled seal", func(dir string) error {
			return os.WriteFile(filepath.Join(filepath.Dir(dir), "seal"), []byte("\x00\xff garbage\n"), 0o600)
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newProcess(t)
			copyDir(t, pristine.cacheHome, p.cacheHome)
			dir := filepath.Join(p.cacheHome, rel)
			if err := tc.spoil(dir); err != nil {
				t.Fatal(err)
			}
			if tc.panics {
				if r := p.unguarded(t, dir); r.ok || !strings.Contains(r.stderr, "panic") {
					t.Errorf("without the guard the spoilt cache did not panic (exit ok: %v):\n%.300s", r.ok, r.stderr)
				}
			}
			r := p.run(t)
			if !r.ok {
				t.Fatalf("with a spoilt cache argmap failed:\n%.2000s", r.stderr)
			}
			if got, want := r.line("tmpdir"), p.tmpdir; got != want {
				t.Errorf("TMPDIR after start-up is %q, want it restored to %q", got, want)
			}
			if got := r.line("dir"); got != dir {
				t.Errorf("argmap used the cache in %q, want %q", got, dir)
			}
			// The spoilt file was replaced by a good one.
			if r := p.unguarded(t, dir); !r.ok {
				t.Errorf("the cache is still spoilt after a run:\n%.300s", r.stderr)
			}
		})
	}
}

func TestACacheFolderArgmapCannotTrustIsNotUsed(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles go-graphviz's module in child processes")
	}
	t.Run("a symbolic link to a folder elsewhere", func(t *testing.T) {
		p := newProcess(t)
		elsewhere := t.TempDir()
		if err := os.Symlink(elsewhere, filepath.Join(p.cacheHome, "argmap")); err != nil {
			t.Fatal(err)
		}
		r := p.run(t)
		if !r.ok {
			t.Fatalf("argmap failed:\n%.2000s", r.stderr)
		}
		want := filepath.Join(p.tmpdir, "argmap-"+strconv.Itoa(os.Geteuid()))
		if got := r.line("dir"); !strings.HasPrefix(got, want+string(filepath.Separator)) {
			t.Errorf("cache folder is %q, want one in %s", got, want)
		}
		if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
			t.Errorf("argmap wrote through the link into %s", elsewhere)
		}
	})
	t.Run("a folder others may read is closed", func(t *testing.T) {
		p := newProcess(t)
		if err := os.Mkdir(filepath.Join(p.cacheHome, "argmap"), 0o755); err != nil {
			t.Fatal(err)
		}
		if r := p.run(t); !r.ok || !strings.HasPrefix(r.line("dir"), filepath.Join(p.cacheHome, "argmap")) {
			t.Fatalf("argmap did not use its folder (dir %q):\n%.2000s", r.line("dir"), r.stderr)
		}
		info, err := os.Stat(filepath.Join(p.cacheHome, "argmap"))
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o700 {
			t.Errorf("argmap's folder has mode %v, want 0700", info.Mode().Perm())
		}
	})
	t.Run("no folder at all compiles without a cache", func(t *testing.T) {
		p := newProcess(t)
		for _, name := range []string{
			filepath.Join(p.cacheHome, "argmap"),
			filepath.Join(p.tmpdir, "argmap-"+strconv.Itoa(os.Geteuid())),
		} {
			if err := os.WriteFile(name, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		r := p.run(t)
		if !r.ok {
			t.Fatalf("argmap failed:\n%.2000s", r.stderr)
		}
		if got := r.line("dir"); got != "" {
			t.Errorf("cache folder is %q, want none", got)
		}
		if got, want := r.line("tmpdir"), p.tmpdir; got != want {
			t.Errorf("TMPDIR after start-up is %q, want it restored to %q", got, want)
		}
	})
}

func TestACacheFolderOfAnotherUserIsNotUsed(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles go-graphviz's module in child processes")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a folder to another user")
	}
	const nobody = 65534
	p := newProcess(t)
	for _, dir := range []string{
		filepath.Join(p.cacheHome, "argmap"),
		filepath.Join(p.tmpdir, "argmap-0"),
	} {
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(dir, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
	r := p.run(t)
	if !r.ok {
		t.Fatalf("argmap failed:\n%.2000s", r.stderr)
	}
	if got := r.line("dir"); got != "" {
		t.Errorf("argmap used %q, a folder of another user", got)
	}

	t.Run("another user runs argmap after root", func(t *testing.T) {
		// Root's cache is private: another user's argmap makes its own.
		root := newProcess(t)
		root.cacheDir(t)
		other := process{exe: copyExecutable(t), cacheHome: sharedDir(t, 0o700), tmpdir: sharedDir(t, 0o1777), uid: nobody}
		if err := os.Chown(other.cacheHome, nobody, nobody); err != nil {
			t.Fatal(err)
		}
		r := other.run(t)
		if !r.ok {
			t.Fatalf("argmap as another user failed:\n%.2000s", r.stderr)
		}
		if got := r.line("dir"); !strings.HasPrefix(got, other.cacheHome) {
			t.Errorf("cache folder is %q, want one in %s", got, other.cacheHome)
		}
	})
}

// snapshot describes every file and folder under dir with what a write
// would change: inode, size, modification time and mode.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		st := info.Sys().(*syscall.Stat_t)
		fmt.Fprintf(&b, "%s inode=%d size=%d mtime=%s ctime=%d.%09d mode=%v\n", p, st.Ino, info.Size(),
			info.ModTime().Format(time.RFC3339Nano), st.Ctim.Sec, st.Ctim.Nsec, info.Mode())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
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
