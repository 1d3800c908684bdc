package xtest

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestCIRunsTheREADMECommand: .ci/run runs the README's test command
// exactly (its -timeout included), so that what CI passes is what the
// README tells a person to run.
func TestCIRunsTheREADMECommand(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	run, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	// The README's command is the indented line after "Run all tests:".
	m := regexp.MustCompile(`Run all tests:\n\n    (go test [^\n]*\./\.\.\.)\n`).FindSubmatch(readme)
	if m == nil {
		t.Fatal(`README.md: no indented "go test … ./..." line after "Run all tests:"`)
	}
	cmd := string(m[1])
	lines := regexp.MustCompile(`(?m)^go test .*\./\.\.\.$`).FindAll(run, -1)
	if len(lines) != 1 {
		t.Fatalf(".ci/run: got %d go test lines for ./..., want 1", len(lines))
	}
	if got := string(lines[0]); got != cmd {
		t.Errorf(".ci/run runs %q, the README says %q", got, cmd)
	}
}
