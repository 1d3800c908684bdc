package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hallq/server/store"
	"hallq/shared/protocol"
)

// citizenView is the part of a ticket_view the tests read.
type citizenView struct {
	Ended  bool `json:"ended"`
	Ticket *struct {
		Number  string `json:"number"`
		State   string `json:"state"`
		Counter *int   `json:"counter"`
		Recalls int    `json:"recalls"`
	} `json:"ticket"`
	CounterName    string `json:"counter_name"`
	ServiceName    string `json:"service_name"`
	Ahead          int    `json:"ahead"`
	EstimatedWaitS int    `json:"estimated_wait_s"`
	Waiting        int    `json:"waiting"`
	Rating         struct {
		Level int  `json:"level"`
		AtPad bool `json:"at_pad"`
	} `json:"rating"`
}

// citizenHello dials and says hello as the phone of ticket id.
func citizenHello(t *testing.T, s *Server, id, token string) (*wsClient, citizenView) {
	t.Helper()
	c := dial(t, s)
	r := c.do("hello", map[string]any{"ticket": id, "token": token})
	if !r.OK {
		t.Fatalf("citizen hello %s: %+v", id, r.Error)
	}
	var h struct {
		Role  string          `json:"role"`
		State json.RawMessage `json:"state"`
		View  citizenView     `json:"view"`
	}
	decodeInto(t, r.Data, &h)
	if h.Role != protocol.RoleCitizen || h.State != nil {
		t.Fatalf("citizen hello: got role %q and state %s, want citizen and no state", h.Role, h.State)
	}
	c.device = "phone " + id
	return c, h.View
}

// nextView reads until a ticket_view satisfies ok, checking every message
// with check.
func (c *wsClient) nextView(what string, check func([]byte), ok func(citizenView) bool) citizenView {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c.ws.SetReadDeadline(deadline)
		_, b, err := c.ws.ReadMessage()
		if err != nil {
			c.t.Fatalf("%s: read: %v", what, err)
		}
		if check != nil {
			check(b)
		}
		var m msg
		json.Unmarshal(b, &m)
		if m.Type != protocol.TypeTicketView {
			continue
		}
		var v citizenView
		decodeInto(c.t, m.Data, &v)
		if ok(v) {
			return v
		}
	}
	c.t.Fatalf("%s: not seen within 10 s", what)
	return citizenView{}
}

func TestCitizenHello(t *testing.T) {
	s := startServer(t, "", nil)
	kiosk := connect(t, s, "kiosk-1")
	kiosk.issue("A")
	second := kiosk.issue("A")

	c, v := citizenHello(t, s, protocol.TicketSlug(second.Ticket.ID), strings.ToLower(second.Ticket.Token))
	if v.Ticket == nil || v.Ticket.Number != "A002" || v.Ahead != 1 || v.Waiting != 2 || v.ServiceName != "Lưu thông hàng hóa trong nước" {
		t.Errorf("hello view: got %+v, want A002 with 1 ahead of 2", v)
	}
	c.quiet()
	if r := c.do("hello", map[string]any{"ticket": second.Ticket.ID, "token": second.Ticket.Token}); r.OK || r.Error.Code != "conflict" {
		t.Errorf("second hello: got %+v, want conflict", r.Error)
	}

	// A wrong token and an unknown ticket get the same answer.
	var msgs []string
	for _, hello := range []map[string]any{
		{"ticket": second.Ticket.ID, "token": "22222222"},
		{"ticket": "2026-11-28/A099", "token": second.Ticket.Token},
		{"ticket": "2026-11-28/A099", "token": ""},
		{"ticket": "../../etc", "token": "22222222"},
	} {
		bad := dial(t, s)
		id := bad.send("hello", hello)
		r, _ := bad.reply(id)
		wantErr(t, r, "unauthorized", id)
		msgs = append(msgs, r.Error.Message)
	}
	for _, m := range msgs[1:] {
		if m != msgs[0] {
			t.Errorf("refused hellos differ: %q and %q, want one message", msgs[0], m)
		}
	}
}

