// Package browsertest starts headless Chromium for the supervisor and
// province pages' browser tests and drives it with chromedp: a test kit,
// like net/http/httptest; no binary links it.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where the Debian package puts the browser.
const ChromiumPath = "/usr/bin/chromium"

// Need returns the browser's path, or skips the test when it is missing
// (but fails it on CI, where it must be installed).
func Need(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath(ChromiumPath)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("chromium not found at %s (CI=true): apt-get install -y chromium", ChromiumPath)
	}
	t.Skipf("chromium not found at %s: skipping the browser test (apt-get install -y chromium to run it)", ChromiumPath)
	return ""
}

// New starts headless Chromium at execPath with a fresh profile and any
// extra options; it stops, and its profile is removed, when t ends. The
// returned context times out after 90 s.
func New(t *testing.T, execPath string, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	profile, err := os.MkdirTemp("", "hall-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 1000),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, extra...)...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		// Chromium's helpers may still write for a moment after it stops.
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return ctx
}

// Run runs steps and fails the test, naming what, if one fails.
func Run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Text returns the trimmed text of the element sel.
func Text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// WaitText waits up to 10 s until the element sel contains want.
func WaitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	WaitTextWithin(t, ctx, sel, want, 10*time.Second)
}

// WaitTextWithin is WaitText with a chosen time limit.
func WaitTextWithin(t *testing.T, ctx context.Context, sel, want string, within time.Duration) {
	t.Helper()
	expr := `(function(){var e=document.querySelector(` + JSString(sel) + `);return !!e && e.textContent.indexOf(` + JSString(want) + `)>=0;})()`
	deadline := time.Now().Add(within)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(max(time.Until(deadline), time.Millisecond))))
		if err == nil {
			return
		}
		// A page that navigates (a form sent, a period changed) ends
		// the poll; the new page is polled again.
		if strings.Contains(err.Error(), "navigated or closed") && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		got, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		t.Fatalf("waiting for %q in %s: %v (text: %q)", want, sel, err, got)
	}
}

// JSString quotes s as a JavaScript string literal.
func JSString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}
