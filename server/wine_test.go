package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// wineBudget is the time the Wine part of the test may take: the first
// start creates the prefix, 20 to 60 s on a busy machine.
const wineBudget = 3 * time.Minute

// TestWindowsServerUnderWine runs the Windows build of the server under
// Wine: started by hand with -demo it answers /healthz and closes cleanly
// on Ctrl-C; as a service, install, start, /healthz, stop and uninstall
// work and the service logs under ProgramData. It skips without Wine, but
// fails under CI=true.
func TestWindowsServerUnderWine(t *testing.T) {
	w := needWine(t)
	exe := xtest.GoBuildWindows(t, "hallq/server")
	ctx, cancel := context.WithTimeout(context.Background(), wineBudget)
	defer cancel()
	w.start(ctx, t)

	t.Run("console", func(t *testing.T) {
		addr := freeAddr(t)
		cmd := w.command(ctx, exe, "-demo", "-addr", addr, "-data", winPath(t.TempDir()))
		out := outputFile(t, cmd)
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
			t.Fatalf("server.exe -demo: %v (exit: %v)\n%s", err, waitErr, out())
		}
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
			t.Errorf("server.exe still running 30 s after Ctrl-C\n%s", out())
		}
	})

	t.Run("service", func(t *testing.T) {
		addr := freeAddr(t)
		w.service(ctx, t, exe, []string{"install", "-addr", addr}, "Đã cài dịch vụ hallq-server",
			"Mật khẩu dùng một lần (one-time password): ", "Chạy ngay (start it now): server.exe service start")
		w.service(ctx, t, exe, []string{"start"}, "Dịch vụ hallq-server đang chạy")
		if err := waitHealthy(ctx, addr, nil); err != nil {
			t.Fatalf("service: %v", err)
		}
		w.service(ctx, t, exe, []string{"stop"}, "Dịch vụ hallq-server đã dừng")
		if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
			t.Errorf("GET /healthz after stop: got an answer, want none")
		}
		log, err := os.ReadFile(filepath.Join(w.prefix, "drive_c", "ProgramData", "hallq", "logs", "server.log"))
		for _, want := range []string{`msg="hall server listening" addr=` + addr, `msg="windows service stopped"`} {
			if !bytes.Contains(log, []byte(want)) {
				t.Errorf("server.log (%v): got %q, want it to contain %q", err, log, want)
			}
		}
		w.service(ctx, t, exe, []string{"uninstall"}, "Đã gỡ dịch vụ hallq-server")
		out, err := w.run(ctx, t, exe, "service", "start")
		if err == nil || !strings.Contains(out, "chưa được cài") {
			t.Errorf("start after uninstall: got %v, %q; want a failure saying it is not installed", err, out)
		}
	})
}

// wine runs Windows programs in a Wine prefix of the test's own.
type wine struct {
	bin, server string // wine (or wine64) and wineserver
	prefix      string
	env         []string
}

// needWine finds Wine, or skips t (fails it under CI=true). Debian's
// wine64 package alone puts it in /usr/lib/wine, not on PATH.
func needWine(t *testing.T) *wine {
	t.Helper()
	w := &wine{bin: findTool("wine", "wine64", "/usr/lib/wine/wine64"), server: findTool("wineserver", "/usr/lib/wine/wineserver")}
	if w.bin == "" || w.server == "" {
		msg := "Wine not found (Debian: apt-get install wine64; bash .ci/run installs it)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return w
}

// findTool returns the first of names found on PATH (or as a path).
func findTool(names ...string) string {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// start creates the prefix with a persistent wineserver, so that a
// service outlives the wine command that started it, and kills every
// process of the prefix when t ends. A Wine without bcryptprimitives.dll
// gets the shim of testdata/wine in the prefix.
func (w *wine) start(ctx context.Context, t *testing.T) {
	t.Helper()
	w.prefix = t.TempDir()
	// TMPDIR: wineserver's socket folder (wine-XXXXXX) goes with the
	// test's temp dirs instead of staying in /tmp.
	w.env = []string{"WINEPREFIX=" + w.prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=", "TMPDIR=" + t.TempDir()}
	for _, kv := range os.Environ() {
		// No window anywhere: not on the Xvfb of another test.
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") &&
			!strings.HasPrefix(kv, "WINE") && !strings.HasPrefix(kv, "TMPDIR=") {
			w.env = append(w.env, kv)
		}
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, arg := range []string{"-k", "-w"} {
			cmd := exec.CommandContext(ctx, w.server, arg)
			cmd.Env = w.env
			cmd.Run()
		}
	})
	ws := exec.CommandContext(ctx, w.server, "-p")
	ws.Env = w.env
	if err := ws.Run(); err != nil {
		t.Fatalf("wineserver -p: %v", err)
	}
	begin := time.Now()
	if out, err := w.run(ctx, t, "cmd", "/c", "ver"); err != nil {
		t.Fatalf("creating the Wine prefix: %v\n%s", err, out)
	}
	t.Logf("Wine prefix ready in %v", time.Since(begin).Round(time.Second))
	dll := filepath.Join(w.prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")
	if _, err := os.Stat(dll); err == nil {
		return
	}
	gcc := findTool("x86_64-w64-mingw32-gcc")
	if gcc == "" {
		msg := "this Wine has no bcryptprimitives.dll, which Go programs need, and there is no x86_64-w64-mingw32-gcc to build the shim (Debian: gcc-mingw-w64-x86-64)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	src := filepath.Join("testdata", "wine")
	out, err := exec.CommandContext(ctx, gcc, "-O2", "-shared", "-s", "-o", dll,
		filepath.Join(src, "bcryptprimitives.c"), filepath.Join(src, "bcryptprimitives.def"), "-lbcrypt").CombinedOutput()
	if err != nil {
		t.Fatalf("building the bcryptprimitives.dll shim: %v\n%s", err, out)
	}
}

// command is a wine command in the prefix, killed when ctx ends.
func (w *wine) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.bin, args...)
	cmd.Env = w.env
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// run runs a wine command in the prefix and returns its output.
func (w *wine) run(ctx context.Context, t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := w.command(ctx, args...)
	out := outputFile(t, cmd)
	err := cmd.Run()
	return out(), err
}

// outputFile sends cmd's stdout and stderr to a file and returns what it
// holds, to be read once cmd has exited. A file, not a pipe: the first
// wine command starts Wine's own processes (services.exe, winedevice.exe),
// which would keep a pipe open for as long as the prefix lives.
func outputFile(t *testing.T, cmd *exec.Cmd) func() string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "output")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	cmd.Stdout, cmd.Stderr = f, f
	return func() string {
		b, _ := os.ReadFile(f.Name())
		return string(b)
	}
}

// service runs "server.exe service args..." and fails t unless it
// succeeds and prints each of want.
func (w *wine) service(ctx context.Context, t *testing.T, exe string, args []string, want ...string) {
	t.Helper()
	out, err := w.run(ctx, t, append([]string{exe, "service"}, args...)...)
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

// winPath is path as Wine's drive Z: (the Unix root) names it.
func winPath(path string) string {
	return "Z:" + strings.ReplaceAll(path, "/", `\`)
}
