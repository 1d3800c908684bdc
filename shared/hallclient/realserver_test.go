package hallclient_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
)

// These tests run the client against the real server (server/app) on
// loopback with a temp data dir (apptest.Hall), through a TCP proxy that
// the test can cut (apptest.Proxy).

// hall is the real server on a fixed port and data dir, with a clock that
// send moves on by 1.5 s before each command.
type hall struct {
	*apptest.InPlace
	clk *apptest.Clock
}

func startHall(t *testing.T) *hall {
	t.Helper()
	clk := apptest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	return &hall{InPlace: apptest.StartInPlace(t, clk.Now), clk: clk}
}

// run starts a client for a demo device and stops it when the test ends.
func run(t *testing.T, url, device, token string, onEvent func(hallclient.Event)) *hallclient.Client {
	t.Helper()
	return apptest.RunClient(t, hallclient.Config{URL: url, Device: device, Token: token, OnEvent: onEvent})
}

// waitFor waits up to 10 s for ok.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	apptest.WaitFor(t, 10*time.Second, what, ok)
}

func send(t *testing.T, h *hall, c *hallclient.Client, typ string, data any) json.RawMessage {
	t.Helper()
	h.clk.Add(1500 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	raw, err := c.Send(ctx, typ, data)
	if err != nil {
		t.Fatalf("%s: %v", typ, err)
	}
	return raw
}

// TestMirrorMatchesServerAcrossRestart checks that a display's mirrored
// state equals the server's after a day of commands and after a restart,
// and that it never sees an event twice.
func TestMirrorMatchesServerAcrossRestart(t *testing.T) {
	h := startHall(t)
	url := h.URL()
	var mu sync.Mutex
	seen := map[uint64]int{}
	kiosk := run(t, url, "kiosk-1", "demo-kiosk-1-token-0001", nil)
	counter := run(t, url, "counter-1", "demo-counter-1-token-01", nil)
	display := run(t, url, "display-1", "demo-display-1-token-01", func(e hallclient.Event) {
		mu.Lock()
		seen[e.Seq]++
		mu.Unlock()
	})
	waitFor(t, "connected", func() bool { return kiosk.Connected() && counter.Connected() && display.Connected() })
	send(t, h, counter, "clerk_login", protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"})
	for _, sv := range []string{"A", "B", "A", "B"} {
		send(t, h, kiosk, "issue_ticket", protocol.IssueTicket{Service: sv})
	}
	var called protocol.TicketReply
	json.Unmarshal(send(t, h, counter, "call_next", nil), &called)
	send(t, h, counter, "recall", protocol.TicketRef{TicketID: called.Ticket.ID})
	send(t, h, counter, "transfer", protocol.Transfer{TicketID: called.Ticket.ID, Service: "E"})
	json.Unmarshal(send(t, h, counter, "call_next", nil), &called)
	send(t, h, counter, "hold", protocol.TicketRef{TicketID: called.Ticket.ID})
	same := func(what string) {
		t.Helper()
		want := h.Srv.Hall.State()
		waitFor(t, what, func() bool { return display.State().Seq == want.Seq })
		got := display.State()
		for _, part := range []struct {
			name      string
			got, want any
		}{
			{"waiting", got.Waiting, want.Waiting}, {"held", got.Held, want.Held},
			{"counters", got.Counters, want.Counters}, {"services", got.Services, want.Services},
			{"recent_calls", got.RecentCalls, want.RecentCalls},
		} {
			g, _ := json.Marshal(part.got)
			w, _ := json.Marshal(part.want)
			if string(g) != string(w) {
				t.Errorf("%s: mirrored %s differs from the server's\n got %s\nwant %s", what, part.name, g, w)
			}
		}
	}
	same("before restart")
	h.Restart()
	waitFor(t, "reconnected", func() bool { return kiosk.Connected() && counter.Connected() && display.Connected() })
	send(t, h, kiosk, "issue_ticket", protocol.IssueTicket{Service: "A"})
	send(t, h, counter, "call_ticket", protocol.TicketRef{TicketID: called.Ticket.ID})
	same("after restart")
	// The mirrored state may lead the event callback by a moment.
	want := int(h.Srv.Hall.State().Seq) - 1 // seq 1 (day_started) came in the first state
	waitFor(t, "the display's last event", func() bool { mu.Lock(); defer mu.Unlock(); return len(seen) >= want })
	mu.Lock()
	defer mu.Unlock()
	for seq, n := range seen {
		if n != 1 {
			t.Errorf("display saw seq %d %d times, want once", seq, n)
		}
	}
	if len(seen) != want {
		t.Errorf("display saw %d events, want %d", len(seen), want)
	}
}

// TestInFlightCallAppliedOnce cuts the link after the server applied a
// clerk's call_next but before the reply arrived (once with a server
// restart): the client re-sends it with the same id and gets the stored
// reply, so exactly one ticket is called.
func TestInFlightCallAppliedOnce(t *testing.T) {
	for _, restart := range []bool{false, true} {
		name := "cut"
		if restart {
			name = "cut and server restart"
		}
		t.Run(name, func(t *testing.T) {
			h := startHall(t)
			p := apptest.StartProxy(t, h.Addr)
			kiosk := run(t, h.URL(), "kiosk-1", "demo-kiosk-1-token-0001", nil)
			counter := run(t, p.URL(), "counter-1", "demo-counter-1-token-01", nil)
			waitFor(t, "connected", func() bool { return kiosk.Connected() && counter.Connected() })
			send(t, h, counter, "clerk_login", protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"})
			for i := 0; i < 3; i++ {
				send(t, h, kiosk, "issue_ticket", protocol.IssueTicket{Service: "A"})
			}
			p.Mute(true)
			type result struct {
				raw json.RawMessage
				err error
			}
			done := make(chan result, 1)
			go func() {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()
				raw, err := counter.Send(ctx, "call_next", nil)
				done <- result{raw, err}
			}()
			waitFor(t, "the server to apply call_next", func() bool {
				return h.Srv.Hall.State().Counters[0].Ticket != nil
			})
			if restart {
				h.Restart()
			}
			start := time.Now()
			p.Cut()
			p.Mute(false)
			r := <-done
			t.Logf("reply after the cut in %v", time.Since(start))
			if r.err != nil {
				t.Fatalf("call_next after the cut: %v", r.err)
			}
			var got protocol.TicketReply
			json.Unmarshal(r.raw, &got)
			st := h.Srv.Hall.State()
			if got.Ticket.Number != "A001" || st.Counters[0].Ticket == nil || st.Counters[0].Ticket.Number != "A001" {
				t.Errorf("called: got reply %s and counter ticket %+v, want A001 once", got.Ticket.Number, st.Counters[0].Ticket)
			}
			if len(st.Waiting) != 2 {
				t.Errorf("waiting after one call: got %d, want 2", len(st.Waiting))
			}
		})
	}
}

// TestStalledLinkNoticedAndIssuedOnce stalls the link under a kiosk with
// the default ping timings (a link that passes nothing and closes nothing):
// a quiet but live link stays up, a stalled one is dropped within 10 s and
// dialled again once it heals, and an issue_ticket given up during the
// stall (applied when the held bytes pass, its reply lost) and sent again
// with the same id gets the stored reply: one ticket.
func TestStalledLinkNoticedAndIssuedOnce(t *testing.T) {
	h := startHall(t)
	p := apptest.StartProxy(t, h.Addr)
	var mu sync.Mutex
	var downAt time.Time
	kiosk := apptest.RunClient(t, hallclient.Config{
		URL: p.URL(), Device: "kiosk-1", Token: "demo-kiosk-1-token-0001",
		OnStatus: func(s hallclient.Status) {
			mu.Lock()
			defer mu.Unlock()
			if !s.Connected && downAt.IsZero() {
				downAt = time.Now()
			}
		},
	})
	waitFor(t, "connected", kiosk.Connected)
	time.Sleep(8 * time.Second) // past the 7 s pong wait, with no command and no event
	if !kiosk.Connected() || p.Accepted() != 1 {
		t.Fatalf("a quiet live link: connected %v after %d connections, want one connection kept up", kiosk.Connected(), p.Accepted())
	}

	id := kiosk.NewID()
	issue := protocol.IssueTicket{Service: "A"}
	p.Stall(true)
	stalled := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	_, err := kiosk.SendID(ctx, id, protocol.CmdIssueTicket, issue)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("issue_ticket on a stalled link: got %v, want context.DeadlineExceeded", err)
	}
	apptest.WaitFor(t, 10*time.Second, "the client to drop the stalled link", func() bool { return !kiosk.Connected() })
	mu.Lock()
	noticed := downAt.Sub(stalled)
	mu.Unlock()
	t.Logf("stall noticed after %v", noticed)
	if noticed > 10*time.Second {
		t.Errorf("stall noticed after %v, want within 10 s", noticed)
	}

	p.Stall(false) // the held frames reach the server now, the old ones too
	waitFor(t, "reconnected", kiosk.Connected)
	if p.Accepted() < 2 {
		t.Errorf("connections through the proxy: got %d, want a new one after the stall", p.Accepted())
	}
	apptest.WaitFor(t, 5*time.Second, "the stalled issue_ticket to reach the server", func() bool {
		return h.Srv.Hall.State().Services[0].Issued == 1
	})
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	raw, err := kiosk.SendID(ctx, id, protocol.CmdIssueTicket, issue)
	if err != nil {
		t.Fatalf("issue_ticket again after the stall: %v", err)
	}
	var got protocol.IssueReply
	json.Unmarshal(raw, &got)
	st := h.Srv.Hall.State()
	if got.Ticket.Number != "A001" || len(st.Waiting) != 1 || st.Services[0].Issued != 1 {
		t.Errorf("after the stall: reply %q, waiting %v, service A issued %d; want A001 issued once",
			got.Ticket.Number, st.Waiting, st.Services[0].Issued)
	}
}
