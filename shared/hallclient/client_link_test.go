package hallclient

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"runtime/pprof"
	"slices"
	"testing"
	"time"

	"hallq/shared/protocol"
)

func TestPingsKeepLinkAndSilenceEndsIt(t *testing.T) {
	f := newFakeServer(t)
	c, _, _ := startClient(t, f, nil, func(c *Client) {
		// A read deadline wide enough for a loaded machine's scheduling
		// delays, against pings 20 times as often.
		c.t.read, c.t.ping = time.Second, 50*time.Millisecond
	})
	waitFor(t, "connect", c.Connected)
	time.Sleep(2500 * time.Millisecond) // well past the read deadline
	if n := get(f, func(f *fakeServer) int { return f.pings }); n < 10 {
		t.Errorf("pings in 2.5 s: got %d, want at least 10 (one each 50 ms)", n)
	}
	if n := len(get(f, func(f *fakeServer) []protocol.Hello { return f.hellos })); n != 1 {
		t.Fatalf("hellos while the server answers pings: got %d, want 1", n)
	}
	f.set(func(f *fakeServer) { f.silent = true })
	waitFor(t, "a new hello after the silence", func() bool {
		return len(get(f, func(f *fakeServer) []protocol.Hello { return f.hellos })) >= 2
	})
}

func TestSeqGapAsksForFullState(t *testing.T) {
	f := newFakeServer(t)
	f.issue("A")
	c, rec, _ := startClient(t, f, nil, nil)
	waitFor(t, "connect", func() bool { return c.Connected() && c.State().Seq == 1 })
	f.broadcast(ev(5, protocol.EvTicketIssued, protocol.TicketEvent{Ticket: waiting("Z009", 5, false)}))
	waitFor(t, "a second hello", func() bool { return len(rec.snapshot().hellos) == 2 })

	hellos := get(f, func(f *fakeServer) []protocol.Hello { return append([]protocol.Hello(nil), f.hellos...) })
	if h := hellos[1]; h.Since != 0 || h.Day != "" {
		t.Errorf("hello after a gap: got since %d day %q, want 0 and no day", h.Since, h.Day)
	}
	if seqs, _ := rec.seqs(); len(seqs) != 0 {
		t.Errorf("events reported: got %v, want none", seqs)
	}
	assertState(t, c.State(), get(f, func(f *fakeServer) protocol.State { return f.mirror.State() }))
}

func TestRepeatedEventIsReportedOnce(t *testing.T) {
	f := newFakeServer(t)
	c, rec, _ := startClient(t, f, nil, nil)
	waitFor(t, "connect", c.Connected)
	f.issue("A")
	waitFor(t, "event 1", func() bool { return c.State().Seq == 1 })
	f.broadcast(get(f, func(f *fakeServer) protocol.Message { return f.events[0] }))
	f.issue("B")
	waitFor(t, "event 2", func() bool { return c.State().Seq == 2 })
	if seqs, _ := rec.seqs(); !slices.Equal(seqs, []uint64{1, 2}) {
		t.Errorf("event seqs: got %v, want [1 2]", seqs)
	}
	if got := c.State().Services[0].Waiting; got != 1 {
		t.Errorf("service A waiting: got %d, want 1", got)
	}
}

func TestDayStartedLiveAndAfterReconnect(t *testing.T) {
	f := newFakeServer(t)
	f.issue("A")
	f.issue("A")
	c, rec, _ := startClient(t, f, nil, nil)
	waitFor(t, "connect", func() bool { return c.Connected() && c.State().Seq == 2 })
	f.newDay("2026-11-29")
	f.issue("B")
	waitFor(t, "the new day's first ticket", func() bool {
		st := c.State()
		return st.Day == "2026-11-29" && st.Seq == 2
	})
	f.dropAll()
	waitFor(t, "a second hello", func() bool { return len(rec.snapshot().hellos) == 2 })

	hellos := get(f, func(f *fakeServer) []protocol.Hello { return append([]protocol.Hello(nil), f.hellos...) })
	if h := hellos[1]; h.Since != 2 || h.Day != "2026-11-29" {
		t.Errorf("hello on the new day: got since %d day %q, want 2 and 2026-11-29", h.Since, h.Day)
	}
	seqs, replayed := rec.seqs()
	if !slices.Equal(seqs, []uint64{1, 2}) || !slices.Equal(replayed, []bool{false, false}) {
		t.Errorf("events: got seqs %v replayed %v, want [1 2] [false false]", seqs, replayed)
	}
	st := c.State()
	if len(st.Waiting) != 1 || st.Waiting[0].Number != "B001" || st.Services[0].Issued != 0 {
		t.Errorf("new day state: got waiting %v, A issued %d; want only B001 and 0", st.Waiting, st.Services[0].Issued)
	}
	assertState(t, st, get(f, func(f *fakeServer) protocol.State { return f.mirror.State() }))
}

func TestRunLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	f := newFakeServer(t)
	c, _, stop := startClient(t, f, nil, nil)
	waitFor(t, "connect", c.Connected)
	if _, err := c.Send(context.Background(), protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	f.dropAll()
	waitFor(t, "reconnect", func() bool { return len(get(f, func(f *fakeServer) []protocol.Hello { return f.hellos })) == 2 })
	waitFor(t, "connect again", c.Connected)
	if err := stop(); !errors.Is(err, context.Canceled) {
		t.Errorf("Run: got %v, want context.Canceled", err)
	}
	if c.Connected() {
		t.Error("Connected after Run returned: got true, want false")
	}
	f.close()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			var buf bytes.Buffer
			_ = pprof.Lookup("goroutine").WriteTo(&buf, 1)
			t.Fatalf("goroutines: got %d, want at most %d\n%s", runtime.NumGoroutine(), before, buf.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestWebsocketPingsKeepQuietLink checks the client's own websocket pings:
// with no command and no event for several PongWaits the pongs keep the
// link up, and a server that stops answering (no pong) is dropped within
// PongWait and dialled again.
func TestWebsocketPingsKeepQuietLink(t *testing.T) {
	f := newFakeServer(t)
	c, rec, _ := startClient(t, f, func(cfg *Config) {
		cfg.PingPeriod, cfg.PongWait = 30*time.Millisecond, 150*time.Millisecond
	}, func(c *Client) {
		c.t.ping = time.Hour // no ping command: only the websocket pings
	})
	if c.t.wsPing != 30*time.Millisecond || c.t.read != 150*time.Millisecond {
		t.Fatalf("timings: got ping %v wait %v, want the Config's 30ms and 150ms", c.t.wsPing, c.t.read)
	}
	waitFor(t, "connect", c.Connected)
	time.Sleep(600 * time.Millisecond) // four PongWaits without a frame
	if n := len(rec.snapshot().hellos); n != 1 || !c.Connected() {
		t.Fatalf("a quiet link answering pings: got %d hellos, connected %v; want 1, true", n, c.Connected())
	}
	if n := get(f, func(f *fakeServer) int { return f.pings }); n != 0 {
		t.Fatalf("ping commands: got %d, want 0 (only websocket pings)", n)
	}
	f.set(func(f *fakeServer) { f.silent = true })
	start := time.Now()
	waitFor(t, "the silent link to drop", func() bool {
		ss := rec.snapshot().statuses
		return len(ss) > 1 && !ss[len(ss)-1].Connected
	})
	if took := time.Since(start); took > time.Second {
		t.Errorf("silent link dropped after %v, want within about PongWait (150ms)", took)
	}
	waitFor(t, "a new hello", func() bool { return len(rec.snapshot().hellos) >= 2 })
}

func TestPingDefaults(t *testing.T) {
	tests := []struct {
		ping, wait         time.Duration
		wantPing, wantWait time.Duration
	}{
		{0, 0, 3 * time.Second, 7 * time.Second},
		{time.Second, 0, time.Second, 7 * time.Second},
		{10 * time.Second, 4 * time.Second, 2 * time.Second, 4 * time.Second},
	}
	for _, tc := range tests {
		c := New(Config{URL: "ws://x/ws", Device: "kiosk-1", Token: "t", PingPeriod: tc.ping, PongWait: tc.wait})
		if c.t.wsPing != tc.wantPing || c.t.read != tc.wantWait {
			t.Errorf("PingPeriod %v PongWait %v: got %v and %v, want %v and %v",
				tc.ping, tc.wait, c.t.wsPing, c.t.read, tc.wantPing, tc.wantWait)
		}
	}
}

// TestSendIDAgainIsOneCommand checks that a command applied but given up
// (the link dropped before the reply, then its ctx ended) and sent again
// with the same id is applied once and answered with the stored reply.
func TestSendIDAgainIsOneCommand(t *testing.T) {
	f := newFakeServer(t)
	c, _, _ := startClient(t, f, nil, nil)
	waitFor(t, "connect", c.Connected)
	id := c.NewID()
	f.set(func(f *fakeServer) { f.dropNext = true }) // applied, then the link drops before the reply
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := c.SendID(ctx, id, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("first try: got %v, want context.DeadlineExceeded", err)
	}
	if n := get(f, func(f *fakeServer) int { return f.applied[id] }); n != 1 {
		t.Fatalf("first try applied %d times, want once", n)
	}
	f.set(func(f *fakeServer) { f.down = false })
	waitFor(t, "reconnect", c.Connected)
	first, err := c.SendID(context.Background(), id, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"})
	if err != nil {
		t.Fatalf("second try: %v", err)
	}
	again, err := c.SendID(context.Background(), id, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"})
	if err != nil || string(again) != string(first) {
		t.Fatalf("third try: got %s, %v; want the same reply %s", again, err, first)
	}
	if n := get(f, func(f *fakeServer) int { return f.applied[id] }); n != 1 {
		t.Errorf("issue_ticket %s applied %d times, want once", id, n)
	}
	if _, err := c.SendID(context.Background(), "", protocol.CmdPing, nil); err == nil {
		t.Error("SendID with an empty id: got nil error")
	}
}
