// Package render turns a validated argmap.Map into what people look at and
// what other tools read. It depends on package argmap, never the other way.
//
//   - DOT writes the diagram (one column per letter, units in paragraph
//     order, shapes and colours by kind, line styles by relation); SVG and
//     PNG lay it out with go-graphviz, behind one lock, in memory (engine.go).
//     go-graphviz's own PNG output loses edges and outlines, so PNG draws the
//     layout itself in Go, with the Go fonts and a system CJK font (png.go,
//     font.go). Package gvcache keeps go-graphviz's start-up safe.
//   - Reader writes the bilingual reader, one self-contained HTML page;
//     package preview keeps it live for argmap serve.
//   - WriteDiagnostics prints argmap.Diagnostics as text, JSON, GitHub
//     workflow commands or SARIF.
//   - WriteJSON, WriteAIF (with WriteAnchors) and WriteArgdown export the
//     map; WriteComparisonText/JSON and WriteStats print the classroom
//     tools' results.
//
// Annotation text is data everywhere: escaped for DOT, HTML, JSON, YAML and
// Argdown, never interpreted.
package render
