package hallclient_test

import (
	"context"
	"encoding/json"
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
	*apptest.Hall
	clk *apptest.Clock
}

func startHall(t *testing.T) *hall {
	t.Helper()
	clk := apptest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	return &hall{Hall: apptest.StartHall(t, clk.Now), clk: clk}
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
