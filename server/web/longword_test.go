package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLongWordsDoNotWiden: a citizen's 2,000-character word (feedback) and
// a 500-character one (a low rating's comment) do not make any page wider
// than a 1366 px screen: every cell and message with citizens' text wraps.
func TestLongWordsDoNotWiden(t *testing.T) {
	execPath := needChromium(t)
	srv, clk, base := startDemoHall(t)

	kiosk := dialDevice(t, srv.Addr, "kiosk-1", kioskToken)
	var is issued
	kiosk.mustOK("issue_ticket", map[string]any{"service": "A"}, &is)
	counter := dialDevice(t, srv.Addr, "counter-1", counter1Token)
	counter.mustOK("clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}, nil)
	var c called
	counter.mustOK("call_next", nil, &c)
	clk.Add(3 * time.Minute)
	counter.mustOK("finish", map[string]any{"ticket_id": c.Ticket.ID}, nil)
	word := strings.Repeat("https://example.vn/", 106)[:2000]
	kiosk.mustOK("rate", map[string]any{"ticket_id": is.Ticket.ID, "rating": 1, "token": is.Ticket.Token,
		"reasons": []string{"waiting"}, "comment": word[:500]}, nil)
	kiosk.mustOK("feedback", map[string]any{"message": word, "name": strings.Repeat("Nguyễn", 16)}, nil)

	ctx := newBrowser(t, execPath)
	run(t, ctx, "screen size", chromedp.EmulateViewport(1366, 768))
	signIn(t, ctx, base+"/login", "live")
	for _, page := range []struct{ path, ready string }{
		{"/", "#live"},
		{"/reports", "#low-ratings"},
		{"/feedback", "form.filters"},
	} {
		run(t, ctx, "open "+page.path, chromedp.Navigate(base+page.path), chromedp.WaitReady(chromedp.CSS(page.ready)))
		sizes, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
		if err != nil {
			t.Fatalf("%s: %v", page.path, err)
		}
		screenshot(t, ctx, "web-longword"+strings.ReplaceAll(page.path, "/", "-"))
		if len(sizes) != 2 || sizes[0] > sizes[1] {
			t.Errorf("%s: page is %v px wide in a %v px window: a long word widens it", page.path, sizes[0], sizes[1])
		}
	}
}
