package diag

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/argmap/argmap/argmap"
)

// TestSARIFPassesTheMultitoolsGitHubRules runs the SARIF Multitool
// (npm package @microsoft/sarif-multitool) with the rules of the SARIF
// specification and those GitHub code scanning adds. Where the tool is
// missing the test skips, except in CI (CI set), where .ci/run installs it.
func TestSARIFPassesTheMultitoolsGitHubRules(t *testing.T) {
	tool, err := exec.LookPath("sarif-multitool")
	if err != nil {
		msg := "the SARIF Multitool is not installed (npm install -g @microsoft/sarif-multitool@5.7.0)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	var logs []string
	for name, r := range map[string]*Report{"fixed": fixedReport(), "real": realReport(t), "clean": {}} {
		var b bytes.Buffer
		if err := WriteSARIF(&b, r, DiagnosticOptions{ToolVersion: "1.4.0", BaseDir: dir}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name+".sarif")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		logs = append(logs, path)
	}
	out := filepath.Join(dir, "multitool.sarif")
	// The npm wrapper runs the tool through a shell: the rule kinds are a
	// quoted, semicolon-separated list.
	args := append([]string{"validate", "--rule-kind", `"Sarif;Gh"`, "--output", out}, logs...)
	if msg, err := exec.Command(tool, args...).CombinedOutput(); err != nil {
		t.Fatalf("sarif-multitool: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string
				Level   string
				Message struct{ Arguments []string }
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	for _, run := range log.Runs {
		for _, r := range run.Results {
			t.Errorf("%s (%s): %s", r.RuleID, r.Level, strings.Join(r.Message.Arguments, "; "))
		}
	}
}

func TestSARIFRulesCarryTheirHelpFromTheDocs(t *testing.T) {
	var b bytes.Buffer
	if err := WriteSARIF(&b, &Report{}, DiagnosticOptions{}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string
						Name    string
						HelpURI string
						Help    struct{ Text, Markdown string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		t.Run(r.ID, func(t *testing.T) {
			rule, _ := argmap.RuleByName(r.ID)
			if want := "Severity: **" + rule.Severity.String() + "**"; !strings.HasPrefix(r.Help.Markdown, want) {
				t.Errorf("markdown help begins %.40q, want the docs' section, %q", r.Help.Markdown, want)
			}
			if strings.Contains(r.Help.Text, "**") || strings.Contains(r.Help.Text, "```") {
				t.Errorf("text help holds Markdown: %.200q", r.Help.Text)
			}
			if strings.Contains(r.Help.Markdown, "](../") {
				t.Errorf("markdown help keeps a link relative to docs/: %.200q", r.Help.Markdown)
			}
			if want := "https://github.com/argmap/argmap/blob/main/docs/annotations.md#" + r.ID; r.HelpURI != want {
				t.Errorf("helpUri %q, want %q", r.HelpURI, want)
			}
			if strings.EqualFold(r.Name, r.ID) {
				t.Errorf("name %q only capitalises the id", r.Name)
			}
		})
	}
}
