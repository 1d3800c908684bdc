package province

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hallq/server/web/browsertest"
)

// TestBrowserRanking: in headless Chromium, a province account signs in,
// sees the halls ranked (the silent one flagged in red), switches the
// period, and opens one hall's day from its row.
func TestBrowserRanking(t *testing.T) {
	execPath := browsertest.Need(t)
	e, d := loadedEnv(t)
	ctx := browsertest.New(t, execPath)
	browsertest.Run(t, ctx, "sign in",
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
		if got := browsertest.Text(t, ctx, c.sel); !strings.Contains(got, c.want) {
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
	browsertest.Run(t, ctx, "year",
		chromedp.SetValue(chromedp.ID("period"), "year"),
		chromedp.Click(chromedp.ID("show")),
		chromedp.WaitVisible(chromedp.ID("ranking")),
	)
	browsertest.WaitText(t, ctx, "#period-label", "Năm 2026")
	browsertest.WaitText(t, ctx, "#ranking tbody tr:nth-child(1) .index", "66,67 %")
	browsertest.Run(t, ctx, "hall's day",
		chromedp.Click(chromedp.CSS("#ranking tbody tr:nth-child(1) .name a")),
		chromedp.WaitVisible(chromedp.ID("tickets")),
	)
	browsertest.WaitText(t, ctx, "#day-issued", "6")
	browsertest.WaitText(t, ctx, "#report-check", "khớp với báo cáo cuối ngày của sảnh")
	shot(t, ctx, "day")
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
