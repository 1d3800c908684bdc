package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// TestCloseAndTurnDay runs the close-of-day job's function past 17:00
// and the day turn's past midnight on the test clock.
func TestCloseAndTurnDay(t *testing.T) {
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	dir := t.TempDir()
	s := startServer(t, dir, clk)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-1")
	d := connect(t, s, "display-1")
	a1, a2, a3 := k.issue("A"), k.issue("A"), k.issue("A")
	c.login("hang.nd", "1111")
	c.ticketOK("call_next", nil)
	c.ticketOK("hold", map[string]any{"ticket_id": a1.Ticket.ID})
	c.ticketOK("call_next", nil) // a2 stays called through the close
	d.sync()

	clk.Set(time.Date(2026, 11, 28, 17, 0, 5, 0, ict))
	n, err := s.Hall.CloseDay()
	if err != nil || n != 2 {
		t.Fatalf("CloseDay: got %d, %v, want 2 expired", n, err)
	}
	expired := map[string]bool{}
	for _, ev := range d.events(2) {
		var e struct{ Ticket ticketJSON }
		decodeInto(t, ev.Data, &e)
		if ev.Type != "ticket_expired" || e.Ticket.State != "expired" {
			t.Fatalf("close event: got %s %s, want ticket_expired expired", ev.Type, e.Ticket.State)
		}
		expired[e.Ticket.Number] = true
	}
	if !expired[a1.Ticket.Number] || !expired[a3.Ticket.Number] {
		t.Fatalf("expired: got %v, want %s (held) and %s (waiting)", expired, a1.Ticket.Number, a3.Ticket.Number)
	}
	d.quiet()
	var st stateJSON
	var h helloData
	decodeInto(t, dial(t, s).hello("display-2", 0, "").Data, &h)
	st = *h.State
	if len(st.Waiting) != 0 || len(st.Held) != 0 {
		t.Fatalf("after close: got %d waiting %d held, want none", len(st.Waiting), len(st.Held))
	}
	if c.ticketOK("finish", map[string]any{"ticket_id": a2.Ticket.ID}).State != "finished" {
		t.Fatalf("finish of the ticket called at close: want finished")
	}
	raw, ok, err := s.Hall.StoredReport(today)
	if err != nil || !ok {
		t.Fatalf("stored report: got ok=%v err=%v, want one", ok, err)
	}
	var rep struct {
		Date    string `json:"date"`
		Issued  int    `json:"issued"`
		Expired int    `json:"expired"`
	}
	if err := json.Unmarshal(raw, &rep); err != nil || rep.Date != today || rep.Issued != 3 || rep.Expired != 2 {
		t.Fatalf("stored report: got %+v (%v), want %s issued 3 expired 2", rep, err, today)
	}
	if fi, err := os.Stat(filepath.Join(dir, "reports", today+".xlsx")); err != nil || fi.Size() == 0 {
		t.Fatalf("reports/%s.xlsx: got %v, want a file", today, err)
	}

	// Midnight: the day turns; numbering and seq restart; clerks are out.
	d.sync()
	clk.Set(time.Date(2026, 11, 29, 0, 0, 1, 0, ict))
	if err := s.Hall.TurnDay(); err != nil {
		t.Fatalf("TurnDay: %v", err)
	}
	ev := d.events(1)[0]
	var day struct{ Day string }
	decodeInto(t, ev.Data, &day)
	if ev.Type != "day_started" || ev.Seq != 1 || day.Day != "2026-11-29" {
		t.Fatalf("day turn: got %s seq %d day %s, want day_started seq 1 2026-11-29", ev.Type, ev.Seq, day.Day)
	}
	// The engine then reports counter 1, whose clerk the turn signed
	// out, as closed.
	after := d.sync()
	for i, ev := range after {
		var cu struct {
			Counter struct {
				ID     int     `json:"id"`
				Status string  `json:"status"`
				Clerk  *string `json:"clerk"`
			} `json:"counter"`
		}
		decodeInto(t, ev.Data, &cu)
		if ev.Type != "counter_updated" || ev.Seq != uint64(2+i) || cu.Counter.Status != "closed" || cu.Counter.Clerk != nil {
			t.Fatalf("event after day_started: got %s seq %d %s, want counter_updated seq %d of a closed counter", ev.Type, ev.Seq, ev.Data, 2+i)
		}
	}
	if dd, seq := health(t, s); dd != "2026-11-29" || seq != uint64(1+len(after)) {
		t.Fatalf("healthz after the turn: got %s %d, want 2026-11-29 %d", dd, seq, 1+len(after))
	}
	clk.Set(time.Date(2026, 11, 29, 7, 30, 0, 0, ict))
	if got := k.issue("A").Ticket; got.Number != "A001" || got.ID != "2026-11-29/A001" {
		t.Fatalf("first ticket of the new day: got %s %s, want 2026-11-29/A001", got.ID, got.Number)
	}
	id := c.send("call_next", nil)
	r, _ := c.reply(id)
	wantErr(t, r, "conflict", id) // no clerk signed in
	decodeInto(t, dial(t, s).hello("display-2", 0, "").Data, &h)
	for _, ct := range h.State.Counters {
		if ct.Status != "closed" || ct.Clerk != nil {
			t.Fatalf("counter %d after the turn: got %s clerk %v, want closed with none", ct.ID, ct.Status, ct.Clerk)
		}
	}
}

