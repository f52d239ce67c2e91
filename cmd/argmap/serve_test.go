package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
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
