package argmap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"go.yaml.in/yaml/v3"
)

// checkYAMLSubset holds decodeYAMLSubset to its contract on one file: when
// it returns a tree, yaml.v3 decodes the same tree, comments aside, and
// finds no second document. It reports whether the subset parser took the
// file.
func checkYAMLSubset(t *testing.T, data []byte) bool {
	t.Helper()
	got, ok := decodeYAMLSubset(annotationLines(data))
	if !ok {
		return false
	}
	var want, next yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("the subset parser took a file yaml.v3 refuses (%v):\n%s", err, data)
	}
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		t.Fatalf("the subset parser took a file whose second document yaml.v3 reads as %v:\n%s", err, data)
	}
	withoutComments(&want)
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("the subset parser's tree differs from yaml.v3's for\n%s\nsubset:\n%s\nyaml.v3:\n%s", data, dumpNode(got), dumpNode(&want))
	}
	return true
}

func withoutComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		withoutComments(c)
	}
}

func dumpNode(n *yaml.Node) string {
	var b strings.Builder
	var dump func(n *yaml.Node, depth int)
	dump = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "%s%d:%d kind %d style %d tag %q value %q anchor %q alias %v content %d\n",
			strings.Repeat("  ", depth), n.Line, n.Column, n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Alias != nil, len(n.Content))
		for _, c := range n.Content {
			dump(c, depth+1)
		}
	}
	dump(n, 0)
	return b.String()
}

