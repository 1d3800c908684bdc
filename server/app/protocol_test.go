package app

import (
	"strings"
	"testing"
)

const tokenAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// TestHelloRoles checks hello's reply for each role (SPEC 4.1).
func TestHelloRoles(t *testing.T) {
	s := startServer(t, "", nil)
	cases := []struct {
		name, device, role string
		counter            int
	}{
		{"kiosk", "kiosk-1", "kiosk", 0},
		{"rating pad", "pad-3", "kiosk", 3},
		{"counter", "counter-2", "counter", 2},
		{"display", "display-1", "display", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := dial(t, s)
			c.t = t
			var h helloData
			decodeInto(t, c.hello(tc.device, 0, "").Data, &h)
			if h.Role != tc.role || h.Device != tc.device || h.Counter != tc.counter {
				t.Fatalf("hello: got role %q device %q counter %d, want %q %q %d", h.Role, h.Device, h.Counter, tc.role, tc.device, tc.counter)
			}
			if h.Day != today || h.Seq != 1 {
				t.Fatalf("hello: got day %q seq %d, want %s 1", h.Day, h.Seq, today)
			}
			if h.State == nil || h.State.Day != today || h.State.Seq != 1 {
				t.Fatalf("hello since 0: got state %+v, want a state of %s at seq 1", h.State, today)
			}
			c.quiet()
		})
	}
}

