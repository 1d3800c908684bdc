package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"hallq/server/hall"
	"hallq/shared/protocol"
)

// issueTicket issues a ticket of service at the demo kiosk and returns its
// id and token.
func (f *fixture) issueTicket(service string) (id, token string) {
	f.t.Helper()
	_, data := f.do(hall.Device{ID: "kiosk-1", Role: "kiosk"}, "issue_ticket", `{"service":"`+service+`"}`)
	var r struct{ Ticket struct{ ID, Token string } }
	json.Unmarshal(data, &r)
	if r.Ticket.Token == "" {
		f.t.Fatalf("issue %s: no ticket in %s", service, data)
	}
	return r.Ticket.ID, r.Ticket.Token
}

func TestTicketPage(t *testing.T) {
	f := newFixture(t)
	f.issueTicket("A")
	id, token := f.issueTicket("A")
	c := f.client()
	resp, page := f.get(c, protocol.TicketPath+protocol.TicketSlug(id)+"?k="+token)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("ticket page: got %d, want 200", resp.StatusCode)
	}
	if got := byID(t, page, "number"); got != "A002" {
		t.Errorf("number: got %q, want A002", got)
	}
	if got := byID(t, page, "ahead"); got != "1" {
		t.Errorf("ahead: got %q, want 1", got)
	}
	if got := byID(t, page, "wait"); got != "khoảng 5 phút" && got != "Chưa có quầy mở cho lĩnh vực này" {
		t.Errorf("wait: got %q", got)
	}
	if strings.Contains(page, token) {
		t.Error("the page's HTML repeats the ticket's token")
	}
	if !strings.Contains(page, `lang="vi"`) || !strings.Contains(page, `name="viewport" content="width=device-width`) {
		t.Error("the page is not marked Vietnamese with a phone viewport")
	}
	h := resp.Header
	if h.Get("Referrer-Policy") != "no-referrer" || h.Get("Cache-Control") != "no-store" || !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Errorf("headers: %v", h)
	}
	// The slash form works too, and the token's case does not matter.
	if resp, _ := f.get(c, "/t/"+id+"?k="+strings.ToLower(token)); resp.StatusCode != http.StatusOK {
		t.Errorf("/t/%s with a lower-case token: got %d, want 200", id, resp.StatusCode)
	}

	// Wrong token, no token, unknown id, junk: the same page, the same
	// status, nothing about whether the ticket exists.
	var pages []string
	for _, p := range []string{
		"/t/" + protocol.TicketSlug(id) + "?k=22222222",
		"/t/" + protocol.TicketSlug(id),
		"/t/2026-11-28-A777?k=" + token,
		"/t/2026-11-27-A002?k=" + token,
		"/t/..%2F..%2Fetc?k=x",
		"/t/2026-11-28-A002?k=" + token + "%00",
	} {
		resp, page := f.get(c, p)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: got %d, want 404", p, resp.StatusCode)
		}
		if !strings.Contains(page, "Không tìm thấy phiếu") {
			t.Errorf("%s: the page does not say not found", p)
		}
		pages = append(pages, page)
	}
	for i, p := range pages[1:] {
		if p != pages[0] {
			t.Errorf("not-found page %d differs from the first", i+2)
		}
	}
}

// TestTicketPageThrottle: an address that keeps missing is slowed, its
// good requests too; another address is not.
func TestTicketPageThrottle(t *testing.T) {
	f := newFixture(t)
	id, token := f.issueTicket("B")
	c := f.client()
	good := "/t/" + protocol.TicketSlug(id) + "?k=" + token
	for i := 0; i < 21; i++ {
		f.get(c, "/t/2026-11-28-B00"+string(rune('2'+i%7))+"?k=ABCDEFGH")
	}
	resp, page := f.get(c, good)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("after 21 misses: got %d, want 429 with Retry-After", resp.StatusCode)
	}
	if strings.Contains(page, "B001") {
		t.Error("a slowed address got the ticket's page")
	}
	f.clk.Add(2 * 60e9)
	if resp, _ := f.get(c, good); resp.StatusCode != http.StatusOK {
		t.Errorf("two minutes later: got %d, want 200", resp.StatusCode)
	}
}
