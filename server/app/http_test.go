package app

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// get fetches url with optional basic auth and returns status and body.
func get(t *testing.T, url, user, pass string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// metric returns the value of one series (name with its labels, as
// printed) in a Prometheus text page, or -1 if it is missing.
func metric(body, series string) float64 {
	for _, line := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				return -1
			}
			return f
		}
	}
	return -1
}

func TestHealthz(t *testing.T) {
	s := startServer(t, "", nil)
	code, body, hdr := get(t, "http://"+s.Addr+"/healthz", "", "")
	var h map[string]any
	if err := json.Unmarshal([]byte(body), &h); err != nil || code != 200 {
		t.Fatalf("healthz: got %d %q, want 200 JSON", code, body)
	}
	if !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		t.Fatalf("healthz content type: got %q, want application/json", hdr.Get("Content-Type"))
	}
	if h["status"] != "ok" || h["day"] != today || h["seq"] != 1.0 {
		t.Fatalf("healthz: got %v, want status ok day %s seq 1", h, today)
	}
}

// TestMetrics checks the series of SPEC section 6 after a few
// connections and commands.
func TestMetrics(t *testing.T) {
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	connect(t, s, "pad-1")
	c := connect(t, s, "counter-1")
	connect(t, s, "display-1")
	d2 := connect(t, s, "display-1")
	connect(t, s, "display-2")
	dial(t, s) // not authenticated: not counted
	for _, sv := range []string{"A", "A", "A", "B"} {
		k.issue(sv)
	}
	c.login("hang.nd", "1111")
	c.ticketOK("call_next", nil)
	k.do("issue_ticket", map[string]any{"service": "Z"}) // an error is timed too
	_, seq := health(t, s)

	want := map[string]float64{
		`hall_connections{role="kiosk"}`:                          2,
		`hall_connections{role="counter"}`:                        1,
		`hall_connections{role="display"}`:                        3,
		`hall_connections{role="supervisor"}`:                     0,
		`hall_tickets_issued_total{service="A"}`:                  3,
		`hall_tickets_issued_total{service="B"}`:                  1,
		`hall_tickets_issued_total{service="C"}`:                  0,
		`hall_events_total`:                                       float64(seq),
		`hall_command_seconds_count{type="issue_ticket"}`:         5,
		`hall_command_seconds_count{type="clerk_login"}`:          1,
		`hall_command_seconds_count{type="call_next"}`:            1,
		`hall_command_seconds_bucket{type="call_next",le="+Inf"}`: 1,
	}
	_, body, _ := get(t, "http://"+s.Addr+"/metrics", "", "")
	for series, v := range want {
		if got := metric(body, series); got != v {
			t.Errorf("%s: got %v, want %v", series, got, v)
		}
	}
	// A connection that ends is no longer counted.
	d2.ws.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, body, _ = get(t, "http://"+s.Addr+"/metrics", "", "")
		if got := metric(body, `hall_connections{role="display"}`); got == 2 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf(`hall_connections{role="display"} after a close: got %v, want 2`, got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDailyReportAPI checks the report's access and its numbers for a
// small scenario with known durations.
func TestDailyReportAPI(t *testing.T) {
	t.Parallel()
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServer(t, "", clk)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-1")
	a1 := k.issue("A")
	k.issue("A")
	k.issue("B")
	c.login("hang.nd", "1111")
	clk.Add(10 * time.Minute)
	c.ticketOK("call_next", nil) // A001 waited 600 s
	clk.Add(5 * time.Minute)
	c.ticketOK("finish", map[string]any{"ticket_id": a1.Ticket.ID}) // served 300 s
	k.mustOK("rate", map[string]any{"ticket_id": a1.Ticket.ID, "rating": 4, "token": a1.Ticket.Token}, nil)
	a2 := c.ticketOK("call_next", nil) // A002 waited 900 s
	c.ticketOK("no_show", map[string]any{"ticket_id": a2.ID})
	k.mustOK("feedback", map[string]any{"message": "Nhà vệ sinh cần sạch hơn"}, nil)

	base := "http://" + s.Addr + "/api/reports/daily"
	cases := []struct {
		name, url, user, pass string
		code                  int
	}{
		{"no auth", base + "?date=" + today, "", "", 401},
		{"wrong password", base + "?date=" + today, "giamsat", "wrong", 401},
		{"clerk is not a supervisor", base + "?date=" + today, "hang.nd", "1111", 401},
		{"bad date", base + "?date=2026-13-45", "giamsat", "giamsat2026", 400},
		{"not a date", base + "?date=yesterday", "giamsat", "giamsat2026", 400},
		{"today by default", base, "giamsat", "giamsat2026", 200},
		{"a day with nothing", base + "?date=2026-11-27", "giamsat", "giamsat2026", 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if code, body, _ := get(t, tc.url, tc.user, tc.pass); code != tc.code {
				t.Fatalf("GET %s: got %d %s, want %d", tc.url, code, body, tc.code)
			}
		})
	}

	code, body, _ := get(t, base+"?date="+today, "giamsat", "giamsat2026")
	if code != 200 {
		t.Fatalf("report: got %d %s, want 200", code, body)
	}
	type durations struct{ Mean, P50, P90 *int }
	var rep struct {
		Date              string         `json:"date"`
		Issued            int            `json:"issued"`
		Called            int            `json:"called"`
		Finished          int            `json:"finished"`
		NoShow            int            `json:"no_show"`
		Expired           int            `json:"expired"`
		WaitS             durations      `json:"wait_s"`
		ServiceS          durations      `json:"service_s"`
		Ratings           map[string]int `json:"ratings"`
		RatedShare        *float64       `json:"rated_share"`
		SatisfactionIndex *float64       `json:"satisfaction_index"`
		BySer             []struct {
			ID     string `json:"id"`
			Issued int    `json:"issued"`
		} `json:"by_service"`
		Feedback struct{ Received, Handled int } `json:"feedback"`
	}
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatalf("decode report %s: %v", body, err)
	}
	got := []any{rep.Date, rep.Issued, rep.Called, rep.Finished, rep.NoShow, rep.Expired}
	if want := []any{today, 3, 2, 1, 1, 0}; !slices.Equal(got, want) {
		t.Fatalf("date, issued, called, finished, no_show, expired: got %v, want %v", got, want)
	}
	if w := rep.WaitS; w.Mean == nil || *w.Mean != 750 || *w.P50 != 600 || *w.P90 != 900 {
		t.Fatalf("wait_s: got %s, want mean 750 p50 600 p90 900", body)
	}
	if sv := rep.ServiceS; sv.Mean == nil || *sv.Mean != 300 || *sv.P50 != 300 || *sv.P90 != 300 {
		t.Fatalf("service_s: got %s, want 300 300 300", body)
	}
	if rep.Ratings["4"] != 1 || len(rep.Ratings) != 5 || rep.SatisfactionIndex == nil || *rep.SatisfactionIndex != 100 ||
		rep.RatedShare == nil || *rep.RatedShare != 100 {
		t.Fatalf("ratings: got %v index %v share %v, want one 4 of keys 1-5, 100, 100", rep.Ratings, rep.SatisfactionIndex, rep.RatedShare)
	}
	if rep.Feedback.Received != 1 || rep.Feedback.Handled != 0 {
		t.Fatalf("feedback: got %+v, want 1 received 0 handled", rep.Feedback)
	}
	if len(rep.BySer) == 0 || rep.BySer[0].ID != "A" || rep.BySer[0].Issued != 2 {
		t.Fatalf("by_service: got %+v, want A first with 2 issued", rep.BySer)
	}
}

// TestMetricsUnknownTypes checks that command types a client makes up do
// not each become a metrics series (unbounded label cardinality): they
// are counted under type="unknown".
func TestMetricsUnknownTypes(t *testing.T) {
	s := startServer(t, "", nil)
	d := connect(t, s, "display-1")
	for i := 0; i < 3; i++ {
		id := "made-up-" + itoa(i)
		wantErr(t, d.rawReply(cmd("made_up_type_"+itoa(i), id, nil)), "bad_request", id)
	}
	_, body, _ := get(t, "http://"+s.Addr+"/metrics", "", "")
	if strings.Contains(body, "made_up_type_") {
		t.Fatalf("metrics: got a series per made-up type, want them under type=\"unknown\"")
	}
	if got := metric(body, `hall_command_seconds_count{type="unknown"}`); got != 3 {
		t.Fatalf(`hall_command_seconds_count{type="unknown"}: got %v, want 3`, got)
	}
}
