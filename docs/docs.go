// Package docs embeds the documents argmap itself hands out: the JSON
// Schema of the annotation format, which argmap schema prints and argmap
// init points editors to, and the format's reference, whose section on
// each validator rule becomes the rule's help in SARIF. The files here are
// the only copies, so what argmap prints and what the repository shows
// cannot drift apart.
package docs

import (
	_ "embed"
	"strings"
)

// AnnotationSchema is docs/annotations.schema.json, the JSON Schema of an
// annotation file.
//
//go:embed annotations.schema.json
var AnnotationSchema []byte

// annotations is docs/annotations.md, the reference of the format.
//
//go:embed annotations.md
var annotations string

// RuleSection returns the section of docs/annotations.md on a validator
// rule, the Markdown under its "#### name" heading up to the next heading,
// or "" when there is none.
func RuleSection(name string) string {
	heading := "\n#### " + name + "\n"
	i := strings.Index(annotations, heading)
	if i < 0 {
		return ""
	}
	body := annotations[i+len(heading):]
	// The section ends at the next heading outside a code block: YAML
	// comments in examples begin with # too.
	inCode := false
	offset := 0
	for _, line := range strings.SplitAfter(body, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inCode = !inCode
		}
		if !inCode && strings.HasPrefix(line, "#") {
			break
		}
		offset += len(line)
	}
	return strings.TrimSpace(body[:offset])
}
