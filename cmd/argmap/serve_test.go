package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// previewDir copies the small map into a fresh folder.
func previewDir(t *testing.T) (dir, file string, data []byte) {
	t.Helper()
	data, err := os.ReadFile(smallMap)
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	file = filepath.Join(dir, "small.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file, data
}

func get(t *testing.T, url string, host string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
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

// waitPage polls the page until it contains want.
func waitPage(t *testing.T, url, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := get(t, url, "")
		if strings.Contains(body, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page never showed %q", want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServeServesOnlyItsOwnRoutes(t *testing.T) {
	dir, _, _ := previewDir(t)
	url, _ := startPreview(t, dir)
	cases := []struct {
		name, path, host string
		want             int
	}{
		{"the page is served", "", "", http.StatusOK},
		{"a file beside the annotations is not", "small.yaml", "", http.StatusNotFound},
		{"a path out of the folder is not", "..%2f..%2fgo.mod", "", http.StatusNotFound},
		{"an asset name is not", "reader.css", "", http.StatusNotFound},
		{"a foreign host name is refused", "", "evil.example:80", http.StatusForbidden},
		{"localhost is accepted", "", "localhost:8080", http.StatusOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if code, _ := get(t, url+tc.path, tc.host); code != tc.want {
				t.Errorf("GET /%s: status %d, want %d", tc.path, code, tc.want)
			}
		})
	}
}

func TestServeShowsDiagnosticsThenRecovers(t *testing.T) {
	dir, file, data := previewDir(t)
	url, _ := startPreview(t, dir)
	waitPage(t, url, "Calling it serious and unfortunate is correct")
	saveByRename(t, file, bytes.Replace(data, []byte("kind: concession"), []byte("kind: concesion"), 1))
	waitPage(t, url, "The annotations do not validate")
	waitPage(t, url, filepath.Join(dir, "small.yaml")+":")
	if _, body := get(t, url, ""); strings.Contains(body, `id="letters"`) {
		t.Errorf("the page still shows the stale map beside the diagnostics")
	}
	saveByRename(t, file, data)
	waitPage(t, url, `id="letters"`)
}

// TestServeShowsTheLastOfABurstOfSaves checks that the page ends with the
// last save. How many builds a burst costs is render/preview's to test,
// without a clock.
func TestServeShowsTheLastOfABurstOfSaves(t *testing.T) {
	dir, file, data := previewDir(t)
	url, _ := startPreview(t, dir)
	for i := range 20 {
		edited := bytes.Replace(data, []byte("is correct"), []byte("is correct "+strconv.Itoa(i)), 1)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	waitPage(t, url, "is correct 19")
}

func TestServeEventsTellAStalePageToReload(t *testing.T) {
	dir, _, _ := previewDir(t)
	url, p := startPreview(t, dir)
	version, _, _ := p.Current()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"events?v=stale", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if sc.Text() == "event: reload" {
			if sc.Scan(); sc.Text() != "data: "+version {
				t.Errorf("reload carries %q, want version %s", sc.Text(), version)
			}
			return
		}
	}
	t.Fatalf("no reload event: %v", sc.Err())
}

func TestServeOnAPortInUseSaysToChooseAnother(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	dir, _, _ := previewDir(t)
	var stderr bytes.Buffer
	err = runServe(context.Background(), &stderr, &globalOptions{}, &serveOptions{addr: taken.Addr().String(), lang: "en", paths: []string{dir}})
	var exit *exitError
	if !errors.As(err, &exit) || exit.code != exitCannotRun {
		t.Fatalf("got %v, want exit status %d", err, exitCannotRun)
	}
	for _, want := range []string{"address already in use", "--port 8081", "--port 0"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
}

// TestServeAnswersOnlyItsOwnNamesOnEveryBind serves on loopback, on every
// interface and on one interface, and sends each a request for a foreign
// host, as a DNS-rebinding page would.
func TestServeAnswersOnlyItsOwnNamesOnEveryBind(t *testing.T) {
	hostname, _ := os.Hostname()
	binds := []struct {
		addr    string
		public  bool
		served  []string // host names served
		warning bool
	}{
		{"127.0.0.1:0", false, []string{"localhost", "127.0.0.1", "seminar.example"}, false},
		{"0.0.0.0:0", true, []string{"localhost", "127.0.0.1", "seminar.example", hostname}, true},
	}
	if ip := externalIPv4(); ip != "" {
		binds = append(binds, struct {
			addr    string
			public  bool
			served  []string
			warning bool
		}{net.JoinHostPort(ip, "0"), true, []string{ip, "seminar.example", hostname}, true})
	}
	for _, b := range binds {
		t.Run(b.addr, func(t *testing.T) {
			dir, _, _ := previewDir(t)
			p, err := newPreview(&globalOptions{}, []string{dir}, "en")
			if err != nil {
				t.Fatal(err)
			}
			opts := &serveOptions{addr: b.addr, public: b.public, allowHosts: []string{"seminar.example"}}
			if err := opts.resolveAddr(false, true); err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			ln, err := p.listen(&stderr, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(stderr.String(), "warning: serving on"); got != b.warning {
				t.Errorf("warning printed: %v, want %v:\n%s", got, b.warning, stderr.String())
			}
			ctx, cancel := context.WithCancel(context.Background())
			served := make(chan error, 1)
			go func() { served <- p.Serve(ctx, ln) }()
			defer func() {
				cancel()
				if err := <-served; err != nil {
					t.Error(err)
				}
			}()
			url := "http://" + ln.Addr().String() + "/"
			if strings.HasPrefix(b.addr, "0.0.0.0") {
				url = "http://127.0.0.1:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port) + "/"
			}
			for _, host := range []string{"evil.example", "evil.example:80", "seminar.example.evil.example"} {
				if code, _ := get(t, url, host); code != http.StatusForbidden {
					t.Errorf("Host %q: status %d, want 403", host, code)
				}
			}
			for _, host := range b.served {
				if code, _ := get(t, url, host); code != http.StatusOK {
					t.Errorf("Host %q: status %d, want 200", host, code)
				}
			}
		})
	}
}

// externalIPv4 returns an IPv4 address of this machine beyond loopback, or
// "" when it has none.
func externalIPv4() string {
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	return ""
}
