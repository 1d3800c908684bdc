package app

import (
	"encoding/json"
	"strings"
	"testing"
)

// cmd encodes a command frame.
func cmd(typ, id string, data any) string {
	b, _ := json.Marshal(map[string]any{"type": typ, "id": id, "data": data})
	return string(b)
}

// errWorld is a hall mid-morning, set up for the error cases:
// counter 1 (hang.nd) finished A001 and is calling A002; A003 and C001
// wait; counter 2 (minh.tq) is open and idle; counter 3 (lan.ptn) is
// paused; counter 4 has no clerk; counter 5 (thao.vtp) serves B, D and F,
// none of which has a waiting ticket. A display watches every event.
type errWorld struct {
	s                      *Server
	k, pad1, pad2, d       *wsClient
	c1, c2, c3, c4, c5     *wsClient
	a001, a002, a003, c001 issued
}

func newErrWorld(t *testing.T) *errWorld {
	t.Helper()
	s := startServer(t, "", nil)
	w := &errWorld{s: s}
	w.k = connect(t, s, "kiosk-1")
	w.pad1 = connect(t, s, "pad-1")
	w.pad2 = connect(t, s, "pad-2")
	w.d = connect(t, s, "display-1")
	w.c1 = connect(t, s, "counter-1")
	w.c2 = connect(t, s, "counter-2")
	w.c3 = connect(t, s, "counter-3")
	w.c4 = connect(t, s, "counter-4")
	w.c5 = connect(t, s, "counter-5")
	w.c1.login("hang.nd", "1111")
	w.c2.login("minh.tq", "2222")
	w.c3.login("lan.ptn", "3333")
	w.c3.mustOK("pause", nil, nil)
	w.c5.login("thao.vtp", "5555")
	w.a001 = w.k.issue("A")
	w.c1.ticketOK("call_next", nil)
	w.c1.ticketOK("finish", map[string]any{"ticket_id": w.a001.Ticket.ID})
	w.a002 = w.k.issue("A")
	w.c1.ticketOK("call_next", nil)
	w.a003 = w.k.issue("A")
	w.c001 = w.k.issue("C")
	for _, c := range w.all() {
		c.sync()
	}
	return w
}

