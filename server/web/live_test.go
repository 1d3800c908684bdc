package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"hallq/server/hall"
	"hallq/server/store"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// command sends a command from dev straight to the hall and decodes the reply's
// data into out (if not nil); the command must succeed.
func (f *fixture) command(dev hall.Device, typ string, data, out any) {
	f.t.Helper()
	raw, _ := json.Marshal(data)
	var r struct {
		OK    bool            `json:"ok"`
		Data  json.RawMessage `json:"data"`
		Error any             `json:"error"`
	}
	if err := json.Unmarshal(f.hall.Do(dev, typ, fmt.Sprint(typ, time.Now().UnixNano()), raw), &r); err != nil || !r.OK {
		f.t.Fatalf("%s: ok %v, err %v %+v", typ, r.OK, err, r.Error)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			f.t.Fatalf("%s: decode %s: %v", typ, r.Data, err)
		}
	}
}

// liveDay plays a morning at the fixture's hall (today, 2026-11-28):
//
//	09:00 A001, A002, B001 issued; hang.nd signs in at counter 1
//	09:00 A001 called, 09:05 finished, rated 1 (attitude, "Thái độ chưa tốt")
//	09:05 A002 called, 09:09 finished, rated 5
//	09:09 B001 called, still served at 09:40 (past service_alert, 30m)
//	a kiosk message; the rating of 1 opened a feedback item too
//
// so: issued 3, served 2, waiting 0, ratings 2, index 50,00; hang.nd: 2
// served, mean service 4 phút 30 giây; feedback new 2, open 2.
func (f *fixture) liveDay() {
	f.t.Helper()
	kiosk := hall.Device{ID: "kiosk-1", Role: protocol.RoleKiosk}
	counter := hall.Device{ID: "counter-1", Role: protocol.RoleCounter, Counter: 1}
	var tickets []issued
	for _, svc := range []string{"A", "A", "B"} {
		var is issued
		f.command(kiosk, protocol.CmdIssueTicket, map[string]any{"service": svc}, &is)
		tickets = append(tickets, is)
	}
	f.command(counter, protocol.CmdClerkLogin, protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"}, nil)
	var c called
	f.command(counter, protocol.CmdCallNext, nil, &c)
	f.clk.Add(5 * time.Minute)
	f.command(counter, protocol.CmdFinish, map[string]any{"ticket_id": c.Ticket.ID}, nil)
	f.command(kiosk, protocol.CmdRate, map[string]any{"ticket_id": tickets[0].Ticket.ID, "token": tickets[0].Ticket.Token,
		"rating": 1, "reasons": []string{"attitude"}, "comment": "Thái độ chưa tốt"}, nil)
	f.command(counter, protocol.CmdCallNext, nil, &c)
	f.clk.Add(4 * time.Minute)
	f.command(counter, protocol.CmdFinish, map[string]any{"ticket_id": c.Ticket.ID}, nil)
	f.command(kiosk, protocol.CmdRate, map[string]any{"ticket_id": tickets[1].Ticket.ID, "token": tickets[1].Ticket.Token, "rating": 5}, nil)
	f.command(counter, protocol.CmdCallNext, nil, &c)
	f.command(kiosk, protocol.CmdFeedback, map[string]any{"message": "Đề nghị thêm ghế chờ."}, nil)
	f.clk.Add(31 * time.Minute)
}

// storeAll selects every feedback item.
var storeAll = store.FeedbackFilter{}

// counterCard returns the HTML of counter id's card in page.
func counterCard(t *testing.T, page string, id int) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)<div class="counter [^"]*" data-counter="` + fmt.Sprint(id) + `">.*?</div>\s*</div>`)
	m := re.FindString(page)
	if m == "" {
		t.Fatalf("no card for counter %d", id)
	}
	return m
}

