package app

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestTextThatLies: feedback and a rating comment with a NUL, an escape
// sequence and bidi overrides are kept without them: in the feedback
// inbox, the daily csv and the daily xlsx.
func TestTextThatLies(t *testing.T) {
	t.Parallel()
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	pad := connect(t, s, "pad-1")
	c := connect(t, s, "counter-1")
	c.login("hang.nd", "1111")
	a1 := k.issue("A")
	c.ticketOK("call_next", nil)
	c.ticketOK("finish", map[string]any{"ticket_id": a1.Ticket.ID})

	k.mustOK("feedback", map[string]any{"message": "Hồ sơ\u202Etxt.exe\x00 bị trả\x1b[31m lại\r\nlần 2\u2066x\u2069",
		"name": "Lê\tVăn\nAn\u202D", "phone": ""}, nil)
	pad.mustOK("rate", map[string]any{"ticket_id": a1.Ticket.ID, "rating": 1, "reasons": []string{"waiting"},
		"comment": "chờ\u202Elâu\x07 quá\u202C"}, nil)

	wantKept := []string{"Hồ sơtxt.exe bị trả[31m lại\nlần 2x", "Lê Văn An", "chờlâu quá"}
	bad := []string{"\u202E", "\u202D", "\u202C", "\u2066", "\u2069", "\x00", "\x1b", "\x07", "\r"}
	check := func(where, body string, kept []string) {
		t.Helper()
		for _, b := range bad {
			if strings.Contains(body, b) {
				t.Errorf("%s keeps %q", where, b)
			}
		}
		for _, k := range kept {
			if !strings.Contains(body, k) {
				t.Errorf("%s lacks %q", where, k)
			}
		}
	}
	_, page, _ := get(t, "http://"+s.Addr+"/feedback?date="+today, "giamsat", "giamsat2026")
	check("the feedback inbox", strings.ReplaceAll(page, "<br>", "\n"), []string{"txt.exe bị trả[31m lại", "Lê Văn An", "chờlâu quá"})
	_, csv, _ := get(t, "http://"+s.Addr+"/reports/daily.csv?date="+today, "giamsat", "giamsat2026")
	check("the daily csv", csv, wantKept[2:])

	req, _ := http.NewRequest("GET", "http://"+s.Addr+"/reports/daily.xlsx?date="+today, nil)
	req.SetBasicAuth("giamsat", "giamsat2026")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	x, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	var all strings.Builder
	for _, sh := range x.GetSheetList() {
		rows, _ := x.GetRows(sh)
		for _, r := range rows {
			all.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	check("the daily xlsx", all.String(), wantKept[2:])
}
