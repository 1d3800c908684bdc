package certs

import (
	"bytes"
	"crypto/x509"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

func testNames() Names {
	return Names{DNS: []string{"localhost", "hall-server"}, IPs: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback, net.IPv4(10, 0, 0, 2)}}
}

func serverPEM(t *testing.T, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ServerFile))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEnsureMakesAndReuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tls")
	h, err := Ensure(dir, testNames(), t0)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Issued || !regexp.MustCompile(`^([0-9A-F]{2}:){31}[0-9A-F]{2}$`).MatchString(h.Fingerprint) {
		t.Errorf("first Ensure: Issued %v, fingerprint %q", h.Issued, h.Fingerprint)
	}
	modes := map[string]os.FileMode{"": 0o700, CAKeyFile: 0o600, ServerKeyFile: 0o600, CAFile: 0o644, ServerFile: 0o644}
	for name, want := range modes {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != want {
			t.Errorf("%s/%s mode %v, want %v", filepath.Base(dir), name, got, want)
		}
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(h.CAPEM)
	leaf := h.Certificate.Leaf
	for _, host := range []string{"localhost", "hall-server", "10.0.0.2", "::1"} {
		if _, err := leaf.Verify(x509.VerifyOptions{DNSName: host, Roots: pool, CurrentTime: t0}); err != nil {
			t.Errorf("server certificate for %s: %v", host, err)
		}
	}
	ca, _, _ := readCert(filepath.Join(dir, CAFile))
	if got := ca.NotAfter.Sub(t0); got != CALifetime || !ca.IsCA {
		t.Errorf("CA lasts %v (IsCA %v), want %v", got, ca.IsCA, CALifetime)
	}
	if got := leaf.NotAfter.Sub(t0); got != ServerLifetime {
		t.Errorf("server certificate lasts %v, want %v", got, ServerLifetime)
	}

	first := serverPEM(t, dir)
	again, err := Ensure(dir, testNames(), t0.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if again.Issued || again.Fingerprint != h.Fingerprint || !bytes.Equal(serverPEM(t, dir), first) {
		t.Errorf("second Ensure did not reuse the certificates (Issued %v)", again.Issued)
	}
}

func TestEnsureRenews(t *testing.T) {
	tests := []struct {
		name  string
		names func() Names
		at    time.Time
	}{
		{"address added", func() Names { n := testNames(); n.IPs = append(n.IPs, net.IPv4(192, 168, 1, 5)); return n }, t0},
		{"host name added", func() Names { n := testNames(); n.DNS = append(n.DNS, "quay.local"); return n }, t0},
		{"ends within 30 days", testNames, t0.Add(ServerLifetime - RenewBefore + time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			h, err := Ensure(dir, testNames(), t0)
			if err != nil {
				t.Fatal(err)
			}
			first := serverPEM(t, dir)
			again, err := Ensure(dir, tt.names(), tt.at)
			if err != nil {
				t.Fatal(err)
			}
			if !again.Issued || bytes.Equal(serverPEM(t, dir), first) {
				t.Errorf("server certificate not issued again")
			}
			if again.Fingerprint != h.Fingerprint {
				t.Errorf("the CA changed: %s, want %s", again.Fingerprint, h.Fingerprint)
			}
			if !tt.names().covers(again.Certificate.Leaf) {
				t.Errorf("new certificate does not name %+v", tt.names())
			}
		})
	}
}

func TestEnsureNeverReplacesABrokenCA(t *testing.T) {
	dir := t.TempDir()
	if _, err := Ensure(dir, testNames(), t0); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, CAKeyFile)); err != nil {
		t.Fatal(err)
	}
	_, err := Ensure(dir, testNames(), t0)
	if err == nil || !strings.Contains(err.Error(), "chứng chỉ gốc") {
		t.Fatalf("Ensure without ca-key.pem: err %v, want a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(dir, CAKeyFile)); err == nil {
		t.Errorf("a new CA key was written")
	}
}

func TestLoadOwn(t *testing.T) {
	dir := t.TempDir()
	h, err := Ensure(dir, testNames(), t0)
	if err != nil {
		t.Fatal(err)
	}
	// The hall's own chain: server certificate then its CA.
	chain := append(serverPEM(t, dir), h.CAPEM...)
	chainFile := filepath.Join(dir, "chain.pem")
	if err := os.WriteFile(chainFile, chain, 0o644); err != nil {
		t.Fatal(err)
	}
	own, err := LoadOwn(chainFile, filepath.Join(dir, ServerKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if own.Fingerprint != h.Fingerprint || !bytes.Equal(own.CAPEM, h.CAPEM) {
		t.Errorf("own chain: fingerprint %s, want the chain's top %s", own.Fingerprint, h.Fingerprint)
	}
	if _, err := LoadOwn(filepath.Join(dir, "none.pem"), filepath.Join(dir, ServerKeyFile)); err == nil ||
		!strings.Contains(err.Error(), "không đọc được chứng chỉ") {
		t.Errorf("missing file: err %v", err)
	}
}
