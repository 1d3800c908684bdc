package app

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

var stampRE = regexp.MustCompile(`^2026-11-28T\d\d:\d\d:\d\d\.\d{3}\+07:00$`)

// dayScenario runs commands that raise every ticket event and
// counter_updated, and returns how many events they made.
func dayScenario(t *testing.T, k, c *wsClient) {
	t.Helper()
	a := k.issue("A")
	b := k.issue("B")
	c.login("hang.nd", "1111")
	c.ticketOK("call_next", nil)
	c.ticketOK("recall", map[string]any{"ticket_id": a.Ticket.ID})
	c.ticketOK("hold", map[string]any{"ticket_id": a.Ticket.ID})
	c.ticketOK("call_ticket", map[string]any{"ticket_id": b.Ticket.ID})
	c.ticketOK("transfer", map[string]any{"ticket_id": b.Ticket.ID, "service": "A"})
	c.ticketOK("call_ticket", map[string]any{"ticket_id": a.Ticket.ID})
	c.ticketOK("finish", map[string]any{"ticket_id": a.Ticket.ID})
	k.mustOK("rate", map[string]any{"ticket_id": a.Ticket.ID, "rating": 5, "token": a.Ticket.Token}, nil)
	c.ticketOK("call_next", nil)
	c.ticketOK("no_show", map[string]any{"ticket_id": b.Ticket.ID})
	c.mustOK("pause", nil, nil)
	c.mustOK("resume", nil, nil)
}

// TestEventsReachEveryone checks that every authenticated client, a device
// with two connections included, gets every event once, in seq order, with
// no ticket token, and with well-formed times.
func TestEventsReachEveryone(t *testing.T) {
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-1")
	watchers := map[string]*wsClient{
		"display-1 first":  connect(t, s, "display-1"),
		"display-1 second": connect(t, s, "display-1"),
		"display-2":        connect(t, s, "display-2"),
		"pad-1":            connect(t, s, "pad-1"),
		"counter-2":        connect(t, s, "counter-2"),
	}
	dayScenario(t, k, c)
	_, last := health(t, s)
	wantTypes := []string{
		"ticket_issued", "ticket_issued", "counter_updated", "ticket_called", "ticket_called", "ticket_held",
		"ticket_called", "ticket_transferred", "ticket_called", "ticket_finished", "ticket_rated",
		"ticket_called", "ticket_no_show", "counter_updated", "counter_updated",
	}
	if got := int(last) - 1; got != len(wantTypes) {
		t.Fatalf("events of the scenario: got %d, want %d", got, len(wantTypes))
	}
	for name, w := range watchers {
		evs := w.events(len(wantTypes))
		for i, ev := range evs {
			if ev.Seq != uint64(i+2) || ev.Type != wantTypes[i] {
				t.Fatalf("%s event %d: got %s seq %d, want %s seq %d", name, i, ev.Type, ev.Seq, wantTypes[i], i+2)
			}
			if !stampRE.MatchString(ev.At) {
				t.Fatalf("%s event %d at: got %q, want RFC 3339 with ms and +07:00", name, i, ev.At)
			}
			if strings.Contains(string(ev.Data), `"token"`) {
				t.Fatalf("%s event %s carries a token: %s", name, ev.Type, ev.Data)
			}
		}
		w.quiet()
	}
	var called struct {
		Ticket  ticketJSON `json:"ticket"`
		Counter int        `json:"counter"`
		Recall  bool       `json:"recall"`
	}
	evs := connectReplay(t, s, "display-2", 1)
	decodeInto(t, evs[4].Data, &called)
	if evs[4].Type != "ticket_called" || !called.Recall || called.Counter != 1 || called.Ticket.Recalls != 1 {
		t.Fatalf("recall event: got %s %+v, want ticket_called recall at 1 with recalls 1", evs[4].Type, called)
	}
	var tr struct {
		Ticket      ticketJSON `json:"ticket"`
		FromService string     `json:"from_service"`
	}
	decodeInto(t, evs[7].Data, &tr)
	if tr.FromService != "B" || tr.Ticket.Service != "A" || tr.Ticket.Number != "B001" {
		t.Fatalf("transfer event: got %+v, want B001 from B to A", tr)
	}
	var rated struct {
		TicketID string `json:"ticket_id"`
		Counter  int    `json:"counter"`
		Clerk    string `json:"clerk"`
		Rating   int    `json:"rating"`
	}
	decodeInto(t, evs[10].Data, &rated)
	if rated.TicketID != today+"/A001" || rated.Counter != 1 || rated.Clerk != "hang.nd" || rated.Rating != 5 {
		t.Fatalf("rated event: got %+v, want A001 at 1 by hang.nd rated 5", rated)
	}
}

