package app

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// TestResync checks that a client reconnecting with since = N gets
// exactly the day's events after N, in order, then live ones.
func TestResync(t *testing.T) {
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-1")
	d := dial(t, s)
	d.hello("display-1", 0, "")
	k.issue("A")
	k.issue("A")
	seen := d.events(2)
	n := seen[len(seen)-1].Seq
	d.ws.Close()

	// The hall goes on without the display.
	c.login("hang.nd", "1111")
	c.ticketOK("call_next", nil)
	k.issue("B")
	_, seq := health(t, s)

	d = dial(t, s)
	var h helloData
	decodeInto(t, d.hello("display-1", n, today).Data, &h)
	if h.State != nil || h.Seq != seq || h.Day != today {
		t.Fatalf("hello since %d: got seq %d day %s state %v, want seq %d day %s and no state", n, h.Seq, h.Day, h.State != nil, seq, today)
	}
	replay := d.events(int(seq - n))
	for i, ev := range replay {
		if want := n + 1 + uint64(i); ev.Seq != want {
			t.Fatalf("replayed event %d: got seq %d, want %d", i, ev.Seq, want)
		}
	}
	if replay[0].Type != "counter_updated" || replay[1].Type != "ticket_called" || replay[2].Type != "ticket_issued" {
		t.Fatalf("replay: got %s %s %s, want counter_updated ticket_called ticket_issued", replay[0].Type, replay[1].Type, replay[2].Type)
	}
	// Then live events, with nothing in between.
	k.issue("C")
	if live := d.events(1)[0]; live.Seq != seq+1 || live.Type != "ticket_issued" {
		t.Fatalf("live event: got %s seq %d, want ticket_issued seq %d", live.Type, live.Seq, seq+1)
	}
	d.quiet()

	t.Run("since = seq replays nothing", func(t *testing.T) {
		_, seq := health(t, s)
		d := dial(t, s)
		var h helloData
		decodeInto(t, d.hello("display-2", seq, today).Data, &h)
		if h.State != nil || h.Seq != seq {
			t.Fatalf("hello since %d: got seq %d state %v, want seq %d no state", seq, h.Seq, h.State != nil, seq)
		}
		d.quiet()
	})

	_, seq = health(t, s)
	cases := []struct {
		name  string
		since uint64
		day   string
	}{
		{"since 0", 0, ""},
		{"since 0 with today", 0, today},
		{"another day", 2, "2026-11-27"},
		{"since ahead of seq", seq + 5, today},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := dial(t, s)
			var h helloData
			decodeInto(t, d.hello("display-2", tc.since, tc.day).Data, &h)
			if h.State == nil {
				t.Fatalf("hello since %d day %q: got no state, want a full state", tc.since, tc.day)
			}
			if h.State.Seq != seq || h.State.Day != today || len(h.State.Waiting) != 3 {
				t.Fatalf("state: got seq %d day %s waiting %d, want %d %s 3", h.State.Seq, h.State.Day, len(h.State.Waiting), seq, today)
			}
			d.quiet()
		})
	}
}

// TestResyncUnderLoad reconnects a display again and again while a kiosk
// issues tickets, and checks it sees every event exactly once, in order.
func TestResyncUnderLoad(t *testing.T) {
	s := startServer(t, "", nil)
	const tickets = 60
	done := make(chan error, 1)
	go func() { done <- issueMany(s.Addr, "kiosk-1", "load", tickets) }()
	var last uint64 = 1 // day_started
	target := uint64(1 + tickets)
	for round := 0; last < target; round++ {
		d := dial(t, s)
		var h helloData
		decodeInto(t, d.hello("display-1", last, today).Data, &h)
		if h.State != nil {
			t.Fatalf("round %d hello since %d: got a state, want a replay", round, last)
		}
		for i := 0; i < 1+round%4 && last < target; i++ {
			ev := d.events(1)[0]
			if ev.Seq != last+1 {
				t.Fatalf("round %d: got seq %d after %d, want %d", round, ev.Seq, last, last+1)
			}
			last = ev.Seq
		}
		d.ws.Close()
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// issueMany issues n tickets of service A from device over its own
// websocket, with ids prefix-1..n, and returns the first failure.
func issueMany(addr, device, prefix string, n int) error {
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+addr+"/ws", nil)
	if err != nil {
		return fmt.Errorf("dial: %w", err)
	}
	defer ws.Close()
	call := func(typ, id string, data any) error {
		b, _ := json.Marshal(map[string]any{"type": typ, "id": id, "data": data})
		if err := ws.WriteMessage(websocket.TextMessage, b); err != nil {
			return err
		}
		for {
			ws.SetReadDeadline(time.Now().Add(10 * time.Second))
			var m msg
			if err := ws.ReadJSON(&m); err != nil {
				return fmt.Errorf("%s %s: %w", typ, id, err)
			}
			if m.Type == "reply" {
				if !m.OK {
					return fmt.Errorf("%s %s: got %+v, want ok", typ, id, m.Error)
				}
				return nil
			}
		}
	}
	if err := call("hello", "h", map[string]any{"device": device, "token": demoToken(device)}); err != nil {
		return err
	}
	for i := 1; i <= n; i++ {
		if err := call("issue_ticket", fmt.Sprintf("%s-%d", prefix, i), map[string]any{"service": "A"}); err != nil {
			return err
		}
	}
	return nil
}
