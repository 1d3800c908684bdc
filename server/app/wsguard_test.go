package app

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"hallq/server/hub"
	"hallq/shared/xtest"
)

// dialWith opens a websocket with header, from the loopback address local
// ("" for any).
func dialWith(t *testing.T, s *Server, header http.Header, local string) *wsClient {
	t.Helper()
	d := *websocket.DefaultDialer
	if local != "" {
		nd := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}
		d.NetDialContext = nd.DialContext
	}
	ws, _, err := d.Dial("ws://"+s.Addr+"/ws", header)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return &wsClient{t: t, ws: ws}
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrfOf reads the CSRF token of the first form on the page at url.
func csrfOf(t *testing.T, c *http.Client, url string) string {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfRe.FindSubmatch(page)
	if m == nil {
		t.Fatalf("no csrf on %s", url)
	}
	return string(m[1])
}

// signInWeb signs the demo supervisor in and returns the client and its
// session cookie.
func signInWeb(t *testing.T, s *Server) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	base := "http://" + s.Addr
	resp, err := c.PostForm(base+"/login", url.Values{"csrf": {csrfOf(t, c, base+"/login")}, "username": {"giamsat"}, "password": {"giamsat2026"}, "next": {"/"}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %v %v", resp, err)
	}
	resp.Body.Close()
	u, _ := url.Parse(base)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "hall_session" {
			return c, ck.Value
		}
	}
	t.Fatal("no session cookie")
	return nil, ""
}

// TestWebsocketOrigin: a hello resting on the supervisor's cookie needs
// this server's own Origin; signing out closes that socket.
func TestWebsocketOrigin(t *testing.T) {
	s := startServer(t, "", nil)
	web, cookie := signInWeb(t, s)
	header := func(origin string) http.Header {
		h := http.Header{"Cookie": {"hall_session=" + cookie}}
		if origin != "" {
			h.Set("Origin", origin)
		}
		return h
	}
	for _, bad := range []string{"http://evil.gov.vn", "http://" + s.Addr + ".evil.gov.vn", "null", ""} {
		c := dialWith(t, s, header(bad), "")
		id := c.send("hello", map[string]any{"since": 0})
		r, _ := c.reply(id)
		wantErr(t, r, "unauthorized", id)
	}
	live := dialWith(t, s, header("http://"+s.Addr), "")
	if r, _ := live.reply(live.send("hello", map[string]any{"since": 0})); !r.OK {
		t.Fatalf("same-origin hello with the cookie: %+v", r.Error)
	}
	// A device needs no Origin.
	connect(t, s, "display-1")

	// Sign out: the supervisor's socket closes.
	resp, err := web.PostForm("http://"+s.Addr+"/logout", url.Values{"csrf": {csrfOf(t, web, "http://"+s.Addr+"/")}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code := live.closeCode(5 * time.Second); code != websocket.ClosePolicyViolation {
		t.Fatalf("socket after sign-out: close code %d, want 1008", code)
	}
}

// TestHelloGuessing: a connection is closed after 3 failed hellos; an
// address guessing tokens is slowed (rate_limited) after HelloRule.Free
// failures while other addresses connect; logs stay short and few.
func TestHelloGuessing(t *testing.T) {
	var logs syncBuffer
	s := startServerLog(t, t.TempDir(), xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict)),
		slog.New(slog.NewTextHandler(&logs, nil)))

	c := dialWith(t, s, nil, "127.0.0.2")
	long := strings.Repeat("k", 8000)
	for i := range 3 {
		id := c.send("hello", map[string]any{"device": long, "token": "guess-" + itoa(i)})
		r, _ := c.reply(id)
		wantErr(t, r, "unauthorized", id)
	}
	if code := c.closeCode(5 * time.Second); code != websocket.ClosePolicyViolation {
		t.Fatalf("after 3 failed hellos: close code %d, want 1008", code)
	}

	limited := 0
	for i := range hub.HelloRule.Free + 10 {
		c := dialWith(t, s, nil, "127.0.0.2")
		id := c.send("hello", map[string]any{"device": "kiosk-1", "token": "guess-" + itoa(100+i)})
		r, _ := c.reply(id)
		if r.Error != nil && r.Error.Code == "rate_limited" {
			limited++
		}
		c.ws.Close()
	}
	if limited < 9 {
		t.Fatalf("%d of the guesses over the free ones were slowed, want them all", limited)
	}
	// The right token from the guessing address waits too; another
	// address connects.
	g := dialWith(t, s, nil, "127.0.0.2")
	id := g.send("hello", map[string]any{"device": "kiosk-1", "token": demoToken("kiosk-1")})
	if r, _ := g.reply(id); r.OK || r.Error.Code != "rate_limited" {
		t.Fatalf("right token from the slowed address: %+v, want rate_limited", r)
	}
	connect(t, s, "kiosk-1")

	out := logs.String()
	if strings.Contains(out, strings.Repeat("k", 65)) {
		t.Error("a log line holds more than 64 characters of the device id")
	}
	if n := strings.Count(out, "hello refused"); n > hub.HelloRule.Free {
		t.Errorf("%d refused hellos logged, want at most %d", n, hub.HelloRule.Free)
	}
}

// TestEventsBeforeReply: on the connection that sent a command, its events
// come before its reply (the counter shows a command's effect from its
// event, and re-enables its buttons at the reply).
func TestEventsBeforeReply(t *testing.T) {
	s := startServer(t, "", nil)
	k := connect(t, s, "kiosk-1")
	c := connect(t, s, "counter-1")
	c.login("hang.nd", "1111")
	k.issue("A")
	k.issue("A")
	for _, step := range []struct {
		typ   string
		data  func(id string) any
		event string
	}{
		{"call_next", func(string) any { return nil }, "ticket_called"},
		{"recall", func(id string) any { return map[string]any{"ticket_id": id} }, "ticket_called"},
		{"finish", func(id string) any { return map[string]any{"ticket_id": id} }, "ticket_finished"},
		{"call_next", func(string) any { return nil }, "ticket_called"},
		{"hold", func(id string) any { return map[string]any{"ticket_id": id} }, "ticket_held"},
		{"clerk_logout", func(string) any { return nil }, "counter_updated"},
	} {
		var current string
		if st := s.Hall.State(); st.Counters[0].Ticket != nil {
			current = st.Counters[0].Ticket.ID
		}
		r, events := c.reply(c.send(step.typ, step.data(current)))
		if !r.OK {
			t.Fatalf("%s: %+v", step.typ, r.Error)
		}
		found := false
		for _, e := range events {
			found = found || e.Type == step.event
		}
		if !found {
			t.Fatalf("%s: events before the reply %v, want %s among them", step.typ, events, step.event)
		}
	}
}
