package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/argmap/argmap/render/graph"

	"github.com/spf13/cobra"
)

// workerMemoryLimit is the heap an SVG worker grows to before it collects
// garbage at all.
const workerMemoryLimit = 512 << 20

// maxWorkerDOT bounds the DOT the SVG worker reads from its input, and
// maxWorkerSVG the SVG the server reads back.
const (
	maxWorkerDOT = 64 << 20
	maxWorkerSVG = 256 << 20
)

// svgWorkerCommand is the hidden command `argmap svg-worker`: DOT on stdin,
// SVG on stdout as one frame (framedWriter). The preview server runs one
// for every diagram, so that the memory go-graphviz takes per render (it
// never frees it) goes back to the system with the child, and the server
// stays flat over any number of saves.
const svgWorkerCommand = "svg-worker"

func newSVGWorkerCommand() *cobra.Command {
	return &cobra.Command{
		Use:    svgWorkerCommand,
		Short:  "Lay out DOT from stdin and write SVG to stdout, after its length as 8 bytes (used by argmap serve)",
		Hidden: true,
		Args:   exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			// A worker lives for one diagram: collecting garbage before
			// it exits is wasted work on the path from a save to the
			// page. The collector runs only when the heap nears a bound.
			debug.SetGCPercent(-1)
			debug.SetMemoryLimit(workerMemoryLimit)
			// A worker is started ahead of need: setting up Graphviz
			// now, on a graph of one edge, takes that cost off the
			// diagram it waits for.
			if _, err := graph.SVG([]byte("digraph { a -> b }")); err != nil {
				return cannotRun(err)
			}
			dot, err := io.ReadAll(io.LimitReader(cmd.InOrStdin(), maxWorkerDOT+1))
			if err != nil {
				return cannotRun(err)
			}
			if len(dot) > maxWorkerDOT {
				return usageError(fmt.Errorf("%s: the DOT is larger than %d bytes", svgWorkerCommand, maxWorkerDOT))
			}
			// The SVG goes out framed by its length before Graphviz
			// frees its layout and before the worker exits: the server
			// takes it as soon as the last byte arrives.
			if err := graph.WriteSVG(framedWriter{cmd.OutOrStdout()}, dot); err != nil {
				return cannotRun(err)
			}
			return nil
		},
	}
}

// framedWriter writes each write as one frame: its length as 8 bytes, big
// endian, then the bytes. graph.WriteSVG writes the SVG in one write, so
// the worker's output is one frame.
type framedWriter struct{ w io.Writer }

func (f framedWriter) Write(p []byte) (int, error) {
	var length [8]byte
	binary.BigEndian.PutUint64(length[:], uint64(len(p)))
	if _, err := f.w.Write(length[:]); err != nil {
		return 0, err
	}
	return f.w.Write(p)
}

// readFrame reads one frame that framedWriter wrote, of at most limit
// bytes.
func readFrame(r io.Reader, limit int) ([]byte, error) {
	var length [8]byte
	if _, err := io.ReadFull(r, length[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint64(length[:])
	if n > uint64(limit) {
		return nil, fmt.Errorf("a frame of %d bytes, more than %d", n, limit)
	}
	frame := make([]byte, n)
	if _, err := io.ReadFull(r, frame); err != nil {
		return nil, err
	}
	return frame, nil
}

// svgWorkers draws diagrams through `argmap svg-worker` processes of an
// executable, each used for one diagram. It keeps workers started ahead of
// need: a worker initialises go-graphviz before it reads its input, so a
// diagram then costs its layout, not argmap's start-up.
type svgWorkers struct {
	self string
	warm int // how many started workers to keep waiting

	mu      sync.Mutex
	ready   []*svgWorker
	drawing int // workers taken and not yet done
	closed  bool
	exiting sync.WaitGroup // workers that have drawn, being reaped; Close waits for them
}

// svgWorker is one started `argmap svg-worker`, waiting for DOT.
type svgWorker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout io.ReadCloser
	stderr bytes.Buffer
}

// newSVGWorkers returns workers of the executable self, keeping warm of
// them started.
func newSVGWorkers(self string, warm int) *svgWorkers {
	w := &svgWorkers{self: self, warm: warm}
	w.fill()
	return w
}

func (w *svgWorkers) start() (*svgWorker, error) {
	sw := &svgWorker{cmd: exec.Command(w.self, svgWorkerCommand)}
	sw.cmd.Stderr = &sw.stderr
	stdin, err := sw.cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := sw.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	sw.stdin, sw.stdout = stdin, stdout
	if err := sw.cmd.Start(); err != nil {
		return nil, err
	}
	return sw, nil
}

// fill starts workers until warm of them wait. A worker that cannot start
// is not kept: take starts one itself and reports why.
func (w *svgWorkers) fill() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for !w.closed && len(w.ready) < w.warm {
		sw, err := w.start()
		if err != nil {
			return
		}
		w.ready = append(w.ready, sw)
	}
}

