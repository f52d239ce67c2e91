package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var updateScripts = flag.Bool("update", false, "rewrite the testdata/script/docs_*.txtar scripts from the pages of docs they follow")

// docScripts pairs each page of the docs whose commands a script follows
// with that script, which TestScripts runs.
var docScripts = []struct{ page, script string }{
	{"../../docs/corpus.md", "testdata/script/docs_corpus.txtar"},
}

// TestDocsScriptsFollowTheirPages keeps each page's commands and their
// script in step: the script is generated from the page, so a page whose
// commands or outputs drift from what argmap does fails TestScripts, and a
// page edited without regenerating its script fails here (run go test
// ./cmd/argmap -run TestDocs -update).
func TestDocsScriptsFollowTheirPages(t *testing.T) {
	for _, d := range docScripts {
		t.Run(path.Base(d.page), func(t *testing.T) {
			page, err := os.ReadFile(d.page)
			if err != nil {
				t.Fatal(err)
			}
			got, err := scriptFromPage(path.Base(d.page), string(page))
			if err != nil {
				t.Fatalf("%s: %v", d.page, err)
			}
			if *updateScripts {
				if err := os.WriteFile(d.script, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(d.script)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/argmap -run TestDocs -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s does not follow %s: run go test ./cmd/argmap -run TestDocs -update, then TestScripts", d.script, d.page)
			}
		})
	}
}

var (
	fileMarker = regexp.MustCompile(`^<!-- file: (\S+) -->$`)
	exitsNote  = regexp.MustCompile(`^(.*?)\s+# exits (\d)$`)
)

// scriptFromPage turns a page of the docs into a testscript that runs its
// commands verbatim, in page order, from $WORK:
//
//   - a fenced block right after <!-- file: PATH --> is a file the reader
//     writes at that point, PATH relative to where the page starts;
//   - a ```console block holds commands, each on a line that starts with
//     "$ ", followed by what the terminal shows (standard output, then
//     standard error); a command that exits with a status other than 0
//     ends with a shell comment "# exits N", which a shell ignores.
//
// cd changes the folder; argmap runs the command under test; any other
// command runs from PATH. Every other block is an illustration.
func scriptFromPage(name, page string) ([]byte, error) {
	ar := &txtar.Archive{Comment: []byte(fmt.Sprintf("# Generated from docs/%s by TestDocsScriptsFollowTheirPages: edit the page,\n# not this file, then run go test ./cmd/argmap -run TestDocs -update.\n", name))}
	var script strings.Builder
	lines := strings.Split(page, "\n")
	file, files, outputs := "", 0, 0
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if m := fileMarker.FindStringSubmatch(line); m != nil {
			file = m[1]
			continue
		}
		if !strings.HasPrefix(line, "```") {
			if strings.TrimSpace(line) != "" {
				file = ""
			}
			continue
		}
		lang := strings.TrimPrefix(line, "```")
		var block []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			block = append(block, lines[i])
		}
		if i == len(lines) {
			return nil, fmt.Errorf("line %d: a fenced block is never closed", len(lines))
		}
		switch {
		case file != "":
			files++
			staged := ".docs/files/" + strconv.Itoa(files) + "/" + file
			ar.Files = append(ar.Files, txtar.File{Name: staged, Data: []byte(strings.Join(block, "\n") + "\n")})
			if dir := path.Dir(file); dir != "." {
				fmt.Fprintf(&script, "mkdir $WORK/%s\n", dir)
			}
			fmt.Fprintf(&script, "cp $WORK/%s $WORK/%s\n", staged, file)
			file = ""
		case lang == "console":
			if err := consoleCommands(block, &script, ar, &outputs); err != nil {
				return nil, err
			}
		}
	}
	ar.Comment = append(ar.Comment, []byte("\n"+script.String())...)
	return txtar.Format(ar), nil
}

// consoleCommands adds the commands of a console block to the script, each
// with what it prints as an archive file for `terminal` to compare.
func consoleCommands(block []string, script *strings.Builder, ar *txtar.Archive, outputs *int) error {
	for k := 0; k < len(block); k++ {
		command, ok := strings.CutPrefix(block[k], "$ ")
		if !ok {
			return fmt.Errorf("console block: %q is neither a command ($ …) nor the output of one", block[k])
		}
		var out []string
		for k+1 < len(block) && !strings.HasPrefix(block[k+1], "$ ") {
			k++
			out = append(out, block[k])
		}
		for len(out) > 0 && out[len(out)-1] == "" {
			out = out[:len(out)-1]
		}
		status := "0"
		if m := exitsNote.FindStringSubmatch(command); m != nil {
			command, status = m[1], m[2]
		}
		if strings.ContainsAny(command, "#|<>;&`") {
			return fmt.Errorf("console block: %q: a page's commands are plain, one program and its arguments", command)
		}
		fields := strings.Fields(command)
		switch fields[0] {
		case "cd":
			if len(out) > 0 || status != "0" {
				return fmt.Errorf("console block: %q prints nothing and succeeds", command)
			}
			fmt.Fprintf(script, "cd %s\n", strings.Join(fields[1:], " "))
			continue
		case "argmap":
			fmt.Fprintf(script, "exits %s %s\n", status, command)
		default:
			if status != "0" {
				return fmt.Errorf("console block: %q: only argmap's exit status is checked", command)
			}
			fmt.Fprintf(script, "exec %s\n", command)
		}
		*outputs++
		name := fmt.Sprintf(".docs/out/%d.txt", *outputs)
		data := ""
		if len(out) > 0 {
			data = strings.Join(out, "\n") + "\n"
		}
		ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
		fmt.Fprintf(script, "terminal $WORK/%s\n", name)
	}
	return nil
}
