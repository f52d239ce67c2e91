package preview

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// start serves a Server that counts its builds over dir, on a free port.
func start(t *testing.T, dir string) (*Server, string, *atomic.Int32) {
	t.Helper()
	var builds atomic.Int32
	s := &Server{Dirs: []string{dir}, Settled: immediately, Build: func(v string) []byte {
		builds.Add(1)
		return []byte("page " + v)
	}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	deadline := time.Now().Add(5 * time.Second)
	for builds.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	return s, "http://" + ln.Addr().String() + "/", &builds
}

func get(t *testing.T, url, host string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestServerServesThePageAndNothingElse(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("secret"), 0o644)
	_, url, _ := start(t, dir)
	cases := []struct {
		name, path, host string
		status           int
	}{
		{"the page", "", "", http.StatusOK},
		{"a file in the watched folder", "secret.txt", "", http.StatusNotFound},
		{"a path out of the folder", "..%2f..%2fetc%2fpasswd", "", http.StatusNotFound},
		{"a foreign host name", "", "evil.example", http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := get(t, url+tc.path, tc.host)
			if status != tc.status {
				t.Errorf("status %d, want %d (%q)", status, tc.status, body)
			}
			if status == http.StatusOK && body != "page 1" {
				t.Errorf("page %q, want the first build", body)
			}
		})
	}
}

func TestServerBuildsOnceForABurstOfChanges(t *testing.T) {
	var builds atomic.Int32
	settle := make(chan time.Time)
	s := &Server{
		Build:   func(v string) []byte { builds.Add(1); return []byte("page " + v) },
		Settled: func() <-chan time.Time { return settle },
	}
	ctx, cancel := context.WithCancel(context.Background())
	trigger := make(chan struct{}) // unbuffered: each change is taken before the next is sent
	done := make(chan struct{})
	go func() { s.buildLoop(ctx, trigger); close(done) }()
	defer func() { cancel(); <-done }()

	for burst, changes := range []int{20, 3, 1} {
		_, _, changed := s.Current()
		for range changes {
			trigger <- struct{}{}
		}
		settle <- time.Time{}
		<-changed
		version, page, _ := s.Current()
		if want := strconv.Itoa(burst + 1); version != want || string(page) != "page "+want {
			t.Errorf("after burst %d of %d changes: version %s, page %q; want version %s", burst+1, changes, version, page, want)
		}
		select {
		case settle <- time.Time{}:
			t.Errorf("after burst %d the server waited to build again with no change since", burst+1)
		default:
		}
	}
	if n := builds.Load(); n != 3 {
		t.Errorf("3 bursts of changes cost %d builds, want 3", n)
	}
}

func TestServerBuildsAfterAFileChanges(t *testing.T) {
	dir := t.TempDir()
	s, _, _ := start(t, dir)
	_, _, changed := s.Current()
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("units: []"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	case <-time.After(10 * time.Second):
		t.Fatal("no build within 10s of a change")
	}
}

func TestServeReturnsOnlyOnceItsBuildHasEnded(t *testing.T) {
	dir := t.TempDir()
	building, release := make(chan struct{}), make(chan struct{})
	var ended atomic.Bool
	var once sync.Once
	s := &Server{Dirs: []string{dir}, Settled: immediately, Build: func(v string) []byte {
		if v != "1" {
			once.Do(func() { close(building) })
			<-release
			ended.Store(true)
		}
		return []byte("page " + v)
	}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	for {
		if v, _, _ := s.Current(); v == "1" {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	<-building
	cancel()
	select {
	case <-served:
		t.Fatal("Serve returned while a build was still running")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if !ended.Load() {
		t.Error("Serve returned before its build ended")
	}
}

// immediately settles every change at once.
func immediately() <-chan time.Time {
	c := make(chan time.Time, 1)
	c <- time.Time{}
	return c
}

func TestServerAnswersOnlyToItsOwnHostNamesOnEveryBind(t *testing.T) {
	machine := interfaceIPs()
	var external net.IP // an address of this machine that is not loopback
	for _, ip := range machine {
		if !ip.IsLoopback() && ip.To4() != nil {
			external = ip
			break
		}
	}
	type request struct {
		host string
		ok   bool
	}
	common := []request{
		{"evil.example", false},
		{"evil.example:8080", false},
		{"localhost:8080", true},
		{"LOCALHOST.", true},
		{"127.0.0.1:8080", true},
		{"[::1]:8080", true},
		{"reader.example", true}, // given in AllowHosts
		{"reader.example.evil.example", false},
		{"203.0.113.9", false}, // an address of no interface here
	}
	binds := []struct {
		name  string
		addr  *net.TCPAddr
		extra []request
	}{
		{"loopback IPv4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}, nil},
		{"loopback IPv6", &net.TCPAddr{IP: net.IPv6loopback}, nil},
		{"every interface", &net.TCPAddr{IP: net.IPv4zero}, nil},
		{"every interface, IPv6", &net.TCPAddr{IP: net.IPv6unspecified}, nil},
	}
	if external != nil {
		binds = append(binds, struct {
			name  string
			addr  *net.TCPAddr
			extra []request
		}{"one interface", &net.TCPAddr{IP: external}, []request{{net.JoinHostPort(external.String(), "80"), true}}})
		binds[2].extra = []request{{external.String(), true}}
	}
	for _, b := range binds {
		for _, r := range append(common, b.extra...) {
			t.Run(b.name+" "+r.host, func(t *testing.T) {
				s := &Server{AllowHosts: []string{"Reader.Example"}, Build: func(string) []byte { return nil }}
				req := httptest.NewRequest("GET", "/", nil)
				req.Host = r.host
				rec := httptest.NewRecorder()
				s.Handler(b.addr).ServeHTTP(rec, req)
				if got := rec.Code == http.StatusOK; got != r.ok {
					t.Errorf("Host %q on %v: status %d, want served %v", r.host, b.addr, rec.Code, r.ok)
				}
			})
		}
	}
}

func TestServerOnEveryInterfaceRefusesAForeignHost(t *testing.T) {
	dir := t.TempDir()
	s := &Server{Dirs: []string{dir}, Settled: immediately, Build: func(v string) []byte { return []byte("page " + v) }}
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			t.Error(err)
		}
	}()
	url := "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)) + "/"
	if status, body := get(t, url, "evil.example"); status != http.StatusForbidden {
		t.Errorf("a foreign host got status %d (%q), want 403", status, body)
	}
	if status, _ := get(t, url, ""); status != http.StatusOK {
		t.Errorf("127.0.0.1 got status %d, want 200", status)
	}
}
