package xtest

import (
	"os/exec"
	"sync"
	"testing"
	"time"
)

// screenLock is held, once taken, until the test process ends: the
// end-to-end tests of different packages (go test runs packages side by
// side) then take turns on the machine's two cores instead of slowing each
// other's windows and screenshots down.
var screenLock struct {
	once   sync.Once
	unlock func() // never called: the lock ends with the process
}

// takeScreen waits for the other test processes' end-to-end tests, at
// most until t's time is nearly up.
func takeScreen(t testing.TB) {
	t.Helper()
	screenLock.once.Do(func() {
		ctx, cancel := testContext(t)
		defer cancel()
		unlock, err := lockFile(ctx, "hallq-xtest.lock", func(d time.Duration) {
			t.Logf("xtest: waited %v for another package's end-to-end tests", d.Round(time.Second))
		})
		if err != nil {
			t.Fatalf("xtest: waiting for another package's end-to-end tests: %v", err)
		}
		screenLock.unlock = unlock
	})
	if screenLock.unlock == nil {
		t.Fatal("xtest: the screen lock was not taken (see the first end-to-end test)")
	}
}

// Launch starts Xvfb with a w×h screen, runs bin with args on it and
// waits for its window titled title. An app that dies before its window
// shows (seen now and then on a loaded machine: GLFW failing to open a
// display that xdotool reaches) is started again on a fresh display, at
// most three times in all.
func Launch(t testing.TB, w, h int, title string, bin string, args ...string) (*Display, *exec.Cmd) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		d := StartX(t, w, h)
		cmd := d.Start(t, bin, args...)
		_, err := d.FindWindow(title, 30*time.Second)
		if err == nil {
			d.WaitWindow(t, title, 5*time.Second) // focus it
			return d, cmd
		}
		if attempt == 3 || !d.Exited(cmd) {
			t.Fatal(err)
		}
		t.Logf("display %s: %v (%v); starting over on a fresh display", d.Name, err, cmd.ProcessState)
	}
}
