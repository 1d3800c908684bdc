package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Helpers shared by the black-box tests, on top of harness_test.go.

// today is the day of the test clock's default start.
const today = "2026-11-28"

// ticketJSON is a ticket as the wire carries it, with every field the
// tests look at.
type ticketJSON struct {
	ID       string  `json:"id"`
	Number   string  `json:"number"`
	Service  string  `json:"service"`
	Priority bool    `json:"priority"`
	State    string  `json:"state"`
	IssuedAt string  `json:"issued_at"`
	CalledAt *string `json:"called_at"`
	Counter  *int    `json:"counter"`
	Clerk    *string `json:"clerk"`
	Recalls  int     `json:"recalls"`
	Rating   *int    `json:"rating"`
	Token    string  `json:"token"`
}

// issued is issue_ticket's reply data.
type issued struct {
	Ticket         ticketJSON `json:"ticket"`
	Ahead          *int       `json:"ahead"`
	EstimatedWaitS *int       `json:"estimated_wait_s"`
}

// stateJSON is the part of a state the tests read.
type stateJSON struct {
	Day      string       `json:"day"`
	Seq      uint64       `json:"seq"`
	Waiting  []ticketJSON `json:"waiting"`
	Held     []ticketJSON `json:"held"`
	Counters []struct {
		ID     int     `json:"id"`
		Status string  `json:"status"`
		Clerk  *string `json:"clerk"`
	} `json:"counters"`
}

// helloData is hello's reply data.
type helloData struct {
	Role    string     `json:"role"`
	Device  string     `json:"device"`
	Counter int        `json:"counter"`
	Day     string     `json:"day"`
	Seq     uint64     `json:"seq"`
	State   *stateJSON `json:"state"`
}

// decodeInto decodes raw into out or fails the test.
func decodeInto(t testing.TB, raw json.RawMessage, out any) {
	t.Helper()
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
}

// health returns /healthz's day and seq.
func health(t testing.TB, s *Server) (string, uint64) {
	t.Helper()
	var h struct {
		Status string `json:"status"`
		Day    string `json:"day"`
		Seq    uint64 `json:"seq"`
	}
	if code := getJSON(t, "http://"+s.Addr+"/healthz", &h); code != 200 || h.Status != "ok" {
		t.Fatalf("healthz: got %d %+v, want 200 status ok", code, h)
	}
	return h.Day, h.Seq
}

// issue issues a ticket of service at a kiosk and returns the reply data.
func (c *wsClient) issue(service string) issued {
	c.t.Helper()
	var out issued
	c.mustOK("issue_ticket", map[string]any{"service": service}, &out)
	return out
}

// ticketOK sends a counter command and returns the reply's ticket.
func (c *wsClient) ticketOK(typ string, data any) ticketJSON {
	c.t.Helper()
	var out struct{ Ticket ticketJSON }
	c.mustOK(typ, data, &out)
	return out.Ticket
}

// login signs a clerk in at the client's counter.
func (c *wsClient) login(user, pin string) {
	c.t.Helper()
	c.mustOK("clerk_login", map[string]any{"username": user, "pin": pin}, nil)
}

// quiet checks that no event arrives before the reply to a ping, which
// proves the connection is open and nothing was broadcast to it.
func (c *wsClient) quiet() {
	c.t.Helper()
	r, events := c.reply(c.send("ping", nil))
	if !r.OK || string(r.Data) != "{}" {
		c.t.Fatalf("ping: got ok=%v data=%s, want ok {}", r.OK, r.Data)
	}
	if len(events) != 0 {
		c.t.Fatalf("events before the ping's reply: got %d (first %s), want none", len(events), events[0].Type)
	}
}

// events reads n events (skipping nothing: a reply fails the test).
func (c *wsClient) events(n int) []msg {
	c.t.Helper()
	out := make([]msg, 0, n)
	for len(out) < n {
		m := c.readFor(fmt.Sprintf("event %d of %d", len(out)+1, n))
		if m.Type == "reply" {
			c.t.Fatalf("got reply %s while waiting for event %d of %d", m.ID, len(out)+1, n)
		}
		out = append(out, m)
	}
	return out
}

// closeCode reads until the connection ends and returns its close code,
// or -1 if it ended without a close frame.
func (c *wsClient) closeCode(within time.Duration) int {
	c.t.Helper()
	c.ws.SetReadDeadline(time.Now().Add(within))
	for {
		_, _, err := c.ws.ReadMessage()
		if err == nil {
			continue
		}
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			c.t.Fatalf("connection still open after %v", within)
		}
		return -1
	}
}

// wantErr checks that r is an error reply with code and id.
func wantErr(t testing.TB, r msg, code, id string) {
	t.Helper()
	if r.OK || r.Error == nil {
		t.Fatalf("reply: got ok data=%s, want error %s", r.Data, code)
	}
	if r.Error.Code != code {
		t.Fatalf("error code: got %s (%s), want %s", r.Error.Code, r.Error.Message, code)
	}
	if r.ID != id {
		t.Fatalf("reply id: got %q, want %q", r.ID, id)
	}
	if strings.TrimSpace(r.Error.Message) == "" {
		t.Fatalf("error %s: got an empty message, want one fit to show a person", code)
	}
	for _, leak := range []string{"json:", "store:", "hall:", "queue:", "bolt", "runtime", "invalid character"} {
		if strings.Contains(r.Error.Message, leak) {
			t.Fatalf("error %s message: got %q, want Vietnamese for a person, not %q", code, r.Error.Message, leak)
		}
	}
}

// sendFrame sends a raw frame and returns the next reply (the events
// before it must be none).
func (c *wsClient) rawReply(frame string) msg {
	c.t.Helper()
	c.sendRaw(frame)
	for {
		m := c.readFor("the reply to " + short(frame))
		if m.Type == "reply" {
			return m
		}
		c.t.Fatalf("got event %s seq %d before the reply to %q, want none", m.Type, m.Seq, frame)
	}
}

// sync reads and drops every event queued for the client: it sends a ping
// and reads up to its reply.
func (c *wsClient) sync() []msg {
	c.t.Helper()
	_, events := c.reply(c.send("ping", nil))
	return events
}

// rawDo sends a raw frame and returns the next reply, dropping the events
// before it.
func (c *wsClient) rawDo(frame string) msg {
	c.t.Helper()
	c.sendRaw(frame)
	for {
		if m := c.readFor("the reply to " + short(frame)); m.Type == "reply" {
			return m
		}
	}
}

// short is frame cut to 80 bytes for a failure message.
func short(frame string) string {
	if len(frame) > 80 {
		return frame[:80] + "…"
	}
	return frame
}

// discardLogger drops the server's log (fuzzing may not log to its F).
func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
