package xtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ShotDir is where a test's screenshots go: $HALL_SHOTS if set (to look at
// them), else a temp dir.
func ShotDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("HALL_SHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// ShotName is a file name in dir for a screenshot of test t showing what.
func ShotName(t testing.TB, dir, what string) string {
	name := strings.NewReplacer("/", "-", " ", "_").Replace(t.Name())
	return filepath.Join(dir, name+"-"+what+".png")
}
