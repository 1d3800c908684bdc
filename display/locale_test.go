package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoLocaleErrors starts this package's test binary (so main's imports
// initialize as in the app) with no language in the environment and
// checks that Fyne logs no locale error.
func TestNoLocaleErrors(t *testing.T) {
	var base []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LANG") && !strings.HasPrefix(kv, "LC_") {
			base = append(base, kv)
		}
	}
	for _, env := range []string{"", "LANG=C", "LANG=C.UTF-8", "LC_ALL=POSIX"} {
		t.Run("env "+env, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(base[:len(base):len(base)], env)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("run: %v\n%s", err, out)
			}
			if strings.Contains(strings.ToLower(string(out)), "locale") {
				t.Errorf("output: got %q, want no locale error", out)
			}
		})
	}
}
