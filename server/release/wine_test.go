//go:build linux

package release_test

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// wine is a Wine prefix of the test's own, killed (wineserver -k) and
// removed when the test ends.
type wine struct {
	prefix string
}

func newWine(t *testing.T) *wine {
	t.Helper()
	need(t, "running the Windows .exe files", "wine", "wineserver")
	w := &wine{prefix: t.TempDir()}
	t.Cleanup(func() {
		k := exec.Command("wineserver", "-k")
		k.Env = w.env(nil)
		k.Run()
	})
	return w
}

func (w *wine) env(extra []string) []string {
	return append(append(os.Environ(), "WINEPREFIX="+w.prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml="), extra...)
}

// lockedBuffer is an output buffer the test reads while the program writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// start runs exe with args under wine (env added) and kills it when t
// ends; its output is returned as it grows.
func (w *wine) start(t *testing.T, env []string, exe string, args ...string) *lockedBuffer {
	t.Helper()
	cmd := exec.Command("wine", append([]string{exe}, args...)...)
	cmd.Env = w.env(env)
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	return out
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServerExeUnderWine runs the released hallq-server.exe under Wine with
// -demo on a loopback port until /healthz answers; then, on Xvfb, the
// released hallq-kiosk.exe against it, until the server counts it among
// its connections (README, "Cài đặt": what Wine can and cannot run here).
func TestServerExeUnderWine(t *testing.T) {
	r := build(t)
	w := newWine(t)
	server := r.find(t, "Binary", "hallq-server", "windows", "amd64").Path
	addr := freeAddr(t)
	// The first start makes the Wine prefix: up to a minute or so.
	out := w.start(t, nil, server, "-demo", "-addr", addr, "-data", t.TempDir())
	if !healthy("http://"+addr+"/healthz", 3*time.Minute) {
		t.Fatalf("hallq-server.exe under Wine did not answer /healthz on %s:\n%s", addr, out)
	}
	if !strings.Contains(out.String(), "demo-kiosk-1-token-0001") {
		t.Errorf("the demo hall's tokens are not in the .exe's output:\n%s", out)
	}

	t.Run("kiosk", func(t *testing.T) {
		kiosk := r.find(t, "Binary", "hallq-kiosk", "windows", "amd64").Path
		d := xtest.StartX(t, 1280, 800)
		kout := w.start(t, []string{"DISPLAY=" + d.Name}, kiosk,
			"-server", "ws://"+addr+"/ws", "-device", "kiosk-1", "-token", "demo-kiosk-1-token-0001", "-printer", "file:"+t.TempDir())
		deadline := time.Now().Add(2 * time.Minute)
		for time.Now().Before(deadline) {
			if kioskConnections(addr) == 1 {
				t.Logf("hallq-kiosk.exe under Wine connected")
				return
			}
			time.Sleep(time.Second)
		}
		d.Screenshot(t, xtest.ShotName(t, xtest.ShotDir(t), "wine-kiosk"))
		t.Fatalf("hallq-kiosk.exe under Wine did not connect within 2 minutes; its output:\n%s", kout)
	})
}

var kioskConns = regexp.MustCompile(`(?m)^hall_connections\{role="kiosk"\} (\d+)`)

// kioskConnections reads hall_connections{role="kiosk"} from /metrics.
func kioskConnections(addr string) int {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := kioskConns.FindSubmatch(b)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
