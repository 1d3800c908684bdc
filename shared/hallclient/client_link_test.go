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
		c.t.read, c.t.ping = 150*time.Millisecond, 30*time.Millisecond
	})
	waitFor(t, "connect", c.Connected)
	time.Sleep(400 * time.Millisecond) // well past the read deadline
	if n := get(f, func(f *fakeServer) int { return f.pings }); n < 5 {
		t.Errorf("pings in 0.4 s: got %d, want at least 5", n)
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
