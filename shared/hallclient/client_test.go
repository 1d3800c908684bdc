package hallclient

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

func TestReconnectReplaysFromLastSeq(t *testing.T) {
	f := newFakeServer(t)
	f.issue("A")
	f.issue("A")
	c, rec, _ := startClient(t, f, nil, nil)
	waitFor(t, "first hello", func() bool { return c.Connected() && c.State().Seq == 2 })
	f.issue("B")
	waitFor(t, "live event 3", func() bool { return c.State().Seq == 3 })

	f.set(func(f *fakeServer) { f.down = true })
	f.dropAll()
	waitFor(t, "disconnect", func() bool { return !c.Connected() })
	f.issue("A")
	f.issue("B")
	f.set(func(f *fakeServer) { f.down = false })
	waitFor(t, "replayed events 4 and 5", func() bool { return c.State().Seq == 5 })

	hellos := get(f, func(f *fakeServer) []protocol.Hello { return append([]protocol.Hello(nil), f.hellos...) })
	if len(hellos) != 2 {
		t.Fatalf("got %d hellos, want 2", len(hellos))
	}
	if h := hellos[0]; h.Since != 0 || h.Day != "" || h.Device != "kiosk-1" {
		t.Errorf("first hello: got %+v, want since 0, no day, device kiosk-1", h)
	}
	if h := hellos[1]; h.Since != 3 || h.Day != "2026-11-28" {
		t.Errorf("second hello: got since %d day %q, want since 3 day 2026-11-28", h.Since, h.Day)
	}
	seqs, replayed := rec.seqs()
	if want := []uint64{3, 4, 5}; !slices.Equal(seqs, want) {
		t.Errorf("event seqs: got %v, want %v", seqs, want)
	}
	if want := []bool{false, true, true}; !slices.Equal(replayed, want) {
		t.Errorf("Replayed flags: got %v, want %v", replayed, want)
	}
	snap := rec.snapshot()
	if len(snap.hellos) != 2 || snap.hellos[0].State == nil || snap.hellos[1].State != nil {
		t.Errorf("OnHello: got %d replies, want a full state first and a replay second", len(snap.hellos))
	}
	assertState(t, c.State(), get(f, func(f *fakeServer) protocol.State { return f.mirror.State() }))
	assertState(t, snap.states[len(snap.states)-1], c.State())
	if got := connectedFlags(snap.statuses); !strings.HasPrefix(got, "up down") || !strings.HasSuffix(got, "up") {
		t.Errorf("statuses: got %q, want up, down..., up", got)
	}
}

