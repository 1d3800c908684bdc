package province

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath is where the Debian package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// TestBrowserRanking: in headless Chromium, a province account signs in,
// sees the halls ranked (the silent one flagged in red), switches the
// period, and opens one hall's day from its row.
func TestBrowserRanking(t *testing.T) {
	execPath, err := exec.LookPath(chromiumPath)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium not found at %s (CI=true): apt-get install -y chromium", chromiumPath)
		}
		t.Skipf("chromium not found at %s: skipping the browser test", chromiumPath)
	}
	e, d := loadedEnv(t)
	ctx := browser(t, execPath)
	run(t, ctx, "sign in",
		chromedp.Navigate(e.srv.URL+"/province?period=month&date="+d.Day),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), testUser),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.ID("signin")),
		chromedp.WaitVisible(chromedp.ID("ranking")),
	)
	checks := []struct{ sel, want string }{
		{"#period-label", "Tháng 11/2026"},
		{"#ranking tbody tr:nth-child(1) .name", "Sở Công Thương"},
		{"#ranking tbody tr:nth-child(1) .index", "66,67 %"},
		{"#ranking tbody tr:nth-child(1) .link", "Đang kết nối"},
		{"#ranking tbody tr:nth-child(2) .name", "UBND xã Tân Hiệp"},
		{"#ranking tbody tr:nth-child(2) .link", "Mất kết nối"},
		{"#province-index", "66,67 %"},
		{"#silent-links", "1"},
	}
	for _, c := range checks {
		if got := text(t, ctx, c.sel); !strings.Contains(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.sel, got, c.want)
		}
	}
	attrs, err := chromedp.Run(ctx, chromedp.Attributes(chromedp.CSS("#ranking tbody tr:nth-child(2)")))
	if err != nil {
		t.Fatal(err)
	}
	if class := attrs["class"]; class != "late" {
		t.Errorf("silent hall's row class: got %q, want late (red)", class)
	}
	shot(t, ctx, "ranking")
	// The year holds the same day; October holds nothing.
	run(t, ctx, "year",
		chromedp.SetValue(chromedp.ID("period"), "year"),
		chromedp.Click(chromedp.ID("show")),
		chromedp.WaitVisible(chromedp.ID("ranking")),
	)
	waitText(t, ctx, "#period-label", "Năm 2026")
	waitText(t, ctx, "#ranking tbody tr:nth-child(1) .index", "66,67 %")
	run(t, ctx, "hall's day",
		chromedp.Click(chromedp.CSS("#ranking tbody tr:nth-child(1) .name a")),
		chromedp.WaitVisible(chromedp.ID("tickets")),
	)
	waitText(t, ctx, "#day-issued", "6")
	waitText(t, ctx, "#report-check", "khớp với báo cáo cuối ngày của sảnh")
	shot(t, ctx, "day")
}

// browser starts headless Chromium with a fresh profile.
func browser(t *testing.T, execPath string) context.Context {
	t.Helper()
	profile, err := os.MkdirTemp("", "province-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 1000),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
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

func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// waitText waits up to 10 s until the element sel contains want.
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	q := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	expr := `(function(){var e=document.querySelector('` + q.Replace(sel) + `');return !!e && e.textContent.indexOf('` +
		q.Replace(want) + `')>=0;})()`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		t.Fatalf("waiting for %q in %s: %v (text: %q)", want, sel, err, got)
	}
}

// shot saves a full-page screenshot as DIR/province-NAME.png when
// PROVINCE_SHOTS=DIR is set.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("PROVINCE_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "province-"+name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
