package apptest_test

import (
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/shared/protocol"
)

// TestHallPeerProxy checks the helpers against each other: a peer through a
// proxy issues a ticket on a hall on a set clock, sees its own event, loses
// its link when the proxy is cut, and after a restart in the same place
// finds the ticket still waiting.
func TestHallPeerProxy(t *testing.T) {
	clk := apptest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	h := apptest.StartHall(t, clk.Now)
	addr := h.Addr
	p := apptest.StartProxy(t, h.Addr)
	kiosk := apptest.Connect(t, p.Addr(), "kiosk-1", "demo-kiosk-1-token-0001")
	var got protocol.TicketReply
	kiosk.Send(t, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"}, &got)
	if got.Ticket.Number != "A001" {
		t.Fatalf("issued %q, want A001", got.Ticket.Number)
	}
	apptest.WaitFor(t, 5*time.Second, "the ticket_issued event", func() bool {
		return apptest.Saw(kiosk, protocol.EvTicketIssued, func(e protocol.TicketEvent) bool { return e.Ticket.Number == "A001" })
	})
	if apptest.Saw(kiosk, protocol.EvTicketIssued, func(e protocol.TicketEvent) bool { return e.Ticket.Number == "A002" }) {
		t.Error("Saw matched an event that never came")
	}

	p.Cut()
	apptest.WaitFor(t, 5*time.Second, "the cut to reach the client", func() bool { return !kiosk.Client().Connected() })
	h.Restart()
	if h.Addr != addr {
		t.Errorf("restarted on %s, want %s", h.Addr, addr)
	}
	apptest.WaitFor(t, 10*time.Second, "the peer to reconnect", kiosk.Client().Connected)
	if w := h.Srv.Hall.State().Waiting; len(w) != 1 || w[0].Number != "A001" {
		t.Errorf("waiting after the restart: %+v, want A001", w)
	}
	if now := h.Srv.Hall.State(); now.Day != "2026-11-28" {
		t.Errorf("day after the restart: %s, want the set clock's 2026-11-28", now.Day)
	}
}
