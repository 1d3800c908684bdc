package app

import (
	"strings"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// TestRestartKeepsSignInsAndEvents restarts the server in process on the
// same data: a clerk's sign-in and called ticket survive, a display
// resumes with since, and stored replies are still answered.
func TestRestartKeepsSignInsAndEvents(t *testing.T) {
	dir := t.TempDir()
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServer(t, dir, clk)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-2")
	d := connect(t, s, "display-1")
	a := k.issue("A")
	c.login("minh.tq", "2222")
	c.ticketOK("call_next", nil)
	_, n := health(t, s)
	d.sync()
	k.issue("E")
	_, seq := health(t, s)
	s.Close()

	s = startServer(t, dir, clk)
	if _, got := health(t, s); got != seq {
		t.Fatalf("seq after restart: got %d, want %d", got, seq)
	}
	d = dial(t, s)
	var h helloData
	decodeInto(t, d.hello("display-1", n, today).Data, &h)
	if h.State != nil || h.Seq != seq {
		t.Fatalf("hello since %d after restart: got seq %d state %v, want %d and a replay", n, h.Seq, h.State != nil, seq)
	}
	if ev := d.events(1)[0]; ev.Seq != n+1 || ev.Type != "ticket_issued" {
		t.Fatalf("replay after restart: got %s %d, want ticket_issued %d", ev.Type, ev.Seq, n+1)
	}
	c = dial(t, s)
	decodeInto(t, c.hello("counter-2", 0, "").Data, &h)
	var ct struct {
		status string
		clerk  string
	}
	for _, x := range h.State.Counters {
		if x.ID == 2 && x.Clerk != nil {
			ct.status, ct.clerk = x.Status, *x.Clerk
		}
	}
	if ct.status != "open" || ct.clerk != "minh.tq" {
		t.Fatalf("counter 2 after restart: got %+v, want open with minh.tq", ct)
	}
	if got := c.ticketOK("finish", map[string]any{"ticket_id": a.Ticket.ID}); got.State != "finished" || got.Clerk == nil || *got.Clerk != "minh.tq" {
		t.Fatalf("finish after restart without a new sign-in: got %+v, want finished by minh.tq", got)
	}
	// The kiosk's first command is answered from the store.
	k = connect(t, s, "kiosk-1")
	r := k.rawDo(cmd("issue_ticket", "issue_ticket-2", map[string]any{"service": "B"}))
	var got issued
	decodeInto(t, r.Data, &got)
	if got.Ticket.ID != a.Ticket.ID {
		t.Fatalf("repeat after restart: got %s, want the stored %s", got.Ticket.ID, a.Ticket.ID)
	}
}

// TestConcurrentRetries sends one command id from ten connections of the
// same kiosk at once: it takes effect once and every reply is the same.
func TestConcurrentRetries(t *testing.T) {
	s := startServer(t, "", nil)
	const n = 10
	conns := make([]*wsClient, n)
	for i := range conns {
		conns[i] = connect(t, s, "kiosk-1")
	}
	_, before := health(t, s)
	frame := cmd("issue_ticket", "same-id", map[string]any{"service": "A"})
	for _, c := range conns {
		c.sendRaw(frame)
	}
	var first string
	for i, c := range conns {
		var r msg
		for r = c.read(); r.Type != "reply"; r = c.read() {
		}
		if !r.OK || r.ID != "same-id" {
			t.Fatalf("connection %d: got %+v, want ok same-id", i, r)
		}
		if i == 0 {
			first = string(r.Data)
		} else if string(r.Data) != first {
			t.Fatalf("connection %d: got %s, want the same reply %s", i, r.Data, first)
		}
	}
	if _, after := health(t, s); after != before+1 {
		t.Fatalf("seq: got %d, want %d (one effect)", after, before+1)
	}
}

// TestDailyLimit checks that a service at its daily_limit issues no more
// (conflict), while other services go on.
func TestDailyLimit(t *testing.T) {
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	for i := 0; i < 50; i++ {
		k.issue("E")
	}
	id := k.send("issue_ticket", map[string]any{"service": "E"})
	r, _ := k.reply(id)
	wantErr(t, r, "conflict", id)
	if got := k.issue("A").Ticket.Number; got != "A001" {
		t.Fatalf("another service: got %s, want A001", got)
	}
}

// TestRatingWindow checks that a ticket can be rated within
// rating_window (30 minutes) of its finish, and not after.
func TestRatingWindow(t *testing.T) {
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServer(t, "", clk)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-1")
	c.login("hang.nd", "1111")
	a, b := k.issue("A"), k.issue("A")
	for _, x := range []issued{a, b} {
		c.ticketOK("call_next", nil)
		c.ticketOK("finish", map[string]any{"ticket_id": x.Ticket.ID})
	}
	clk.Add(30*time.Minute - time.Second)
	k.mustOK("rate", map[string]any{"ticket_id": a.Ticket.ID, "rating": 5, "token": a.Ticket.Token}, nil)
	id := k.send("rate", map[string]any{"ticket_id": a.Ticket.ID, "rating": 4, "token": a.Ticket.Token})
	r, _ := k.reply(id)
	wantErr(t, r, "conflict", id) // rated once
	clk.Add(2 * time.Second)
	id = k.send("rate", map[string]any{"ticket_id": b.Ticket.ID, "rating": 5, "token": b.Ticket.Token})
	r, _ = k.reply(id)
	wantErr(t, r, "conflict", id) // too late
}

// TestStateHoldsNoToken checks that the state a hello gives carries no
// ticket token.
func TestStateHoldsNoToken(t *testing.T) {
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-1")
	c.login("hang.nd", "1111")
	a := k.issue("A")
	k.issue("A")
	c.ticketOK("call_next", nil)
	c.ticketOK("hold", map[string]any{"ticket_id": a.Ticket.ID})
	c.ticketOK("call_next", nil)
	for _, dev := range []string{"display-1", "kiosk-1", "counter-1"} {
		r := dial(t, s).hello(dev, 0, "")
		if strings.Contains(string(r.Data), `"token"`) {
			t.Fatalf("%s's hello state carries a token: %s", dev, r.Data)
		}
	}
}
