package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"hallq/shared/hallclient"
	"hallq/shared/pairing"
)

// TestPairOverTLS: an app pairs with a -tls server over https, gets the
// hall CA in the paired answer, and its saved credentials connect over
// wss://: given -ca, and without it by trusting the CA the server shows on
// first use, whose fingerprint (shown on the pairing screen) is the one the
// server prints and /admin/tls shows.
func TestPairOverTLS(t *testing.T) {
	s := startTLS(t, t.TempDir())
	server := "wss://" + s.Addr + "/ws"
	ca := hallclient.CAFlag{Path: "ca.pem", PEM: string(s.CAPEM)}
	want, err := hallclient.Fingerprint(s.CAPEM)
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	for i, tc := range []struct {
		name string
		http *http.Client
		fp   string // the fingerprint the pairing screen shows
	}{
		{"with -ca", ca.HTTPClient(pairTimeout), ""},
		{"trusted on first use", nil, want},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := pairing.Pairer{Server: server, Role: "display", Host: "MAN-HINH-TLS", HTTP: tc.http, Logger: quiet}
			res, shown := pairAccepted(t, s, p, fmt.Sprintf("display-%d", 8+i))
			if shown != tc.fp {
				t.Errorf("fingerprint shown while pairing = %q, want %q", shown, tc.fp)
			}
			if res.CAPEM != string(s.CAPEM) {
				t.Fatalf("paired answer's ca_pem (%d bytes) is not the server's CA", len(res.CAPEM))
			}
			if _, st, _ := firstStatus(t, hallclient.Config{URL: server, CAPEM: []byte(res.CAPEM), Device: res.Device, Token: res.Token}); !st.Connected {
				t.Fatalf("paired display over wss with the saved CA: %+v", st)
			}
		})
	}
}

// pairAccepted runs p until an admin (signed in over https) accepts its
// code as device id, and returns the credentials and the last fingerprint
// the pairing showed.
func pairAccepted(t *testing.T, s *tlsServer, p pairing.Pairer, id string) (pairing.Creds, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	codes := make(chan string, 4)
	var (
		res    pairing.Creds
		err    error
		shown  string
		shownM sync.Mutex
		wg     sync.WaitGroup
	)
	wg.Go(func() {
		res, err = p.Pair(ctx, func(st pairing.Status) {
			shownM.Lock()
			shown = st.Fingerprint
			shownM.Unlock()
			if st.Code != "" {
				select {
				case codes <- st.Code:
				default:
				}
			}
		})
	})
	var code string
	select {
	case code = <-codes:
	case <-ctx.Done():
		t.Fatal("no pairing code over https")
	}
	web := httpsClient(t, s.CAPEM)
	base := "https://" + s.Addr
	resp, e := web.PostForm(base+"/login", url.Values{"csrf": {csrfOf(t, web, base+"/login")},
		"username": {"giamsat"}, "password": {"giamsat2026"}, "next": {"/"}})
	if e != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin sign-in over https: %v %v", resp, e)
	}
	resp.Body.Close()
	resp, e = web.PostForm(base+"/admin/devices/pair", url.Values{"csrf": {csrfOf(t, web, base+"/admin/devices")}, "code": {code}, "id": {id}})
	if e != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %v %v", resp, e)
	}
	resp.Body.Close()
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	shownM.Lock()
	defer shownM.Unlock()
	return res, shown
}

// pairTimeout is the apps' pairing request timeout with -ca.
const pairTimeout = 40 * time.Second
