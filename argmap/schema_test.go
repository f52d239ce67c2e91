package argmap_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// schemaFile is the JSON Schema that editors (yaml-language-server) check
// annotation files against while they are typed.
const schemaFile = "../docs/annotations.schema.json"

// The rules a schema can express, the rules of YAML itself that a schema
// never sees (it reads the JSON data model, after parsing), and by
// elimination the semantic rules, which need the corpus or the whole map.
var (
	schemaRules = []string{"unknown-key", "missing-field", "wrong-type", "invalid-id", "id-too-long", "invalid-value", "corpus-manifest"}
	yamlRules   = []string{"yaml-syntax", "file-encoding", "file-too-large", "multiple-documents", "yaml-alias", "yaml-tag", "duplicate-key", "too-many-diagnostics"}
	// idRules name ids of the corpus, which the schema knows only by
	// their pattern.
	idRules = []string{"unknown-document", "unknown-party"}
)

// idPattern is the schema's pattern of every id: lower-case kebab-case.
const idPattern = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"

// TestSchemaAgreesWithTheLoader runs the schema over every sample. The
// valid samples must pass; a sample whose golden holds a schema-level rule
// must fail; a sample with only semantic problems (quotes not found,
// unknown targets, parties, chronology, coverage: what needs the corpus or
// the whole map) must pass, since the schema cannot know the letters; a
// sample with a YAML-level problem (syntax, encoding, aliases, tags,
// duplicate keys, several documents) is skipped, since a schema sees only
// the parsed data.
func TestSchemaAgreesWithTheLoader(t *testing.T) {
	schema := loadSchema(t)
	valid, _ := filepath.Glob("testdata/valid/*.yaml")
	for _, path := range valid {
		t.Run("the schema accepts "+filepath.Base(path), func(t *testing.T) {
			if errs := schema.check(t, path); len(errs) > 0 {
				t.Errorf("schema rejects a valid sample: %v", errs)
			}
		})
	}
	for _, tc := range invalidCases {
		rules := goldenRules(t, goldenPath(tc.file))
		path := "testdata/invalid/" + tc.file
		switch {
		case anyOf(rules, yamlRules):
			t.Run("the schema cannot see the YAML problem of "+tc.file, func(t *testing.T) {
				t.Skipf("%v: a YAML-level problem, gone once the file is parsed", rules)
			})
		case anyOf(rules, schemaRules):
			t.Run("the schema rejects "+tc.file, func(t *testing.T) {
				if errs := schema.check(t, path); len(errs) == 0 {
					t.Errorf("the loader reports %v, the schema accepts it", rules)
				} else {
					t.Logf("%v", errs)
				}
			})
		default:
			t.Run("the schema accepts the semantic problem of "+tc.file, func(t *testing.T) {
				errs := schema.check(t, path)
				if anyOf(rules, idRules) {
					// Corpus ids are kebab-case: a document or party
					// id that is not cannot name one, and the schema's
					// pattern may say so first.
					errs = slices.DeleteFunc(errs, func(e string) bool { return strings.Contains(e, "does not match "+idPattern) })
				}
				if len(errs) > 0 {
					t.Errorf("the loader reports only %v, the schema rejects it: %v", rules, errs)
				}
			})
		}
	}
}

