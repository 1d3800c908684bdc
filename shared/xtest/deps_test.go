package xtest_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestProgramsLinkNoTestKit: no program links the test kits or the testing
// package (the release build, without the ci tag whose headless Fyne
// driver is Fyne's own test package).
func TestProgramsLinkNoTestKit(t *testing.T) {
	for _, prog := range []string{"hallq/kiosk", "hallq/counter", "hallq/display", "hallq/server"} {
		out, err := exec.Command("go", "list", "-deps", prog).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", prog, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "testing" || strings.HasPrefix(dep, "testing/") || strings.HasSuffix(dep, "test") && strings.HasPrefix(dep, "hallq/") {
				t.Errorf("%s links %s", prog, dep)
			}
		}
	}
}