// TestLivePageFigures: the live hall's first drawing shows today's
// figures, each counter clerk's day, the open feedback, the low rating of
// the last hour and the ticket served too long, all from the server.
func TestLivePageFigures(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	_, page := f.get(c, "/")
	for id, want := range map[string]string{"n-issued": "0", "n-finished": "0", "n-index": "—", "n-ratings": "0"} {
		if got := byID(t, page, id); got != want {
			t.Errorf("empty day #%s: got %q, want %q", id, got, want)
		}
	}

	f.liveDay()
	_, page = f.get(c, "/")
	for id, want := range map[string]string{
		"n-issued": "3", "n-finished": "2", "n-waiting": "0", "n-index": "50,00 %", "n-ratings": "2",
		"n-fb-new": "2", "n-fb-open": "2",
	} {
		if got := byID(t, page, id); got != want {
			t.Errorf("#%s: got %q, want %q", id, got, want)
		}
	}
	card := counterCard(t, page, 1)
	for _, want := range []string{`class="counter st-open long"`, `<b class="c-served">2</b>`, `<span class="c-mean">4 phút 30 giây</span>`,
		`<span class="c-index">50,00 %</span>`, "(2 lượt)", "B001"} {
		if !strings.Contains(card, want) {
			t.Errorf("counter 1's card lacks %q:\n%s", want, card)
		}
	}
	if card2 := counterCard(t, page, 2); strings.Contains(card2, "counter-today") {
		t.Errorf("counter 2 has no clerk but shows a clerk's day:\n%s", card2)
	}
	low := "Đánh giá thấp: A001 · Rất không hài lòng · Quầy 1 · Nguyễn Diệu Hằng · 09:05 · Lý do: " + queue.ReasonLabels([]string{"attitude"})[0] + " · “Thái độ chưa tốt”"
	for _, want := range []string{
		`<li class="problem">` + low + `</li>`,
		`<li class="problem">Quầy 1: số B001 đã phục vụ 31 phút (quá 30 phút)</li>`,
		`href="/feedback?status=new"`,
		`data-service-alert="1800"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("live page lacks %q", want)
		}
	}
	for _, hidden := range []string{`id="low-alerts" hidden`, `id="long-alerts" hidden`} {
		if strings.Contains(page, hidden) {
			t.Errorf("live page: %s", hidden)
		}
	}
	if strings.Contains(page, "A002 · Rất hài lòng") {
		t.Errorf("a rating of 5 shows as an alert")
	}
}

// TestLiveAPI: GET /api/live counts the feedback not yet handled and lists
// the low ratings (1 and 2) of the last hour only; it needs a supervisor.
func TestLiveAPI(t *testing.T) {
	f := newFixture(t)
	f.liveDay()
	if resp, _ := f.get(f.client(), "/api/live"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /api/live without sign-in: got %d, want 401", resp.StatusCode)
	}
	c := f.signedIn()
	type live struct {
		New        int `json:"feedback_new"`
		Open       int `json:"feedback_open"`
		LowRatings []struct {
			Number      string   `json:"number"`
			Rating      int      `json:"rating"`
			Label       string   `json:"label"`
			Reasons     []string `json:"reasons"`
			CounterName string   `json:"counter_name"`
			ClerkName   string   `json:"clerk_name"`
			Line        string   `json:"line"`
		} `json:"low_ratings"`
	}
	get := func() live {
		t.Helper()
		resp, body := f.get(c, "/api/live")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/live: %d %s", resp.StatusCode, body)
		}
		var l live
		if err := json.Unmarshal([]byte(body), &l); err != nil {
			t.Fatalf("GET /api/live: %v\n%s", err, body)
		}
		return l
	}
	l := get()
	if l.New != 2 || l.Open != 2 {
		t.Errorf("feedback new, open: got %d, %d, want 2, 2", l.New, l.Open)
	}
	if len(l.LowRatings) != 1 {
		t.Fatalf("low ratings: got %+v, want A001's", l.LowRatings)
	}
	a := l.LowRatings[0]
	if a.Number != "A001" || a.Rating != 1 || a.Label != "Rất không hài lòng" || a.CounterName != "Quầy 1" ||
		a.ClerkName != "Nguyễn Diệu Hằng" || len(a.Reasons) != 1 || a.Reasons[0] != queue.ReasonLabels([]string{"attitude"})[0] {
		t.Errorf("low rating: got %+v", a)
	}

	// One item handled, one taken up: neither is new, one is open.
	items, _, err := f.hall.FeedbackPage(storeAll, 0)
	if err != nil || len(items) < 2 {
		t.Fatalf("feedback: %v, %d items", err, len(items))
	}
	if _, err := f.hall.AnswerFeedback(items[0].ID, queue.FeedbackHandled, "Đã bố trí thêm ghế.", "giamsat"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.hall.AnswerFeedback(items[1].ID, queue.FeedbackInProgress, "", "giamsat"); err != nil {
		t.Fatal(err)
	}
	if l = get(); l.New != 0 || l.Open != 1 {
		t.Errorf("after answers, feedback new, open: got %d, %d, want 0, 1", l.New, l.Open)
	}

	// An hour after the rating, its alert is gone.
	f.clk.Add(30 * time.Minute) // 10:10; rated at 09:05
	if l = get(); len(l.LowRatings) != 0 {
		t.Errorf("low ratings older than an hour: got %+v, want none", l.LowRatings)
	}
}