// TestCitizenForbidden: a phone may send ping and its own two commands;
// every command of a kiosk, rating pad, counter or display is forbidden.
func TestCitizenForbidden(t *testing.T) {
	s := startServer(t, "", nil)
	kiosk := connect(t, s, "kiosk-1")
	tk := kiosk.issue("A")
	c, _ := citizenHello(t, s, tk.Ticket.ID, tk.Ticket.Token)
	data := map[string]any{"service": "A", "ticket_id": tk.Ticket.ID, "token": tk.Ticket.Token, "rating": 5,
		"username": "hang.nd", "pin": "1111", "new_pin": "9999", "message": "x", "kind": "printer", "ok": true}
	n := 0
	for typ, roles := range protocol.CommandRoles {
		if protocol.Allowed(typ, protocol.RoleCitizen) {
			continue
		}
		if typ == protocol.CmdHello {
			continue // a second hello is a conflict (TestCitizenHello)
		}
		if len(roles) == 0 {
			t.Fatalf("%s has no role", typ)
		}
		n++
		id := c.send(typ, data)
		r, _ := c.reply(id)
		wantErr(t, r, "forbidden", id)
	}
	if n < 17 {
		t.Errorf("checked %d commands, want every kiosk, pad, counter and display command (17 or more)", n)
	}
	if st := s.Hall.State(); len(st.Waiting) != 1 {
		t.Errorf("waiting after the forbidden commands: %d, want the one ticket", len(st.Waiting))
	}
}

