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
	shots := xtest.ShotDir(t)
	srv := apptest.Start(t, app.Options{Now: hallNow()})
	kiosk := apptest.Connect(t, srv.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
	display := apptest.Connect(t, srv.Addr, "display-1", "demo-display-1-token-01")
	for _, tk := range []protocol.IssueTicket{
		{Service: "A"}, {Service: "B"}, {Service: "C"}, {Service: "A", Priority: true}, {Service: "A"}, {Service: "B"},
	} {
		kiosk.Send(t, protocol.CmdIssueTicket, tk, nil)
	}

	x, _ := xtest.Launch(t, w, h, windowTitle, bin, "-server", "ws://"+srv.Addr+"/ws", "-device", "counter-1", "-token", "demo-counter-1-token-01")
	if w != 1366 || h != 768 { // the window opens at 1366x768
		resizeWindow(t, x, windowTitle, w, h)
		x.WaitWindow(t, windowTitle, 5*time.Second)
	}
	waitScreen(t, x, "the sign-in screen", xtest.ShotName(t, shots, "1-sign-in"), onSignIn)

	x.Type(t, "hang.nd") // the username has the focus
	x.Key(t, "Tab")
	x.Type(t, "0000")
	x.Key(t, "Return")
	waitScreen(t, x, "the wrong PIN's refusal", xtest.ShotName(t, shots, "2-wrong-pin"), refused)
	if c := srv.Hall.State().Counters[0]; c.Clerk != "" {
		t.Fatalf("a wrong PIN signed %q in", c.Clerk)
	}
	x.Type(t, "1111") // the focus stays in the PIN after a refusal
	x.Key(t, "Return")
	waitScreen(t, x, "the serve screen", "", onServe)
	if c := srv.Hall.State().Counters[0]; c.Clerk != "hang.nd" || c.Status != queue.CounterOpen {
		t.Fatalf("counter 1 on the server: clerk %q, status %q; want hang.nd, open", c.Clerk, c.Status)
	}
	time.Sleep(500 * time.Millisecond) // the queue's rows
	x.Screenshot(t, xtest.ShotName(t, shots, "3-serve-idle"))

	first := srv.Hall.State().Waiting[0] // A002, the priority ticket, goes first
	pressUntil(t, x, "F1", "the display saw no ticket_called at counter 1", func() bool {
		return apptest.Saw(display, protocol.EvTicketCalled, func(e protocol.CalledEvent) bool {
			return e.Counter == 1 && e.Ticket.ID == first.ID && !e.Recall
		})
	})
	time.Sleep(time.Second)
	x.Screenshot(t, xtest.ShotName(t, shots, "4-serving"))

	pressUntil(t, x, "F3", "the display saw no ticket_finished", func() bool {
		return apptest.Saw(display, protocol.EvTicketFinished, func(e protocol.TicketEvent) bool {
			return e.Ticket.ID == first.ID && e.Ticket.Counter == 1
		})
	})
	if n := len(srv.Hall.State().RecentCalls); n != 1 {
		t.Errorf("server: %d calls, want 1", n)
	}
	time.Sleep(time.Second)
	x.Screenshot(t, xtest.ShotName(t, shots, "5-finished"))
}
