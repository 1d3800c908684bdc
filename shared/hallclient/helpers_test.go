package hallclient

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hallq/shared/protocol"
)

// recorder keeps what the callbacks reported and notices callbacks that
// overlap.
type recorder struct {
	mu       sync.Mutex
	statuses []Status
	hellos   []protocol.HelloReply
	events   []Event
	states   []protocol.State
	inside   atomic.Int32
	overlaps atomic.Int32
}

func (r *recorder) enter() func() {
	if r.inside.Add(1) != 1 {
		r.overlaps.Add(1)
	}
	return func() { r.inside.Add(-1) }
}

func (r *recorder) hook(cfg *Config) {
	cfg.OnStatus = func(s Status) {
		defer r.enter()()
		r.mu.Lock()
		defer r.mu.Unlock()
		r.statuses = append(r.statuses, s)
	}
	cfg.OnHello = func(h protocol.HelloReply) {
		defer r.enter()()
		r.mu.Lock()
		defer r.mu.Unlock()
		r.hellos = append(r.hellos, h)
	}
	cfg.OnEvent = func(e Event) {
		defer r.enter()()
		r.mu.Lock()
		defer r.mu.Unlock()
		r.events = append(r.events, e)
	}
	cfg.OnState = func(s protocol.State) {
		defer r.enter()()
		r.mu.Lock()
		defer r.mu.Unlock()
		r.states = append(r.states, s)
	}
}

// seqs returns the seq and Replayed flag of every event reported.
func (r *recorder) seqs() (seqs []uint64, replayed []bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.events {
		seqs = append(seqs, e.Seq)
		replayed = append(replayed, e.Replayed)
	}
	return seqs, replayed
}

func (r *recorder) snapshot() recorder {
	r.mu.Lock()
	defer r.mu.Unlock()
	return recorder{statuses: append([]Status(nil), r.statuses...), hellos: append([]protocol.HelloReply(nil), r.hellos...),
		events: append([]Event(nil), r.events...), states: append([]protocol.State(nil), r.states...)}
}

// startClient runs a client against f until the test ends; tweak may change
// its config before New. It returns stop, which cancels Run and returns its
// error.
func startClient(t *testing.T, f *fakeServer, tweak func(*Config), tune func(*Client)) (*Client, *recorder, func() error) {
	t.Helper()
	rec := &recorder{}
	cfg := Config{
		URL: f.url(), Device: "kiosk-1", Token: f.token,
		Logger:     slog.New(slog.DiscardHandler),
		MinBackoff: 5 * time.Millisecond, MaxBackoff: 40 * time.Millisecond,
	}
	rec.hook(&cfg)
	if tweak != nil {
		tweak(&cfg)
	}
	c := New(cfg)
	if tune != nil {
		tune(c)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- c.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-errc:
			case <-time.After(5 * time.Second):
				t.Fatal("Run did not return within 5s of cancel")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		stop()
		if n := rec.overlaps.Load(); n > 0 {
			t.Errorf("callbacks overlapped %d times, want never", n)
		}
	})
	return c, rec, stop
}

// waitFor polls cond until it holds or 5 s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func connectedFlags(ss []Status) string {
	var b []string
	for _, s := range ss {
		if s.Connected {
			b = append(b, "up")
		} else {
			b = append(b, "down")
		}
	}
	return strings.Join(b, " ")
}
