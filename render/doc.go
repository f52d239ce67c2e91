// Package render turns a validated argmap.Map into what people look at and
// what other tools read. Its packages depend on package argmap, never the
// other way, and only those that draw import go-graphviz, so that a tool
// that wants SARIF or JSON pays nothing for Graphviz's start-up:
//
//   - render (this package): what every output shares and none of them
//     owns: the look of each kind and relation (KindStyles, RelationStyles),
//     display widths and label wrapping (DisplayWidth, Wrap), indented JSON.
//   - render/diag: argmap.Diagnostics as text, JSON, GitHub workflow
//     commands or SARIF.
//   - render/export: the map as JSON, AIF with W3C Web Annotation anchors,
//     and Argdown.
//   - render/report: the classroom tools' results (compare, stats) as text
//     and JSON; a class's comparison also as CSV and as an HTML page in
//     English or Chinese.
//   - render/graph: the diagram as DOT, laid out into SVG (and Graphviz's
//     JSON) by go-graphviz behind one lock; render/graph/png draws PNGs
//     from that layout in Go; render/graph/gvcache keeps go-graphviz's
//     start-up safe.
//   - render/reader: the bilingual reader, one self-contained HTML page;
//     render/preview keeps a page live for argmap serve.
//
// Annotation text is data everywhere: escaped for DOT, HTML, JSON, YAML and
// Argdown, never interpreted.
package render
