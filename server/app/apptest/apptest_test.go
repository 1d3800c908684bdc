package apptest_test

import (
	"context"
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/shared/protocol"
)

// TestHallPeerProxy checks the helpers against each other: a peer through a
// proxy issues a ticket on a hall on a set clock, sees its own event, loses
// its link when the proxy is cut (a stall only holds its command), and after a restart in the same place
// finds the ticket still waiting.
func TestHallPeerProxy(t *testing.T) {
	clk := apptest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	h := apptest.StartInPlace(t, clk.Now)
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

	// A stalled link passes nothing and closes nothing; the held command
	// goes through when the stall ends, on the same connection.
	accepted := p.Accepted()
	p.Stall(true)
	replied := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := kiosk.Client().Send(ctx, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "B"})
		replied <- err
	}()
	select {
	case err := <-replied:
		t.Fatalf("a command through a stalled proxy got its reply (err %v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	p.Stall(false)
	if err := <-replied; err != nil {
		t.Fatalf("issue_ticket after the stall: %v", err)
	}
	if n := p.Accepted(); n != accepted {
		t.Errorf("connections through the proxy after a stall: got %d, want still %d", n, accepted)
	}

	// Refusing new connections keeps the client down after the cut, so the
	// cut is seen however fast the client redials.
	p.Refuse(true)
	p.Cut()
	apptest.WaitFor(t, 5*time.Second, "the cut to reach the client", func() bool { return !kiosk.Client().Connected() })
	h.Restart()
	if h.Addr != addr {
		t.Errorf("restarted on %s, want %s", h.Addr, addr)
	}
	if kiosk.Client().Connected() {
		t.Error("the client reconnected through a proxy that refuses connections")
	}
	p.Refuse(false)
	apptest.WaitFor(t, 10*time.Second, "the peer to reconnect", kiosk.Client().Connected)
	if n := p.Accepted(); n <= accepted {
		t.Errorf("connections through the proxy after the reconnect: got %d, want more than %d", n, accepted)
	}
	if w := h.Srv.Hall.State().Waiting; len(w) != 2 || w[0].Number != "A001" || w[1].Number != "B001" {
		t.Errorf("waiting after the restart: %+v, want A001 and B001", w)
	}
	if now := h.Srv.Hall.State(); now.Day != "2026-11-28" {
		t.Errorf("day after the restart: %s, want the set clock's 2026-11-28", now.Day)
	}
}
