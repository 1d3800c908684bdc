package app

import (
	"strings"
	"testing"
	"time"

	"hallq/server/hall"
	"hallq/shared/xtest"
)

// TestOpeningHours checks that kiosks issue from open until close
// (open <= t < close) and get closed outside.
func TestOpeningHours(t *testing.T) {
	clk := xtest.NewClock(time.Date(2026, 11, 28, 7, 0, 0, 0, ict))
	s := startServer(t, "", clk)
	k := connect(t, s, "kiosk-1")
	cases := []struct {
		name string
		at   time.Time
		code string // "" for ok
	}{
		{"07:00", time.Date(2026, 11, 28, 7, 0, 0, 0, ict), "closed"},
		{"07:29:59.999", time.Date(2026, 11, 28, 7, 29, 59, 999e6, ict), "closed"},
		{"07:30", time.Date(2026, 11, 28, 7, 30, 0, 0, ict), ""},
		{"16:59:59", time.Date(2026, 11, 28, 16, 59, 59, 0, ict), ""},
		{"17:00", time.Date(2026, 11, 28, 17, 0, 0, 0, ict), "closed"},
		{"23:59", time.Date(2026, 11, 28, 23, 59, 0, 0, ict), "closed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k.t = t
			clk.Set(tc.at)
			_, before := health(t, s)
			id := k.send("issue_ticket", map[string]any{"service": "A"})
			r, _ := k.reply(id)
			_, after := health(t, s)
			if tc.code == "" {
				if !r.OK {
					t.Fatalf("issue at %s: got %+v, want ok", tc.name, r.Error)
				}
				if after != before+1 {
					t.Fatalf("seq: got %d, want %d", after, before+1)
				}
				return
			}
			wantErr(t, r, tc.code, id)
			if after != before {
				t.Fatalf("seq after closed: got %d, want %d", after, before)
			}
			k.quiet()
		})
	}
}

// TestPINLockout checks the PIN throttle: 4 wrong PINs are free, the 5th
// makes the clerk wait a minute at that counter (even with the right PIN),
// the next wrong one two minutes; the same clerk at another counter is not
// slowed, and the wait ends.
func TestPINLockout(t *testing.T) {
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServer(t, "", clk)
	c := connect(t, s, "counter-4")
	other := connect(t, s, "counter-1")
	wrong := func(want string) {
		t.Helper()
		id := c.send("clerk_login", map[string]any{"username": "tuan.lv", "pin": "9999"})
		r, _ := c.reply(id)
		wantErr(t, r, want, id)
	}
	right := func(c *wsClient) msg {
		t.Helper()
		r, _ := c.reply(c.send("clerk_login", map[string]any{"username": "tuan.lv", "pin": "4444"}))
		return r
	}

	// Four wrong PINs, then a quiet window: they are forgotten.
	for i := 0; i < 4; i++ {
		wrong("unauthorized")
		clk.Add(time.Second)
	}
	clk.Add(15 * time.Minute)
	wrong("unauthorized")
	if r := right(c); !r.OK {
		t.Fatalf("right PIN after 4+1 wrong ones a window apart: got %+v, want ok", r.Error)
	}
	c.mustOK("clerk_logout", nil, nil)

	// The fifth wrong PIN within the window brings a one-minute wait.
	for i := 0; i < 5; i++ {
		wrong("unauthorized")
		clk.Add(10 * time.Second)
	}
	_, before := health(t, s)
	id := c.send("clerk_login", map[string]any{"username": "tuan.lv", "pin": "4444"})
	r, _ := c.reply(id)
	wantErr(t, r, "rate_limited", id)
	if !strings.Contains(r.Error.Message, "thử lại sau 50 giây") {
		t.Errorf("message %q, want the wait left (50 giây)", r.Error.Message)
	}
	wrong("rate_limited") // within the wait: not checked, not counted
	if _, after := health(t, s); after != before {
		t.Fatalf("seq after rate_limited: got %d, want %d", after, before)
	}
	c.quiet()
	// The same clerk at another counter is not slowed.
	if r := right(other); !r.OK {
		t.Fatalf("right PIN at another counter: got %+v, want ok", r.Error)
	}
	other.mustOK("clerk_logout", nil, nil)
	clk.Add(50 * time.Second)
	wrong("unauthorized") // the sixth: two minutes now
	clk.Add(2*time.Minute - time.Second)
	if r := right(c); r.OK || r.Error.Code != "rate_limited" {
		t.Fatalf("right PIN a second before the two-minute wait ends: got ok=%v %+v, want rate_limited", r.OK, r.Error)
	}
	clk.Add(time.Second)
	if r := right(c); !r.OK {
		t.Fatalf("right PIN after the wait: got %+v, want ok", r.Error)
	}
}

