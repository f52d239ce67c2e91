package argmap

import (
	"fmt"
	"strings"
)

// SchemaURL is where the JSON Schema of the annotation format is published,
// for the modeline of starter files.
const SchemaURL = "https://raw.githubusercontent.com/argmap/argmap/main/docs/annotations.schema.json"

// Starter returns a starter annotation file for the corpus: a header that
// says how to fill it in, an empty map, and for every body paragraph of
// every document with text a commented-out unit anchored there, to copy
// into the units list. The file validates as it is.
func Starter(c *Corpus) []byte {
	var b strings.Builder
	b.WriteString("# yaml-language-server: $schema=" + SchemaURL + "\n")
	b.WriteString(`# A starter annotation file for argmap. To map the argument:
#   1. Give the map a title.
#   2. For each claim, rebuttal or concession, copy the unit stub of its
#      paragraph below into the units list (replacing []), uncomment it,
#      pick an id (lower-case-kebab-case) and a kind, summarise it in a
#      short line, and quote the passage exactly in each language.
#   3. Link units with rebuts, undercuts, concedes and supports.
#   4. Check with: argmap validate FILE; tidy with: argmap fmt -w FILE.
`)
	fmt.Fprintf(&b, "argmap: %d\ntitle: \"\"\nunits: []\n", FormatVersion)
	for _, d := range c.Chronological() {
		if !d.HasText() {
			continue
		}
		fmt.Fprintf(&b, "\n# %s\n", strings.TrimSuffix(d.ID+": "+oneLine(d.Title), ": "))
		for _, p := range d.Body() {
			fmt.Fprintf(&b, "#\n# %s %s\n", p.Label(), clip(oneLine(p.Text[c.Languages[0]]), 80))
			fmt.Fprintf(&b, "#  - id:\n#    kind: claim\n#    summary:\n")
			for _, lang := range c.Languages {
				fmt.Fprintf(&b, "#      %s: \"\"\n", lang)
			}
			fmt.Fprintf(&b, "#    span:\n#      doc: %s\n#      paragraph: %d\n", d.ID, p.Number)
			for _, lang := range c.Languages {
				fmt.Fprintf(&b, "#      %s: \"\"\n", lang)
			}
		}
	}
	return []byte(b.String())
}

// oneLine collapses runs of white space, line breaks included, to a space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
