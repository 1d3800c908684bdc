package hallclient

import (
	"crypto/sha256"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// certPEM returns the PEM of a test TLS server's certificate (httptest's
// certificate is its own authority).
func certPEM(s *httptest.Server) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw})
}

func TestTLSConfigTrustsOnlyTheCA(t *testing.T) {
	ok := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer ok.Close()
	tc, err := TLSConfig(certPEM(ok))
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: tc}}
	resp, err := client.Get(ok.URL)
	if err != nil {
		t.Fatalf("GET with the pinned CA: %v", err)
	}
	resp.Body.Close()

	// Only the pool: the system's authorities are not consulted. (A
	// client pinned to another authority is refused: server/app's TLS test.)
	if tc.RootCAs == nil || tc.InsecureSkipVerify {
		t.Errorf("TLSConfig: RootCAs %v, InsecureSkipVerify %v", tc.RootCAs, tc.InsecureSkipVerify)
	}

	if tc, err := TLSConfig(nil); tc != nil || err != nil {
		t.Errorf("TLSConfig(nil) = %v, %v; want nil, nil (system roots)", tc, err)
	}
	if _, err := TLSConfig([]byte("not a pem")); err == nil || !strings.Contains(err.Error(), "không chứa chứng chỉ") {
		t.Errorf("TLSConfig(garbage): err %v", err)
	}
}

func TestFingerprint(t *testing.T) {
	s := httptest.NewTLSServer(http.NotFoundHandler())
	defer s.Close()
	sum := sha256.Sum256(s.Certificate().Raw)
	want := strings.ToUpper(strings.ReplaceAll(fmt.Sprintf("% x", sum[:]), " ", ":"))
	// A key block before the certificate is skipped.
	got, err := Fingerprint(append([]byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), certPEM(s)...))
	if err != nil || got != want {
		t.Errorf("Fingerprint = %q, %v; want %q", got, err, want)
	}
}

func TestCAFlag(t *testing.T) {
	s := httptest.NewTLSServer(http.NotFoundHandler())
	defer s.Close()
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "bad.pem")
	os.WriteFile(good, certPEM(s), 0o644)
	os.WriteFile(bad, []byte("hello"), 0o644)
	tests := []struct {
		name, path, wantErr string
	}{
		{"good", good, ""},
		{"missing", filepath.Join(dir, "none.pem"), "không đọc được tệp CA"},
		{"not a certificate", bad, "không chứa chứng chỉ PEM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ca CAFlag
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			fs.Var(&ca, "ca", "")
			err := fs.Parse([]string{"-ca", tt.path})
			if tt.wantErr == "" {
				if err != nil || ca.PEM != string(certPEM(s)) || ca.String() != good {
					t.Errorf("-ca %s: err %v, PEM %d bytes", tt.path, err, len(ca.PEM))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("-ca %s: err %v, want %q", tt.path, err, tt.wantErr)
			}
		})
	}
}

func TestCAFlagHTTPClient(t *testing.T) {
	s := httptest.NewTLSServer(http.NotFoundHandler())
	defer s.Close()
	if c := (CAFlag{}).HTTPClient(time.Second); c != nil {
		t.Errorf("HTTPClient without a CA = %v, want nil (the caller's default)", c)
	}
	c := CAFlag{PEM: string(certPEM(s))}.HTTPClient(5 * time.Second)
	resp, err := c.Get(s.URL)
	if err != nil {
		t.Fatalf("GET with the flag's CA: %v", err)
	}
	resp.Body.Close()
	if c.Timeout != 5*time.Second {
		t.Errorf("timeout %v, want 5s", c.Timeout)
	}
}
