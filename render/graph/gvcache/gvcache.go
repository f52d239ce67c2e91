// Package gvcache gives go-graphviz a compilation cache that only argmap
// writes, so that no file in it can panic the program before main.
//
// go-graphviz compiles its WebAssembly module in the init function of
// github.com/goccy/go-graphviz/internal/wasm, with a wazero compilation cache
// in filepath.Join(os.TempDir(), "go-graphviz"). Any error from that cache is
// a panic, before main runs and before any error handling of ours can act: a
// corrupt or truncated file, a file of another wazero version, a directory of
// another user that cannot be read or written. Such a cache is also unsafe to
// trust, since its files are native code that wazero maps executable.
//
// The init function here runs first and points the temporary-directory
// variable (TMPDIR on Unix) at a directory of argmap's own:
//
//	$XDG_CACHE_HOME/argmap/graphviz/<key>   (os.UserCacheDir)
//
// (or, without a user cache folder, $TMPDIR/argmap-<uid>/graphviz/<key>),
// where <key> names the versions of go-graphviz and wazero this binary was
// built with (from its build information) and the platform, so that no
// other version's format is ever found there; the folders of other keys
// belong to other builds of argmap and are left alone. Each folder from
// argmap down is created with mode 0700 and must be a real directory (not
// a symbolic link) owned by the current user; one that others may read is
// closed to them. When wazero will have to write (no vouched file), the
// folder must also take a new file.
//
// This package never reads wazero's file format. Instead it keeps a seal
// beside the cache: the name, size and CRC-32C of every file go-graphviz's
// wazero left there, written by Finish (through a temporary file and a
// rename) once go-graphviz has initialised. Before go-graphviz starts, every
// file that the seal does not vouch for (changed, truncated, unknown, or not
// a regular file) is removed, so wazero compiles the module again, about
// half a second, instead of reading it. A file that cannot be removed, or a
// directory that cannot be trusted, means no cache at all: TMPDIR then
// points where go-graphviz cannot create one, and it compiles without.
// Finish gives TMPDIR back its value once go-graphviz has initialised.
//
// Go initialises a package after everything it imports and, among packages
// that are ready, in the order of their import paths. This package imports
// only the standard library, which go-graphviz imports too, and
// "github.com/argmap/..." sorts before "github.com/goccy/...", so this init
// always runs before go-graphviz's; package render/graph imports it for that
// reason, and a test checks the order in GODEBUG=inittrace=1's output.
//
// ARGMAP_GVCACHE=off leaves go-graphviz's own cache in the temporary
// directory alone; tests use it to show the failures the guard prevents.
// This package reads its environment in init because it must act before
// main.
package gvcache

import (
	"bufio"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	// graphvizDirName is the directory go-graphviz creates under
	// os.TempDir, and wazero its version directories under it.
	graphvizDirName = "go-graphviz"
	// sealName is the file, beside go-graphviz's directory, that lists
	// the cache files argmap has seen wazero write.
	sealName = "seal"
	// sealHeader is the first line of a seal, so that a seal of another
	// layout is never taken for this one.
	sealHeader = "argmap gvcache seal 1"
	// staleTemporary is how old one of wazero's half-written files must
	// be before it is removed: a younger one may belong to a process that
	// is writing it now.
	staleTemporary = time.Hour
)

// crcTable is the Castagnoli polynomial, which CPUs compute in hardware.
var crcTable = crc32.MakeTable(crc32.Castagnoli)

// guard is what init decided, for Finish and Dir.
var guard struct {
	base       string // argmap's folder for this build, or "" without a cache
	seal       seal   // the files vouched for when go-graphviz started
	oldTempDir string
	hadTempDir bool
	changedEnv bool
	finished   bool
}

func init() {
	if os.Getenv("ARGMAP_GVCACHE") == "off" {
		return
	}
	guard.oldTempDir, guard.hadTempDir = os.LookupEnv(tempDirVar)
	base, s, err := prepare()
	if err != nil {
		setTempDir(noCacheTempDir)
		return
	}
	guard.base, guard.seal = base, s
	setTempDir(base)
}

// prepare makes argmap's cache folder for this build, in the user's cache
// folder or else in a per-user folder of the temporary directory, and
// removes every file in it that the seal does not vouch for. It returns the
// folder and the seal that vouched for what is left.
func prepare() (string, seal, error) {
	var errs []error
	for _, root := range roots() {
		base, s, err := prepareIn(root)
		if err == nil {
			return base, s, nil
		}
		errs = append(errs, err)
	}
	return "", nil, errors.Join(errs...)
}

