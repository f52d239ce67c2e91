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
	cmd.Flags().StringVar(&opts.lang, "lang", "", "language the page opens in: any language of the corpus, or both (default: its first)")
	return cmd
}

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
	self, err := selfExecutable()
	if err != nil {
		return cannotRun(fmt.Errorf("finding argmap's executable for its svg-worker: %w", err))
	}
	p.svg = rememberSVG(childSVG(self))
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return cannotRun(err)
	}
	fmt.Fprintf(stderr, "argmap: serving the reader at http://%s/ (Ctrl-C stops)\n", ln.Addr())
	if err := p.Serve(ctx, ln); err != nil {
		return cannotRun(err)
	}
	return nil
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
