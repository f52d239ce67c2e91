// Package gvcache keeps go-graphviz from panicking before main.
//
// go-graphviz compiles its WebAssembly module in the init function of
// github.com/goccy/go-graphviz/internal/wasm, with a wazero compilation cache
// in filepath.Join(os.TempDir(), "go-graphviz"). Any error from that cache is
// a panic, before main runs and before any error handling of ours can act:
//
//   - a corrupt or truncated cache file (wazero rejects it and the init
//     panics instead of recompiling);
//   - a cache left by another user in a shared /tmp: the files sit in a 0700
//     directory that we cannot read, so opening them fails. Such a cache is
//     also unsafe to trust, since its files are native code that wazero maps
//     executable.
//
// The init function here runs first and makes the cache safe: it checks that
// the cache directory belongs to the current user and is writable, and that
// every compiled module in it is structurally sound (header, sizes and the
// CRC-32C checksum wazero writes). It deletes corrupt files; when the
// directory itself cannot be trusted it points TMPDIR at a private directory
// under the user's cache directory, and when no usable place exists at all it
// points TMPDIR where go-graphviz cannot create a cache, so the module is
// compiled without one (slower, about half a second, but it starts).
// Restore puts TMPDIR back once go-graphviz has initialised.
//
// Go initialises a package after everything it imports and, among packages
// that are ready, in the order of their import paths. This package imports
// only the standard library, which go-graphviz imports too, and
// "github.com/argmap/..." sorts before "github.com/goccy/...", so this init
// always runs before go-graphviz's; package render imports it for that
// reason.
//
// Setting ARGMAP_GVCACHE=off skips the checks; tests use it to show the
// failures the checks prevent.
package gvcache

import (
	"bufio"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
)

// cacheName is the directory go-graphviz creates under os.TempDir.
const cacheName = "go-graphviz"

var (
	tempDirEnv    string
	hadTempDirEnv bool
	changedEnv    bool
	chosenDir     string
)

func init() {
	if os.Getenv("ARGMAP_GVCACHE") == "off" {
		chosenDir = filepath.Join(os.TempDir(), cacheName)
		return
	}
	tempDirEnv, hadTempDirEnv = os.LookupEnv(tempDirVar)
	chosenDir = prepare()
}

// prepare returns the cache directory go-graphviz will use, or "" when it
// will run without a cache, setting TMPDIR when the default is not safe.
func prepare() string {
	if base := os.TempDir(); usable(base) {
		return filepath.Join(base, cacheName)
	}
	if userCache, err := os.UserCacheDir(); err == nil {
		base := filepath.Join(userCache, "argmap", "graphviz-tmp")
		if err := os.MkdirAll(base, 0o700); err == nil && usable(base) {
			setTempDir(base)
			return filepath.Join(base, cacheName)
		}
	}
	setTempDir(noCacheTempDir)
	return ""
}

func setTempDir(dir string) {
	if os.Setenv(tempDirVar, dir) == nil {
		changedEnv = true
	}
}

// Dir returns the directory go-graphviz uses for its compilation cache, or ""
// when it runs without one.
func Dir() string {
	return chosenDir
}

// Restore gives the temporary-directory variable (TMPDIR on Unix) back the
// value it had when the program started. Call it once go-graphviz has
// initialised, so that temporary files and child processes see the user's
// setting.
func Restore() {
	if !changedEnv {
		return
	}
	changedEnv = false
	if hadTempDirEnv {
		os.Setenv(tempDirVar, tempDirEnv)
	} else {
		os.Unsetenv(tempDirVar)
	}
}

// usable reports whether go-graphviz can use base/go-graphviz as its cache
// without failing, deleting corrupt files on the way.
func usable(base string) bool {
	dir := filepath.Join(base, cacheName)
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		// go-graphviz creates the directory, or runs without a cache
		// when it cannot; a base we cannot write is better replaced by
		// one where the cache persists.
		return ownedDir(base, false) && writable(base)
	}
	if err != nil || !info.IsDir() || !ownedDir(dir, true) || !writable(dir) {
		return false
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		// Only this binary's wazero version is ever read; other
		// versions' directories are someone else's business.
		if e.Name() == versionDirName() && !usableVersionDir(filepath.Join(dir, e.Name())) {
			return false
		}
	}
	return true
}

