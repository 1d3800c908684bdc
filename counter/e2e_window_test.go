package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"hallq/shared/xtest"
)

// resizeWindow resizes the window whose name contains title to w×h at the
// screen's top left (Xvfb has no window manager to maximise it).
func resizeWindow(t *testing.T, x *xtest.Display, title string, w, h int) {
	t.Helper()
	env := append(os.Environ(), "DISPLAY="+x.Name)
	cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", title)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil || len(strings.Fields(string(out))) == 0 {
		t.Fatalf("no window %q to resize: %v", title, err)
	}
	id := strings.Fields(string(out))[0]
	for _, args := range [][]string{
		{"windowmove", id, "0", "0"},
		{"windowsize", "--sync", id, strconv.Itoa(w), strconv.Itoa(h)},
	} {
		cmd := exec.Command("xdotool", args...)
		cmd.Env = env
		if err := cmd.Run(); err != nil {
			t.Fatalf("xdotool %v: %v", args, err)
		}
	}
}