// TestDayTurnsOnCommand checks that the first command after midnight
// turns the day even when the midnight job has not run.
func TestDayTurnsOnCommand(t *testing.T) {
	clk := xtest.NewClock(time.Date(2026, 11, 28, 16, 0, 0, 0, ict))
	s := startServer(t, "", clk)
	k := connect(t, s, "kiosk-1")
	d := connect(t, s, "display-1")
	k.issue("A")
	k.issue("B")
	d.sync()
	clk.Set(time.Date(2026, 11, 29, 8, 0, 0, 0, ict))
	got := k.issue("B").Ticket
	if got.ID != "2026-11-29/B001" {
		t.Fatalf("ticket after midnight: got %s, want 2026-11-29/B001", got.ID)
	}
	// The missed close expires yesterday's queue (seq 4, 5 of that day),
	// then the new day starts at seq 1.
	var got4 []string
	for _, ev := range d.events(4) {
		got4 = append(got4, ev.Type+" "+itoa(int(ev.Seq)))
	}
	want4 := []string{"ticket_expired 4", "ticket_expired 5", "day_started 1", "ticket_issued 2"}
	if strings.Join(got4, ", ") != strings.Join(want4, ", ") {
		t.Fatalf("events after midnight: got %v, want %v", got4, want4)
	}
	d.quiet()
	// Yesterday's tickets expired and are gone from the new day.
	var h helloData
	decodeInto(t, dial(t, s).hello("display-2", 0, "").Data, &h)
	if len(h.State.Waiting) != 1 || h.State.Waiting[0].ID != got.ID {
		t.Fatalf("waiting after the turn: got %+v, want only %s", h.State.Waiting, got.ID)
	}
}

// TestRestartAfterMissedClose restarts a server that was down at close:
// the same evening and the next morning. Either way the day's waiting
// tickets expire and its report is written.
func TestRestartAfterMissedClose(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		restart time.Time
		day     string // the day the restarted server is on
	}{
		{"same evening", time.Date(2026, 11, 28, 18, 0, 0, 0, ict), today},
		{"next morning", time.Date(2026, 11, 29, 8, 0, 0, 0, ict), "2026-11-29"},
		{"two days later", time.Date(2026, 11, 30, 8, 0, 0, 0, ict), "2026-11-30"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
			s := startServer(t, dir, clk)
			k := connect(t, s, "kiosk-1")
			c := connect(t, s, "counter-1")
			c.login("hang.nd", "1111")
			a := k.issue("A")
			k.issue("B")
			c.ticketOK("call_next", nil)
			c.ticketOK("hold", map[string]any{"ticket_id": a.Ticket.ID})
			s.Close()

			clk.Set(tc.restart)
			s = startServer(t, dir, clk)
			if day, _ := health(t, s); day != tc.day {
				t.Fatalf("day after restart: got %s, want %s", day, tc.day)
			}
			rep, err := s.Hall.Report(today)
			if err != nil {
				t.Fatalf("report: %v", err)
			}
			if rep.Issued != 2 || rep.Expired != 2 {
				t.Fatalf("report of %s: got issued %d expired %d, want 2 and 2", today, rep.Issued, rep.Expired)
			}
			if _, ok, err := s.Hall.StoredReport(today); !ok || err != nil {
				t.Fatalf("stored report of %s: got ok=%v err=%v, want one", today, ok, err)
			}
			if _, err := os.Stat(filepath.Join(dir, "reports", today+".xlsx")); err != nil {
				t.Fatalf("reports/%s.xlsx: %v", today, err)
			}
		})
	}
}