// TestSchemaValidatorRejectsWhatItShould checks the small validator below on
// the keywords it implements, so that an accepting schema test means the
// schema accepts, not that the validator ignores.
func TestSchemaValidatorRejectsWhatItShould(t *testing.T) {
	schema := loadSchema(t)
	for _, tc := range []struct {
		name string
		yaml string
		ok   bool
	}{
		{"a minimal file passes", "units: []", true},
		{"an empty list of units passes", "units: []", true},
		{"units without a value fails type", "units:", false},
		{"units: ~ fails type", "units: ~", false},
		{"a file without units fails required", "title: x", false},
		{"a string version fails type", "argmap: '1'\nunits: []", false},
		{"version 2 fails enum", "argmap: 2\nunits: []", false},
		{"an unknown top key fails additionalProperties", "units: []\nunit: []", false},
		{"a kind outside the list fails enum", "units: [{id: a, kind: claims, summary: {en: x}, span: {doc: d, paragraph: 1, en: q}}]", false},
		{"an id of 65 characters fails maxLength", "units: [{id: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, kind: claim, summary: {en: x}, span: {doc: d, paragraph: 1, en: q}}]", false},
		{"an id of 64 characters passes", "units: [{id: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, kind: claim, summary: {en: x}, span: {doc: d, paragraph: 1, en: q}}]", true},
		{"an id with capitals fails pattern", "units: [{id: A, kind: claim, summary: {en: x}, span: {doc: d, paragraph: 1, en: q}}]", false},
		{"paragraph 0 fails minimum", "units: [{id: a, kind: claim, summary: {en: x}, span: {doc: d, paragraph: 0, en: q}}]", false},
		{"paragraph salutation passes oneOf", "units: [{id: a, kind: claim, summary: {en: x}, span: {doc: d, paragraph: salutation, en: q}}]", true},
		{"paragraph preface fails oneOf", "units: [{id: a, kind: claim, summary: {en: x}, span: {doc: d, paragraph: preface, en: q}}]", false},
		{"a quote mapping passes oneOf", "units: [{id: a, kind: claim, summary: {en: x}, span: {doc: d, paragraph: 1, en: {quote: q, start: 0, end: 1}}}]", true},
		{"a quote list fails oneOf", "units: [{id: a, kind: claim, summary: {en: x}, span: {doc: d, paragraph: 1, en: [q]}}]", false},
		{"a span without quotes fails anyOf", "units: [{id: a, kind: claim, summary: {en: x}, span: {doc: d, paragraph: 1}}]", false},
		{"a target list passes", "units: [{id: a, kind: claim, summary: {en: x}, span: {doc: d, paragraph: 1, zh: q}, supports: [b, c]}]", true},
		{"a target number fails items", "units: [{id: a, kind: claim, summary: {en: x}, span: {doc: d, paragraph: 1, zh: q}, supports: [b, 3]}]", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(tc.yaml), &n); err != nil {
				t.Fatal(err)
			}
			errs := schema.validate(schema.root, yamlValue(&n), "")
			if (len(errs) == 0) != tc.ok {
				t.Errorf("want ok=%v, got %v", tc.ok, errs)
			}
		})
	}
}

func goldenRules(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var diags []struct{ Rule string }
	if err := json.Unmarshal(data, &diags); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var rules []string
	for _, d := range diags {
		if !slices.Contains(rules, d.Rule) {
			rules = append(rules, d.Rule)
		}
	}
	return rules
}

func anyOf(rules, set []string) bool {
	return slices.ContainsFunc(rules, func(r string) bool { return slices.Contains(set, r) })
}

// jsonSchema is a validator of the subset of JSON Schema 2020-12 that
// docs/annotations.schema.json uses: $ref to #/$defs, type, required,
// properties, additionalProperties: false, enum, pattern, minLength, maxLength,
// minimum, items, oneOf and anyOf (and examples, which constrains nothing).
type jsonSchema struct {
	root map[string]any
}

func loadSchema(t *testing.T) *jsonSchema {
	t.Helper()
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	// examples annotates; it constrains nothing.
	known := []string{"$schema", "$id", "$defs", "$ref", "title", "description", "examples", "type", "required", "properties",
		"additionalProperties", "enum", "pattern", "minLength", "maxLength", "minimum", "items", "oneOf", "anyOf"}
	var walk func(sch map[string]any)
	walk = func(sch map[string]any) {
		for k, x := range sch {
			if !slices.Contains(known, k) {
				t.Errorf("the schema uses keyword %q, which the test's validator does not implement", k)
			}
			switch k {
			case "properties", "$defs":
				for _, p := range x.(map[string]any) {
					walk(p.(map[string]any))
				}
			case "items":
				walk(x.(map[string]any))
			case "oneOf", "anyOf":
				for _, alt := range x.([]any) {
					walk(alt.(map[string]any))
				}
			}
		}
	}
	walk(root)
	return &jsonSchema{root: root}
}

// check parses a YAML file and validates its first document.
func (s *jsonSchema) check(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s does not parse, so it is not a schema-level sample: %v", path, err)
	}
	return s.validate(s.root, yamlValue(&doc), "")
}

// yamlValue converts a parsed YAML document into the JSON data model, as
// yaml-language-server does before it applies a schema.
func yamlValue(n *yaml.Node) any {
	switch n.Kind {
	case 0: // an empty file
		return nil
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return yamlValue(n.Content[0])
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = yamlValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, yamlValue(c))
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int":
		v, _ := strconv.ParseInt(n.Value, 0, 64)
		return float64(v)
	case "!!float":
		v, _ := strconv.ParseFloat(n.Value, 64)
		return v
	}
	return n.Value
}

