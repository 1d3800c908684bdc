package app

import (
	"encoding/json"
	"html"
	"strings"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// dailyRatings reads the day's ratings by level and the feedback received
// from the report API.
func dailyRatings(t *testing.T, s *Server) (map[string]int, int) {
	t.Helper()
	code, body, _ := get(t, "http://"+s.Addr+"/api/reports/daily?date="+today, "giamsat", "giamsat2026")
	if code != 200 {
		t.Fatalf("report: got %d %s, want 200", code, body)
	}
	var rep struct {
		Ratings  map[string]int                  `json:"ratings"`
		Feedback struct{ Received, Handled int } `json:"feedback"`
	}
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatalf("decode report: %v", err)
	}
	return rep.Ratings, rep.Feedback.Received
}

// TestRateDetailsFlow plays the rating pad's flow against the real server:
// the level is stored at the tap (a citizen who walks away is counted and
// gets a case), the reasons and comment typed while the clerk calls the
// next citizen are added to that same rating and case, once, and a face
// changed on the reasons screen moves the rating; all of it survives a
// restart.
func TestRateDetailsFlow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServer(t, dir, clk)
	k := connect(t, s, "kiosk-1")
	pad := connect(t, s, "pad-1")
	c := connect(t, s, "counter-1")
	c.login("hang.nd", "1111")
	a1, a2 := k.issue("A"), k.issue("A")
	c.ticketOK("call_next", nil)
	c.ticketOK("finish", map[string]any{"ticket_id": a1.Ticket.ID})

	// The citizen taps "Không hài lòng" and walks away.
	pad.mustOK("rate", map[string]any{"ticket_id": a1.Ticket.ID, "rating": 2}, nil)
	if r, fb := dailyRatings(t, s); r["2"] != 1 || fb != 1 {
		t.Fatalf("after the tap: got ratings %v and %d feedback, want one 2 and its case", r, fb)
	}

	// The clerk calls the next citizen; the first one's reasons arrive later.
	c.ticketOK("call_next", nil)
	clk.Add(20 * time.Second)
	details := map[string]any{"ticket_id": a1.Ticket.ID, "reasons": []string{"waiting", "guidance"}, "comment": "Chờ gần một tiếng"}
	r := k.do("rate_details", details) // another kiosk, no token
	wantErr(t, r, "forbidden", r.ID)
	pad.sendID("rate_details", "d1", details)
	if r, _ := pad.reply("d1"); !r.OK {
		t.Fatalf("rate_details: got %+v, want ok", r)
	}
	pad.sendID("rate_details", "d1", map[string]any{"ticket_id": a1.Ticket.ID, "comment": "retry"})
	if r, _ := pad.reply("d1"); !r.OK {
		t.Fatalf("rate_details retried with its id: got %+v, want the stored ok", r)
	}
	r = pad.do("rate_details", map[string]any{"ticket_id": a1.Ticket.ID, "comment": "lần hai"})
	wantErr(t, r, "conflict", r.ID)

	// The next citizen taps 3, then changes to 1 on the reasons screen.
	c.ticketOK("finish", map[string]any{"ticket_id": a2.Ticket.ID})
	pad.mustOK("rate", map[string]any{"ticket_id": a2.Ticket.ID, "rating": 3}, nil)
	if _, fb := dailyRatings(t, s); fb != 1 {
		t.Fatalf("a 3 opened a case: got %d feedback, want 1", fb)
	}
	c.sync()
	pad.mustOK("rate_details", map[string]any{"ticket_id": a2.Ticket.ID, "rating": 1, "reasons": []string{"attitude"}}, nil)
	evs := c.events(1)
	var ch struct {
		TicketID string `json:"ticket_id"`
		Rating   int    `json:"rating"`
		From     int    `json:"from"`
		Clerk    string `json:"clerk"`
	}
	decodeInto(t, evs[0].Data, &ch)
	if evs[0].Type != "rating_changed" || ch.TicketID != a2.Ticket.ID || ch.Rating != 1 || ch.From != 3 || ch.Clerk != "hang.nd" {
		t.Fatalf("counter saw %s %s, want rating_changed of %s from 3 to 1 by hang.nd", evs[0].Type, evs[0].Data, a2.Ticket.ID)
	}

	check := func(when string) {
		t.Helper()
		ratings, fb := dailyRatings(t, s)
		if ratings["1"] != 1 || ratings["2"] != 1 || ratings["3"] != 0 || fb != 2 {
			t.Fatalf("%s: got ratings %v and %d feedback, want one 1, one 2, two cases", when, ratings, fb)
		}
		code, body, _ := get(t, "http://"+s.Addr+"/feedback", "giamsat", "giamsat2026")
		body = html.UnescapeString(body)
		for _, want := range []string{"Chờ gần một tiếng", "Thời gian chờ", "lúc đầu chọn: Bình thường"} {
			if code != 200 || !strings.Contains(body, want) {
				t.Fatalf("%s: feedback page (%d) lacks %q", when, code, want)
			}
		}
		if strings.Contains(body, "retry") || strings.Contains(body, "lần hai") {
			t.Fatalf("%s: feedback page shows a refused addition", when)
		}
	}
	check("live")

	s.Close()
	s = startServer(t, dir, clk)
	check("after a restart")
	pad = connect(t, s, "pad-1")
	r = pad.do("rate_details", map[string]any{"ticket_id": a2.Ticket.ID, "comment": "sau khởi động lại"})
	wantErr(t, r, "conflict", r.ID)
}