// TestCommandsSucceed walks each command's success through one hall day,
// checking the reply fields of SPEC 4.1 and 4.3.
func TestCommandsSucceed(t *testing.T) {
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	pad := connect(t, s, "pad-1")
	c := connect(t, s, "counter-1")
	var first, second issued
	steps := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"ping", func(t *testing.T) {
			r := k.do("ping", nil)
			if !r.OK || string(r.Data) != "{}" {
				t.Fatalf("ping: got ok=%v data %s, want ok {}", r.OK, r.Data)
			}
		}},
		{"issue_ticket", func(t *testing.T) {
			first = k.issue("A")
			tk := first.Ticket
			if tk.ID != today+"/A001" || tk.Number != "A001" || tk.Service != "A" || tk.State != "waiting" {
				t.Fatalf("ticket: got %+v, want %s/A001 waiting", tk, today)
			}
			if len(tk.Token) != 8 || strings.Trim(tk.Token, tokenAlphabet) != "" {
				t.Fatalf("token: got %q, want 8 characters of %s", tk.Token, tokenAlphabet)
			}
			if first.Ahead == nil || *first.Ahead != 0 || first.EstimatedWaitS == nil {
				t.Fatalf("ahead/estimated_wait_s: got %v/%v, want 0 and an integer", first.Ahead, first.EstimatedWaitS)
			}
			if !strings.HasPrefix(tk.IssuedAt, "2026-11-28T09:00:00.000+07:00") {
				t.Fatalf("issued_at: got %q, want RFC 3339 with milliseconds and +07:00", tk.IssuedAt)
			}
		}},
		{"issue_ticket second", func(t *testing.T) {
			second = k.issue("A")
			if second.Ticket.Number != "A002" || second.Ahead == nil || *second.Ahead != 1 {
				t.Fatalf("second: got %s ahead %v, want A002 ahead 1", second.Ticket.Number, second.Ahead)
			}
			if second.Ticket.Token == first.Ticket.Token {
				t.Fatalf("tokens: got the same %q twice, want random", first.Ticket.Token)
			}
		}},
		{"clerk_login", func(t *testing.T) {
			var out struct {
				Clerk struct {
					Username, Name string
					Counter        int
				}
			}
			c.mustOK("clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}, &out)
			if out.Clerk.Username != "hang.nd" || out.Clerk.Name != "Nguyễn Diệu Hằng" || out.Clerk.Counter != 1 {
				t.Fatalf("clerk: got %+v, want hang.nd Nguyễn Diệu Hằng at 1", out.Clerk)
			}
		}},
		{"clerk_login again at the same counter", func(t *testing.T) { c.login("hang.nd", "1111") }},
		{"call_next", func(t *testing.T) {
			tk := c.ticketOK("call_next", nil)
			if tk.Number != "A001" || tk.State != "called" || tk.Counter == nil || *tk.Counter != 1 ||
				tk.Clerk == nil || *tk.Clerk != "hang.nd" || tk.CalledAt == nil || tk.Token != "" {
				t.Fatalf("called: got %+v, want A001 called at 1 by hang.nd without token", tk)
			}
		}},
		{"recall", func(t *testing.T) {
			tk := c.ticketOK("recall", map[string]any{"ticket_id": first.Ticket.ID})
			if tk.State != "called" || tk.Recalls != 1 {
				t.Fatalf("recall: got %s recalls %d, want called 1", tk.State, tk.Recalls)
			}
		}},
		{"hold", func(t *testing.T) {
			if tk := c.ticketOK("hold", map[string]any{"ticket_id": first.Ticket.ID}); tk.State != "held" {
				t.Fatalf("hold: got %s, want held", tk.State)
			}
		}},
		{"call_ticket of the held ticket", func(t *testing.T) {
			if tk := c.ticketOK("call_ticket", map[string]any{"ticket_id": first.Ticket.ID}); tk.State != "called" {
				t.Fatalf("call_ticket: got %s, want called", tk.State)
			}
		}},
		{"transfer", func(t *testing.T) {
			tk := c.ticketOK("transfer", map[string]any{"ticket_id": first.Ticket.ID, "service": "B"})
			if tk.State != "waiting" || tk.Service != "B" || tk.Number != "A001" || tk.Counter != nil || tk.Clerk != nil || tk.CalledAt != nil {
				t.Fatalf("transfer: got %+v, want A001 waiting for B with null counter, clerk, called_at", tk)
			}
		}},
		{"call_next takes the transferred ticket at its place", func(t *testing.T) {
			if tk := c.ticketOK("call_next", nil); tk.Number != "A001" || tk.Service != "B" {
				t.Fatalf("call_next: got %s of %s, want A001 of B", tk.Number, tk.Service)
			}
		}},
		{"finish", func(t *testing.T) {
			if tk := c.ticketOK("finish", map[string]any{"ticket_id": first.Ticket.ID}); tk.State != "finished" {
				t.Fatalf("finish: got %s, want finished", tk.State)
			}
		}},
		{"rate with token", func(t *testing.T) {
			r := k.do("rate", map[string]any{"ticket_id": first.Ticket.ID, "rating": 2, "reasons": []string{"waiting"},
				"comment": "Chờ hơi lâu", "token": strings.ToLower(first.Ticket.Token)})
			if !r.OK || string(r.Data) != "{}" {
				t.Fatalf("rate: got ok=%v %s %+v, want ok {}", r.OK, r.Data, r.Error)
			}
		}},
		{"feedback", func(t *testing.T) {
			var out struct {
				FeedbackID *int64 `json:"feedback_id"`
			}
			k.mustOK("feedback", map[string]any{"message": "Cần thêm ghế chờ", "name": "Nguyễn Văn An", "phone": "0912345678"}, &out)
			if out.FeedbackID == nil || *out.FeedbackID <= 0 {
				t.Fatalf("feedback_id: got %v, want a positive id", out.FeedbackID)
			}
		}},
		{"no_show", func(t *testing.T) {
			tk := c.ticketOK("call_next", nil)
			if tk.Number != "A002" {
				t.Fatalf("call_next: got %s, want A002", tk.Number)
			}
			if tk := c.ticketOK("no_show", map[string]any{"ticket_id": tk.ID}); tk.State != "no_show" {
				t.Fatalf("no_show: got %s, want no_show", tk.State)
			}
		}},
		{"rate at the counter's pad without token", func(t *testing.T) {
			third := k.issue("B")
			c.ticketOK("call_next", nil)
			c.ticketOK("finish", map[string]any{"ticket_id": third.Ticket.ID})
			r := pad.do("rate", map[string]any{"rating": 5})
			if !r.OK {
				t.Fatalf("pad rate: got %+v, want ok", r.Error)
			}
		}},
		{"pause", func(t *testing.T) {
			var out struct {
				Counter struct {
					ID     int
					Status string
				}
			}
			c.mustOK("pause", nil, &out)
			if out.Counter.ID != 1 || out.Counter.Status != "paused" {
				t.Fatalf("pause: got %+v, want counter 1 paused", out.Counter)
			}
		}},
		{"resume", func(t *testing.T) {
			var out struct {
				Counter struct {
					ID     int
					Status string
				}
			}
			c.mustOK("resume", nil, &out)
			if out.Counter.Status != "open" {
				t.Fatalf("resume: got %s, want open", out.Counter.Status)
			}
		}},
		{"clerk_logout", func(t *testing.T) {
			if r := c.do("clerk_logout", nil); !r.OK || string(r.Data) != "{}" {
				t.Fatalf("logout: got ok=%v %s, want ok {}", r.OK, r.Data)
			}
		}},
	}
	for _, st := range steps {
		if !t.Run(st.name, func(t *testing.T) {
			k.t, pad.t, c.t = t, t, t
			st.run(t)
		}) {
			t.FailNow()
		}
	}
}
