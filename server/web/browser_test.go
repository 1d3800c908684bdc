package web_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/server/web/browsertest"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

var ict = time.FixedZone("ICT", 7*3600)

// The browser tests' kit (browsertest), under the names these tests use.
var (
	needChromium   = browsertest.Need
	newBrowser     = browsertest.New
	run            = browsertest.Run
	text           = browsertest.Text
	waitText       = browsertest.WaitText
	waitTextWithin = browsertest.WaitTextWithin
	jsString       = browsertest.JSString
)

// startDemoHall starts the real server with the demo hall in a temp data
// dir at 2026-11-28 09:00 hall time, logging warnings to t; it stops when
// the test ends.
func startDemoHall(t *testing.T) (*app.Server, *apptest.Clock, string) {
	t.Helper()
	clk := apptest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	srv, err := app.Start(app.Options{Addr: "127.0.0.1:0", Data: t.TempDir(), Demo: true, Now: clk.Now,
		Logger: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, clk, "http://" + srv.Addr
}

// signIn opens url (which asks for the sign-in), signs the demo supervisor
// in and waits for the element with id ready.
func signIn(t *testing.T, ctx context.Context, url, ready string) {
	t.Helper()
	run(t, ctx, "sign in",
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "giamsat"),
		chromedp.SendKeys(chromedp.ID("password"), "giamsat2026"),
		chromedp.Click(chromedp.ID("signin")),
		chromedp.WaitVisible(chromedp.ID(ready)),
	)
}

// screenshot saves the whole page to /tmp/name.png, for a person to look at.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(os.TempDir(), name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBrowser(t *testing.T) {
	execPath := needChromium(t)
	srv, clk, base := startDemoHall(t)

	kiosk := dialDevice(t, srv.Addr, "kiosk-1", kioskToken)
	var tickets []issued
	for _, svc := range []string{"A", "A", "B", "C"} {
		var is issued
		kiosk.mustOK("issue_ticket", map[string]any{"service": svc}, &is)
		tickets = append(tickets, is)
	}
	clk.Add(25 * time.Minute) // past wait_alert (20m): the waiting tickets show red

	ctx := newBrowser(t, execPath)

	// Sign in: the hall page redirects to the sign-in page first.
	run(t, ctx, "sign in",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "giamsat"),
		chromedp.SendKeys(chromedp.ID("password"), "giamsat2026"),
	)
	screenshot(t, ctx, "web-login")
	run(t, ctx, "submit sign-in", chromedp.Click(chromedp.ID("signin")), chromedp.WaitVisible(chromedp.ID("live")))
	waitText(t, ctx, "#conn", "trực tiếp")

	// The live hall follows a call made at a counter.
	counter := dialDevice(t, srv.Addr, "counter-1", counter1Token)
	counter.mustOK("clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}, nil)
	var c1 called
	counter.mustOK("call_next", nil, &c1)
	if c1.Ticket.Number != "A001" {
		t.Fatalf("call_next: got %s, want A001", c1.Ticket.Number)
	}
	waitText(t, ctx, `#counters [data-counter="1"]`, "A001")
	waitText(t, ctx, `#counters [data-counter="1"]`, "Nguyễn Diệu Hằng")
	waitText(t, ctx, "#n-waiting", "3")
	if got := text(t, ctx, "#n-late"); got != "3" {
		t.Errorf("late tickets: got %s, want 3", got)
	}
	// A ticket issued now appears in the waiting list, priority first.
	kiosk.mustOK("issue_ticket", map[string]any{"service": "D", "priority": true}, nil)
	waitText(t, ctx, "#n-waiting", "4")
	waitText(t, ctx, "#waiting tbody tr:first-child", "D001")

	// The kiosk's printer runs out of paper: the page's poll (every 10 s)
	// shows the red line without a reload.
	kiosk.mustOK("device_status", map[string]any{"kind": "printer", "ok": false, "detail": "máy in hết giấy"}, nil)
	waitTextWithin(t, ctx, "#problems", "Kiosk kiosk-1: máy in hết giấy — chưa hoạt động tốt", 15*time.Second)
	screenshot(t, ctx, "web-hall")

	// Serve and rate two tickets: one dissatisfied (it opens a feedback
	// item), one very satisfied.
	clk.Add(6 * time.Minute)
	counter.mustOK("finish", map[string]any{"ticket_id": c1.Ticket.ID}, nil)
	waitText(t, ctx, `#counters [data-counter="1"]`, "Không có số đang phục vụ")
	kiosk.mustOK("rate", map[string]any{"ticket_id": tickets[0].Ticket.ID, "rating": 2, "token": tickets[0].Ticket.Token,
		"reasons": []string{"waiting"}, "comment": "Chờ hơi lâu"}, nil)
	counter.mustOK("call_next", nil, &c1)
	// Held while the citizen fetches a paper, then called back.
	counter.mustOK("hold", map[string]any{"ticket_id": c1.Ticket.ID}, nil)
	waitText(t, ctx, "#held", c1.Ticket.Number)
	counter.mustOK("call_ticket", map[string]any{"ticket_id": c1.Ticket.ID}, nil)
	waitText(t, ctx, `#counters [data-counter="1"]`, c1.Ticket.Number)
	waitText(t, ctx, "#held", "Không có số tạm giữ")
	clk.Add(4 * time.Minute)
	counter.mustOK("finish", map[string]any{"ticket_id": c1.Ticket.ID}, nil)
	kiosk.mustOK("rate", map[string]any{"ticket_id": tickets[1].Ticket.ID, "rating": 5, "token": tickets[1].Ticket.Token}, nil)
	kiosk.mustOK("feedback", map[string]any{"message": "Đề nghị bố trí thêm ghế ngồi chờ.", "name": "Nguyễn Văn An", "phone": "0912 345 678"}, nil)

	// The day's report.
	run(t, ctx, "open report", chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(chromedp.ID("figs")))
	for sel, want := range map[string]string{"#issued": "5", "#finished": "2", "#satisfaction": "50,00 %", "#rated": "2"} {
		if got := text(t, ctx, sel); got != want {
			t.Errorf("report %s: got %q, want %q", sel, got, want)
		}
	}
	waitText(t, ctx, "#low-ratings", "Chờ hơi lâu")
	screenshot(t, ctx, "web-report")

	// The month.
	run(t, ctx, "open month", chromedp.Navigate(base+"/reports/month"), chromedp.WaitVisible(chromedp.ID("days")))
	if got := text(t, ctx, "#satisfaction"); got != "50,00 %" {
		t.Errorf("month index: got %q, want 50,00 %%", got)
	}
	screenshot(t, ctx, "web-month")

	// Mark the low rating's feedback item handled.
	run(t, ctx, "open feedback", chromedp.Navigate(base+"/feedback"), chromedp.WaitVisible(chromedp.ID("fb-1")))
	screenshot(t, ctx, "web-feedback")
	run(t, ctx, "answer feedback",
		chromedp.SetValue(chromedp.CSS(`#fb-1 select[name="status"]`), "handled"),
		chromedp.SendKeys(chromedp.CSS(`#fb-1 textarea[name="answer"]`), "Đã gọi điện xin lỗi công dân, bổ sung người hướng dẫn."),
		chromedp.Click(chromedp.CSS(`#fb-1 button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("saved")),
	)
	waitText(t, ctx, "#fb-1 .badge", "Đã xử lý")
	waitText(t, ctx, "#fb-1", "Đã xử lý bởi Trần Văn Giám")
	screenshot(t, ctx, "web-feedback-saved")

	// Download the day's workbook through the browser and read a number.
	dir := t.TempDir()
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	run(t, ctx, "download xlsx",
		chromedp.Navigate(base+"/reports"),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			on := true
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &on,
			})
			return err
		}),
		chromedp.Click(chromedp.ID("xlsx")),
	)
	var file string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(dir, ev.GUID)
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("download canceled")
		}
	}
	checkXLSX(t, file, "Số phiếu đã cấp", "5")
	checkXLSX(t, file, "Chỉ số hài lòng (%)", "50.00")

	// Sign out: the hall page asks for sign-in again.
	run(t, ctx, "sign out", chromedp.Click(chromedp.ID("logout")), chromedp.WaitVisible(chromedp.ID("username")))
}

// checkXLSX finds the row labelled key on the summary sheet and compares its
// value.
func checkXLSX(t *testing.T, path, key, want string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows("Tổng hợp")
	if err != nil {
		t.Fatalf("xlsx rows: %v", err)
	}
	for _, row := range rows {
		if len(row) >= 2 && row[0] == key {
			if row[1] != want {
				t.Errorf("xlsx %s: got %q, want %q", key, row[1], want)
			}
			return
		}
	}
	t.Errorf("xlsx: no row %q", key)
}

// testLog sends the server's log to the test's log.
type testLog struct{ t *testing.T }

func (w testLog) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}