// repositoryYAML returns every YAML file of the repository, and every YAML
// file inside the command's test scripts, by name.
func repositoryYAML(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, dir := range []string{"../annotations", "testdata", "../render", "../cmd/argmap/testdata", "../docs", "../seeds"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch filepath.Ext(path) {
			case ".yaml", ".yml":
				data, err := os.ReadFile(path)
				files[path] = data
				return err
			case ".txtar":
				archive, err := txtar.ParseFile(path)
				for _, f := range archive.Files {
					if ext := filepath.Ext(f.Name); ext == ".yaml" || ext == ".yml" {
						files[path+"/"+f.Name] = f.Data
					}
				}
				return err
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 100 {
		t.Fatalf("found only %d YAML files in the repository", len(files))
	}
	return files
}

func TestYAMLSubsetMatchesYAMLv3OnEveryFileOfTheRepository(t *testing.T) {
	taken := 0
	for name, data := range repositoryYAML(t) {
		t.Run(name, func(t *testing.T) {
			if checkYAMLSubset(t, data) {
				taken++
			}
		})
	}
	// Most files are in the subset; the rest are the invalid and hostile
	// samples, which must fall back.
	if taken < 60 {
		t.Errorf("the subset parser took only %d of the repository's files", taken)
	}
}

func TestYAMLSubsetTakesTheBundledMap(t *testing.T) {
	files, err := filepath.Glob("../annotations/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled map: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !checkYAMLSubset(t, data) {
			t.Errorf("%s falls back to yaml.v3: validating the bundled map lost its speed-up", name)
		}
	}
}

var yamlSubsetCases = []struct {
	name   string
	source string
	subset bool // whether the subset parser takes it
}{
	{"a block mapping of plain scalars", "a: b\nc: d\n", true},
	{"a mapping indented as a whole", "  a: b\n  c: d\n", true},
	{"nested mappings", "a:\n  b:\n    c: d\n  e: f\ng: h\n", true},
	{"a block sequence", "- a\n- b\n", true},
	{"a sequence under a key, indented", "a:\n  - b\n  - c\n", true},
	{"a sequence at the indentation of its key", "a:\n- b\n- c\nd: e\n", true},
	{"compact mappings in a sequence", "units:\n  - id: a\n    kind: claim\n  - id: b\n", true},
	{"compact sequences in a sequence", "- - a\n  - b\n- - c\n", true},
	{"an item on the line below its dash", "-\n  a: b\n-\n  - c\n", true},
	{"empty values and items", "a:\nb:   # none\nc:\n- \n-\n", true},
	{"an empty value before a sequence of its parent", "a:\n  b:\n  - c\n", true},
	{"null, booleans and numbers", "a: ~\nb: null\nc: true\nd: No\ne: 12\nf: -3\ng: 0x1F\nh: 1_000\ni: 1.5e3\nj: .inf\nk: -.Inf\nl: .nan\nm: 0o17\nn: 0b101\no: -0b11\np: 99999999999999999999\nq: 18446744073709551615\nr: +12\ns: 012\nt: 1.2.3\nu: -0o7\nv: '1'\n", true},
	{"timestamps and dates", "a: 2001-12-14\nb: 2001-12-14t21:59:43.10-05:00\nc: 2001-12-14 21:59:43.10\nd: 1953-07-07\ne: 1953-7-7\nf: 1953-07-07x\n", true},
	{"the merge key", "<<: a\n", true},
	{"plain scalars with indicators inside", "a: b:c\nd: e#f\ng: it's\nh: a, b [c] {d}\ni: http://x.org/?q=1 # comment\nj: -x\nk: a  b  \n", true},
	{"keys with spaces and odd characters", "a b: c\nd-e: f\n'g: h': i\n\"j\": k\nl  : m\n", true},
	{"single-quoted scalars", "a: 'b''c'\nb: ''\nc: 'x # y'\nd: 'a\\b'\n", true},
	{"double-quoted scalars with escapes", `a: "b\"c\\d\te\n\x41\u00e9\U0001F600\0\a\b\v\f\r\e\ \/_\N\_\L\P"` + "\n", false},
	{"double-quoted scalars with the escapes yaml.v3 knows", `a: "b\"c\\d\te\n\x41\u00e9\U0001F600\0\a\b\v\f\r\e\ \N\_\L\P\'"` + "\nb: \"\"\n", true},
	{"flow collections", "a: {en: x, zh: 'y'}\nb: [c, \"d\", [e], {f: g}]\nc: []\nd: {}\ne: [ a , b ]\nf: {a: b:c}\ng: [a:b]\n", true},
	{"Chinese text before later nodes on a line", "a: {en: 战俘, zh: 战俘问题}\nb: ['第一', 第二, \"第三\"]\n战俘: 问题\n", true},
	{"comments everywhere", "# head\n\na: b # c\n  # indented\n# d\nc:\n  # e\n  - f # g\n\n# foot\n", true},
	{"a sequence at the indentation of a compact mapping's key", "- a:\n  - b\n  c: d\n- e:\n- f\n", true},
	{"a comment less indented than the block after it", "a:\n# c\n  b: d\n", true},
	{"keys that resolve to other tags", "null: a\n1: b\ntrue: c\n~: d\n", true},
	{"blank lines between a key and its block", "a:\n\n\n  b: c\n", true},
	{"an item under a dash with a comment", "- # c\n  a: b\n- - # d\n  - e\n", true},
	{"signed numbers and a dash inside a compact sequence", "- -1\n- - -2\n  - -x\n- -\n", true},
	{"CRLF line ends", "a: b\r\nc:\r\n  - d\r\n", true},
	{"no final line end", "a: b", true},
	{"trailing spaces", "a: b   \nc:   \n  - d   \n", true},

	{"a second document", "a: b\n---\nc: d\n", false},
	{"a document start", "---\na: b\n", false},
	{"a document end", "a: b\n...\n", false},
	{"a directive", "%YAML 1.1\n---\na: b\n", false},
	{"an anchor and an alias", "a: &x b\nc: *x\n", false},
	{"a tag", "a: !!str b\n", false},
	{"a local tag", "a: !x b\n", false},
	{"a literal block scalar", "a: |\n  b\n", false},
	{"a folded block scalar", "a: >\n  b\n", false},
	{"a plain scalar over two lines", "a: b\n  c\n", false},
	{"a plain scalar on the line below its key", "a:\n  b\n", false},
	{"a quoted scalar over two lines", "a: 'b\n  c'\n", false},
	{"a double-quoted scalar with an escaped line end", "a: \"b\\\n  c\"\n", false},
	{"an unknown escape", `a: "\q"` + "\n", false},
	{"a surrogate escape", `a: "\ud800"` + "\n", false},
	{"a short hexadecimal escape", `a: "\x4"` + "\n", false},
	{"a flow collection over two lines", "a: [b,\n  c]\n", false},
	{"a trailing comma", "a: [b, c, ]\n", false},
	{"a flow mapping key without a value", "a: {b, c: d}\n", false},
	{"a comma inside a flow mapping value", "summary: {en: 25,000 prisoners}\n", false},
	{"a single pair in a flow sequence", "a: [b: c]\n", false},
	{"an adjacent colon in a flow mapping", "a: {\"b\":c}\n", false},
	{"an explicit key", "? a\n: b\n", false},
	{"a complex key", "[a, b]: c\n", false},
	{"a tab in the indentation", "a:\n\t- b\n", false},
	{"a tab inside a value", "a: b\tc\n", false},
	{"a lone carriage return", "a: b\rc: d\n", false},
	{"a next line character", "a: b\u0085c\n", false},
	{"a line separator", "a: b\u2028c\n", false},
	{"a control character", "a: b\x01\n", false},
	{"a byte order mark inside", "a: \ufeffb\n", false},
	{"invalid UTF-8", "a: \xff\n", false},
	{"a mapping value after a value", "a: b: c\n", false},
	{"a sequence entry as a value", "a: - b\n", false},
	{"a key without a colon", "a: b\nc\n", false},
	{"a line indented too far", "a: b\n   c: d\n", false},
	{"a line between two indentations", "a:\n    b: c\n  d: e\n", false},
	{"a key after a sequence more indented than its parent's keys", "a:\n  - b\n  c: d\n", false},
	{"a percent sign starting a value", "a: %b\n", false},
	{"an at sign starting a value", "a: @b\n", false},
	{"a sequence entry after a mapping", "a: b\n- c\n", false},
	{"text after a quoted scalar", "a: 'b' c\n", false},
	{"a comment glued to a quoted scalar", "a: 'b'#c\n", false},
	{"a scalar at the root", "a\n", false},
	{"a flow collection at the root", "{a: b}\n", false},
	{"an empty file", "", false},
	{"a file of comments", "# a\n\n# b\n", false},
	{"a key of more than 1000 bytes", strings.Repeat("k", 1001) + ": v\n", false},
	{"a key of 1000 bytes", strings.Repeat("k", 1000) + ": v\n", true},
	{"a long flow key", "a: {" + strings.Repeat("k", 1100) + ": v}\n", false},
	{"nesting at the depth limit", nested(maxSubsetDepth - 1), true},
	{"nesting past the depth limit", nested(maxSubsetDepth + 1), false},
	{"flow nesting past the depth limit", "a: " + strings.Repeat("[", maxSubsetDepth+1) + strings.Repeat("]", maxSubsetDepth+1) + "\n", false},
	{"a dash alone as a value", "a: -\n", false},
	{"a plain scalar starting with a dash and a dash", "a: --b\n", false},
	{"a colon starting a plain scalar", "a: :b\n", false},
	{"a question mark starting a plain scalar", "a: ?b\n", false},
}

// nested returns a mapping nested depth deep.
func nested(depth int) string {
	var b strings.Builder
	for i := range depth {
		fmt.Fprintf(&b, "%sk:\n", strings.Repeat(" ", i))
	}
	fmt.Fprintf(&b, "%sk: v\n", strings.Repeat(" ", depth))
	return b.String()
}

func TestYAMLSubsetMatchesYAMLv3OrFallsBack(t *testing.T) {
	for _, tc := range yamlSubsetCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkYAMLSubset(t, []byte(tc.source)); got != tc.subset {
				t.Errorf("the subset parser took the file: %v, want %v", got, tc.subset)
			}
		})
	}
}

func FuzzYAMLSubset(f *testing.F) {
	for _, data := range repositoryYAML(f) {
		f.Add(data)
	}
	for _, tc := range yamlSubsetCases {
		f.Add([]byte(tc.source))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkYAMLSubset(t, data)
	})
}

// BenchmarkParseAnnotationFile parses the bundled map with the subset
// parser and with yaml.v3, as parseFile does for validate and for fmt.
func BenchmarkParseAnnotationFile(b *testing.B) {
	data, err := os.ReadFile("../annotations/armistice-1953.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for _, parser := range []struct {
		name         string
		withComments bool
	}{{"subset", false}, {"yaml.v3", true}} {
		b.Run(parser.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if p := parseFile(Input{Path: "armistice-1953.yaml", Data: data}, parser.withComments); p.docErr != nil {
					b.Fatal(p.docErr)
				}
			}
		})
	}
}
