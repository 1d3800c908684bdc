package apptest

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"hallq/shared/hallclient"
)

// Peer is another client of the real server beside the app under test (a
// kiosk, a counter, a display): it sends commands and keeps every live
// event it sees. After a server restart it reconnects within 300 ms.
type Peer struct {
	c      *hallclient.Client
	up     chan struct{}
	once   sync.Once
	mu     sync.Mutex
	events []hallclient.Event
}

// Connect connects device to the server at addr (host:port) and waits for
// its hello, failing t after 10 s; the client stops when t ends.
func Connect(t testing.TB, addr, device, token string) *Peer {
	t.Helper()
	p := &Peer{up: make(chan struct{})}
	p.c = RunClient(t, hallclient.Config{
		URL: "ws://" + addr + "/ws", Device: device, Token: token,
		MinBackoff: 50 * time.Millisecond, MaxBackoff: 300 * time.Millisecond,
		OnStatus: func(s hallclient.Status) {
			if s.Connected {
				p.once.Do(func() { close(p.up) })
			}
		},
		OnEvent: func(e hallclient.Event) {
			p.mu.Lock()
			p.events = append(p.events, e)
			p.mu.Unlock()
		},
	})
	select {
	case <-p.up:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no hello from the server within 10 s", device)
	}
	return p
}

// Client is the peer's hallclient.
func (p *Peer) Client() *hallclient.Client { return p.c }

// Send sends a command, failing t when it is refused or takes over 10 s,
// and decodes its reply's data into out unless out is nil.
func (p *Peer) Send(t testing.TB, typ string, data, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	raw, err := p.c.Send(ctx, typ, data)
	if err != nil {
		t.Fatalf("%s: %v", typ, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s reply %s: %v", typ, raw, err)
		}
	}
}

// Saw reports whether a live (not replayed) event typ arrived whose data
// decodes into a value of type T that match accepts.
func Saw[T any](p *Peer, typ string, match func(T) bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.events {
		if e.Type != typ || e.Replayed {
			continue
		}
		var v T
		if json.Unmarshal(e.Data, &v) == nil && match(v) {
			return true
		}
	}
	return false
}
