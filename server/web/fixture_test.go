package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/server/config"
	"hallq/server/hall"
	"hallq/server/store"
	"hallq/server/web"
	"hallq/shared/queue"
)

// demoConfig holds the demo hall.toml, written once: its bcrypt hashes are
// slow to make under the race detector.
var demoConfig []byte

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hall-web-test-")
	if err != nil {
		panic(err)
	}
	path := filepath.Join(dir, "hall.toml")
	if _, err := config.WriteDemo(path); err != nil {
		panic(err)
	}
	demoConfig, err = os.ReadFile(path)
	os.RemoveAll(dir)
	if err != nil {
		panic(err)
	}
	code := m.Run()
	if yearStore.dir != "" {
		os.RemoveAll(yearStore.dir)
	}
	os.Exit(code)
}

// testVersion is the server's version in the fixture's pages.
const testVersion = "1.2.0"

// fixture is a hall with its web server on a loopback port.
type fixture struct {
	t     testing.TB
	clk   *apptest.Clock
	hall  *hall.Hall
	store *store.Store
	srv   *httptest.Server
	seq   int // command ids of f.do
}

// newFixture starts the demo hall at 2026-11-28 09:00 hall time, with an
// empty store.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureAt(t, t.TempDir())
}

// newFixtureAt is newFixture on the store in dir, which may hold one.
func newFixtureAt(t testing.TB, dir string) *fixture {
	t.Helper()
	path := filepath.Join(dir, "hall.toml")
	if err := os.WriteFile(path, demoConfig, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("load demo config: %v", err)
	}
	st, err := store.Open(filepath.Join(dir, "hall.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clk := apptest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := hall.New(cfg, st, hall.Options{Now: clk.Now, Logger: log, EventDays: 90})
	if err != nil {
		t.Fatalf("hall: %v", err)
	}
	handler := web.New(web.Options{Hall: h, Sessions: web.NewSessions(clk.Now),
		WS: http.NotFoundHandler(), Metrics: http.NotFoundHandler(), Logger: log, Version: testVersion})
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return &fixture{t: t, clk: clk, hall: h, store: st, srv: srv}
}

// client returns a browser-like client with its own cookies that does not
// follow redirects.
func (f *fixture) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// get fetches path and returns the response and its body.
func (f *fixture) get(c *http.Client, path string) (*http.Response, string) {
	f.t.Helper()
	resp, err := c.Get(f.srv.URL + path)
	if err != nil {
		f.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// post posts form to path and returns the response and its body.
func (f *fixture) post(c *http.Client, path string, form url.Values) (*http.Response, string) {
	f.t.Helper()
	resp, err := c.PostForm(f.srv.URL+path, form)
	if err != nil {
		f.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf returns the CSRF token of the first form in page.
func csrf(t testing.TB, page string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no csrf field in page")
	}
	return m[1]
}

// signIn signs c in with password and returns the sign-in response.
func (f *fixture) signIn(c *http.Client, user, password string) (*http.Response, string) {
	f.t.Helper()
	_, page := f.get(c, "/login")
	return f.post(c, "/login", url.Values{"csrf": {csrf(f.t, page)}, "username": {user}, "password": {password}, "next": {"/"}})
}

// signedIn returns a client signed in as the demo supervisor.
func (f *fixture) signedIn() *http.Client {
	f.t.Helper()
	c := f.client()
	resp, body := f.signIn(c, "giamsat", "giamsat2026")
	if resp.StatusCode != http.StatusSeeOther {
		f.t.Fatalf("sign in: got %d, want 303: %s", resp.StatusCode, body)
	}
	return c
}

// pageCSRF returns the session's CSRF token from the hall page.
func (f *fixture) pageCSRF(c *http.Client) string {
	f.t.Helper()
	_, page := f.get(c, "/")
	return csrf(f.t, page)
}

// byID returns the text of the element with id in page (its content up to
// the next tag).
func byID(t *testing.T, page, id string) string {
	t.Helper()
	re := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `"[^>]*>([^<]*)<`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no element #%s in page", id)
	}
	return strings.TrimSpace(m[1])
}

// stamp returns hh:mm:ss on day, hall time.
func stamp(t testing.TB, day, hms string) queue.Stamp {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04:05", day+" "+hms, ict)
	if err != nil {
		t.Fatal(err)
	}
	return queue.At(at)
}