// roots returns where argmap's cache folder may go: argmap in the user's
// cache folder, else argmap-<uid> in the temporary directory, where the
// ownership check keeps out a folder another user made first.
func roots() []string {
	var out []string
	if userCache, err := os.UserCacheDir(); err == nil && filepath.IsAbs(userCache) && os.MkdirAll(userCache, 0o700) == nil {
		out = append(out, filepath.Join(userCache, "argmap"))
	}
	if tmp := os.TempDir(); filepath.IsAbs(tmp) {
		out = append(out, filepath.Join(tmp, "argmap-"+strconv.Itoa(os.Geteuid())))
	}
	return out
}

func prepareIn(root string) (string, seal, error) {
	base := root
	for _, name := range []string{"", "graphviz", buildKey()} {
		base = filepath.Join(base, name)
		if err := privateDir(base); err != nil {
			return "", nil, err
		}
	}
	s := readSeal(filepath.Join(base, sealName))
	kept, err := sweep(filepath.Join(base, graphvizDirName), s)
	if err != nil {
		return "", nil, err
	}
	if len(kept) == 0 {
		// wazero will write the module it compiles, and a failed
		// write is a panic too; a warm start writes nothing.
		if err := writable(base); err != nil {
			return "", nil, err
		}
	}
	return base, kept, nil
}

// buildKey names the versions whose cache format this binary reads:
// go-graphviz's (its WebAssembly module) and wazero's (the compiled code),
// and the platform. Versions missing from the build information, as in a
// build with a replace directive, read "dev".
func buildKey() string {
	graphviz, wazero := "dev", "dev"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Replace != nil {
				continue
			}
			switch dep.Path {
			case "github.com/goccy/go-graphviz":
				graphviz = dep.Version
			case "github.com/tetratelabs/wazero":
				wazero = dep.Version
			}
		}
	}
	key := "go-graphviz-" + graphviz + "-wazero-" + wazero + "-" + runtime.GOOS + "-" + runtime.GOARCH
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, key)
}

// privateDir makes dir with mode 0700 unless it exists, and checks that it
// is a directory, not a symbolic link, owned by the current user and closed
// to everyone else. A folder of ours that others may read is closed.
func privateDir(dir string) error {
	err := os.Mkdir(dir, 0o700)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	if !owned(info) {
		return fmt.Errorf("%s belongs to another user", dir)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return os.Chmod(dir, 0o700)
	}
	return nil
}

// writable reports whether files can be created in dir, by trying it: mode
// bits say nothing about root, ACLs or read-only mounts.
func writable(dir string) error {
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// sweep removes from go-graphviz's folder everything the seal does not
// vouch for, and returns the part of the seal that vouched for what is left.
// The folder holds one directory per wazero version, each holding files.
func sweep(dir string, s seal) (seal, error) {
	kept := seal{}
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return kept, nil
	}
	if err != nil {
		return nil, err
	}
	if ok, err := usableDir(dir, info); !ok {
		return kept, err
	}
	versions, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, v := range versions {
		vdir := filepath.Join(dir, v.Name())
		info, err := os.Lstat(vdir)
		if err != nil {
			return nil, err
		}
		if ok, err := usableDir(vdir, info); !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		files, err := os.ReadDir(vdir)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			name := v.Name() + "/" + f.Name()
			path := filepath.Join(vdir, f.Name())
			info, err := os.Lstat(path)
			if err != nil {
				return nil, err
			}
			if strings.HasSuffix(f.Name(), ".tmp") && info.Mode().IsRegular() && time.Since(info.ModTime()) < staleTemporary {
				continue // being written by wazero, which never reads it
			}
			if want, ok := s[name]; ok && info.Mode().IsRegular() && owned(info) && want.matches(path, info) {
				kept[name] = want
				continue
			}
			if err := os.RemoveAll(path); err != nil {
				return nil, err
			}
		}
	}
	return kept, nil
}

// usableDir reports whether wazero can read and write in dir, a folder of
// the cache: one that is not a directory of ours is removed, and one of ours
// that we may not enter or write is opened to us.
func usableDir(dir string, info fs.FileInfo) (bool, error) {
	if !info.IsDir() || !owned(info) {
		return false, os.RemoveAll(dir)
	}
	if info.Mode().Perm()&0o700 != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return false, err
		}
	}
	return true, nil
}

// sealEntry is what a seal knows of one file.
type sealEntry struct {
	size int64
	crc  uint32
}

