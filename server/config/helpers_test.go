package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// baseConfig returns the text of testdata/hall.toml, a valid file.
func baseConfig(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "hall.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit applies pairs of (old, new) replacements to text; each old must
// occur exactly once.
func edit(t *testing.T, text string, pairs ...string) string {
	t.Helper()
	if len(pairs)%2 != 0 {
		t.Fatalf("edit: odd number of strings")
	}
	for i := 0; i < len(pairs); i += 2 {
		if n := strings.Count(text, pairs[i]); n != 1 {
			t.Fatalf("edit: %q occurs %d times, want 1", pairs[i], n)
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	return text
}

// writeConfig writes text to a fresh hall.toml and returns its path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hall.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
