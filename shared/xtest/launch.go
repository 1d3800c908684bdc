package xtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// screenLock is held, once taken, until the test process ends: the
// end-to-end tests of different packages (go test runs packages side by
// side) then take turns on the machine's two cores instead of slowing each
// other's windows and screenshots down.
var screenLock struct {
	once sync.Once
	f    *os.File
}

// takeScreen waits for the other test processes' end-to-end tests.
func takeScreen(t testing.TB) {
	t.Helper()
	screenLock.once.Do(func() {
		f, err := os.OpenFile(filepath.Join(os.TempDir(), "hallq-xtest.lock"), os.O_CREATE|os.O_RDWR, 0o666)
		if err != nil {
			t.Logf("xtest: no screen lock: %v", err)
			return
		}
		start := time.Now()
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			t.Logf("xtest: no screen lock: %v", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Logf("xtest: waited %v for another package's end-to-end tests", d.Round(time.Second))
		}
		screenLock.f = f
	})
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
