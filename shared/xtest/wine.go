package xtest

import (
	"context"
	"embed"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// wineShim is a bcryptprimitives.dll with the one function Go's Windows
// runtime needs, for Wines that lack it (wineshim/bcryptprimitives.c).
//
//go:embed wineshim
var wineShim embed.FS

// Wine runs Windows programs in a Wine prefix of the test's own.
type Wine struct {
	bin, server string // wine (or wine64) and wineserver
	Prefix      string
	env         []string
}

// NeedWine finds Wine, or skips t (fails it under CI=true). Debian's
// wine64 package alone puts it in /usr/lib/wine, not on PATH.
func NeedWine(t testing.TB) *Wine {
	t.Helper()
	w := &Wine{bin: findTool("wine", "wine64", "/usr/lib/wine/wine64"), server: findTool("wineserver", "/usr/lib/wine/wineserver")}
	if w.bin == "" || w.server == "" {
		msg := "Wine not found (Debian: apt-get install wine wine64; bash .ci/run installs it)"
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

// Start creates the prefix with a persistent wineserver, so that a
// service outlives the wine command that started it, and kills every
// process of the prefix when t ends. display ("" for none) is the X
// display its windows go to. A Wine without bcryptprimitives.dll gets the
// shim in the prefix (built with mingw-w64).
func (w *Wine) Start(ctx context.Context, t testing.TB, display string) {
	t.Helper()
	w.Prefix = t.TempDir()
	// TMPDIR: wineserver's socket folder (wine-XXXXXX) goes with the
	// test's temp dirs instead of staying in /tmp.
	w.env = []string{"WINEPREFIX=" + w.Prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=", "TMPDIR=" + t.TempDir()}
	if display != "" {
		w.env = append(w.env, "DISPLAY="+display)
	}
	for _, kv := range os.Environ() {
		// No window anywhere else: not on the Xvfb of another test.
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
	if out, err := w.Run(ctx, t, "cmd", "/c", "ver"); err != nil {
		t.Fatalf("creating the Wine prefix: %v\n%s", err, out)
	}
	t.Logf("Wine prefix ready in %v", time.Since(begin).Round(time.Second))
	dll := filepath.Join(w.Prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")
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
	src := t.TempDir()
	for _, f := range []string{"bcryptprimitives.c", "bcryptprimitives.def"} {
		b, err := wineShim.ReadFile("wineshim/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.CommandContext(ctx, gcc, "-O2", "-shared", "-s", "-o", dll,
		filepath.Join(src, "bcryptprimitives.c"), filepath.Join(src, "bcryptprimitives.def"), "-lbcrypt").CombinedOutput()
	if err != nil {
		t.Fatalf("building the bcryptprimitives.dll shim: %v\n%s", err, out)
	}
}

// Command is a wine command in the prefix, killed when ctx ends.
func (w *Wine) Command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.bin, args...)
	cmd.Env = w.env
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// Run runs a wine command in the prefix and returns its output.
func (w *Wine) Run(ctx context.Context, t testing.TB, args ...string) (string, error) {
	t.Helper()
	cmd := w.Command(ctx, args...)
	out := OutputFile(t, cmd)
	err := cmd.Run()
	return out(), err
}

// OutputFile sends cmd's stdout and stderr to a file and returns what it
// holds so far. A file, not a pipe: the first wine command starts Wine's
// own processes (services.exe, winedevice.exe), which would keep a pipe
// open for as long as the prefix lives.
func OutputFile(t testing.TB, cmd *exec.Cmd) func() string {
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

// WinPath is path as Wine's drive Z: (the Unix root) names it.
func WinPath(path string) string {
	return "Z:" + strings.ReplaceAll(path, "/", `\`)
}
