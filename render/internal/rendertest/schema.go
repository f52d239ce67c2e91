package rendertest

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// LoadSchema reads a JSON Schema of docs/.
func LoadSchema(t testing.TB, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if schema["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Fatalf("%s is not a draft 2020-12 schema", path)
	}
	return schema
}

// CheckSchema checks a document against the part of JSON Schema that our
// schemas use: type, required, properties, additionalProperties: false,
// items, enum, const, minimum, oneOf and $ref to $defs. It is no general
// validator; it keeps the schemas in docs/ honest about what we print.
func CheckSchema(t testing.TB, schema map[string]any, data []byte) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, problem := range schemaProblems(schema, schema, doc, "$") {
		t.Error(problem)
	}
}

func schemaProblems(root, s map[string]any, v any, at string) []string {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, ok := root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: unresolved $ref %s", at, ref)}
		}
		return schemaProblems(root, def, v, at)
	}
	if alts, ok := s["oneOf"].([]any); ok {
		matches := 0
		for _, alt := range alts {
			if len(schemaProblems(root, alt.(map[string]any), v, at)) == 0 {
				matches++
			}
		}
		if matches != 1 {
			return []string{fmt.Sprintf("%s: %v matches %d of oneOf, want 1", at, v, matches)}
		}
		return nil
	}
	var problems []string
	if types, ok := s["type"]; ok && !hasType(types, v) {
		return []string{fmt.Sprintf("%s: %v is not of type %v", at, v, types)}
	}
	if c, ok := s["const"]; ok && c != v {
		problems = append(problems, fmt.Sprintf("%s: %v, want const %v", at, v, c))
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			problems = append(problems, fmt.Sprintf("%s: %v not in enum %v", at, v, enum))
		}
	}
	if m, ok := s["minimum"].(float64); ok {
		if n, isNum := v.(float64); isNum && n < m {
			problems = append(problems, fmt.Sprintf("%s: %v is below the minimum %v", at, n, m))
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := v[r.(string)]; !ok {
				problems = append(problems, fmt.Sprintf("%s: required key %q missing", at, r))
			}
		}
		for k, val := range v {
			if ps, ok := props[k].(map[string]any); ok {
				problems = append(problems, schemaProblems(root, ps, val, at+"."+k)...)
				continue
			}
			switch extra := s["additionalProperties"].(type) {
			case bool:
				if !extra {
					problems = append(problems, fmt.Sprintf("%s: key %q is not in the schema", at, k))
				}
			case map[string]any:
				problems = append(problems, schemaProblems(root, extra, val, at+"."+k)...)
			}
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, item := range v {
				problems = append(problems, schemaProblems(root, items, item, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return problems
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func hasType(types any, v any) bool {
	list, ok := types.([]any)
	if !ok {
		list = []any{types}
	}
	for _, ty := range list {
		switch ty {
		case "object":
			if _, ok := v.(map[string]any); ok {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		case "string":
			if _, ok := v.(string); ok {
				return true
			}
		case "integer":
			if n, ok := v.(float64); ok && n == float64(int64(n)) {
				return true
			}
		case "number":
			if _, ok := v.(float64); ok {
				return true
			}
		case "boolean":
			if _, ok := v.(bool); ok {
				return true
			}
		case "null":
			if v == nil {
				return true
			}
		}
	}
	return false
}
