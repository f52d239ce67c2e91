package preview

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// start serves a Server that counts its builds over dir, on a free port.
func start(t *testing.T, dir string) (*Server, string, *atomic.Int32) {
	t.Helper()
	var builds atomic.Int32
	s := &Server{Dirs: []string{dir}, Build: func(v string) []byte {
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
	dir := t.TempDir()
	s, _, builds := start(t, dir)
	before, _, changed := s.Current()
	for i := 0; i < 20; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d", i%3)), []byte(fmt.Sprint(i)), 0o644)
		time.Sleep(2 * time.Millisecond)
	}
	select {
	case <-changed:
	case <-time.After(5 * time.Second):
		t.Fatal("no build after the files changed")
	}
	time.Sleep(3 * Debounce)
	after, page, _ := s.Current()
	if after == before || string(page) != "page "+after {
		t.Errorf("version %s → %s, page %q", before, after, page)
	}
	if n := builds.Load(); n > 3 {
		t.Errorf("20 changes in 40 ms cost %d builds, want at most 3 (the first page, then one or two)", n)
	}
}