func (s *jsonSchema) validate(sch map[string]any, v any, at string) []string {
	if ref, ok := sch["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		return s.validate(s.root["$defs"].(map[string]any)[name].(map[string]any), v, at)
	}
	fail := func(format string, args ...any) []string {
		return []string{at + ": " + fmt.Sprintf(format, args...)}
	}
	if ty, ok := sch["type"]; ok {
		types := []any{ty}
		if list, ok := ty.([]any); ok {
			types = list
		}
		if !slices.ContainsFunc(types, func(ty any) bool { return hasType(v, ty.(string)) }) {
			return fail("want type %v, got %T", ty, v)
		}
	}
	if enum, ok := sch["enum"].([]any); ok && !slices.Contains(enum, v) {
		return fail("%v is not one of %v", v, enum)
	}
	var errs []string
	if str, ok := v.(string); ok {
		if p, ok := sch["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			errs = append(errs, fail("%q does not match %s", str, p)...)
		}
		if n, ok := sch["minLength"].(float64); ok && float64(utf8.RuneCountInString(str)) < n {
			errs = append(errs, fail("%q is shorter than %v", str, n)...)
		}
		if n, ok := sch["maxLength"].(float64); ok && float64(utf8.RuneCountInString(str)) > n {
			errs = append(errs, fail("%q is longer than %v", str, n)...)
		}
	}
	if num, ok := v.(float64); ok {
		if n, ok := sch["minimum"].(float64); ok && num < n {
			errs = append(errs, fail("%v is less than %v", num, n)...)
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := sch["properties"].(map[string]any)
		for _, r := range asList(sch["required"]) {
			if _, has := obj[r.(string)]; !has {
				errs = append(errs, fail("%s is required", r)...)
			}
		}
		for k, x := range obj {
			if p, ok := props[k].(map[string]any); ok {
				errs = append(errs, s.validate(p, x, at+"/"+k)...)
			} else if sch["additionalProperties"] == false {
				errs = append(errs, fail("%s is not allowed", k)...)
			}
		}
	}
	if list, ok := v.([]any); ok {
		if items, ok := sch["items"].(map[string]any); ok {
			for i, x := range list {
				errs = append(errs, s.validate(items, x, fmt.Sprintf("%s/%d", at, i))...)
			}
		}
	}
	if alts := asList(sch["oneOf"]); len(alts) > 0 {
		passed := 0
		for _, alt := range alts {
			if len(s.validate(alt.(map[string]any), v, at)) == 0 {
				passed++
			}
		}
		if passed != 1 {
			errs = append(errs, fail("matches %d of the oneOf alternatives, not exactly 1", passed)...)
		}
	}
	if alts := asList(sch["anyOf"]); len(alts) > 0 {
		if !slices.ContainsFunc(alts, func(alt any) bool { return len(s.validate(alt.(map[string]any), v, at)) == 0 }) {
			errs = append(errs, fail("matches none of the anyOf alternatives")...)
		}
	}
	return errs
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func hasType(v any, ty string) bool {
	switch v := v.(type) {
	case nil:
		return ty == "null"
	case bool:
		return ty == "boolean"
	case string:
		return ty == "string"
	case float64:
		return ty == "number" || (ty == "integer" && v == math.Trunc(v))
	case map[string]any:
		return ty == "object"
	case []any:
		return ty == "array"
	}
	return false
}

// TestSchemaOffersTheBuiltInCorpusAsExamples keeps the examples of doc,
// reports and party, which editors offer as completions, the ids of the
// corpus built into argmap.
func TestSchemaOffersTheBuiltInCorpusAsExamples(t *testing.T) {
	c := loadEmbedded(t)
	var parties []string
	for _, p := range c.Parties {
		parties = append(parties, p.ID)
	}
	schema := loadSchema(t)
	defs := schema.root["$defs"].(map[string]any)
	property := func(def, name string) map[string]any {
		return defs[def].(map[string]any)["properties"].(map[string]any)[name].(map[string]any)
	}
	for _, tc := range []struct {
		where string
		sch   map[string]any
		want  []string
	}{
		{"span.doc", property("span", "doc"), c.DocumentIDs()},
		{"reports", property("unit", "reports"), c.DocumentIDs()},
		{"party", property("unit", "party"), parties},
	} {
		t.Run(tc.where, func(t *testing.T) {
			var got []string
			for _, x := range tc.sch["examples"].([]any) {
				got = append(got, x.(string))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("examples %v, want the built-in corpus's %v", got, tc.want)
			}
			if tc.sch["pattern"] != idPattern {
				t.Errorf("pattern %v, want %s", tc.sch["pattern"], idPattern)
			}
		})
	}
	for _, def := range []string{"id", "unit"} {
		sch := defs[def].(map[string]any)
		if def == "unit" {
			sch = property("unit", "id")
		}
		if sch["pattern"] != idPattern {
			t.Errorf("%s has pattern %v, want %s", def, sch["pattern"], idPattern)
		}
	}
}
