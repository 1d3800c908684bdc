package web_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"hallq/server/config"
	"hallq/server/store"
	"hallq/shared/protocol"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// TestBrowserTicketPage opens a ticket's page on a phone (360×740, touch)
// from the address the kiosk prints in its QR code, and follows it: the
// place goes down as others are called, the reminder fires, the call says
// which counter, the rating opens a case; a wrong token gets "not found".
func TestBrowserTicketPage(t *testing.T) {
	execPath := needChromium(t)
	srv, clk, base := startDemoHall(t)
	if err := srv.Hall.UpdateConfig("test", "hall.edit", "hall", func(c *config.Config) error {
		c.Hall.PublicURL = base
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	kiosk := dialDevice(t, srv.Addr, "kiosk-1", kioskToken)
	var mine issued
	for range 3 {
		kiosk.mustOK("issue_ticket", map[string]any{"service": "A"}, &mine)
	}
	// What the kiosk prints in the QR code (kiosk/model: slip).
	qr := protocol.TicketURL(srv.Hall.State().Hall.PublicURL, mine.Ticket.ID, mine.Ticket.Token)
	if !strings.HasPrefix(qr, base+"/t/2026-11-28-A003?k=") {
		t.Fatalf("QR text %q, want the page of A003 on %s", qr, base)
	}
	counter := dialDevice(t, srv.Addr, "counter-1", counter1Token)
	counter.mustOK("clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}, nil)

	ctx := newBrowser(t, execPath)
	run(t, ctx, "phone screen", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
	run(t, ctx, "open the QR's address", chromedp.Navigate(qr), chromedp.WaitVisible(chromedp.ID("number")))
	waitText(t, ctx, "#number", "A003")
	waitText(t, ctx, "#ahead", "2")
	waitText(t, ctx, "#conn", "trực tiếp")
	sizes, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if err != nil || len(sizes) != 2 || sizes[0] > 360 || sizes[1] != 360 {
		t.Errorf("page width %v in a 360 px phone (err %v), want no sideways scroll", sizes, err)
	}
	screenshot(t, ctx, "ticket-waiting")

	// Alerts on (a tap, as browsers require), and a reminder at one ahead.
	run(t, ctx, "turn alerts on and set a reminder",
		chromedp.Click(chromedp.ID("enable")),
		chromedp.SetValue(chromedp.ID("remind-n"), "1"),
		chromedp.Click(chromedp.ID("remind-set")))
	waitText(t, ctx, "#enable", "Đã bật thông báo")
	waitText(t, ctx, "#remind-state", "Sẽ nhắc khi còn 1 người")

	var first called
	counter.mustOK("call_next", nil, &first)
	waitText(t, ctx, "#ahead", "1")
	waitText(t, ctx, "#overlay-text", "Còn 1 người nữa là đến lượt ông/bà")
	run(t, ctx, "close the reminder", chromedp.Click(chromedp.ID("overlay-ok")))
	clk.Add(4 * time.Minute)
	counter.mustOK("finish", map[string]any{"ticket_id": first.Ticket.ID}, nil)
	var second called
	counter.mustOK("call_next", nil, &second)
	waitText(t, ctx, "#ahead", "0")
	counter.mustOK("finish", map[string]any{"ticket_id": second.Ticket.ID}, nil)
	var me called
	counter.mustOK("call_next", nil, &me)
	if me.Ticket.Number != "A003" {
		t.Fatalf("third call: %s, want A003", me.Ticket.Number)
	}
	waitText(t, ctx, "#status", "Mời ông/bà đến Quầy 1")
	waitText(t, ctx, "#overlay-text", "Mời ông/bà đến Quầy 1")
	screenshot(t, ctx, "ticket-called")
	run(t, ctx, "close the call", chromedp.Click(chromedp.ID("overlay-ok")))

	// Finished: rate "Rất không hài lòng" with a reason, a comment and a
	// phone number; the case opens with them.
	clk.Add(6 * time.Minute)
	counter.mustOK("finish", map[string]any{"ticket_id": me.Ticket.ID}, nil)
	run(t, ctx, "choose level 1", chromedp.WaitVisible(chromedp.ID("rate")), chromedp.Click(chromedp.CSS(`[data-level="1"]`)),
		chromedp.WaitVisible(chromedp.ID("rate-more")))
	run(t, ctx, "reasons and comment",
		chromedp.Click(chromedp.CSS(`#reasons input[value="attitude"]`)),
		chromedp.SendKeys(chromedp.ID("rate-comment"), "Cán bộ nói chuyện thiếu tôn trọng"),
		chromedp.SendKeys(chromedp.ID("rate-phone"), "0912 345 678"))
	screenshot(t, ctx, "ticket-rate")
	run(t, ctx, "send the rating", chromedp.Click(chromedp.ID("rate-send")))
	waitText(t, ctx, "#rated-text", "Rất không hài lòng")
	waitText(t, ctx, "#rated-text", "mã ")
	items, _, err := srv.Hall.FeedbackPage(store.FeedbackFilter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var opened bool
	for _, f := range items {
		opened = opened || (f.TicketID == mine.Ticket.ID && f.Rating == 1 && f.Phone == "0912 345 678" &&
			strings.Contains(f.Message, "thiếu tôn trọng") && len(f.Reasons) == 1 && f.Reasons[0] == "attitude")
	}
	if !opened {
		t.Errorf("no case for A003's rating among %+v", items)
	}
	// Reloaded, the page says it is rated and offers no second rating.
	run(t, ctx, "reload", chromedp.Navigate(qr), chromedp.WaitVisible(chromedp.ID("rated")))
	waitText(t, ctx, "#rated-text", "Cảm ơn ông/bà đã đánh giá")
	if hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('rate').hidden`)); !hidden {
		t.Error("a rated ticket's page still offers the rating")
	}

	// A wrong token: the plain not-found page.
	run(t, ctx, "wrong token", chromedp.Navigate(strings.Replace(qr, "k=", "k=X", 1)), chromedp.WaitVisible(chromedp.ID("missing")))
	waitText(t, ctx, "#missing", "Không tìm thấy phiếu")
}

// TestBrowserTicketNotification: on a phone that allowed notifications,
// the page registers its service worker (/t/sw.js, scope /t/) and, when
// the citizen has switched to another app, the call shows as a system
// notification through it, as Android Chrome requires.
func TestBrowserTicketNotification(t *testing.T) {
	execPath := needChromium(t)
	srv, _, base := startDemoHall(t)
	kiosk := dialDevice(t, srv.Addr, "kiosk-1", kioskToken)
	var mine issued
	kiosk.mustOK("issue_ticket", map[string]any{"service": "A"}, &mine)
	counter := dialDevice(t, srv.Addr, "counter-1", counter1Token)
	counter.mustOK("clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}, nil)
	qr := protocol.TicketURL(base, mine.Ticket.ID, mine.Ticket.Token)

	ctx := newBrowser(t, execPath)
	run(t, ctx, "open the QR's address", chromedp.Navigate(qr), chromedp.WaitVisible(chromedp.ID("number")))
	// The citizen says yes to the browser's question.
	if _, err := cdp.Call(ctx, chromedp.FromContext(ctx).Browser, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "notifications"},
		Setting:    browser.PermissionSettingGranted,
		Origin:     base,
	}); err != nil {
		t.Fatalf("grant notifications: %v", err)
	}
	run(t, ctx, "turn alerts on", chromedp.Click(chromedp.ID("enable")))
	waitText(t, ctx, "#enable-note", "cả khi ông/bà sang ứng dụng khác")
	readyCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	scope, err := chromedp.Run(readyCtx, chromedp.Evaluate[string](
		`navigator.serviceWorker.ready.then(function (r) { return r.scope + ' ' + r.active.scriptURL; })`, chromedp.EvalAwaitPromise))
	if err != nil || scope != base+"/t/ "+base+"/t/sw.js" {
		t.Fatalf("service worker %q (err %v), want scope %s/t/ running /t/sw.js", scope, err, base)
	}

	// The citizen switches to another app; the clerk calls.
	run(t, ctx, "leave the page", chromedp.Evaluate[chromedp.Void](
		`Object.defineProperty(document, 'visibilityState', { configurable: true, get: function () { return 'hidden'; } })`))
	counter.mustOK("call_next", nil, nil)
	waitText(t, ctx, "#status", "Mời ông/bà đến Quầy 1")
	want := "Số " + mine.Ticket.Number + " | Mời ông/bà đến Quầy 1"
	var shown string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		shown, err = chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.serviceWorker.ready.then(function (r) {
			return r.getNotifications(); }).then(function (ns) {
			return ns.map(function (n) { return n.title + ' | ' + n.body; }).join('; '); })`, chromedp.EvalAwaitPromise))
		if err == nil && strings.Contains(shown, want) {
			break
		}
	}
	if !strings.Contains(shown, want) {
		t.Fatalf("notifications shown %q (err %v), want %q", shown, err, want)
	}

	// The worker itself: served with no caching, and no ticket is ever
	// stored by it (it has no fetch handler).
	res, err := http.Get(base + "/t/sw.js")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") ||
		res.Header.Get("Cache-Control") != "no-cache" || strings.Contains(string(body), "'fetch'") {
		t.Errorf("/t/sw.js: %d %q %q, fetch handler %v", res.StatusCode, res.Header.Get("Content-Type"),
			res.Header.Get("Cache-Control"), strings.Contains(string(body), "'fetch'"))
	}
}
