// Package annotations embeds the bundled argument map: the YAML annotation
// files that anchor the claims, rebuttals and concessions of the 1953
// exchange to passages of the letters in seeds. Commands read it when no
// annotation files are named and the current folder has no annotations/
// folder of its own; package argmap loads it like any other files.
package annotations

import "embed"

// FS holds the map's *.yaml files, at its root.
//
//go:embed *.yaml
var FS embed.FS
