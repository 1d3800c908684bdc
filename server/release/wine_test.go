//go:build linux

package release_test

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// wineBudget is the time the whole Wine test may take: the first start
// creates the prefix (20 to 60 s on a busy machine), a Fyne app's first
// window under Wine takes longer.
const wineBudget = 6 * time.Minute

// TestExesUnderWine runs the released .exe files under Wine (Debian's
// wine64 8.0, with the bcryptprimitives.dll shim of shared/xtest):
//   - hallq-server.exe started by hand with -demo answers /healthz and
//     closes cleanly on Ctrl-C;
//   - as a Windows service: install (one-time password), start, /healthz,
//     stop, the log under ProgramData, uninstall;
//   - hallq-kiosk.exe on Xvfb against the server connects
//     (hall_connections{role="kiosk"} = 1).
func TestExesUnderWine(t *testing.T) {
	r := build(t)
	w := xtest.NeedWine(t)
	exe := r.find(t, "Binary", "hallq-server", "windows", "amd64").Path
	ctx, cancel := context.WithTimeout(context.Background(), wineBudget)
	defer cancel()
	d := xtest.StartX(t, 1280, 800)
	w.Start(ctx, t, d.Name)

	t.Run("console", func(t *testing.T) {
		addr := freeAddr(t)
		cmd := w.Command(ctx, exe, "-demo", "-addr", addr, "-data", xtest.WinPath(t.TempDir()))
		out := xtest.OutputFile(t, cmd)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		var waitErr error
		go func() {
			waitErr = cmd.Wait()
			close(exited)
		}()
		if err := waitHealthy(ctx, addr, exited); err != nil {
			cmd.Process.Kill()
			<-exited
			t.Fatalf("hallq-server.exe -demo: %v (exit: %v)\n%s", err, waitErr, out())
		}
		if !strings.Contains(out(), "demo-kiosk-1-token-0001") {
			t.Errorf("the demo hall's tokens are not in the output:\n%s", out())
		}

		t.Run("kiosk", func(t *testing.T) { kioskUnderWine(ctx, t, r, w, d, addr) })

		// Wine turns SIGINT into the console's Ctrl-C.
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
			if waitErr != nil || !strings.Contains(out(), `msg="shutting down"`) {
				t.Errorf("after Ctrl-C: got %v, want a clean exit that logs shutting down\n%s", waitErr, out())
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-exited
			t.Errorf("hallq-server.exe still running 30 s after Ctrl-C\n%s", out())
		}
	})

	t.Run("service", func(t *testing.T) {
		addr := freeAddr(t)
		service(ctx, t, w, exe, []string{"install", "-addr", addr}, "Đã cài dịch vụ hallq-server",
			"Mật khẩu dùng một lần (one-time password): ", "Chạy ngay (start it now): hallq-server.exe service start")
		service(ctx, t, w, exe, []string{"start"}, "Dịch vụ hallq-server đang chạy")
		if err := waitHealthy(ctx, addr, nil); err != nil {
			t.Fatalf("service: %v", err)
		}
		service(ctx, t, w, exe, []string{"stop"}, "Dịch vụ hallq-server đã dừng")
		if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
			t.Errorf("GET /healthz after stop: got an answer, want none")
		}
		log, err := os.ReadFile(filepath.Join(w.Prefix, "drive_c", "ProgramData", "hallq", "logs", "server.log"))
		for _, want := range []string{`msg="hall server listening" addr=` + addr, `msg="windows service stopped"`} {
			if !bytes.Contains(log, []byte(want)) {
				t.Errorf("server.log (%v): got %q, want it to contain %q", err, log, want)
			}
		}
		service(ctx, t, w, exe, []string{"uninstall"}, "Đã gỡ dịch vụ hallq-server")
		out, err := w.Run(ctx, t, exe, "service", "start")
		if err == nil || !strings.Contains(out, "chưa được cài") {
			t.Errorf("start after uninstall: got %v, %q; want a failure saying it is not installed", err, out)
		}
	})
}

// kioskUnderWine starts the released hallq-kiosk.exe on d against the
// server at addr and waits until the server counts a kiosk connection.
func kioskUnderWine(ctx context.Context, t *testing.T, r *release, w *xtest.Wine, d *xtest.Display, addr string) {
	kiosk := r.find(t, "Binary", "hallq-kiosk", "windows", "amd64").Path
	cmd := w.Command(ctx, kiosk, "-server", "ws://"+addr+"/ws", "-device", "kiosk-1",
		"-token", "demo-kiosk-1-token-0001", "-printer", "file:"+xtest.WinPath(t.TempDir()))
	out := xtest.OutputFile(t, cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	for ctx.Err() == nil {
		if n := kioskConnections(addr); n == 1 {
			t.Logf("hallq-kiosk.exe under Wine connected")
			// HALL_SHOTS=DIR keeps what Wine drew.
			time.Sleep(3 * time.Second)
			img := d.Screenshot(t, xtest.ShotName(t, xtest.ShotDir(t), "wine-kiosk"))
			// The home screen's white text on the dark tiles: not a
			// blank or black window.
			if share := xtest.Share(img, img.Bounds(), 40, color.NRGBA{255, 255, 255, 255}); share < 0.005 {
				t.Errorf("the kiosk under Wine drew %.2f%% white (its text): a blank window?", 100*share)
			}
			return
		}
		time.Sleep(time.Second)
	}
	d.Screenshot(t, xtest.ShotName(t, xtest.ShotDir(t), "wine-kiosk"))
	t.Fatalf("hallq-kiosk.exe under Wine did not connect; its output:\n%s", out())
}

// service runs "hallq-server.exe service args..." and fails t unless it
// succeeds and prints each of want.
func service(ctx context.Context, t *testing.T, w *xtest.Wine, exe string, args []string, want ...string) {
	t.Helper()
	out, err := w.Run(ctx, t, append([]string{exe, "service"}, args...)...)
	t.Logf("service %s:\n%s", strings.Join(args, " "), out)
	if err != nil {
		t.Fatalf("service %s: %v", strings.Join(args, " "), err)
	}
	for _, s := range want {
		if !strings.Contains(out, s) {
			t.Errorf("service %s: output lacks %q", strings.Join(args, " "), s)
		}
	}
}

// waitHealthy polls GET /healthz on addr until it answers 200, ctx ends,
// or exited (if not nil) is closed: the server is gone.
func waitHealthy(ctx context.Context, addr string, exited <-chan struct{}) error {
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		resp, err := client.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return errors.New("exited before /healthz answered")
		case <-ctx.Done():
			return errors.New("no 200 from /healthz within the test's Wine budget")
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
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