func TestSendInFlightIsResentWithSameID(t *testing.T) {
	f := newFakeServer(t)
	c, rec, _ := startClient(t, f, nil, nil)
	waitFor(t, "connect", c.Connected)
	f.set(func(f *fakeServer) { f.dropNext = true })

	first := make(chan error, 1)
	var reply protocol.IssueReply
	go func() {
		raw, err := c.Send(context.Background(), protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"})
		if err == nil {
			err = json.Unmarshal(raw, &reply)
		}
		first <- err
	}()
	waitFor(t, "the cut after the command", func() bool { return !c.Connected() && len(get(f, commands)) == 1 })

	// A new command, tried as soon as the client is back, must come after
	// the re-sent one.
	second := make(chan error, 1)
	go func() {
		for {
			_, err := c.Send(context.Background(), protocol.CmdIssueTicket, protocol.IssueTicket{Service: "B"})
			if errors.Is(err, ErrOffline) {
				time.Sleep(time.Millisecond)
				continue
			}
			second <- err
			return
		}
	}()
	f.set(func(f *fakeServer) { f.down = false })

	for i, ch := range []chan error{first, second} {
		select {
		case err := <-ch:
			if err != nil {
				t.Fatalf("Send %d: %v", i+1, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Send %d did not return", i+1)
		}
	}
	if reply.Ticket.Number != "A001" {
		t.Errorf("first reply: got ticket %q, want A001", reply.Ticket.Number)
	}
	cmds := get(f, commands)
	if len(cmds) != 3 || cmds[0] != cmds[1] || cmds[2] == cmds[0] {
		t.Errorf("commands received: got %v, want [id1 id1 id2]", cmds)
	}
	for id, n := range get(f, func(f *fakeServer) map[string]int { return f.applied }) {
		if n != 1 {
			t.Errorf("command %s applied %d times, want 1", id, n)
		}
	}
	waitFor(t, "both events", func() bool { return c.State().Seq == 2 })
	if seqs, _ := rec.seqs(); !slices.Equal(seqs, []uint64{1, 2}) {
		t.Errorf("event seqs: got %v, want [1 2]", seqs)
	}
}

func commands(f *fakeServer) []string { return append([]string(nil), f.commands...) }

func TestSendOffline(t *testing.T) {
	f := newFakeServer(t)
	f.set(func(f *fakeServer) { f.down = true })
	c, rec, _ := startClient(t, f, nil, nil)
	waitFor(t, "a failed attempt", func() bool { return len(rec.snapshot().statuses) > 0 })
	start := time.Now()
	_, err := c.Send(context.Background(), protocol.CmdCallNext, nil)
	if !errors.Is(err, ErrOffline) {
		t.Fatalf("Send while down: got %v, want ErrOffline", err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("Send while down took %v, want at once", d)
	}
	if c.Connected() {
		t.Error("Connected: got true, want false")
	}
}

func TestSendErrors(t *testing.T) {
	f := newFakeServer(t)
	c, _, _ := startClient(t, f, nil, nil)
	waitFor(t, "connect", c.Connected)
	tests := []struct {
		name     string
		typ      string
		data     any
		wantCode string
	}{
		{"failed reply is a queue.Error", protocol.CmdCallNext, nil, queue.ECONFLICT},
		{"oversized command is refused unsent", protocol.CmdFeedback,
			protocol.FeedbackMsg{Message: strings.Repeat("phản ánh ", 1000)}, queue.EBADREQUEST},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(get(f, commands))
			_, err := c.Send(context.Background(), tc.typ, tc.data)
			var qe *queue.Error
			if !errors.As(err, &qe) || qe.Code != tc.wantCode || qe.Message == "" {
				t.Fatalf("got %v, want a *queue.Error with code %s and a message", err, tc.wantCode)
			}
			if tc.wantCode == queue.EBADREQUEST && len(get(f, commands)) != before {
				t.Error("oversized command reached the server")
			}
		})
	}
}

func TestSendContextCanceled(t *testing.T) {
	f := newFakeServer(t)
	c, _, _ := startClient(t, f, nil, nil)
	waitFor(t, "connect", c.Connected)
	f.set(func(f *fakeServer) { f.silent = true })
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.Send(ctx, protocol.CmdCallNext, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want context.DeadlineExceeded", err)
	}
	c.mu.Lock()
	n := len(c.pending)
	c.mu.Unlock()
	if n != 0 {
		t.Errorf("pending commands after cancel: got %d, want 0", n)
	}
}

func TestUnauthorizedIsRetriedSlowly(t *testing.T) {
	f := newFakeServer(t)
	c, rec, stop := startClient(t, f, func(cfg *Config) {
		cfg.Token = "wrong-token-000000"
		cfg.MaxBackoff = 100 * time.Millisecond
	}, nil)
	waitFor(t, "two refusals", func() bool { return len(rec.snapshot().statuses) >= 2 })
	time.Sleep(250 * time.Millisecond)
	for _, s := range rec.snapshot().statuses {
		var qe *queue.Error
		if s.Connected || !errors.As(s.Err, &qe) || qe.Code != queue.EUNAUTHORIZED {
			t.Fatalf("status: got %+v, want not connected with an unauthorized error", s)
		}
	}
	if n := len(get(f, func(f *fakeServer) []protocol.Hello { return f.hellos })); n > 6 {
		t.Errorf("got %d hellos in about 0.35 s, want at most 6 (one per MaxBackoff)", n)
	}
	if c.Connected() {
		t.Error("Connected: got true, want false")
	}
	if err := stop(); !errors.Is(err, context.Canceled) {
		t.Errorf("Run: got %v, want context.Canceled", err)
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		name  string
		randN func(int64) int64
		want  []time.Duration // attempts 1, 2, ...
	}{
		{"ceiling doubles and is capped", func(n int64) int64 { return n - 1 },
			[]time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second,
				8 * time.Second, 10 * time.Second, 10 * time.Second}},
		{"full jitter reaches zero", func(int64) int64 { return 0 }, []time.Duration{0, 0, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New(Config{})
			c.randN = tc.randN
			for i, want := range tc.want {
				if got := c.backoff(i + 1); got != want {
					t.Errorf("attempt %d: got %v, want %v", i+1, got, want)
				}
			}
			if got := c.backoff(1000); got > 10*time.Second {
				t.Errorf("attempt 1000: got %v, want at most 10s", got)
			}
		})
	}
	c := New(Config{MinBackoff: time.Millisecond, MaxBackoff: 8 * time.Millisecond})
	for i := 0; i < 200; i++ {
		if got := c.backoff(3); got < 0 || got > 4*time.Millisecond {
			t.Fatalf("random backoff for attempt 3: got %v, want within [0, 4ms]", got)
		}
	}
}
