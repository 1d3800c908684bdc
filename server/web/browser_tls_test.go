package web_test

import (
	"crypto/x509"
	"encoding/pem"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/server/certs"
	"hallq/shared/hallclient"

	"github.com/chromedp/chromedp"
	"github.com/gorilla/websocket"
)

// TestBrowserTLS signs in over HTTPS and follows the live hall over wss://,
// in Chromium, with the server started with -tls on a fresh data folder.
//
// Chromium cannot be told to trust a CA file from the command line (it
// reads the system's or the profile's NSS store, which needs certutil), so
// the test trusts the server's key instead:
// --ignore-certificate-errors-spki-list takes the base64 SHA-256 of a
// certificate's SubjectPublicKeyInfo and accepts a chain holding that key
// for this run only. Only a certificate with the hall server's own key
// passes; any other certificate error still fails the page. A person does
// the equivalent by installing ca.pem after comparing its fingerprint.
func TestBrowserTLS(t *testing.T) {
	execPath := needChromium(t)
	clk := apptest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	dir := t.TempDir()
	srv, err := app.Start(app.Options{Addr: "127.0.0.1:0", Data: dir, Demo: true, TLS: true, Now: clk.Now,
		Logger: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	data, err := os.ReadFile(filepath.Join(dir, "tls", certs.ServerFile))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t, execPath, chromedp.Flag("ignore-certificate-errors-spki-list", certs.SPKIHash(leaf)))
	base := "https://" + srv.Addr

	run(t, ctx, "sign in over https",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "giamsat"),
		chromedp.SendKeys(chromedp.ID("password"), "giamsat2026"),
		chromedp.Click(chromedp.ID("signin")),
		chromedp.WaitVisible(chromedp.ID("live")),
	)
	// The page's websocket is wss:// (the page is https:) and goes live.
	waitText(t, ctx, "#conn", "trực tiếp")
	kiosk := dialDeviceTLS(t, srv, "kiosk-1", kioskToken)
	kiosk.mustOK("issue_ticket", map[string]any{"service": "A"}, nil)
	waitText(t, ctx, "#n-waiting", "1")
	waitText(t, ctx, "#waiting tbody", "A001")

	run(t, ctx, "TLS page", chromedp.Navigate(base+"/admin/tls"), chromedp.WaitVisible(chromedp.ID("fingerprint")))
	waitText(t, ctx, "#fingerprint", srv.CAFingerprint[:47])
	screenshot(t, ctx, "web-tls")
}

// dialDeviceTLS connects to a -tls server over wss://, trusting its CA
// only, as a demo device, and says hello.
func dialDeviceTLS(t *testing.T, srv *app.Server, device, token string) *wsClient {
	t.Helper()
	tc, err := hallclient.TLSConfig(srv.CAPEM)
	if err != nil {
		t.Fatal(err)
	}
	d := websocket.Dialer{TLSClientConfig: tc, HandshakeTimeout: 10 * time.Second}
	ws, _, err := d.Dial("wss://"+srv.Addr+"/ws", nil)
	if err != nil {
		t.Fatalf("dial %s over wss: %v", device, err)
	}
	t.Cleanup(func() { ws.Close() })
	c := &wsClient{t: t, ws: ws}
	c.mustOK("hello", map[string]any{"device": device, "token": token, "since": 0}, nil)
	return c
}
