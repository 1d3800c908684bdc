package app

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"hallq/server/certs"
	"hallq/shared/hallclient"
	"hallq/shared/xtest"
)

// tlsServer is a server started with -tls on a fresh data folder, with
// what it printed.
type tlsServer struct {
	*Server
	dir string
	out *bytes.Buffer
}

// startTLS starts the test hall with -tls in dir on a loopback port.
func startTLS(t *testing.T, dir string) *tlsServer {
	t.Helper()
	writeTestConfig(t, dir)
	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	var out bytes.Buffer
	s, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, TLS: true, Now: clk.Now, Stdout: &out,
		Logger: slog.New(slog.NewTextHandler(testWriter{t}, nil))})
	if err != nil {
		t.Fatalf("start with -tls: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return &tlsServer{Server: s, dir: dir, out: &out}
}

// httpsClient trusts only caPEM and keeps cookies; it does not follow
// redirects.
func httpsClient(t *testing.T, caPEM []byte) *http.Client {
	t.Helper()
	tc, err := hallclient.TLSConfig(caPEM)
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Transport: &http.Transport{TLSClientConfig: tc}, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// firstStatus runs a hallclient with cfg until its first status report.
func firstStatus(t *testing.T, cfg hallclient.Config) (*hallclient.Client, hallclient.Status, func()) {
	t.Helper()
	got := make(chan hallclient.Status, 16)
	cfg.OnStatus = func(s hallclient.Status) { got <- s }
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.MinBackoff, cfg.MaxBackoff = 50*time.Millisecond, 200*time.Millisecond
	c := hallclient.New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { c.Run(ctx) })
	stop := func() { cancel(); wg.Wait() }
	t.Cleanup(stop)
	select {
	case s := <-got:
		return c, s, stop
	case <-time.After(10 * time.Second):
		t.Fatal("no status from the client in 10s")
	}
	return nil, hallclient.Status{}, stop
}

func TestTLSServer(t *testing.T) {
	dir := t.TempDir()
	s := startTLS(t, dir)
	caPEM, err := os.ReadFile(filepath.Join(dir, "tls", "ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	fp, _ := hallclient.Fingerprint(caPEM)
	if !bytes.Equal(caPEM, s.CAPEM) || fp != s.CAFingerprint {
		t.Errorf("Server.CAPEM/CAFingerprint differ from ca.pem (%s, want %s)", s.CAFingerprint, fp)
	}
	out := s.out.String()
	for _, want := range []string{fp, "https://" + s.Addr + "/", "Mở trang giám sát"} {
		if !strings.Contains(out, want) {
			t.Errorf("start message lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "http://") {
		t.Errorf("start message offers plain http:\n%s", out)
	}

	t.Run("key files", func(t *testing.T) {
		for name, want := range map[string]os.FileMode{"tls": 0o700, "tls/ca-key.pem": 0o600, "tls/server-key.pem": 0o600} {
			st, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != want {
				t.Errorf("%s mode %v, want %v", name, st.Mode().Perm(), want)
			}
		}
	})

	t.Run("wss with the pinned CA issues a ticket", func(t *testing.T) {
		c, st, _ := firstStatus(t, hallclient.Config{URL: "wss://" + s.Addr + "/ws", CAPEM: caPEM,
			Device: "kiosk-1", Token: "demo-kiosk-1-token-0001"})
		if !st.Connected {
			t.Fatalf("wss client: %+v, want connected", st)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		raw, err := c.Send(ctx, "issue_ticket", map[string]any{"service": "A"})
		if err != nil || !strings.Contains(string(raw), `"number":"A001"`) {
			t.Fatalf("issue_ticket over wss: %s, %v", raw, err)
		}
	})

	t.Run("a client pinned to another CA is refused", func(t *testing.T) {
		other, err := certs.Ensure(t.TempDir(), certs.Names{DNS: []string{"localhost"}}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		_, st, _ := firstStatus(t, hallclient.Config{URL: "wss://" + s.Addr + "/ws", CAPEM: other.CAPEM,
			Device: "kiosk-1", Token: "demo-kiosk-1-token-0001"})
		var unknown x509.UnknownAuthorityError
		if st.Connected || !errors.As(st.Err, &unknown) {
			t.Fatalf("client pinned to another CA: %+v, want an unknown-authority error", st)
		}
	})

	t.Run("plain http to the TLS port fails", func(t *testing.T) {
		resp, err := http.Get("http://" + s.Addr + "/healthz")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest || strings.Contains(string(body), `"status":"ok"`) {
				t.Fatalf("plain GET on the TLS port: %d %q, want 400", resp.StatusCode, body)
			}
		}
		_, st, _ := firstStatus(t, hallclient.Config{URL: "ws://" + s.Addr + "/ws", Device: "kiosk-1", Token: "demo-kiosk-1-token-0001"})
		if st.Connected {
			t.Fatal("ws:// (no TLS) connected to the TLS port")
		}
	})

	t.Run("signed-in page: Secure cookies and HSTS", func(t *testing.T) {
		c := httpsClient(t, caPEM)
		base := "https://" + s.Addr
		resp, err := c.PostForm(base+"/login", url.Values{"csrf": {csrfOf(t, c, base+"/login")},
			"username": {"giamsat"}, "password": {"giamsat2026"}, "next": {"/"}})
		if err != nil || resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in over https: %v %v", resp, err)
		}
		resp.Body.Close()
		cookies := resp.Cookies()
		if len(cookies) == 0 {
			t.Fatal("no cookies set on sign-in")
		}
		for _, ck := range cookies {
			if !ck.Secure {
				t.Errorf("cookie %s without Secure", ck.Name)
			}
		}
		resp, err = c.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Sảnh chờ") {
			t.Fatalf("GET / signed in: %d", resp.StatusCode)
		}
		if h := resp.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(h, "max-age=") {
			t.Errorf("Strict-Transport-Security = %q", h)
		}
		resp, err = c.Get(base + "/admin/tls")
		if err != nil {
			t.Fatal(err)
		}
		page, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), fp[:47]) {
			t.Errorf("/admin/tls: %d, fingerprint shown: %v", resp.StatusCode, strings.Contains(string(page), fp[:47]))
		}
	})

	// Restart: the same authority and server certificate.
	serverPEM, _ := os.ReadFile(filepath.Join(dir, "tls", "server.pem"))
	s.Close()
	s2 := startTLS(t, dir)
	again, _ := os.ReadFile(filepath.Join(dir, "tls", "server.pem"))
	if s2.CAFingerprint != fp || !bytes.Equal(again, serverPEM) {
		t.Errorf("restart made new certificates (CA %s, was %s)", s2.CAFingerprint, fp)
	}
	if _, st, _ := firstStatus(t, hallclient.Config{URL: "wss://" + s2.Addr + "/ws", CAPEM: caPEM,
		Device: "display-1", Token: "demo-display-1-token-01"}); !st.Connected {
		t.Errorf("wss after restart: %+v", st)
	}
}

// TestTLSOwnCertificate: -tls-cert and -tls-key serve the hall's own
// certificate, whose chain's top is the fingerprint; hall.toml's [tls]
// names them as well.
func TestTLSOwnCertificate(t *testing.T) {
	ownDir := t.TempDir()
	own, err := certs.Ensure(ownDir, certs.LocalNames(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := os.ReadFile(filepath.Join(ownDir, certs.ServerFile))
	chain := filepath.Join(ownDir, "chain.pem")
	if err := os.WriteFile(chain, append(leaf, own.CAPEM...), 0o644); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(ownDir, certs.ServerKeyFile)
	healthz := func(s *Server) error {
		resp, err := httpsClient(t, own.CAPEM).Get("https://" + s.Addr + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	for _, tc := range []struct {
		name  string
		opts  Options
		table string
	}{
		{"flags", Options{TLSCert: chain, TLSKey: key}, ""},
		{"hall.toml", Options{}, "\n[tls]\nenabled = true\ncert = \"" + chain + "\"\nkey = \"" + key + "\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTestConfig(t, dir)
			if tc.table != "" {
				f, _ := os.OpenFile(filepath.Join(dir, "hall.toml"), os.O_APPEND|os.O_WRONLY, 0)
				f.WriteString(tc.table)
				f.Close()
			}
			o := tc.opts
			o.Addr, o.Data, o.Logger = "127.0.0.1:0", dir, slog.New(slog.NewTextHandler(testWriter{t}, nil))
			s, err := Start(o)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if s.CAFingerprint != own.Fingerprint {
				t.Errorf("fingerprint %s, want the chain's top %s", s.CAFingerprint, own.Fingerprint)
			}
			if err := healthz(s); err != nil {
				t.Errorf("https with the own certificate: %v", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "tls")); err == nil {
				t.Errorf("an own certificate still made DATA/tls")
			}
		})
	}
	dir := t.TempDir()
	writeTestConfig(t, dir)
	if _, err := Start(Options{Addr: "127.0.0.1:0", Data: dir, TLSCert: chain}); err == nil || !strings.Contains(err.Error(), "-tls-key") {
		t.Errorf("-tls-cert without -tls-key: err %v", err)
	}
}

// TestPlainWarning: without TLS, a server on every address warns; one on
// loopback does not.
func TestPlainWarning(t *testing.T) {
	for _, tc := range []struct {
		addr string
		warn bool
	}{{"127.0.0.1:0", false}, {":0", true}} {
		dir := t.TempDir()
		writeTestConfig(t, dir)
		var out bytes.Buffer
		s, err := Start(Options{Addr: tc.addr, Data: dir, Stdout: &out, Logger: slog.New(slog.NewTextHandler(&out, nil)),
			Now: xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict)).Now})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if got := strings.Contains(out.String(), "CẢNH BÁO: máy chủ chạy không mã hóa"); got != tc.warn {
			t.Errorf("%s: warning %v, want %v:\n%s", tc.addr, got, tc.warn, out.String())
		}
		if !strings.Contains(out.String(), "http://") {
			t.Errorf("%s: start message without http://", tc.addr)
		}
	}
}
