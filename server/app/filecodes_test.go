package app

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestFileCodes drives file codes (mã hồ sơ) over real websockets: set
// while serving, replaced at finish, carried by the events and the
// ticket, refused when malformed with nothing changed, and shown by the
// daily report and its xlsx and csv.
func TestFileCodes(t *testing.T) {
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-1")
	d := connect(t, s, "display-1")
	a := k.issue("A")
	b := k.issue("A")
	c.login("hang.nd", "1111")
	c.ticketOK("call_next", nil)

	type withCodes struct {
		Ticket struct {
			ID        string    `json:"id"`
			FileCodes *[]string `json:"file_codes"`
		} `json:"ticket"`
	}
	codesOf := func(raw json.RawMessage) []string {
		t.Helper()
		var w withCodes
		decodeInto(t, raw, &w)
		if w.Ticket.FileCodes == nil {
			return nil
		}
		return *w.Ticket.FileCodes
	}
	if strings.Contains(string(c.do("recall", map[string]any{"ticket_id": a.Ticket.ID}).Data), "file_codes") {
		t.Errorf("a ticket without codes carries file_codes; want it omitted")
	}

	bad := []struct {
		name string
		data map[string]any
		cmd  string
	}{
		{"space", map[string]any{"ticket_id": a.Ticket.ID, "file_codes": []string{"H12 001"}}, "set_file_codes"},
		{"33 characters", map[string]any{"ticket_id": a.Ticket.ID, "file_codes": []string{strings.Repeat("9", 33)}}, "set_file_codes"},
		{"eleven", map[string]any{"ticket_id": a.Ticket.ID, "file_codes": strings.Split("1 2 3 4 5 6 7 8 9 10 11", " ")}, "set_file_codes"},
		{"missing list", map[string]any{"ticket_id": a.Ticket.ID}, "set_file_codes"},
		{"not a list", map[string]any{"ticket_id": a.Ticket.ID, "file_codes": "H1"}, "set_file_codes"},
		{"finish with a bad code", map[string]any{"ticket_id": a.Ticket.ID, "file_codes": []string{"mã"}}, "finish"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			r := c.do(tt.cmd, tt.data)
			wantErr(t, r, "bad_request", r.ID)
			if !strings.Contains(r.Error.Message, "hồ sơ") && !strings.Contains(r.Error.Message, "file_codes") {
				t.Errorf("message %q: want it to name the file codes", r.Error.Message)
			}
		})
	}
	if r := k.do("set_file_codes", map[string]any{"ticket_id": a.Ticket.ID, "file_codes": []string{"H1"}}); r.OK || r.Error.Code != "forbidden" {
		t.Errorf("kiosk set_file_codes: got %+v, want forbidden", r.Error)
	}
	if r := c.do("set_file_codes", map[string]any{"ticket_id": b.Ticket.ID, "file_codes": []string{"H1"}}); r.OK || r.Error.Code != "conflict" {
		t.Errorf("set_file_codes on a waiting ticket: got %+v, want conflict", r.Error)
	}

	r, events := c.reply(c.send("set_file_codes", map[string]any{"ticket_id": a.Ticket.ID, "file_codes": []string{"H12.34-251128-0001", "B/2025/7"}}))
	if !r.OK {
		t.Fatalf("set_file_codes: %+v", r.Error)
	}
	if got := codesOf(r.Data); strings.Join(got, ",") != "H12.34-251128-0001,B/2025/7" {
		t.Errorf("reply codes: got %v", got)
	}
	if len(events) != 1 || events[0].Type != "ticket_file_codes" {
		t.Fatalf("events before the reply: got %+v, want one ticket_file_codes", events)
	}
	r, events = c.reply(c.send("finish", map[string]any{"ticket_id": a.Ticket.ID}))
	if got := codesOf(r.Data); len(got) != 2 || len(events) != 1 || strings.Join(codesOf(events[0].Data), ",") != strings.Join(got, ",") {
		t.Errorf("finish keeps the codes: reply %v, events %+v", got, events)
	}
	c.ticketOK("call_next", nil)
	r = c.do("finish", map[string]any{"ticket_id": b.Ticket.ID, "file_codes": []string{"000.00.12.H12-251128-0009"}})
	if got := codesOf(r.Data); strings.Join(got, ",") != "000.00.12.H12-251128-0009" {
		t.Errorf("finish with codes: got %v", got)
	}
	k.mustOK("rate", map[string]any{"ticket_id": b.Ticket.ID, "rating": 4, "token": b.Ticket.Token}, nil)

	// The display saw every event, the codes in them.
	seen := map[string]bool{}
	for {
		m := d.read()
		if m.Type == "ticket_file_codes" || m.Type == "ticket_finished" {
			seen[m.Type+" "+strings.Join(codesOf(m.Data), ",")] = true
		}
		if m.Type == "ticket_rated" {
			break
		}
	}
	for _, want := range []string{"ticket_file_codes H12.34-251128-0001,B/2025/7", "ticket_finished H12.34-251128-0001,B/2025/7",
		"ticket_finished 000.00.12.H12-251128-0009"} {
		if !seen[want] {
			t.Errorf("display: no %s; saw %v", want, seen)
		}
	}

	code, body, _ := get(t, "http://"+s.Addr+"/api/reports/daily?date="+today, "giamsat", "giamsat2026")
	var rep struct {
		Files []struct {
			Number    string   `json:"number"`
			FileCodes []string `json:"file_codes"`
			Rating    *int     `json:"rating"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(body), &rep); code != 200 || err != nil {
		t.Fatalf("report: %d %v", code, err)
	}
	if len(rep.Files) != 2 || rep.Files[0].Number != "A001" || len(rep.Files[0].FileCodes) != 2 || rep.Files[0].Rating != nil ||
		rep.Files[1].Number != "A002" || rep.Files[1].Rating == nil || *rep.Files[1].Rating != 4 {
		t.Errorf("report files: got %+v", rep.Files)
	}
	_, csv, _ := get(t, "http://"+s.Addr+"/reports/daily.csv?date="+today, "giamsat", "giamsat2026")
	if !strings.Contains(csv, "H12.34-251128-0001; B/2025/7") {
		t.Errorf("csv: no file codes of A001")
	}
	_, page, _ := get(t, "http://"+s.Addr+"/reports?date="+today, "giamsat", "giamsat2026")
	if !strings.Contains(page, `<span class="tag">000.00.12.H12-251128-0009</span>`) {
		t.Errorf("report page: no file code of A002")
	}
}