// seal maps a cache file, as "<wazero directory>/<name>", to its entry.
type seal map[string]sealEntry

func (e sealEntry) matches(path string, info fs.FileInfo) bool {
	if info.Size() != e.size {
		return false
	}
	crc, size, err := checksum(path)
	return err == nil && size == e.size && crc == e.crc
}

func checksum(path string) (uint32, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	h := crc32.New(crcTable)
	n, err := io.Copy(h, f)
	return h.Sum32(), n, err
}

// readSeal reads a seal; a missing or malformed one vouches for nothing.
// Each line after the header is "<crc32c hex> <size> <name>".
func readSeal(path string) seal {
	s := seal{}
	f, err := os.Open(path)
	if err != nil {
		return s
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	if !lines.Scan() || lines.Text() != sealHeader {
		return seal{}
	}
	for lines.Scan() {
		fields := strings.SplitN(lines.Text(), " ", 3)
		if len(fields) != 3 || !validName(fields[2]) {
			return seal{}
		}
		crc, err1 := strconv.ParseUint(fields[0], 16, 32)
		size, err2 := strconv.ParseInt(fields[1], 10, 64)
		if err1 != nil || err2 != nil || size < 0 {
			return seal{}
		}
		s[fields[2]] = sealEntry{size: size, crc: uint32(crc)}
	}
	if lines.Err() != nil {
		return seal{}
	}
	return s
}

// validName reports whether name is "<directory>/<file>", as seals list
// them, with no other separator and no dot names.
func validName(name string) bool {
	dir, file, ok := strings.Cut(name, "/")
	return ok && dir != "" && file != "" && !strings.ContainsAny(file, `/\`) && !strings.Contains(dir, `\`) &&
		dir != "." && dir != ".." && file != "." && file != ".."
}

func (s seal) String() string {
	names := make([]string, 0, len(s))
	for name := range s {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(sealHeader + "\n")
	for _, name := range names {
		fmt.Fprintf(&b, "%08x %d %s\n", s[name].crc, s[name].size, name)
	}
	return b.String()
}

func setTempDir(dir string) {
	if os.Setenv(tempDirVar, dir) == nil {
		guard.changedEnv = true
	}
}

// Dir returns the directory go-graphviz uses for its compilation cache, or ""
// when argmap leaves it to go-graphviz (ARGMAP_GVCACHE=off) or runs it
// without one.
func Dir() string {
	if guard.base == "" {
		return ""
	}
	return filepath.Join(guard.base, graphvizDirName)
}

// Finish completes the guard once go-graphviz has initialised: it seals the
// files wazero wrote, when they changed, and gives the temporary-directory
// variable (TMPDIR on Unix) back the value it had when the program started,
// so that temporary files and child processes see the user's setting. Only
// the first call acts. A seal that cannot be written costs the next start a
// compilation, never a failure.
func Finish() {
	if guard.finished {
		return
	}
	guard.finished = true
	if guard.changedEnv {
		if guard.hadTempDir {
			os.Setenv(tempDirVar, guard.oldTempDir)
		} else {
			os.Unsetenv(tempDirVar)
		}
	}
	if guard.base != "" {
		writeSeal(guard.base, guard.seal)
	}
}

// writeSeal records the files now in the cache. Files the seal already
// vouched for keep their entries; new ones are summed. The seal is replaced
// through a temporary file and a rename, and only when it changed, so a
// start that compiled nothing writes nothing.
func writeSeal(base string, old seal) {
	now := seal{}
	dir := filepath.Join(base, graphvizDirName)
	versions, _ := os.ReadDir(dir)
	for _, v := range versions {
		files, _ := os.ReadDir(filepath.Join(dir, v.Name()))
		for _, f := range files {
			name := v.Name() + "/" + f.Name()
			if !f.Type().IsRegular() || strings.HasSuffix(f.Name(), ".tmp") {
				continue
			}
			path := filepath.Join(dir, v.Name(), f.Name())
			info, err := f.Info()
			if err != nil {
				continue
			}
			if e, ok := old[name]; ok && e.size == info.Size() {
				now[name] = e
				continue
			}
			if crc, size, err := checksum(path); err == nil {
				now[name] = sealEntry{size: size, crc: crc}
			}
		}
	}
	text := now.String()
	if text == old.String() {
		return
	}
	f, err := os.CreateTemp(base, ".seal-*")
	if err != nil {
		return
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(base, sealName))
	}
	if err != nil {
		os.Remove(f.Name())
	}
}
