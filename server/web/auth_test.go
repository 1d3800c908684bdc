package web_test

import (
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hallq/server/web"
)

func TestAuthRequired(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	tests := []struct {
		name, method, path string
		want               int
	}{
		{"hall", "GET", "/", http.StatusSeeOther},
		{"report page", "GET", "/reports?date=2026-11-27", http.StatusSeeOther},
		{"month page", "GET", "/reports/month", http.StatusSeeOther},
		{"feedback page", "GET", "/feedback", http.StatusSeeOther},
		{"feedback form", "POST", "/feedback/1", http.StatusSeeOther},
		{"logout", "POST", "/logout", http.StatusSeeOther},
		{"daily json", "GET", "/api/reports/daily", http.StatusUnauthorized},
		{"monthly json", "GET", "/api/reports/monthly", http.StatusUnauthorized},
		{"daily xlsx", "GET", "/reports/daily.xlsx", http.StatusUnauthorized},
		{"daily csv", "GET", "/reports/daily.csv", http.StatusUnauthorized},
		{"monthly xlsx", "GET", "/reports/monthly.xlsx?month=2026-11", http.StatusUnauthorized},
		{"monthly csv", "GET", "/reports/monthly.csv?month=2026-11", http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, f.srv.URL+tc.path, nil)
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("got %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want == http.StatusSeeOther {
				if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/login?next=") {
					t.Errorf("Location: got %q, want /login?next=…", loc)
				}
				return
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type: got %q, want JSON", ct)
			}
		})
	}
}

