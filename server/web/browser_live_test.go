package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserLiveFigures: the live hall page keeps today's figures, the
// counter's clerk figures and the alerts current while a counter serves and
// a kiosk rates: a rating of 1 shows as a red line within seconds, and a
// ticket served past service_alert (30m in the demo hall) as another.
func TestBrowserLiveFigures(t *testing.T) {
	execPath := needChromium(t)
	srv, clk, base := startDemoHall(t)

	kiosk := dialDevice(t, srv.Addr, "kiosk-1", kioskToken)
	var tickets []issued
	for _, svc := range []string{"A", "A", "B"} {
		var is issued
		kiosk.mustOK("issue_ticket", map[string]any{"service": svc}, &is)
		tickets = append(tickets, is)
	}

	ctx := newBrowser(t, execPath)
	signIn(t, ctx, base+"/", "live")
	waitText(t, ctx, "#conn", "trực tiếp")
	if got := text(t, ctx, "#n-issued"); got != "3" {
		t.Errorf("issued: got %s, want 3", got)
	}
	if got := text(t, ctx, "#n-index"); got != "—" {
		t.Errorf("index before any rating: got %q, want —", got)
	}

	counter := dialDevice(t, srv.Addr, "counter-1", counter1Token)
	counter.mustOK("clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}, nil)
	card := `#counters [data-counter="1"]`

	// A001: 6 minutes, rated 5.
	var c called
	counter.mustOK("call_next", nil, &c)
	clk.Add(6 * time.Minute)
	counter.mustOK("finish", map[string]any{"ticket_id": c.Ticket.ID}, nil)
	kiosk.mustOK("rate", map[string]any{"ticket_id": tickets[0].Ticket.ID, "rating": 5, "token": tickets[0].Ticket.Token}, nil)
	waitText(t, ctx, "#n-index", "100,00 %")
	waitText(t, ctx, "#n-finished", "1")
	waitText(t, ctx, card+" .c-served", "1")
	waitText(t, ctx, card+" .c-mean", "6 phút")

	// A002: 4 minutes, rated 1 with a reason: a red line at once (the
	// event asks /api/live; its poll alone would take up to 10 s).
	counter.mustOK("call_next", nil, &c)
	clk.Add(4 * time.Minute)
	counter.mustOK("finish", map[string]any{"ticket_id": c.Ticket.ID}, nil)
	kiosk.mustOK("rate", map[string]any{"ticket_id": tickets[1].Ticket.ID, "rating": 1, "token": tickets[1].Ticket.Token,
		"reasons": []string{"attitude"}}, nil)
	waitTextWithin(t, ctx, "#low-alerts", "A002 · Rất không hài lòng · Quầy 1 · Nguyễn Diệu Hằng", 5*time.Second)
	waitText(t, ctx, "#n-index", "50,00 %")
	waitText(t, ctx, "#n-ratings", "2")
	waitText(t, ctx, card+" .c-index", "50,00 %")
	waitText(t, ctx, card+" .c-mean", "5 phút")
	waitText(t, ctx, card+" .c-served", "2")
	waitTextWithin(t, ctx, "#n-fb-new", "1", 5*time.Second)

	// B001 called and left: 31 minutes later (the next event brings the
	// server's clock) the long-service line shows.
	counter.mustOK("call_next", nil, &c)
	if c.Ticket.Number != "B001" {
		t.Fatalf("call_next: got %s, want B001", c.Ticket.Number)
	}
	clk.Add(31 * time.Minute)
	kiosk.mustOK("issue_ticket", map[string]any{"service": "C"}, nil)
	waitText(t, ctx, "#n-issued", "4")
	waitTextWithin(t, ctx, "#long-alerts", "Quầy 1: số B001 đã phục vụ 31 phút (quá 30 phút)", 8*time.Second)
	if long, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+card+`').classList.contains('long')`)); err != nil || !long {
		t.Errorf("counter 1's card is not marked long (%v)", err)
	}
	screenshot(t, ctx, "web-hall-live")

	// Finished: the line goes.
	counter.mustOK("finish", map[string]any{"ticket_id": c.Ticket.ID}, nil)
	waitText(t, ctx, card+" .c-served", "3")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('long-alerts').hidden`, chromedp.WithPollingTimeout(8*time.Second))); err != nil {
		t.Errorf("long-service alerts still shown after the finish: %v", err)
	}

	// The year page, reached from the menu, counts today.
	run(t, ctx, "open year", chromedp.Navigate(base+"/reports/month"), chromedp.WaitVisible(chromedp.ID("to-year")),
		chromedp.Click(chromedp.ID("to-year")), chromedp.WaitVisible(chromedp.ID("months")))
	for sel, want := range map[string]string{"#issued": "4", "#finished": "3", "#satisfaction": "50,00 %"} {
		if got := text(t, ctx, sel); got != want {
			t.Errorf("year page %s: got %q, want %q", sel, got, want)
		}
	}
	screenshot(t, ctx, "web-year")
}
