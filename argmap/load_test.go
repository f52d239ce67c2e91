package argmap

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestParseFilesHandsEveryFileOverInOrder(t *testing.T) {
	var inputs []Input
	for i := range 100 {
		// Sizes vary, so that later files can finish parsing first.
		data := fmt.Sprintf("# file %d\nunits: []\n%s", i, strings.Repeat("# padding\n", (i*37)%500))
		inputs = append(inputs, Input{Path: fmt.Sprintf("f%03d.yaml", i), Data: []byte(data)})
	}
	for _, procs := range []int{1, 2, 8} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var got []string
			parseFiles(inputs, func(in Input, p *parsedFile) {
				if want := strings.SplitN(string(in.Data), "\n", 2)[0]; p.lines[0] != want {
					t.Errorf("%s came with the parse of %q", in.Path, p.lines[0])
				}
				got = append(got, in.Path)
			})
			want := make([]string, len(inputs))
			for i, in := range inputs {
				want[i] = in.Path
			}
			if !slices.Equal(got, want) {
				t.Errorf("files handed over in the order %v", got)
			}
		})
	}
}
