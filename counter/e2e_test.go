package main

import (
	"fmt"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/shared/protocol"
	"hallq/shared/queue"
	"hallq/shared/xtest"
)

// windowTitle is part of the counter window's title.
const windowTitle = "Quầy phục vụ"

// hallNow returns a clock that starts at 09:00 in the hall's zone (inside
// opening hours) and runs with the real one.
func hallNow() func() time.Time {
	base := time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	start := time.Now()
	return func() time.Time { return base.Add(time.Since(start)) }
}

// TestEndToEnd runs the real counter binary under Xvfb against the real
// server, at the two common counter screen sizes. The clerk signs in by
// typing (a wrong PIN first, which keeps the sign-in screen), F1 calls the
// first ticket of the queue, which a display sees as ticket_called at
// counter 1, and F3 finishes it (ticket_finished).
//
// HALL_SHOTS=DIR keeps the screenshots of each screen.
func TestEndToEnd(t *testing.T) {
	xtest.Need(t, "Xvfb", "xdotool", "import")
	bin := xtest.Build(t, "hallq/counter")
	for _, size := range []struct{ w, h int }{{1366, 768}, {1920, 1080}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			runCounter(t, bin, size.w, size.h)
		})
	}
}

func runCounter(t *testing.T, bin string, w, h int) {
	shots := shotDir(t)
	srv := apptest.Start(t, app.Options{Now: hallNow()})
	kiosk := connect(t, srv.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
	display := connect(t, srv.Addr, "display-1", "demo-display-1-token-01")
	for _, tk := range []protocol.IssueTicket{
		{Service: "A"}, {Service: "B"}, {Service: "C"}, {Service: "A", Priority: true}, {Service: "A"}, {Service: "B"},
	} {
		kiosk.send(t, protocol.CmdIssueTicket, tk)
	}

	x := xtest.StartX(t, w, h)
	x.Start(t, bin, "-server", "ws://"+srv.Addr+"/ws", "-device", "counter-1", "-token", "demo-counter-1-token-01")
	x.WaitWindow(t, windowTitle, 30*time.Second)
	if w != 1366 || h != 768 { // the window opens at 1366x768
		resizeWindow(t, x, windowTitle, w, h)
		x.WaitWindow(t, windowTitle, 5*time.Second)
	}
	xtest.Eventually(t, 15*time.Second, "the counter did not connect", func() bool {
		return metric(srv.Addr, `hall_connections{role="counter"}`) == "1"
	})
	time.Sleep(time.Second) // the sign-in screen renders and takes the focus
	x.Screenshot(t, shotName(t, shots, "1-sign-in"))

	x.Type(t, "hang.nd")
	x.Key(t, "Tab")
	x.Type(t, "0000")
	x.Key(t, "Return")
	xtest.Eventually(t, 15*time.Second, "the server did not answer the sign-in", func() bool {
		return metric(srv.Addr, `hall_command_seconds_count{type="clerk_login"}`) == "1"
	})
	time.Sleep(time.Second) // the reply reaches the window
	x.Screenshot(t, shotName(t, shots, "2-wrong-pin"))
	if c := srv.Hall.State().Counters[0]; c.Clerk != "" {
		t.Fatalf("a wrong PIN signed %q in", c.Clerk)
	}
	x.Type(t, "1111") // the focus stays in the PIN after a refusal
	x.Key(t, "Return")
	xtest.Eventually(t, 15*time.Second, "hang.nd was not signed in at counter 1", func() bool {
		c := srv.Hall.State().Counters[0]
		return c.Clerk == "hang.nd" && c.Status == queue.CounterOpen
	})
	time.Sleep(time.Second)
	x.Screenshot(t, shotName(t, shots, "3-serve-idle"))

	first := srv.Hall.State().Waiting[0] // A002, the priority ticket, goes first
	x.Key(t, "F1")
	xtest.Eventually(t, 10*time.Second, "the display saw no ticket_called at counter 1 after F1", func() bool {
		return saw(display, protocol.EvTicketCalled, func(e protocol.CalledEvent) bool {
			return e.Counter == 1 && e.Ticket.ID == first.ID && !e.Recall
		})
	})
	time.Sleep(time.Second)
	x.Screenshot(t, shotName(t, shots, "4-serving"))

	x.Key(t, "F3")
	xtest.Eventually(t, 10*time.Second, "the display saw no ticket_finished after F3", func() bool {
		return saw(display, protocol.EvTicketFinished, func(e protocol.TicketEvent) bool {
			return e.Ticket.ID == first.ID && e.Ticket.Counter == 1
		})
	})
	if n := len(srv.Hall.State().RecentCalls); n != 1 {
		t.Errorf("server: %d calls, want 1", n)
	}
	time.Sleep(time.Second)
	x.Screenshot(t, shotName(t, shots, "5-finished"))
}