// TestErrorCodes sends each error of SPEC 4.2 and checks the code, the
// id, that nothing was written or broadcast, and that the connection
// stays open.
func TestErrorCodes(t *testing.T) {
	w := newErrWorld(t)
	long := strings.Repeat("x", 65)
	cases := []errCase{
		{name: "not JSON", frame: "hello there", code: "bad_request"},
		{name: "invalid UTF-8", frame: "{\"type\":\"ping\",\"id\":\"u\xff\"}", code: "bad_request"},
		{name: "JSON array", frame: `[1,2,3]`, code: "bad_request"},
		{name: "JSON string", frame: `"ping"`, code: "bad_request"},
		{name: "JSON null", frame: `null`, code: "bad_request"},
		{name: "truncated JSON", frame: `{"type":"ping","id":"t1"`, code: "bad_request"},
		{name: "missing id", frame: `{"type":"issue_ticket","data":{"service":"A"}}`, code: "bad_request"},
		{name: "empty id", frame: cmd("issue_ticket", "", map[string]any{"service": "A"}), code: "bad_request"},
		{name: "id over 64 characters", frame: cmd("issue_ticket", long, map[string]any{"service": "A"}), code: "bad_request"},
		{name: "id not a string", frame: `{"type":"ping","id":7}`, code: "bad_request"},
		{name: "type not a string", frame: `{"type":1,"id":"t2"}`, code: "bad_request"},
		{name: "unknown type", frame: cmd("dance", "u1", nil), code: "bad_request", id: "u1"},
		{name: "service not a string", frame: cmd("issue_ticket", "f1", map[string]any{"service": 5}), code: "bad_request", id: "f1"},
		{name: "priority not a bool", frame: cmd("issue_ticket", "f2", map[string]any{"service": "A", "priority": "yes"}), code: "bad_request", id: "f2"},
		{name: "data not an object", frame: cmd("issue_ticket", "f3", "A"), code: "bad_request", id: "f3"},
		{name: "unknown service", frame: cmd("issue_ticket", "f4", map[string]any{"service": "Z"}), code: "bad_request", id: "f4"},
		{name: "rating out of range", frame: cmd("rate", "f5", map[string]any{"ticket_id": "x", "rating": 6, "token": "AAAAAAAA"}), code: "bad_request", id: "f5"},
		{name: "empty feedback", frame: cmd("feedback", "f6", map[string]any{"message": " "}), code: "bad_request", id: "f6"},
		{name: "transfer to an unknown service", client: w.cl(1), frame: cmd("transfer", "f7", map[string]any{"ticket_id": "x", "service": "Z"}), code: "bad_request", id: "f7"},
		{name: "call_ticket without ticket_id", client: w.cl(2), frame: cmd("call_ticket", "f8", map[string]any{}), code: "bad_request", id: "f8"},

		{name: "comment over 500 characters", frame: cmd("rate", "f9", map[string]any{"ticket_id": "x", "rating": 3, "comment": strings.Repeat("ý", 501), "token": "AAAAAAAA"}), code: "bad_request", id: "f9"},
		{name: "reasons with a rating of 4", frame: cmd("rate", "f10", map[string]any{"ticket_id": "x", "rating": 4, "reasons": []string{"fee"}, "token": "AAAAAAAA"}), code: "bad_request", id: "f10"},
		{name: "unknown reason", frame: cmd("rate", "f11", map[string]any{"ticket_id": "x", "rating": 2, "reasons": []string{"weather"}, "token": "AAAAAAAA"}), code: "bad_request", id: "f11"},
		{name: "feedback over 2,000 characters", frame: cmd("feedback", "f12", map[string]any{"message": strings.Repeat("ả", 2001)}), code: "bad_request", id: "f12"},
		{name: "hello with since not a number", fresh: true, frame: cmd("hello", "f13", map[string]any{"device": "kiosk-1", "token": demoToken("kiosk-1"), "since": "x"}), code: "bad_request", id: "f13"},
		{name: "command before hello", fresh: true, frame: cmd("issue_ticket", "h1", map[string]any{"service": "A"}), code: "unauthorized", id: "h1"},
		{name: "ping before hello", fresh: true, frame: cmd("ping", "h2", nil), code: "unauthorized", id: "h2"},
		{name: "wrong token", fresh: true, frame: cmd("hello", "h3", map[string]any{"device": "kiosk-1", "token": "demo-kiosk-1-token-0002"}), code: "unauthorized", id: "h3"},
		{name: "another device's token", fresh: true, frame: cmd("hello", "h4", map[string]any{"device": "counter-1", "token": demoToken("kiosk-1")}), code: "unauthorized", id: "h4"},
		{name: "unknown device", fresh: true, frame: cmd("hello", "h5", map[string]any{"device": "kiosk-9", "token": demoToken("kiosk-1")}), code: "unauthorized", id: "h5"},
		{name: "no token", fresh: true, frame: cmd("hello", "h6", map[string]any{"device": "kiosk-1"}), code: "unauthorized", id: "h6"},
		{name: "wrong PIN", client: w.cl(4), frame: cmd("clerk_login", "p1", map[string]any{"username": "tuan.lv", "pin": "0000"}), code: "unauthorized", id: "p1"},
		{name: "unknown clerk", client: w.cl(4), frame: cmd("clerk_login", "p2", map[string]any{"username": "nobody", "pin": "1111"}), code: "unauthorized", id: "p2"},
		{name: "wrong rating token", frame: cmd("rate", "p3", map[string]any{"ticket_id": w.a001.Ticket.ID, "rating": 5, "token": "ZZZZZZZZ"}), code: "unauthorized", id: "p3"},

		{name: "kiosk calls", frame: cmd("call_next", "r1", nil), code: "forbidden", id: "r1"},
		{name: "display issues", client: func(*testing.T) *wsClient { return w.d }, frame: cmd("issue_ticket", "r2", map[string]any{"service": "A"}), code: "forbidden", id: "r2"},
		{name: "counter issues", client: w.cl(2), frame: cmd("issue_ticket", "r3", map[string]any{"service": "A"}), code: "forbidden", id: "r3"},
		{name: "kiosk signs a clerk in", frame: cmd("clerk_login", "r4", map[string]any{"username": "hang.nd", "pin": "1111"}), code: "forbidden", id: "r4"},
		{name: "unbound kiosk rates without token", frame: cmd("rate", "r5", map[string]any{"ticket_id": w.a001.Ticket.ID, "rating": 5}), code: "forbidden", id: "r5"},
		{name: "pad rates a ticket not last finished at its counter", client: func(*testing.T) *wsClient { return w.pad1 }, frame: cmd("rate", "r7", map[string]any{"ticket_id": w.a003.Ticket.ID, "rating": 5}), code: "forbidden", id: "r7"},
		{name: "pad rates another counter's ticket without token", client: func(*testing.T) *wsClient { return w.pad2 }, frame: cmd("rate", "r6", map[string]any{"ticket_id": w.a001.Ticket.ID, "rating": 5}), code: "forbidden", id: "r6"},

		{name: "call_ticket of an unknown ticket", client: w.cl(2), frame: cmd("call_ticket", "n1", map[string]any{"ticket_id": today + "/A999"}), code: "not_found", id: "n1"},
		{name: "finish of an unknown ticket", client: w.cl(1), frame: cmd("finish", "n2", map[string]any{"ticket_id": today + "/A999"}), code: "not_found", id: "n2"},
		{name: "rate of an unknown ticket", frame: cmd("rate", "n3", map[string]any{"ticket_id": today + "/A999", "rating": 5, "token": "ABCDEFGH"}), code: "not_found", id: "n3"},

		{name: "second hello", frame: cmd("hello", "c1", map[string]any{"device": "kiosk-1", "token": demoToken("kiosk-1")}), code: "conflict", id: "c1"},
		{name: "call_next while a ticket is called", client: w.cl(1), frame: cmd("call_next", "c2", nil), code: "conflict", id: "c2"},
		{name: "recall of a ticket at another counter", client: w.cl(2), frame: cmd("recall", "c3", map[string]any{"ticket_id": w.a002.Ticket.ID}), code: "conflict", id: "c3"},
		{name: "finish of a waiting ticket", client: w.cl(2), frame: cmd("finish", "c4", map[string]any{"ticket_id": w.a003.Ticket.ID}), code: "conflict", id: "c4"},
		{name: "paused counter calls", client: w.cl(3), frame: cmd("call_next", "c5", nil), code: "conflict", id: "c5"},
		{name: "closed counter calls", client: w.cl(4), frame: cmd("call_next", "c6", nil), code: "conflict", id: "c6"},
		{name: "call_ticket of another service", client: w.cl(2), frame: cmd("call_ticket", "c7", map[string]any{"ticket_id": w.c001.Ticket.ID}), code: "conflict", id: "c7"},
		{name: "rate of a waiting ticket", frame: cmd("rate", "c8", map[string]any{"ticket_id": w.a003.Ticket.ID, "rating": 5, "token": w.a003.Ticket.Token}), code: "conflict", id: "c8"},
		{name: "clerk signed in at another counter", client: w.cl(4), frame: cmd("clerk_login", "c9", map[string]any{"username": "hang.nd", "pin": "1111"}), code: "conflict", id: "c9"},
		{name: "logout with a called ticket", client: w.cl(1), frame: cmd("clerk_logout", "c10", nil), code: "conflict", id: "c10"},
		{name: "resume of an open counter", client: w.cl(2), frame: cmd("resume", "c11", nil), code: "conflict", id: "c11"},

		{name: "transfer to the ticket's own service", client: w.cl(1), frame: cmd("transfer", "c12", map[string]any{"ticket_id": w.a002.Ticket.ID, "service": "A"}), code: "conflict", id: "c12"},
		{name: "nothing waiting for the counter", client: w.cl(5), frame: cmd("call_next", "q1", nil), code: "queue_empty", id: "q1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { w.expectError(t, tc) })
	}
}

// errCase is a frame sent by one client and the error it must get.
type errCase struct {
	name   string
	client func(t *testing.T) *wsClient // nil: the kiosk
	fresh  bool                         // a new connection that has not said hello
	frame  string
	code   string
	id     string
}

// expectError sends tc's frame and checks the error code and id, that
// nothing was written or broadcast, and that the connection stays usable.
func (w *errWorld) expectError(t *testing.T, tc errCase) {
	t.Helper()
	w.retarget(t)
	c := w.k
	switch {
	case tc.fresh:
		c = dial(t, w.s)
	case tc.client != nil:
		c = tc.client(t)
	}
	_, before := health(t, w.s)
	wantErr(t, c.rawReply(tc.frame), tc.code, tc.id)
	if _, after := health(t, w.s); after != before {
		t.Fatalf("seq after the error: got %d, want %d (nothing written)", after, before)
	}
	w.d.quiet()
	if tc.fresh {
		c.hello("kiosk-1", 0, "")
	}
	c.quiet()
}

// cl returns a getter of counter n's client.
func (w *errWorld) cl(n int) func(*testing.T) *wsClient {
	return func(*testing.T) *wsClient {
		return []*wsClient{nil, w.c1, w.c2, w.c3, w.c4, w.c5}[n]
	}
}

// retarget points every client's failures at t.
func (w *errWorld) retarget(t *testing.T) {
	for _, c := range w.all() {
		c.t = t
	}
}

func (w *errWorld) all() []*wsClient {
	return []*wsClient{w.k, w.pad1, w.pad2, w.d, w.c1, w.c2, w.c3, w.c4, w.c5}
}
