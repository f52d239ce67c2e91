package graph

import (
	"bytes"
)

// A relation edge's title in SVG is "FROM->TO": the unit that makes the
// move, then the unit it answers or supports. Graphviz titles an edge with
// its tail and head instead, and their ports: an edge drawn backwards
// (dir=back, to keep the columns in date order) reads TO->FROM, and a
// support routed beside its column reads "a:e->b:e". So DOT gives each
// relation edge its title as its comment, which Graphviz writes just before
// the edge's group, and retitleRelations puts it in the title.

// relationTitle is the comment that carries a relation edge's title.
func relationTitle(from, to string) string { return from + "->" + to }

// retitleRelations gives every relation edge of an SVG document that
// Graphviz wrote the title its comment holds: where the lines read
//
//	<!-- TITLE -->
//	<g id="…" class="edge relation…">
//	<title>…</title>
//
// the title becomes TITLE. Graphviz escaped the comment as it escapes a
// title, so the text moves as it is. It takes one pass over the document.
func retitleRelations(svg []byte) []byte {
	if !bytes.Contains(svg, []byte(`class="edge relation`)) {
		return svg
	}
	var out bytes.Buffer
	out.Grow(len(svg))
	var comment, group []byte // the two lines before this one
	for rest := svg; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		if title, ok := relationTitleOf(comment, group); ok && bytes.HasPrefix(line, []byte("<title>")) {
			// The old title is text up to its end tag, on this line or
			// a later one: the first '<' after it must open "</title>".
			if end := bytes.IndexByte(rest[len("<title>"):], '<') + len("<title>"); end >= len("<title>") && bytes.HasPrefix(rest[end:], []byte("</title>")) {
				out.WriteString("<title>")
				out.Write(title)
				comment, group = group, rest[:end]
				rest = rest[end:]
				continue
			}
		}
		out.Write(line)
		comment, group = group, line
		rest = rest[len(line):]
	}
	return out.Bytes()
}

// relationTitleOf returns the title a relation edge's comment line holds,
// when the line after it opens the group of a relation edge.
func relationTitleOf(comment, group []byte) ([]byte, bool) {
	if !bytes.HasPrefix(group, []byte(`<g id="`)) || !bytes.HasSuffix(group, []byte("\">\n")) {
		return nil, false
	}
	id := group[len(`<g id="`):]
	quote := bytes.IndexByte(id, '"')
	if quote < 0 || !bytes.HasPrefix(id[quote:], []byte(`" class="edge relation`)) ||
		bytes.IndexByte(id[quote+len(`" class="`):len(id)-len("\">\n")], '"') >= 0 {
		return nil, false
	}
	start := bytes.Index(comment, []byte("<!-- "))
	if start < 0 || !bytes.HasSuffix(comment, []byte(" -->\n")) || start+len("<!-- ") > len(comment)-len(" -->\n") {
		return nil, false
	}
	return comment[start+len("<!-- ") : len(comment)-len(" -->\n")], true
}
