package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"
)

// debounce is how long the preview waits after a change before it renders:
// an editor's save is often several events (write, rename, chmod), and a
// burst of saves should cost one render.
const debounce = 100 * time.Millisecond

type serveOptions struct {
	paths []string
	addr  string
	port  int
	lang  string
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

The server listens on 127.0.0.1 only, unless --addr names another address.
It serves the page and its update stream, nothing from the file system.
Ctrl-C stops it.`,
		Example: `  argmap serve
  argmap serve --port 9000 annotations/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if cmd.Flags().Changed("port") {
				if cmd.Flags().Changed("addr") {
					return usageError(errors.New("give --addr or --port, not both"))
				}
				opts.addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(opts.port))
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runServe(ctx, cmd.ErrOrStderr(), g, opts)
		},
	}
	cmd.Flags().StringVar(&opts.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	cmd.Flags().IntVar(&opts.port, "port", 8080, "listen on 127.0.0.1:`PORT`")
	cmd.Flags().StringVar(&opts.lang, "lang", "en", "language the page opens in: en, zh or both")
	return cmd
}

func runServe(ctx context.Context, stderr io.Writer, g *globalOptions, opts *serveOptions) error {
	if err := checkReaderLang(opts.lang); err != nil {
		return err
	}
	p, err := newPreview(g, opts.paths, opts.lang)
	if err != nil {
		return err
	}
	p.svg = childSVG
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return cannotRun(err)
	}
	fmt.Fprintf(stderr, "argmap: serving the reader at http://%s/ (Ctrl-C stops)\n", ln.Addr())
	if err := p.serve(ctx, ln); err != nil {
		return cannotRun(err)
	}
	return nil
}

// preview renders the reader from files on disk and keeps it current.
type preview struct {
	g     *globalOptions
	paths []string
	lang  string
	svg   func(dot []byte) ([]byte, error) // nil: render.SVG in this process

	// What to watch: folders, and which changes in them matter.
	dirs       []string
	files      map[string]bool // annotation files named on the command line
	annotDirs  map[string]bool // folders whose *.yaml and *.yml files count
	corpusDirs map[string]bool // the corpus folder and its subfolders: all files count

	mu      sync.Mutex
	version int
	page    []byte
	changed chan struct{} // closed when a new version is ready
}

// newPreview prepares a preview of the annotation files paths name (as
// readInputs reads them) over the corpus of g.
func newPreview(g *globalOptions, paths []string, lang string) (*preview, error) {
	p := &preview{g: g, paths: paths, lang: lang, files: map[string]bool{}, annotDirs: map[string]bool{},
		corpusDirs: map[string]bool{}, changed: make(chan struct{})}
	watchDir := map[string]bool{}
	addDir := func(dir string) {
		if !watchDir[dir] {
			watchDir[dir] = true
			p.dirs = append(p.dirs, dir)
		}
	}
	args := paths
	if len(args) == 0 {
		if info, err := os.Stat(defaultAnnotationsDir); err == nil && info.IsDir() {
			args = []string{defaultAnnotationsDir}
		}
	}
	for _, arg := range args {
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
	if g.corpusDir != "" {
		root, err := filepath.Abs(g.corpusDir)
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
func (p *preview) relevant(name string) bool {
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
func (p *preview) render(version string) []byte {
	opts := render.ReaderOptions{Lang: p.lang, Live: true, Version: version, SVG: p.svg}
	var buf bytes.Buffer
	problem := func(err error) []byte {
		buf.Reset()
		opts.Problem = err.Error()
		if err := render.Reader(&buf, nil, opts); err != nil {
			return []byte(err.Error())
		}
		return buf.Bytes()
	}
	g := p.g
	if g.corpusDir != "" {
		g = &globalOptions{corpusDir: g.corpusDir} // read the corpus afresh: it is watched
	}
	c, err := g.loadCorpus()
	if err != nil {
		return problem(err)
	}
	inputs, err := readInputs(p.paths)
	if err != nil {
		return problem(err)
	}
	m, ds := argmap.Validate(c, inputs)
	opts.Diagnostics, opts.Files = ds, m.Files
	if argmap.Fails(ds, false) {
		m = nil
	}
	if err := render.Reader(&buf, m, opts); err != nil {
		return problem(err)
	}
	return buf.Bytes()
}

// rebuild renders the next version and wakes the pages waiting for it.
func (p *preview) rebuild() {
	p.mu.Lock()
	next := p.version + 1
	p.mu.Unlock()
	page := p.render(strconv.Itoa(next))
	p.mu.Lock()
	p.version, p.page = next, page
	close(p.changed)
	p.changed = make(chan struct{})
	p.mu.Unlock()
}

func (p *preview) current() (version string, page []byte, changed <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strconv.Itoa(p.version), p.page, p.changed
}

// serve renders the page, serves it on ln and keeps it current until ctx
// ends, then shuts the server down.
func (p *preview) serve(ctx context.Context, ln net.Listener) error {
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching files: %w", err)
	}
	defer watcher.Close()
	for _, dir := range p.dirs {
		if err := watcher.Add(dir); err != nil {
			return fmt.Errorf("watching %s: %w", dir, err)
		}
	}
	p.rebuild()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	trigger := make(chan struct{}, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-watcher.Events:
				if !ok {
					return
				}
				if p.relevant(ev.Name) {
					select {
					case trigger <- struct{}{}:
					default:
					}
				}
			case _, ok := <-watcher.Errors:
				if !ok {
					return
				}
				// An overflow may have lost a change: render again.
				select {
				case trigger <- struct{}{}:
				default:
				}
			}
		}
	}()
	go p.renderLoop(ctx, trigger)

	srv := &http.Server{
		Handler:           p.handler(loopbackOnly(ln.Addr())),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx }, // ends event streams on shutdown
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	cancel()
	shutdown, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// renderLoop renders after each quiet spell of debounce following a change.
// Renders run one at a time here; changes during one start the next, which
// reads the files as they are then, so the latest state wins.
func (p *preview) renderLoop(ctx context.Context, trigger <-chan struct{}) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-trigger:
			timer.Reset(debounce)
		case <-timer.C:
			p.rebuild()
		}
	}
}

// loopbackOnly returns, for a server on a loopback address, a check that a
// request names a loopback host: a web page elsewhere cannot then reach the
// preview through a DNS name it rebinds to 127.0.0.1.
func loopbackOnly(addr net.Addr) func(host string) bool {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsLoopback() {
		return func(string) bool { return true }
	}
	return func(host string) bool {
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.Trim(host, "[]")
		if host == "localhost" {
			return true
		}
		ip := net.ParseIP(host)
		return ip != nil && ip.IsLoopback()
	}
}

// handler serves a fixed set of routes: the page and its event stream.
// Nothing from a request's path reaches the file system.
func (p *preview) handler(allowHost func(string) bool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		_, page, _ := p.current()
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(page)
	})
	mux.HandleFunc("GET /events", p.events)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowHost(r.Host) {
			http.Error(w, "forbidden host", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// events streams Server-Sent Events: a "reload" whenever the server's
// version differs from the one the page shows (?v=), at once if it already
// does, so that a save between loading the page and connecting is not lost.
func (p *preview) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	seen := r.URL.Query().Get("v")
	fmt.Fprint(w, "retry: 1000\n\n")
	flusher.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		version, _, changed := p.current()
		if version != seen {
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", version)
			flusher.Flush()
			seen = version
		}
		select {
		case <-r.Context().Done():
			return
		case <-changed:
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		}
	}
}
