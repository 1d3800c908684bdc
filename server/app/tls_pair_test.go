package app

import (
	"context"
	"crypto/x509"
	"errors"
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

// TestPairOverTLS: an app given -ca pairs with a -tls server over https,
// gets the hall CA in the paired answer, and its saved credentials
// connect over wss://; without the CA the pairing request is refused.
func TestPairOverTLS(t *testing.T) {
	s := startTLS(t, t.TempDir())
	server := "wss://" + s.Addr + "/ws"
	ca := hallclient.CAFlag{Path: "ca.pem", PEM: string(s.CAPEM)}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	// No CA: the system's authorities do not know the hall's.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var unknown x509.UnknownAuthorityError
	plain := pairing.Pairer{Server: server, Role: "display", Retry: time.Hour, Logger: quiet}
	done := make(chan struct{})
	go func() {
		defer close(done)
		plain.Pair(ctx, func(st pairing.Status) {
			if st.Err != nil {
				if !errors.As(st.Err, &unknown) {
					t.Errorf("pairing without the CA: %v, want an unknown-authority error", st.Err)
				}
				cancel()
			}
		})
	}()
	<-done

	codes := make(chan string, 4)
	var res pairing.Creds
	var err error
	var wg sync.WaitGroup
	ctx2, cancel2 := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel2()
	wg.Go(func() {
		p := pairing.Pairer{Server: server, Role: "display", Host: "MAN-HINH-TLS", HTTP: ca.HTTPClient(pairTimeout), Logger: quiet}
		res, err = p.Pair(ctx2, func(st pairing.Status) {
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
	case <-ctx2.Done():
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
	resp, e = web.PostForm(base+"/admin/devices/pair", url.Values{"csrf": {csrfOf(t, web, base+"/admin/devices")}, "code": {code}, "id": {"display-9"}})
	if e != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %v %v", resp, e)
	}
	resp.Body.Close()
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if res.CAPEM != string(s.CAPEM) {
		t.Fatalf("paired answer's ca_pem (%d bytes) is not the server's CA", len(res.CAPEM))
	}
	if _, st, _ := firstStatus(t, hallclient.Config{URL: server, CAPEM: []byte(res.CAPEM), Device: res.Device, Token: res.Token}); !st.Connected {
		t.Fatalf("paired display over wss with the saved CA: %+v", st)
	}
}

// pairTimeout is the apps' pairing request timeout with -ca.
const pairTimeout = 40 * time.Second