// versionDirName is the subdirectory wazero keeps its files in, named as
// wazero's cache.go names it: wazero-<version>-<GOARCH>-<GOOS>, where the
// version is wazero's in the build information, or "dev" without one.
func versionDirName() string {
	version := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if strings.Contains(dep.Path, "github.com/tetratelabs/wazero") {
				version = dep.Version
			}
		}
		if version == "" || version == "(devel)" {
			version = info.Main.Version
		}
	}
	if version == "" || version == "(devel)" {
		version = "dev"
	}
	return "wazero-" + version + "-" + runtime.GOARCH + "-" + runtime.GOOS
}

// usableVersionDir checks one wazero-<version>-<arch>-<os> directory.
func usableVersionDir(dir string) bool {
	info, err := os.Lstat(dir)
	if err != nil || !info.IsDir() || !ownedDir(dir, true) || !writable(dir) {
		return false
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			continue // wazero's half-written files; it never reads them
		}
		path := filepath.Join(dir, e.Name())
		if e.Type().IsRegular() && owned(path) && validCompiledModule(path) {
			continue
		}
		if err := os.RemoveAll(path); err != nil {
			return false
		}
	}
	return true
}

// ownedDir reports whether dir belongs to the current user. A shared base
// such as /tmp (sticky, world-writable) is accepted when strict is false.
func ownedDir(dir string, strict bool) bool {
	if owned(dir) {
		return true
	}
	if strict {
		return false
	}
	info, err := os.Stat(dir)
	return err == nil && info.Mode()&fs.ModeSticky != 0
}

// writable reports whether files can be created in dir, by trying it: mode
// bits say nothing about root, ACLs or read-only mounts.
func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".argmap-probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	return os.Remove(name) == nil
}

// validCompiledModule reports whether path holds a compiled module in the
// layout wazero's compiler writes (internal/engine/wazevo/engine_cache.go):
// "WAZEVO", version length and version, function count, one offset per
// function, code length, code, CRC-32C of the code, source-map flag and
// optional source map, and nothing after it. It streams the file: the code is
// several megabytes.
func validCompiledModule(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false
	}
	m := moduleReader{r: bufio.NewReaderSize(f, 64<<10), size: uint64(info.Size())}
	magic := m.bytes(6)
	if string(magic) != "WAZEVO" {
		return false
	}
	versionLen := m.bytes(1)
	if versionLen == nil || !m.skip(uint64(versionLen[0])) {
		return false
	}
	functions, ok := m.u32()
	if !ok || !m.skip(uint64(functions)*8) {
		return false
	}
	codeLen, ok := m.u64()
	if !ok || codeLen > m.size-m.read {
		return false
	}
	sum := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	if n, err := io.CopyN(sum, m.r, int64(codeLen)); err != nil || uint64(n) != codeLen {
		return false
	}
	m.read += codeLen
	want, ok := m.u32()
	if !ok || sum.Sum32() != want {
		return false
	}
	flag := m.bytes(1)
	switch {
	case flag == nil:
		return false
	case flag[0] == 1:
		entries, ok := m.u64()
		if !ok || entries > (m.size-m.read)/16 || !m.skip(entries*16) {
			return false
		}
	case flag[0] != 0:
		return false
	}
	return m.read == m.size
}

// moduleReader reads a compiled module, counting bytes against its size so
// that no length field can make it read or allocate past the end.
type moduleReader struct {
	r    *bufio.Reader
	size uint64
	read uint64
}

func (m *moduleReader) bytes(n int) []byte {
	if uint64(n) > m.size-m.read {
		return nil
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(m.r, b); err != nil {
		return nil
	}
	m.read += uint64(n)
	return b
}

func (m *moduleReader) skip(n uint64) bool {
	if n > m.size-m.read {
		return false
	}
	if _, err := m.r.Discard(int(n)); err != nil {
		return false
	}
	m.read += n
	return true
}

func (m *moduleReader) u32() (uint32, bool) {
	b := m.bytes(4)
	if b == nil {
		return 0, false
	}
	return binary.LittleEndian.Uint32(b), true
}

func (m *moduleReader) u64() (uint64, bool) {
	b := m.bytes(8)
	if b == nil {
		return 0, false
	}
	return binary.LittleEndian.Uint64(b), true
}