func TestBasicAuth(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, user, pass string
		want             int
	}{
		{"right password", "giamsat", "giamsat2026", http.StatusOK},
		{"wrong password", "giamsat", "nope", http.StatusUnauthorized},
		{"unknown user", "ai", "giamsat2026", http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", f.srv.URL+"/api/reports/daily?date=2026-11-27", nil)
			req.SetBasicAuth(tc.user, tc.pass)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("got %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
}

func TestSignInCookie(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	resp, _ := f.signIn(c, "giamsat", "giamsat2026")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("sign in: got %d to %q, want 303 to /", resp.StatusCode, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "hall_session" {
			session = ck
		}
	}
	switch {
	case session == nil:
		t.Fatal("no session cookie")
	case !session.HttpOnly:
		t.Error("session cookie: got HttpOnly false, want true")
	case session.SameSite != http.SameSiteStrictMode:
		t.Errorf("session cookie: got SameSite %v, want Strict", session.SameSite)
	case session.Expires.IsZero() || session.MaxAge <= 0:
		t.Errorf("session cookie: got Expires %v MaxAge %d, want both set", session.Expires, session.MaxAge)
	}
	if r, _ := f.get(c, "/"); r.StatusCode != http.StatusOK {
		t.Fatalf("hall after sign-in: got %d, want 200", r.StatusCode)
	}
}

func TestSignInNext(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ name, next, want string }{
		{"local page", "/reports?date=2026-11-27", "/reports?date=2026-11-27"},
		{"other site", "https://evil.example/", "/"},
		{"scheme-relative", "//evil.example/", "/"},
		{"tab", "/\t/evil.example/", "/"},
		{"CR LF", "/\r\n/evil.example/", "/"},
		{"newline", "/\n/evil.example/", "/"},
		{"space", "/ /evil.example/", "/"},
		{"backslash", "/\\evil.example/", "/"},
		{"backslash later", "/x\\..\\\\evil.example/", "/"},
		{"encoded slash", "/%2F/evil.example/", "/"},
		{"encoded tab", "/%09/evil.example/", "/"},
		{"scheme", "javascript:alert(1)", "/"},
		{"URL-like local path", "/https://evil.example", "/https:/evil.example"},
		{"DEL", "/\x7f/evil.example/", "/"},
		{"empty", "", "/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := f.client()
			_, page := f.get(c, "/login?next="+url.QueryEscape(tc.next))
			resp, _ := f.post(c, "/login", url.Values{"csrf": {csrf(t, page)}, "username": {"giamsat"},
				"password": {"giamsat2026"}, "next": {tc.next}})
			if got := resp.Header.Get("Location"); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSignInCSRF(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name  string
		token func(page string) string
	}{
		{"no token", func(string) string { return "" }},
		{"wrong token", func(string) string { return "forged-token" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := f.client()
			_, page := f.get(c, "/login")
			resp, _ := f.post(c, "/login", url.Values{"csrf": {tc.token(page)}, "username": {"giamsat"}, "password": {"giamsat2026"}})
			if resp.StatusCode != http.StatusForbidden {
				t.Fatalf("got %d, want 403", resp.StatusCode)
			}
			if r, _ := f.get(c, "/"); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("hall: got %d, want 303 (not signed in)", r.StatusCode)
			}
		})
	}
}

func TestFormCSRF(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	tests := []struct {
		name string
		path string
		form url.Values
	}{
		{"feedback without token", "/feedback/1", url.Values{"status": {"handled"}, "answer": {"x"}}},
		{"feedback with a wrong token", "/feedback/1", url.Values{"status": {"handled"}, "csrf": {"forged"}}},
		{"logout without token", "/logout", url.Values{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, _ := f.post(c, tc.path, tc.form)
			if resp.StatusCode != http.StatusForbidden {
				t.Fatalf("got %d, want 403", resp.StatusCode)
			}
		})
	}
	fb, _, err := f.store.GetFeedback(1)
	if err != nil || fb.Status != "new" {
		t.Errorf("feedback 1: got status %q (%v), want new", fb.Status, err)
	}
	if r, _ := f.get(c, "/"); r.StatusCode != http.StatusOK {
		t.Errorf("hall: got %d, want 200 (still signed in)", r.StatusCode)
	}
}

// from returns a browser-like client whose connections come from the
// loopback address ip (127.0.0.2: another machine, as the server sees it).
func (f *fixture) from(ip string) *http.Client {
	c := f.client()
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	c.Transport = &http.Transport{DialContext: d.DialContext}
	return c
}

// TestSignInThrottle: failures slow down that username from that address,
// with a wait that doubles; the right password from another address still
// works at once, by form and by basic auth.
func TestSignInThrottle(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	for i := 1; i <= web.SignInRule.Free; i++ {
		resp, page := f.signIn(c, "giamsat", "wrong")
		if resp.StatusCode != http.StatusUnauthorized || strings.Contains(page, "thử lại sau") {
			t.Fatalf("failure %d: got %d (slowed %v), want 401 without a wait", i, resp.StatusCode, strings.Contains(page, "thử lại sau"))
		}
	}
	for _, want := range []string{"5 giây", "10 giây", "20 giây", "40 giây"} {
		resp, page := f.signIn(c, "giamsat", "wrong")
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "thử lại sau "+want) {
			t.Fatalf("failure over the free ones: got %d, want 401 asking to wait %s", resp.StatusCode, want)
		}
		// Within the wait even the right password is not checked.
		if resp, page := f.signIn(c, "giamsat", "giamsat2026"); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "thử lại sau") {
			t.Fatalf("right password within the wait: got %d, want 401 asking to wait", resp.StatusCode)
		}
		f.clk.Add(time.Minute)
	}
	f.signIn(c, "giamsat", "wrong") // 80 s from here

	other := f.from("127.0.0.2")
	if resp, _ := f.signIn(other, "giamsat", "giamsat2026"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("right password from another address: got %d, want 303", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", f.srv.URL+"/api/reports/daily", nil)
	req.SetBasicAuth("giamsat", "giamsat2026")
	if r, err := f.from("127.0.0.2").Do(req); err != nil || r.StatusCode != http.StatusOK {
		t.Fatalf("basic auth from another address: %v %v, want 200", r, err)
	}
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("basic auth from the slowed address within its wait: %v %v, want 401", r, err)
	}
	f.clk.Add(80 * time.Second)
	if r, _ := f.signIn(c, "giamsat", "giamsat2026"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("after the wait: got %d, want 303", r.StatusCode)
	}
}

// TestSignInPerAddress: one address guessing many usernames is slowed as a
// whole; another address is not.
func TestSignInPerAddress(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	for i := range web.AddressRule.Free {
		if _, page := f.signIn(c, "user"+strconv.Itoa(i), "x"); strings.Contains(page, "thử lại sau") {
			t.Fatalf("guess %d slowed, want free", i)
		}
	}
	if _, page := f.signIn(c, "another", "x"); !strings.Contains(page, "thử lại sau") {
		t.Fatal("a guess over the address's free ones was not slowed")
	}
	if _, page := f.signIn(c, "giamsat", "giamsat2026"); !strings.Contains(page, "thử lại sau") {
		t.Fatal("the slowed address signed in within its wait")
	}
	if resp, _ := f.signIn(f.from("127.0.0.2"), "giamsat", "giamsat2026"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("another address: got %d, want 303", resp.StatusCode)
	}
}

func TestSignOut(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	token := f.pageCSRF(c)
	u, _ := url.Parse(f.srv.URL)
	old := c.Jar.Cookies(u)
	resp, _ := f.post(c, "/logout", url.Values{"csrf": {token}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("logout: got %d to %q, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r, _ := f.get(c, "/"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("hall after logout: got %d, want 303", r.StatusCode)
	}
	// The old cookie no longer works either.
	replay := f.client()
	replay.Jar.SetCookies(u, old)
	if r, _ := f.get(replay, "/api/reports/daily"); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("old session: got %d, want 401", r.StatusCode)
	}
}

func TestAPIError(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	resp, body := f.get(c, "/api/reports/daily?date=28-11-2026")
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("got %d, want 400", resp.StatusCode)
	}
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code != "bad_request" {
		t.Fatalf("got %s, want a bad_request error", body)
	}
}
