package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"hallq/server/config"
	"hallq/server/web"
)

const testFingerprint = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"

// withCA serves f's hall again with a CA, over TLS when tls is set.
func withCA(f *fixture, tls bool) {
	handler := web.New(web.Options{Hall: f.hall, Sessions: web.NewSessions(f.clk.Now),
		WS: http.NotFoundHandler(), Metrics: http.NotFoundHandler(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		CAFingerprint: testFingerprint, CAPEM: func() []byte { return []byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n") }})
	f.srv.Close()
	if tls {
		f.srv = httptest.NewTLSServer(handler)
	} else {
		f.srv = httptest.NewServer(handler)
	}
	f.t.Cleanup(f.srv.Close)
}

func TestTLSPageAdminOnly(t *testing.T) {
	f := newFixture(t)
	withCA(f, false)
	hash, err := config.Hash("xem-bao-cao")
	if err != nil {
		t.Fatal(err)
	}
	err = f.hall.UpdateConfig("giamsat", "supervisor.add", "supervisor xem", func(c *config.Config) error {
		c.Supervisors = append(c.Supervisors, config.Supervisor{Username: "xem", Name: "Người xem", PasswordHash: hash, Role: config.RoleSupervisor})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	admin := f.signedIn()
	resp, page := f.get(admin, "/admin/tls")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Chứng chỉ TLS") ||
		!strings.Contains(page, testFingerprint[:47]) || !strings.Contains(page, `href="/admin/tls/ca.pem"`) {
		t.Errorf("admin GET /admin/tls: %d\n%s", resp.StatusCode, byID(t, page, "tls"))
	}
	resp, body := f.get(admin, "/admin/tls/ca.pem")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "-----BEGIN CERTIFICATE-----") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "ca.pem") {
		t.Errorf("GET ca.pem: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Disposition"), body)
	}
	if got := resp.Header.Get("Strict-Transport-Security"); got != "" {
		t.Errorf("HSTS over plain HTTP: %q, want none", got)
	}

	viewer := f.client()
	if resp, _ := f.signIn(viewer, "xem", "xem-bao-cao"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("viewer sign-in: %d", resp.StatusCode)
	}
	for _, p := range []string{"/admin/tls", "/admin/tls/ca.pem"} {
		if resp, body := f.get(viewer, p); resp.StatusCode != http.StatusForbidden || strings.Contains(body, "BEGIN CERTIFICATE") {
			t.Errorf("supervisor GET %s: %d, want 403", p, resp.StatusCode)
		}
		if resp, _ := f.get(f.client(), p); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("anonymous GET %s: %d, want a redirect to sign in", p, resp.StatusCode)
		}
	}
}

func TestTLSPageWithoutTLS(t *testing.T) {
	f := newFixture(t) // no CA: the server runs plain HTTP
	c := f.signedIn()
	resp, page := f.get(c, "/admin/tls")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "không mã hóa") || strings.Contains(page, "ca-download") {
		t.Errorf("GET /admin/tls without TLS: %d\n%s", resp.StatusCode, byID(t, page, "tls"))
	}
	if resp, _ := f.get(c, "/admin/tls/ca.pem"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET ca.pem without TLS: %d, want 404", resp.StatusCode)
	}
}

func TestHSTSOverTLS(t *testing.T) {
	f := newFixture(t)
	withCA(f, true)
	resp, err := f.srv.Client().Get(f.srv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
		t.Errorf("HSTS = %q, want max-age=…", got)
	}
	for _, c := range resp.Cookies() {
		if !c.Secure {
			t.Errorf("cookie %s not Secure over TLS", c.Name)
		}
	}
}
