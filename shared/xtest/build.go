package xtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// reportMargin is the time kept, before the test binary's -timeout, for a
// test whose build or lock wait ran out of time to fail with a message of
// its own and clean up (instead of go test's panic, which would leave the
// build running).
const reportMargin = 30 * time.Second

// Build builds the app package pkg (e.g. "hallq/kiosk") as a real binary
// (cgo, GL, without the ci tag) into a temp dir and returns its path.
//
// The end-to-end tests of the three apps run in three test processes side
// by side; their builds take turns (a file lock), so that the first one
// compiles Fyne's cgo packages alone and the others find them in the
// build cache, instead of all three compiling the same C on two cores.
// The first build of Fyne with GL on an empty cache takes minutes; the
// build is killed when the test's time (go test -timeout) runs out.
func Build(t testing.TB, pkg string) string {
	t.Helper()
	Need(t, "Xvfb", "xdotool", "import") // no minutes of building for a test that skips
	ctx, cancel := testContext(t)
	defer cancel()
	defer buildTurn(ctx, t, "go build "+pkg)()
	return goBuild(ctx, t, pkg, []string{"CGO_ENABLED=1"})
}

// GoBuild builds the package pkg (an import path of this module, e.g.
// "hallq/server") into a temp dir and returns the binary's path. The build
// runs in its own process group, which is killed (compiler, cgo and gcc
// included) when the test's time runs out, and the go command dies with
// the test process if that ends first.
func GoBuild(t testing.TB, pkg string) string {
	t.Helper()
	ctx, cancel := testContext(t)
	defer cancel()
	return goBuild(ctx, t, pkg, nil)
}

// GoBuildWindows builds the package pkg for 64-bit Windows, pure Go
// (CGO_ENABLED=0), into a temp dir and returns the path of the .exe; like
// GoBuild the build is killed when the test's time runs out.
func GoBuildWindows(t testing.TB, pkg string) string {
	t.Helper()
	ctx, cancel := testContext(t)
	defer cancel()
	bin := goBuild(ctx, t, pkg, []string{"CGO_ENABLED=0", "GOOS=windows", "GOARCH=amd64"})
	exe := bin + ".exe"
	if err := os.Rename(bin, exe); err != nil {
		t.Fatal(err)
	}
	return exe
}

// GoBuildIn is GoBuild for the module in dir (another checkout), pkg
// relative to it (e.g. "./server").
func GoBuildIn(t testing.TB, dir, pkg string) string {
	t.Helper()
	ctx, cancel := testContext(t)
	defer cancel()
	return goBuild(ctx, t, pkg, nil, "-C", dir)
}

// RunBuild runs a long build command (goreleaser) in dir with env added to
// the environment, taking turns with Build (the same lock, so Fyne's cgo
// packages are compiled once, not twice side by side), and returns its
// output. Like GoBuild it runs in its own process group, killed when the
// test's time runs out; it fails t when the command fails.
func RunBuild(t testing.TB, dir string, env []string, name string, args ...string) []byte {
	t.Helper()
	ctx, cancel := testContext(t)
	defer cancel()
	defer buildTurn(ctx, t, name)()
	start := time.Now()
	out, err := runGroup(ctx, dir, append(os.Environ(), env...), name, args...)
	if ctx.Err() != nil {
		t.Fatalf("%s: stopped after %v, the test's time is up (go test -timeout): %v\n%s", name, time.Since(start).Round(time.Second), ctx.Err(), out)
	}
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	t.Logf("%s: %v", name, time.Since(start).Round(time.Second))
	return out
}

// buildTurn waits for the builds' lock and returns its release.
func buildTurn(ctx context.Context, t testing.TB, what string) (unlock func()) {
	t.Helper()
	unlock, err := lockFile(ctx, "hallq-xtest-build.lock", func(d time.Duration) {
		t.Logf("xtest: waited %v for another package's build", d.Round(time.Second))
	})
	if err != nil {
		t.Fatalf("%s: waiting for another package's build: %v", what, err)
	}
	return unlock
}

// goBuild builds pkg with env added to the environment; flags go first
// (e.g. "-C", dir).
func goBuild(ctx context.Context, t testing.TB, pkg string, env []string, flags ...string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), filepath.Base(pkg))
	start := time.Now()
	args := append(append([]string{"build"}, flags...), "-o", bin, pkg)
	out, err := runGroup(ctx, "", append(os.Environ(), env...), "go", args...)
	if ctx.Err() != nil {
		t.Fatalf("go build %s: stopped after %v, the test's time is up (go test -timeout): %v\n%s", pkg, time.Since(start).Round(time.Second), ctx.Err(), out)
	}
	if err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Logf("xtest: go build %s took %v", pkg, d.Round(time.Second))
	}
	return bin
}

// testContext ends reportMargin before t's deadline (go test -timeout),
// or when t's cleanup runs.
func testContext(t testing.TB) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	if dl, ok := deadline(t); ok {
		cancel()
		ctx, cancel = context.WithDeadline(context.Background(), dl.Add(-reportMargin))
	}
	t.Cleanup(cancel)
	return ctx, cancel
}

// deadline is t's Deadline; a *testing.B has none.
func deadline(t testing.TB) (time.Time, bool) {
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		return d.Deadline()
	}
	return time.Time{}, false
}
