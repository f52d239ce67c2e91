package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/argmap/argmap/render/reader"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render/preview"
	"github.com/spf13/cobra"
)

type serveOptions struct {
	paths      []string
	addr       string
	port       int
	public     bool
	allowHosts []string
	lang       string
}

func newServeCommand(g *globalOptions) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [FILE|DIR ...]",
		Short: "Preview the reader in a browser, updated on every save",
		Long: `Serve the bilingual reader (as argmap html writes it) on this machine and
keep it current: the annotation files and the corpus folder are watched,
and on every save the map is validated and drawn again and the open page
updates itself. While the annotations do not validate, the page shows the
diagnostics instead of a stale map.

The server listens on 127.0.0.1 only. To serve other machines, give an
address beyond loopback with --addr (such as 0.0.0.0:8080) and --public:
anyone who can reach it then reads the annotations and the letters.
Whatever the address, the server answers only to requests for localhost,
its own address, and the names given with --allow-host, so that a web page
elsewhere cannot read it through a name it points at this machine.
It serves the page and its update stream, nothing from the file system.
Ctrl-C stops it.`,
		Example: `  argmap serve
  argmap serve --port 9000 annotations/
  argmap serve --addr 0.0.0.0:8080 --public --allow-host seminar.example.org`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if err := opts.resolveAddr(cmd.Flags().Changed("port"), cmd.Flags().Changed("addr")); err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runServe(ctx, cmd.ErrOrStderr(), g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`; beyond loopback only with --public")
	f.IntVar(&opts.port, "port", 8080, "listen on 127.0.0.1:`PORT` (0: any free port)")
	f.BoolVar(&opts.public, "public", false, "allow an --addr beyond loopback, reachable from other machines")
	f.StringSliceVar(&opts.allowHosts, "allow-host", nil, "also answer requests for host `NAME` (repeatable)")
	f.StringVar(&opts.lang, "lang", "", "language the page opens in: any language of the corpus, or both (default: its first)")
	cmd.ValidArgsFunction = completeAnnotationFiles
	completeFlag(cmd, "lang", g.completeLanguages("both"))
	return cmd
}

// resolveAddr checks --addr, --port and --public, and leaves in addr the
// address to listen on.
func (opts *serveOptions) resolveAddr(portGiven, addrGiven bool) error {
	if portGiven {
		if addrGiven {
			return usageError(errors.New("give --addr or --port, not both"))
		}
		if err := checkPort(strconv.Itoa(opts.port), "--port "+strconv.Itoa(opts.port)); err != nil {
			return err
		}
		opts.addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(opts.port))
	}
	host, port, err := net.SplitHostPort(opts.addr)
	if err != nil {
		return usageError(fmt.Errorf("--addr %q: give HOST:PORT, like --addr 127.0.0.1:8080", opts.addr))
	}
	if err := checkPort(port, fmt.Sprintf("--addr %q", opts.addr)); err != nil {
		return err
	}
	if !loopbackHost(host) && !opts.public {
		return usageError(fmt.Errorf("--addr %q listens beyond this machine: add --public to serve the reader to other machines, or use 127.0.0.1", opts.addr))
	}
	return nil
}

// checkPort refuses a port that is not a number from 0 to 65535.
func checkPort(port, what string) error {
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return usageError(fmt.Errorf("%s: a port is a number from 1 to 65535 (0 for any free port), like --port 8080", what))
	}
	return nil
}

// loopbackHost reports whether a listening host is this machine only:
// localhost or a loopback address. An empty host is every interface.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// warmSVGWorkers is how many drawing workers serve keeps started: one for
// each diagram of the reader, English and Chinese.
const warmSVGWorkers = 2

func runServe(ctx context.Context, stderr io.Writer, g *globalOptions, opts *serveOptions) error {
	c, err := g.loadCorpus()
	if err != nil {
		return err
	}
	if opts.lang, err = corpusLang(c, opts.lang, "both"); err != nil {
		return err
	}
	noteEnglishFallback(stderr, c.Languages...)
	p, err := newPreview(g, opts.paths, opts.lang)
	if err != nil {
		return err
	}
	ln, err := p.listen(stderr, opts)
	if err != nil {
		return err
	}
	self, err := selfExecutable()
	if err != nil {
		ln.Close()
		return cannotRun(fmt.Errorf("finding argmap's executable for its svg-worker: %w", err))
	}
	workers := newSVGWorkers(self, warmSVGWorkers)
	defer workers.Close()
	p.svg = rememberSVG(workers.SVG)
	if err := p.Serve(ctx, ln); err != nil {
		return cannotRun(err)
	}
	return nil
}

// listen opens the address serve listens on, sets the host names the
// preview answers to, and says where it serves, with a warning when other
// machines can reach it.
func (p *readerPreview) listen(stderr io.Writer, opts *serveOptions) (net.Listener, error) {
	ln, err := net.Listen("tcp", opts.addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, cannotRun(fmt.Errorf("%w: another program listens there; choose another port with --port, such as --port 8081, or --port 0 for any free one", err))
	}
	if err != nil {
		return nil, cannotRun(err)
	}
	p.AllowHosts = opts.allowHosts
	bound := ln.Addr().(*net.TCPAddr)
	url := "http://" + bound.String() + "/"
	if !bound.IP.IsLoopback() {
		// Other machines name this one by its host name too.
		if name, err := os.Hostname(); err == nil {
			p.AllowHosts = append(p.AllowHosts, name)
		}
		fmt.Fprintf(stderr, "argmap: warning: serving on %s, reachable from other machines (--public): anyone who can reach it reads the annotations and the letters\n", bound)
		if bound.IP.IsUnspecified() {
			url = "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(bound.Port)) + "/ (and every address of this machine)"
		}
	}
	fmt.Fprintf(stderr, "argmap: serving the reader at %s; Ctrl-C stops\n", url)
	return ln, nil
}

// readerPreview renders the reader from files on disk and keeps it current.
type readerPreview struct {
	g     *globalOptions
	paths []string
	lang  string
	svg   func(dot []byte) ([]byte, error) // nil: graph.SVG in this process

	// Which changes in the watched folders matter.
	files      map[string]bool // annotation files named on the command line
	annotDirs  map[string]bool // folders whose *.yaml and *.yml files count
	corpusDirs map[string]bool // the corpus folder and its subfolders: all files count

	*preview.Server
}

// newPreview prepares a preview of the annotation files paths name (as
// readInputs reads them) over the corpus of g.
func newPreview(g *globalOptions, paths []string, lang string) (*readerPreview, error) {
	p := &readerPreview{g: g, paths: paths, lang: lang, files: map[string]bool{}, annotDirs: map[string]bool{},
		corpusDirs: map[string]bool{}}
	p.Server = &preview.Server{Relevant: p.relevant, Build: p.render}
	watchDir := map[string]bool{}
	addDir := func(dir string) {
		if !watchDir[dir] {
			watchDir[dir] = true
			p.Dirs = append(p.Dirs, dir)
		}
	}
	corpusDir := g.locateCorpus().dir
	args := paths
	if len(args) == 0 {
		dir := filepath.Join(corpusDir, defaultAnnotationsDir)
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			args = []string{dir}
		}
	}
	for _, arg := range args {
		if arg == argmap.StdinArg {
			return nil, usageError(errors.New("serve watches files and cannot read standard input (-): name the files"))
		}
		info, err := os.Stat(arg)
		if err != nil {
			return nil, cannotRun(err)
		}
		abs, err := filepath.Abs(arg)
		if err != nil {
			return nil, cannotRun(err)
		}
		if info.IsDir() {
			p.annotDirs[abs] = true
			addDir(abs)
		} else {
			p.files[abs] = true
			addDir(filepath.Dir(abs))
		}
	}
	if corpusDir != "" {
		root, err := filepath.Abs(corpusDir)
		if err != nil {
			return nil, cannotRun(err)
		}
		err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				p.corpusDirs[path] = true
				addDir(path)
			}
			return nil
		})
		if err != nil {
			return nil, cannotRun(fmt.Errorf("--corpus: %w", err))
		}
	}
	return p, nil
}

// relevant reports whether a change to the named file can change the page.
// Editors' swap and backup files do not.
func (p *readerPreview) relevant(name string) bool {
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".swx") || base == "4913" {
		return false
	}
	dir := filepath.Dir(name)
	return p.files[name] || p.corpusDirs[dir] || (p.annotDirs[dir] && argmap.IsAnnotationFile(base))
}

// render builds the page for a version: the reader when the map is valid,
// else the diagnostics. It never fails: a problem becomes the page.
func (p *readerPreview) render(version string) []byte {
	opts := reader.ReaderOptions{Lang: p.lang, Live: true, Version: version, SVG: p.svg}
	var buf bytes.Buffer
	problem := func(err error) []byte {
		buf.Reset()
		opts.Problem = err.Error()
		if err := reader.Reader(&buf, nil, opts); err != nil {
			return []byte(err.Error())
		}
		return buf.Bytes()
	}
	g := p.g
	if loc := g.locateCorpus(); loc.dir != "" {
		g = &globalOptions{location: loc} // read the corpus afresh: it is watched
	}
	c, err := g.loadCorpus()
	var invalid *invalidCorpusError
	if errors.As(err, &invalid) {
		opts.Diagnostics, opts.Files = invalid.Diagnostics, []*argmap.File{invalid.Manifest}
	}
	if err != nil {
		return problem(err)
	}
	inputs, err := g.mapInputs(p.paths)
	if err != nil {
		return problem(err)
	}
	m, ds := argmap.Validate(c, inputs)
	opts.Diagnostics, opts.Files = ds, m.Files
	if argmap.Fails(ds, false) {
		m = nil
	}
	if err := reader.Reader(&buf, m, opts); err != nil {
		return problem(err)
	}
	return buf.Bytes()
}
