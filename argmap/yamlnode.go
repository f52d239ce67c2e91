package argmap

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// field is a key and its value in a mapping.
type field struct {
	key   *yaml.Node
	value *yaml.Node
}

// fields checks a mapping's keys against the allowed ones, reporting unknown
// and duplicate keys, and returns the known fields by name.
func (l *loader) fields(n *yaml.Node, what string, allowed []string) map[string]field {
	out := make(map[string]field, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			l.report(l.rangeOf(k), RuleWrongType, "", "a key of %s must be a plain string", what)
			continue
		}
		if first, dup := out[k.Value]; dup {
			l.report(l.rangeOf(k), RuleDuplicateKey, "remove one of them", "key %q appears twice in %s", clip(k.Value, 40), what)
			if !l.capped {
				l.last().Related = []Related{{File: l.file.Path, Range: l.rangeOf(first.key), Message: "first " + clip(k.Value, 40) + " is here"}}
			}
			continue
		}
		if !contains(allowed, k.Value) {
			detail := "allowed keys: " + strings.Join(allowed, ", ")
			if n.Style&yaml.FlowStyle != 0 && v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" {
				// {en: 25,000 prisoners}: the comma ended the value and
				// began a key without a value.
				detail = "a comma inside {...} ends a value: quote text that holds a comma, like {en: \"25,000 prisoners\"}; " + detail
			}
			if s := closest(k.Value, allowed); s != "" {
				l.report(l.rangeOf(k), RuleUnknownKey, detail, "unknown key %q in %s; did you mean %q?", clip(k.Value, 40), what, s)
			} else {
				l.report(l.rangeOf(k), RuleUnknownKey, detail, "unknown key %q in %s", clip(k.Value, 40), what)
			}
			out[k.Value] = field{k, nil} // remembered for duplicates only
			continue
		}
		out[k.Value] = field{k, v}
	}
	return out
}

func (l *loader) expect(n *yaml.Node, kind yaml.Kind, what string) bool {
	if n.Kind == kind {
		return true
	}
	if n.Kind == yaml.AliasNode {
		return false // reported as yaml-alias
	}
	l.report(l.rangeOf(n), RuleWrongType, "", "%s must be %s, not %s", what, kindName(kind), nodeDescription(n))
	return false
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return "a single value"
}

func nodeDescription(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" && n.Value == "" {
			return "empty"
		}
		if n.Tag == "!!null" && n.Value == "~" {
			return "null (~)"
		}
		if n.Tag == "!!null" {
			return "null"
		}
		return "the value " + strconv.Quote(clip(n.Value, 30))
	}
	return "an alias"
}

// str reads a string field; numbers and booleans are refused so that
// `summary: yes` does not become "true" unnoticed. The string is a copy:
// decodeYAMLSubset's values share the memory of the whole file's text, which
// the map would otherwise keep for every string it keeps.
func (l *loader) str(f field, what string) (string, bool) {
	if f.value == nil || !l.expect(f.value, yaml.ScalarNode, what) {
		return "", false
	}
	if !plainTag(f.value.Tag) {
		return "", false // reported as yaml-tag
	}
	if f.value.Tag != "!!str" && f.value.Tag != "!" {
		l.report(l.rangeOf(f.value), RuleWrongType, "quote it if it is meant as text", "%s must be text, not %s", what, nodeDescription(f.value))
		return "", false
	}
	return strings.Clone(f.value.Value), true
}

func (l *loader) integer(f field, what string) (int, bool) {
	if f.value == nil || !l.expect(f.value, yaml.ScalarNode, what) {
		return 0, false
	}
	if !plainTag(f.value.Tag) {
		return 0, false // reported as yaml-tag
	}
	v, err := strconv.Atoi(f.value.Value)
	if err != nil || f.value.Tag != "!!int" {
		l.report(l.rangeOf(f.value), RuleWrongType, "", "%s must be a whole number, not %s", what, nodeDescription(f.value))
		return 0, false
	}
	return v, true
}

func (l *loader) missing(n *yaml.Node, fs map[string]field, what string, names ...string) bool {
	ok := true
	for _, name := range names {
		if f, has := fs[name]; !has || f.value == nil {
			l.report(l.rangeOf(n), RuleMissingField, "", "%s has no %s", what, name)
			ok = false
		}
	}
	return ok
}
