package pairing_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/shared/pairing"
)

// TestPairAgainstServer: Pair shows a code; once an admin accepts it on the
// real server's devices page, Pair returns a token that says hello.
func TestPairAgainstServer(t *testing.T) {
	s := apptest.Start(t, app.Options{})
	server := "ws://" + s.Addr + "/ws"
	codes := make(chan string, 4)
	var res pairing.Creds
	var err error
	var wg sync.WaitGroup
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	wg.Go(func() {
		p := pairing.Pairer{Server: server, Role: "display", Host: "MAN-HINH-2", Version: "t1",
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		res, err = p.Pair(ctx, func(st pairing.Status) {
			if st.Code != "" {
				select {
				case codes <- st.Code:
				default:
				}
			}
		})
	})
	code := <-codes
	if !regexp.MustCompile(`^[0-9]{6}$`).MatchString(code) {
		t.Fatalf("code %q, want 6 digits", code)
	}
	accept(t, s.Addr, code, "display-9")
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if res.Server != server || res.Device != "display-9" || len(res.Token) != 32 || res.Role != "display" {
		t.Fatalf("got %+v", res)
	}
	apptest.Connect(t, s.Addr, res.Device, res.Token) // fails the test unless hello succeeds
}

// TestPairCancelled: Pair returns when its context ends.
func TestPairCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := pairing.Pairer{Server: "ws://127.0.0.1:1/ws", Role: "kiosk", Retry: time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if _, err := p.Pair(ctx, func(pairing.Status) {}); err == nil {
		t.Fatal("Pair with a done context returned no error")
	}
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// accept signs the demo admin in and accepts code as device id.
func accept(t *testing.T, addr, code, id string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	base := "http://" + addr
	csrf := func(u string) string {
		resp, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := csrfRe.FindSubmatch(b)
		if m == nil {
			t.Fatalf("no csrf on %s", u)
		}
		return string(m[1])
	}
	resp, err := c.PostForm(base+"/login", url.Values{"csrf": {csrf(base + "/login")}, "username": {"giamsat"}, "password": {"giamsat2026"}, "next": {"/"}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = c.PostForm(base+"/admin/devices/pair", url.Values{"csrf": {csrf(base + "/admin/devices")}, "code": {code}, "id": {id}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %v %v", resp, err)
	}
	resp.Body.Close()
}