// TestPINDeviceThrottle: one counter device guessing many usernames is
// slowed as a whole.
func TestPINDeviceThrottle(t *testing.T) {
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServer(t, "", clk)
	c := connect(t, s, "counter-4")
	for i := range hall.DeviceRule.Free + 1 {
		r, _ := c.reply(c.send("clerk_login", map[string]any{"username": "guess" + itoa(i), "pin": "0000"}))
		if r.OK || r.Error.Code != "unauthorized" {
			t.Fatalf("guess %d: got %+v, want unauthorized", i, r.Error)
		}
	}
	r, _ := c.reply(c.send("clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}))
	if r.OK || r.Error.Code != "rate_limited" {
		t.Fatalf("right PIN at a device over its guesses: got ok=%v %+v, want rate_limited", r.OK, r.Error)
	}
	connect(t, s, "counter-2").login("hang.nd", "1111") // another device is not slowed
}

// TestPrecedence checks the order of SPEC 4.2 where several errors apply.
func TestPrecedence(t *testing.T) {
	w := newErrWorld(t)
	cases := []errCase{
		{name: "malformed before no hello", fresh: true, frame: `{"type":"ping"}`, code: "bad_request"},
		{name: "no hello before unknown type", fresh: true, frame: cmd("dance", "x1", nil), code: "unauthorized", id: "x1"},
		{name: "unknown type before wrong role", client: func(*testing.T) *wsClient { return w.d }, frame: cmd("dance", "x2", nil), code: "bad_request", id: "x2"},
		{name: "malformed before wrong role", client: func(*testing.T) *wsClient { return w.d }, frame: `{"type":"issue_ticket","data":{"service":"A"}}`, code: "bad_request"},
		{name: "wrong role before invalid fields", frame: cmd("call_ticket", "x3", map[string]any{"ticket_id": 5}), code: "forbidden", id: "x3"},
		{name: "invalid fields before unknown ticket", client: w.cl(1), frame: cmd("transfer", "x4", map[string]any{"ticket_id": today + "/A999", "service": "Z"}), code: "bad_request", id: "x4"},
		{name: "unknown ticket before wrong state", client: w.cl(3), frame: cmd("call_ticket", "x5", map[string]any{"ticket_id": today + "/A999"}), code: "not_found", id: "x5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { w.expectError(t, tc) })
	}

	t.Run("repeated id gets the stored reply whatever its data", func(t *testing.T) {
		w.retarget(t)
		first := w.k.rawDo(cmd("issue_ticket", "dup-1", map[string]any{"service": "E"}))
		if !first.OK {
			t.Fatalf("issue: got %+v, want ok", first.Error)
		}
		w.d.sync()
		_, before := health(t, w.s)
		for _, data := range []any{
			map[string]any{"service": "E"},
			map[string]any{"service": "Z"},
			map[string]any{"service": 5},
			nil,
		} {
			again := w.k.rawReply(cmd("issue_ticket", "dup-1", data))
			if !again.OK || string(again.Data) != string(first.Data) {
				t.Fatalf("repeat with %v: got ok=%v %s, want the stored %s", data, again.OK, again.Data, first.Data)
			}
		}
		if _, after := health(t, w.s); after != before {
			t.Fatalf("seq after repeats: got %d, want %d", after, before)
		}
		w.d.quiet()
		// The id is the device's: another kiosk's dup-1 is a new command.
		other := w.pad1.rawDo(cmd("issue_ticket", "dup-1", map[string]any{"service": "E"}))
		var a, b issued
		decodeInto(t, first.Data, &a)
		decodeInto(t, other.Data, &b)
		if !other.OK || b.Ticket.Number == a.Ticket.Number {
			t.Fatalf("pad-1's dup-1: got %s, want a new ticket after %s", b.Ticket.Number, a.Ticket.Number)
		}
		w.k.sync()
		// A wrong role still comes first.
		wantErr(t, w.k.rawReply(cmd("call_next", "dup-1", nil)), "forbidden", "dup-1")
		wantErr(t, w.k.rawReply(cmd("dance", "dup-1", nil)), "bad_request", "dup-1")
	})

	t.Run("a failed command is judged afresh when retried", func(t *testing.T) {
		w.retarget(t)
		for _, c := range w.all() {
			c.sync()
		}
		wantErr(t, w.c5.rawReply(cmd("call_next", "retry-1", nil)), "queue_empty", "retry-1")
		w.k.issue("F")
		w.c5.sync()
		r := w.c5.rawDo(cmd("call_next", "retry-1", nil))
		var out struct{ Ticket ticketJSON }
		decodeInto(t, r.Data, &out)
		if !r.OK || out.Ticket.Number != "F001" {
			t.Fatalf("retry: got ok=%v %s %+v, want F001 called", r.OK, r.Data, r.Error)
		}
		// And now it is stored.
		again := w.c5.rawReply(cmd("call_next", "retry-1", nil))
		if string(again.Data) != string(r.Data) {
			t.Fatalf("repeat: got %s, want %s", again.Data, r.Data)
		}
	})
}

// TestIDLength checks that an id is 1 to 64 characters (SPEC 4.1), counted
// as characters, not bytes.
func TestIDLength(t *testing.T) {
	s := startServer(t, "", nil)
	c := connect(t, s, "display-1")
	cases := []struct {
		name string
		id   string
		ok   bool
	}{
		{"1 character", "x", true},
		{"64 ASCII characters", strings.Repeat("a", 64), true},
		{"65 ASCII characters", strings.Repeat("a", 65), false},
		{"64 Vietnamese characters", strings.Repeat("ệ", 64), true},
		{"65 Vietnamese characters", strings.Repeat("ệ", 65), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c.t = t
			r := c.rawReply(cmd("ping", tc.id, nil))
			if tc.ok {
				if !r.OK || r.ID != tc.id {
					t.Fatalf("ping with a %s id: got ok=%v id %q %+v, want ok with the id", tc.name, r.OK, r.ID, r.Error)
				}
				return
			}
			wantErr(t, r, "bad_request", "")
		})
	}
}