// TestCitizenBusyHour follows three phones through a busy stretch: their
// place goes down as others are called, the call names the counter, and
// every message they get is checked: no ticket's token, no clerk, no
// event, no state.
func TestCitizenBusyHour(t *testing.T) {
	s := startServer(t, "", nil)
	kiosk := connect(t, s, "kiosk-1")
	c1 := connect(t, s, "counter-1")
	c1.login("hang.nd", "1111")
	c2 := connect(t, s, "counter-2")
	c2.login("minh.tq", "2222")
	pad := connect(t, s, "pad-1")

	var tokens []string
	byNumber := map[string]issued{}
	for i := 0; i < 24; i++ {
		tk := kiosk.issue([]string{"A", "B", "E"}[i%3])
		tokens = append(tokens, tk.Ticket.Token)
		byNumber[tk.Ticket.Number] = tk
	}
	mine := []issued{byNumber["A005"], byNumber["A006"], byNumber["B004"]}
	forbidden := []string{`"token"`, `"clerk`, `"seq"`, `"state":{`, "hang.nd", "minh.tq", "Nguyễn Diệu Hằng", "Trần Quang Minh", `"ratings"`, `"finished":`}
	check := func(b []byte) {
		for _, tok := range tokens {
			if strings.Contains(string(b), tok) {
				t.Fatalf("a phone got a ticket's token %s: %s", tok, b)
			}
		}
		for _, f := range forbidden {
			if strings.Contains(string(b), f) {
				t.Fatalf("a phone got %s: %s", f, b)
			}
		}
		var m msg
		json.Unmarshal(b, &m)
		if m.Type != protocol.TypeTicketView && m.Type != "reply" {
			t.Fatalf("a phone got a %s message: %s", m.Type, b)
		}
	}
	phones := make([]*wsClient, len(mine))
	for i, tk := range mine {
		var v citizenView
		phones[i], v = citizenHello(t, s, tk.Ticket.ID, tk.Ticket.Token)
		if v.Ticket.Number != tk.Ticket.Number {
			t.Fatalf("phone %d follows %s, want %s", i, v.Ticket.Number, tk.Ticket.Number)
		}
		if i == 0 && v.Ahead != 4 {
			t.Errorf("A005's hello view: %d ahead, want 4", v.Ahead)
		}
	}
	a5 := phones[0]
	// Counter 2 (A, E) works through the queue; the A005 phone sees its
	// place go down, then its call. Counter 2's pad rates each ticket.
	pad2 := connect(t, s, "pad-2")
	seen := map[int]bool{}
	var called ticketJSON
	for called.Number != "A005" {
		called = c2.ticketOK("call_next", nil)
		if called.Number == "A005" {
			break
		}
		c2.ticketOK("recall", map[string]any{"ticket_id": called.ID})
		c2.ticketOK("finish", map[string]any{"ticket_id": called.ID})
		pad2.mustOK("rate", map[string]any{"rating": 4}, nil)
	}
	v := a5.nextView("the call of A005", check, func(v citizenView) bool {
		seen[v.Ahead] = true
		return v.Ticket.State == "called"
	})
	if len(seen) < 2 {
		t.Errorf("A005's phone saw places %v before its call, want it to go down", seen)
	}
	if v.CounterName != "Quầy 2" || v.Ticket.Counter == nil || *v.Ticket.Counter != 2 || v.Ahead != 0 {
		t.Errorf("called view: %+v, want Quầy 2", v)
	}
	counter := c2
	counter.ticketOK("recall", map[string]any{"ticket_id": called.ID})
	a5.nextView("the recall", check, func(v citizenView) bool { return v.Ticket.Recalls == 1 })
	counter.ticketOK("finish", map[string]any{"ticket_id": called.ID})
	a5.nextView("the finish", check, func(v citizenView) bool { return v.Ticket.State == "finished" })

	// Rating from the phone: a reason needs a low level, the phone goes
	// to the case, a second rating is a conflict.
	id := a5.send(protocol.CmdCitizenRate, map[string]any{"rating": 5, "reasons": []string{"waiting"}})
	r, _ := a5.reply(id)
	wantErr(t, r, "bad_request", id)
	id = a5.send(protocol.CmdCitizenRate, map[string]any{"rating": 1, "reasons": []string{"attitude"}, "phone": "abc"})
	r, _ = a5.reply(id)
	wantErr(t, r, "bad_request", id)
	var rated protocol.FeedbackReply
	a5.mustOK(protocol.CmdCitizenRate, map[string]any{"rating": 1, "reasons": []string{"attitude", "waiting"},
		"comment": "Chờ lâu", "phone": "0912 345 678"}, &rated)
	if rated.FeedbackID == 0 {
		t.Fatal("a level-1 rating from the phone opened no case")
	}
	id = a5.send(protocol.CmdCitizenRate, map[string]any{"rating": 5})
	r, _ = a5.reply(id)
	wantErr(t, r, "conflict", id)
	v = a5.nextView("the rating", check, func(v citizenView) bool { return v.Rating.Level == 1 })
	if v.Rating.AtPad {
		t.Error("a rating from the phone shows as given at the pad")
	}
	fb, _, err := s.Hall.FeedbackPage(store.FeedbackFilter{}, 50)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range fb {
		if f.ID == rated.FeedbackID {
			found = f.TicketID == called.ID && f.Phone == "0912 345 678" && f.Rating == 1 && f.Message == "Chờ lâu"
		}
	}
	if !found {
		t.Errorf("the case %d: not found with the ticket, phone, level and comment in %+v", rated.FeedbackID, fb)
	}
	var sent protocol.FeedbackReply
	a5.mustOK(protocol.CmdCitizenFeedback, map[string]any{"message": "Cần thêm ghế chờ", "phone": "0912345678"}, &sent)
	if sent.FeedbackID == 0 {
		t.Error("feedback from the phone got no id")
	}

	// The other phones saw only their own tickets; B004 rated at the pad
	// shows so.
	for _, p := range phones[1:] {
		p.sync()
	}
	for _, p := range phones {
		p.sync()
	}
	b4 := phones[2]
	for {
		tk := c1.ticketOK("call_next", nil)
		c1.ticketOK("finish", map[string]any{"ticket_id": tk.ID})
		if tk.Number == "B004" {
			pad.mustOK("rate", map[string]any{"rating": 5}, nil)
			break
		}
	}
	v = b4.nextView("B004 rated at the pad", check, func(v citizenView) bool { return v.Rating.Level == 5 })
	if !v.Rating.AtPad {
		t.Error("a rating at the pad does not show as given at the pad")
	}
	id = b4.send(protocol.CmdCitizenRate, map[string]any{"rating": 3})
	r, _ = b4.reply(id)
	wantErr(t, r, "conflict", id)
}
