package docs

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
)

func TestEveryRuleHasASectionSayingItsSeverity(t *testing.T) {
	for _, r := range argmap.AllRules() {
		t.Run(r.Name, func(t *testing.T) {
			section := RuleSection(r.Name)
			if section == "" {
				t.Fatalf("docs/annotations.md has no section #### %s", r.Name)
			}
			if want := "Severity: **" + r.Severity.String() + "**"; !strings.HasPrefix(section, want) {
				t.Errorf("the section of %s begins %.60q, want %q", r.Name, section, want)
			}
			if strings.Contains(section, "\n#### ") || strings.Count(section, "```")%2 != 0 {
				t.Errorf("the section of %s runs into the next or cuts a code block:\n%s", r.Name, section)
			}
		})
	}
}

func TestRuleSectionOfAnUnknownRuleIsEmpty(t *testing.T) {
	if s := RuleSection("no-such-rule"); s != "" {
		t.Errorf("got %q", s)
	}
}

func TestTheAnnotationSchemaIsJSON(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(AnnotationSchema, &schema); err != nil {
		t.Fatal(err)
	}
	if schema["$schema"] == nil {
		t.Error("the schema names no $schema dialect")
	}
}