// take returns a waiting worker, or starts one.
func (w *svgWorkers) take() (*svgWorker, error) {
	w.mu.Lock()
	w.drawing++
	if n := len(w.ready); n > 0 {
		sw := w.ready[n-1]
		w.ready = w.ready[:n-1]
		w.mu.Unlock()
		return sw, nil
	}
	w.mu.Unlock()
	return w.start()
}

// SVG lays out dot in a worker and returns its SVG, then starts the next
// worker in the background. A worker that takes more than a minute is
// stopped.
func (w *svgWorkers) SVG(dot []byte) ([]byte, error) {
	sw, err := w.take()
	defer w.done()
	if err != nil {
		return nil, err
	}
	stop := time.AfterFunc(time.Minute, func() { sw.cmd.Process.Kill() })
	_, werr := sw.stdin.Write(dot)
	sw.stdin.Close()
	svg, rerr := readFrame(sw.stdout, maxWorkerSVG)
	if werr == nil && rerr == nil {
		// The worker has handed its SVG over and only frees and exits:
		// it is reaped while the page goes on, or at once after Close.
		reap := func() {
			defer stop.Stop()
			io.Copy(io.Discard, sw.stdout)
			sw.cmd.Wait()
		}
		w.mu.Lock()
		closed := w.closed
		if !closed {
			w.exiting.Go(reap)
		}
		w.mu.Unlock()
		if closed {
			reap()
		}
		return svg, nil
	}
	defer stop.Stop()
	io.Copy(io.Discard, sw.stdout)
	err = sw.cmd.Wait()
	msg := strings.TrimSpace(sw.stderr.String())
	if msg == "" {
		msg = errors.Join(err, werr, rerr).Error()
	}
	return nil, errors.New(msg)
}

// done ends a drawing. The workers used are replaced once the last drawing
// of a burst ends, not as each ends: a worker's start-up (go-graphviz's
// set-up, tens of milliseconds of CPU) would otherwise take a core from
// the layouts still running, the whole map's among them.
func (w *svgWorkers) done() {
	w.mu.Lock()
	w.drawing--
	last := w.drawing == 0
	w.mu.Unlock()
	if last {
		go w.fill()
	}
}

// Close stops the waiting workers, waits for those that have drawn to
// exit, and starts no more.
func (w *svgWorkers) Close() {
	w.mu.Lock()
	ready := w.ready
	w.ready, w.closed = nil, true
	w.mu.Unlock()
	for _, sw := range ready {
		sw.cmd.Process.Kill()
		sw.cmd.Wait()
	}
	w.exiting.Wait()
}

// rememberBudget bounds the bytes of SVG rememberSVG keeps: a page of the
// bundled map draws 22 diagrams (the whole map and each dispute, in two
// languages), 0.6 MB, so the budget holds the diagrams of many saves, and
// of a map dozens of times larger.
const rememberBudget = 32 << 20

// rememberSVG wraps a DOT-to-SVG function with a memory of its results, up
// to rememberBudget bytes, the least recently used forgotten first, so that
// a save costs the layout of the diagrams it changed only: a summary's
// unit is in the whole map and in a dispute or two, and the page holds
// every dispute in every language.
func rememberSVG(draw func(dot []byte) ([]byte, error)) func(dot []byte) ([]byte, error) {
	type remembered struct {
		svg     []byte
		lastUse uint64
	}
	var (
		mu     sync.Mutex
		memory = map[[sha256.Size]byte]*remembered{}
		bytes  int
		clock  uint64
	)
	return func(dot []byte) ([]byte, error) {
		key := sha256.Sum256(dot)
		mu.Lock()
		clock++
		if r, ok := memory[key]; ok {
			r.lastUse = clock
			mu.Unlock()
			return r.svg, nil
		}
		mu.Unlock()
		svg, err := draw(dot)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		defer mu.Unlock()
		if _, ok := memory[key]; !ok {
			memory[key] = &remembered{svg: svg, lastUse: clock}
			bytes += len(svg)
		}
		for bytes > rememberBudget && len(memory) > 1 {
			var oldest [sha256.Size]byte
			var oldestUse uint64
			first := true
			for k, r := range memory {
				if first || r.lastUse < oldestUse {
					oldest, oldestUse, first = k, r.lastUse, false
				}
			}
			bytes -= len(memory[oldest].svg)
			delete(memory, oldest)
		}
		return svg, nil
	}
}

// selfExecutable finds the running argmap: the command it was started as,
// when that resolves, else the executable the system reports.
func selfExecutable() (string, error) {
	if path, err := exec.LookPath(os.Args[0]); err == nil {
		return path, nil
	}
	return os.Executable()
}