// connectReplay connects device with since and returns the replayed events
// up to the current seq.
func connectReplay(t *testing.T, s *Server, device string, since uint64) []msg {
	t.Helper()
	c := dial(t, s)
	var h helloData
	decodeInto(t, c.hello(device, since, today).Data, &h)
	if h.State != nil {
		t.Fatalf("hello since %d: got a state, want a replay", since)
	}
	return c.events(int(h.Seq - since))
}

// TestFrameLimit checks that a frame of 8,192 bytes is served and a larger
// one closes the connection with 1009 while the server stays up.
func TestFrameLimit(t *testing.T) {
	s := startServer(t, "", nil)
	c := connect(t, s, "kiosk-1")
	frame := func(size int) string {
		base := cmd("ping", "big", map[string]any{})
		return base[:len(base)-1] + strings.Repeat(" ", size-len(base)) + "}"
	}
	if f := frame(8192); len(f) != 8192 || !json.Valid([]byte(f)) {
		t.Fatalf("test frame: got %d bytes, want 8192 of JSON", len(f))
	}
	if r := c.rawReply(frame(8192)); !r.OK || r.ID != "big" {
		t.Fatalf("8,192-byte ping: got %+v, want ok", r)
	}
	c.sendRaw(frame(8193))
	if code := c.closeCode(5 * time.Second); code != websocket.CloseMessageTooBig {
		t.Fatalf("close code after 8,193 bytes: got %d, want %d", code, websocket.CloseMessageTooBig)
	}
	health(t, s)
	again := connect(t, s, "kiosk-1")
	again.quiet()
	if got := again.issue("A").Ticket.Number; got != "A001" {
		t.Fatalf("issue after the drop: got %s, want A001", got)
	}
}

// TestHelloTimeout checks that a connection that says nothing is closed
// after 10 s (and not much earlier). It runs in parallel with the other
// slow tests: it mostly waits.
func TestHelloTimeout(t *testing.T) {
	t.Parallel()
	s := startServer(t, "", nil)
	greeted := connect(t, s, "display-1")
	c := dial(t, s)
	start := time.Now()
	c.closeCode(15 * time.Second)
	if d := time.Since(start); d < 9500*time.Millisecond || d > 13*time.Second {
		t.Fatalf("closed after %v, want about 10 s", d)
	}
	// A connection that said hello in time stays.
	greeted.quiet()
}

// TestSlowReaderKeepsEvents checks that a display that stops reading
// delays no one, and, as long as the server keeps it, gets every event
// in order once it reads again.
func TestSlowReaderKeepsEvents(t *testing.T) {
	t.Parallel()
	s := startServer(t, "", nil)
	slow := connect(t, s, "display-1")
	k := connect(t, s, "kiosk-1")
	const n = 300
	start := time.Now()
	for i := 0; i < n; i++ {
		k.issue("A")
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("%d issues with a display not reading: took %v", n, d)
	}
	for i, ev := range slow.events(n) {
		if ev.Seq != uint64(i+2) || ev.Type != "ticket_issued" {
			t.Fatalf("event %d: got %s seq %d, want ticket_issued seq %d", i, ev.Type, ev.Seq, i+2)
		}
	}
	slow.quiet()
}
