package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/argmap/argmap/render/graph"

	"github.com/spf13/cobra"
)

// maxWorkerDOT bounds the DOT the SVG worker reads from its input.
const maxWorkerDOT = 64 << 20

// svgWorkerCommand is the hidden command `argmap svg-worker`: DOT on stdin,
// SVG on stdout. The preview server runs it for every diagram, so that the
// memory go-graphviz takes per render (it never frees it) goes back to the
// system with the child, and the server stays flat over any number of saves.
const svgWorkerCommand = "svg-worker"

func newSVGWorkerCommand() *cobra.Command {
	return &cobra.Command{
		Use:    svgWorkerCommand,
		Short:  "Lay out DOT from stdin and write SVG to stdout (used by argmap serve)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dot, err := io.ReadAll(io.LimitReader(cmd.InOrStdin(), maxWorkerDOT+1))
			if err != nil {
				return cannotRun(err)
			}
			if len(dot) > maxWorkerDOT {
				return usageError(fmt.Errorf("%s: the DOT is larger than %d bytes", svgWorkerCommand, maxWorkerDOT))
			}
			svg, err := graph.SVG(dot)
			if err != nil {
				return cannotRun(err)
			}
			_, err = cmd.OutOrStdout().Write(svg)
			return err
		},
	}
}

// childSVG returns a DOT-to-SVG function that runs `argmap svg-worker` of
// the executable self for each diagram.
func childSVG(self string) func(dot []byte) ([]byte, error) {
	return func(dot []byte) ([]byte, error) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, self, svgWorkerCommand)
		cmd.Stdin = bytes.NewReader(dot)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			msg := strings.TrimSpace(stderr.String())
			if msg == "" {
				msg = err.Error()
			}
			return nil, errors.New(msg)
		}
		return stdout.Bytes(), nil
	}
}

// rememberSVG wraps a DOT-to-SVG function with a memory of its last
// results, so that a save which leaves a diagram as it was (a note, a quote
// in the other language) costs no layout.
func rememberSVG(draw func(dot []byte) ([]byte, error)) func(dot []byte) ([]byte, error) {
	const keep = 8 // two languages, a few versions back
	var mu sync.Mutex
	memory := map[[sha256.Size]byte][]byte{}
	return func(dot []byte) ([]byte, error) {
		key := sha256.Sum256(dot)
		mu.Lock()
		svg, ok := memory[key]
		mu.Unlock()
		if ok {
			return svg, nil
		}
		svg, err := draw(dot)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		if len(memory) >= keep {
			clear(memory)
		}
		memory[key] = svg
		mu.Unlock()
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
