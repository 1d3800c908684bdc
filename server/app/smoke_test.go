package app

import (
	"testing"
)

func TestSmoke(t *testing.T) {
	s := startServer(t, "", nil)
	var h struct {
		Day string `json:"day"`
		Seq uint64 `json:"seq"`
	}
	getJSON(t, "http://"+s.Addr+"/healthz", &h)
	if h.Day != "2026-11-28" || h.Seq != 1 {
		t.Fatalf("healthz: got %+v, want day 2026-11-28 seq 1", h)
	}
	k := connect(t, s, "kiosk-1")
	var issued struct {
		Ticket struct{ Number, Token string }
		Ahead  int `json:"ahead"`
	}
	k.mustOK("issue_ticket", map[string]any{"service": "A"}, &issued)
	if issued.Ticket.Number != "A001" || len(issued.Ticket.Token) != 8 {
		t.Fatalf("issue: got %+v", issued)
	}
	c := connect(t, s, "counter-1")
	c.mustOK("clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"}, nil)
	var called struct {
		Ticket struct{ ID, Number, State string }
	}
	c.mustOK("call_next", nil, &called)
	t.Logf("%+v", called)
}
