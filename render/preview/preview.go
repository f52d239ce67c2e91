// Package preview serves a live HTML page: a builder makes the page, the
// server watches folders, builds the page again after changes settle, and
// tells open pages to reload through Server-Sent Events. It serves the page
// and its event stream only; nothing from a request reaches the file system.
//
// argmap serve uses it for the bilingual reader; the builder validates the
// annotations and draws the reader, or a page of diagnostics.
package preview

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long the server waits after a change before it
// builds, unless Server.Debounce says otherwise. An editor's save is
// several events within a millisecond or two (write, rename, chmod), and a
// burst of saves should cost one build; a person does not see 20 ms.
const DefaultDebounce = 20 * time.Millisecond

// Server keeps a page current. Set Dirs, Relevant and Build, then Serve.
type Server struct {
	// Dirs are the folders to watch.
	Dirs []string
	// Relevant reports whether a change to the named file can change the
	// page; nil means every change does.
	Relevant func(path string) bool
	// Build makes the page for a version number. It must not fail: a
	// problem becomes the page.
	Build func(version string) []byte
	// Debounce is how long changes must be quiet before a build; zero
	// means DefaultDebounce.
	Debounce time.Duration
	// AllowHosts are host names requests may carry besides loopback
	// names and the address the server listens on; see Handler.
	AllowHosts []string
	// Settled, when set, replaces the debounce timer: after a change the
	// server builds when the channel it returns for that change delivers.
	// Tests use it to say when changes have settled, without a clock.
	Settled func() <-chan time.Time

	mu      sync.Mutex
	version int
	page    []byte
	changed chan struct{} // closed when a new version is ready
}

// rebuild renders the next version and wakes the pages waiting for it.
func (p *Server) rebuild() {
	p.mu.Lock()
	next := p.version + 1
	p.mu.Unlock()
	page := p.Build(strconv.Itoa(next))
	p.mu.Lock()
	p.version, p.page = next, page
	if p.changed != nil {
		close(p.changed)
	}
	p.changed = make(chan struct{})
	p.mu.Unlock()
}

// Current returns the version and the page being served, and a channel
// closed when a newer one is ready.
func (p *Server) Current() (version string, page []byte, changed <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.changed == nil {
		p.changed = make(chan struct{})
	}
	return strconv.Itoa(p.version), p.page, p.changed
}

// Serve builds the page, serves it on ln and keeps it current until ctx
// ends, then shuts the server down.
func (p *Server) Serve(ctx context.Context, ln net.Listener) error {
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching files: %w", err)
	}
	defer watcher.Close()
	for _, dir := range p.Dirs {
		if err := watcher.Add(dir); err != nil {
			return fmt.Errorf("watching %s: %w", dir, err)
		}
	}
	p.rebuild()

	// Every goroutine started here ends before Serve returns: cancel
	// runs first, then the wait.
	var running sync.WaitGroup
	defer running.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	trigger := make(chan struct{}, 1)
	running.Go(func() { p.watch(ctx, watcher, trigger) })
	running.Go(func() { p.buildLoop(ctx, trigger) })

	srv := &http.Server{
		Handler:           p.Handler(ln.Addr()),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx }, // ends event streams on shutdown
	}
	done := make(chan error, 1)
	running.Go(func() { done <- srv.Serve(ln) })
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

// watch sends a trigger for every relevant change, and for every error,
// since an overflow may have lost a change. A trigger waiting to be taken
// stands for any number of changes.
func (p *Server) watch(ctx context.Context, watcher *fsnotify.Watcher, trigger chan<- struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-watcher.Events:
			if !ok {
				return
			}
			if p.Relevant != nil && !p.Relevant(ev.Name) {
				continue
			}
		case _, ok := <-watcher.Errors:
			if !ok {
				return
			}
		}
		select {
		case trigger <- struct{}{}:
		default:
		}
	}
}

// buildLoop builds once changes have settled: after the debounce following
// the last trigger. Builds run one at a time here; changes during one start
// the next, which reads the files as they are then, so the latest state
// wins.
func (p *Server) buildLoop(ctx context.Context, trigger <-chan struct{}) {
	settled := p.Settled
	if settled == nil {
		debounce := p.Debounce
		if debounce <= 0 {
			debounce = DefaultDebounce
		}
		settled = func() <-chan time.Time { return time.After(debounce) }
	}
	var quiet <-chan time.Time // nil, which never delivers, until a change
	for {
		select {
		case <-ctx.Done():
			return
		case <-trigger:
			quiet = settled()
		case <-quiet:
			quiet = nil
			p.rebuild()
		}
	}
}

// hostCheck returns the check of a request's Host header for a server
// listening on addr. It accepts loopback names (localhost, 127.0.0.0/8,
// ::1), the address the server listens on (for an unspecified address such
// as 0.0.0.0, every address of this machine's interfaces), and names. A web
// page elsewhere then cannot reach the server through a DNS name it
// rebinds to one of those addresses: its requests carry its own name.
func hostCheck(addr net.Addr, names []string) func(host string) bool {
	allowed := map[string]bool{"localhost": true}
	for _, n := range names {
		allowed[canonicalHost(n)] = true
	}
	var ips []net.IP
	if tcp, ok := addr.(*net.TCPAddr); ok {
		if tcp.IP.IsUnspecified() {
			ips = interfaceIPs()
		} else {
			ips = []net.IP{tcp.IP}
		}
	}
	return func(host string) bool {
		host = canonicalHost(host)
		if allowed[host] {
			return true
		}
		ip := net.ParseIP(host)
		if ip == nil {
			return false
		}
		if ip.IsLoopback() {
			return true
		}
		for _, a := range ips {
			if a.Equal(ip) {
				return true
			}
		}
		return false
	}
}

// canonicalHost is a Host header's name without its port, brackets,
// trailing dot and case.
func canonicalHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	return strings.ToLower(host)
}

// interfaceIPs returns the addresses of this machine's interfaces.
func interfaceIPs() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			ips = append(ips, n.IP)
		}
	}
	return ips
}

// Handler serves a fixed set of routes for a server listening on addr: the
// page and its event stream. Nothing from a request's path reaches the file
// system, and only requests whose Host the server answers to are served
// (see hostCheck): others get 403.
func (p *Server) Handler(addr net.Addr) http.Handler {
	allowHost := hostCheck(addr, p.AllowHosts)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		_, page, _ := p.Current()
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(page)
	})
	mux.HandleFunc("GET /events", p.events)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowHost(r.Host) {
			http.Error(w, "forbidden host "+strconv.Quote(r.Host)+": this server answers to localhost, its address and the names it was given", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// events streams Server-Sent Events: a "reload" whenever the server's
// version differs from the one the page shows (?v=), at once if it already
// does, so that a save between loading the page and connecting is not lost.
func (p *Server) events(w http.ResponseWriter, r *http.Request) {
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
		version, _, changed := p.Current()
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
