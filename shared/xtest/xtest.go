// Package xtest runs the apps' end-to-end tests: it starts Xvfb, builds an
// app's real binary (cgo, GL), drives it with xdotool and takes
// screenshots with ImageMagick. Without those tools a test skips with a
// message, except under CI=true, where it fails: CI installs them.
package xtest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Need skips t (or fails it under CI=true) unless every tool is on PATH.
func Need(t testing.TB, tools ...string) {
	t.Helper()
	var missing []string
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("end-to-end test needs %s (Debian: xvfb xdotool imagemagick; bash .ci/run installs them)", strings.Join(missing, ", "))
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Display is a running Xvfb server.
type Display struct {
	Name string // e.g. ":87"
	W, H int

	mu   sync.Mutex
	apps map[*exec.Cmd]chan struct{} // closed when the app exits
}

// StartX starts Xvfb with a w×h screen and stops it when t ends. Xvfb
// picks a free display number itself (-displayfd), so that tests running
// side by side never share a screen.
func StartX(t testing.TB, w, h int) *Display {
	t.Helper()
	Need(t, "Xvfb", "xdotool", "import")
	takeScreen(t)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatalf("Xvfb: %v", err)
	}
	defer pr.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", w, h), "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{pw}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Start()
	pw.Close()
	if err != nil {
		t.Fatalf("Xvfb: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-exited })
	// Xvfb writes the number and a newline when it is ready, and keeps the
	// pipe open.
	number := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(pr).ReadString('\n')
		number <- strings.TrimSpace(s)
	}()
	d := &Display{W: w, H: h}
	select {
	case n := <-number:
		if n == "" {
			<-exited
			t.Fatalf("Xvfb did not start:\n%s", stderr.String())
		}
		d.Name = ":" + n
	case <-exited:
		t.Fatalf("Xvfb did not start:\n%s", stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("Xvfb did not start within 10s")
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if d.run("xdotool", "getdisplaygeometry") == nil {
			return d
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("Xvfb %s did not start", d.Name)
	return nil
}

func (d *Display) env() []string {
	return append(os.Environ(), "DISPLAY="+d.Name, "LANG=C.UTF-8", "FYNE_SCALE=1")
}

func (d *Display) run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Env = d.env()
	return cmd.Run()
}

// Start runs bin with args on the display and stops it when t ends. Its
// output goes to the test log.
func (d *Display) Start(t testing.TB, bin string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = d.env()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	d.mu.Lock()
	if d.apps == nil {
		d.apps = map[*exec.Cmd]chan struct{}{}
	}
	d.apps[cmd] = exited
	d.mu.Unlock()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("%s output:\n%s", filepath.Base(bin), out.String())
		}
	})
	return cmd
}

// Click clicks at (x, y) on the screen.
func (d *Display) Click(t testing.TB, x, y int) {
	t.Helper()
	if err := d.run("xdotool", "mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1"); err != nil {
		t.Fatalf("xdotool click: %v", err)
	}
}

// Key sends key presses (xdotool names, e.g. "F1", "Return") to the
// focused window.
func (d *Display) Key(t testing.TB, keys ...string) {
	t.Helper()
	if err := d.run("xdotool", append([]string{"key"}, keys...)...); err != nil {
		t.Fatalf("xdotool key: %v", err)
	}
}

// Type types text into the focused window.
func (d *Display) Type(t testing.TB, text string) {
	t.Helper()
	if err := d.run("xdotool", "type", "--delay", "30", text); err != nil {
		t.Fatalf("xdotool type: %v", err)
	}
}

// Exited reports whether cmd, started with d.Start, has exited (its
// ProcessState is then set).
func (d *Display) Exited(cmd *exec.Cmd) bool {
	d.mu.Lock()
	ch, ok := d.apps[cmd]
	d.mu.Unlock()
	if !ok {
		return false
	}
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// allExited reports whether d.Start started apps and all of them exited.
func (d *Display) allExited() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.apps) == 0 {
		return false
	}
	for _, ch := range d.apps {
		select {
		case <-ch:
		default:
			return false
		}
	}
	return true
}

// WaitWindow waits until a window whose name contains title is mapped,
// and focuses it. It fails at once when every app started on d exited.
func (d *Display) WaitWindow(t testing.TB, title string, timeout time.Duration) {
	t.Helper()
	if _, err := d.FindWindow(title, timeout); err != nil {
		t.Fatal(err)
	}
}

// FindWindow is WaitWindow returning an error instead of failing the test:
// it returns the window's id once a window whose name contains title is
// mapped, and focuses it.
func (d *Display) FindWindow(title string, timeout time.Duration) (string, error) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", title)
		cmd.Env = d.env()
		out, err := cmd.Output()
		if err == nil && len(bytes.TrimSpace(out)) > 0 {
			id := strings.Fields(string(out))[0]
			d.run("xdotool", "windowactivate", "--sync", id)
			d.run("xdotool", "windowfocus", "--sync", id)
			return id, nil
		}
		if d.allExited() {
			return "", fmt.Errorf("no window %q: the app exited", title)
		}
		time.Sleep(200 * time.Millisecond)
	}
	return "", fmt.Errorf("no window %q within %v", title, timeout)
}

// Eventually retries check every 200 ms until it returns true or timeout
// passes, then fails with msg.
func Eventually(t testing.TB, timeout time.Duration, msg string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if check() {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal(msg)
}
