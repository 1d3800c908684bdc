package config

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeCA writes a self-signed CA certificate as PEM into dir/name.
func writeCA(t *testing.T, dir, name string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Tỉnh"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestProvinceTable(t *testing.T) {
	const good = "url = \"https://motcua.binhduong.gov.vn\"\nhall_id = \"so-cong-thuong\"\nkey = \"0123456789abcdef\"\n"
	tests := []struct {
		name    string
		table   string
		on      bool
		wantErr string // empty: loads
	}{
		{"absent", "", false, ""},
		{"empty table", "[province]\n", false, ""},
		{"https", "[province]\n" + good, true, ""},
		{"with a path and a port", "[province]\nurl = \"https://tinh.vn:8443/motcua\"\nhall_id = \"h.1_A\"\nkey = \"0123456789abcdef\"\n", true, ""},
		{"http to loopback", "[province]\nurl = \"http://127.0.0.1:8090\"\nhall_id = \"h1\"\nkey = \"0123456789abcdef\"\n", true, ""},
		{"ca file", "[province]\n" + good + "ca = \"tinh.pem\"\n", true, ""},
		{"http elsewhere", "[province]\nurl = \"http://tinh.vn\"\nhall_id = \"h1\"\nkey = \"0123456789abcdef\"\n", false, "url must be https unless it is a loopback"},
		{"no url", "[province]\nhall_id = \"h1\"\nkey = \"0123456789abcdef\"\n", false, "url is required"},
		{"not a url", "[province]\nurl = \"tinh.vn\"\nhall_id = \"h1\"\nkey = \"0123456789abcdef\"\n", false, "url must be https://host"},
		{"query", "[province]\nurl = \"https://tinh.vn/?a=1\"\nhall_id = \"h1\"\nkey = \"0123456789abcdef\"\n", false, "no user, query or fragment"},
		{"short key", "[province]\nurl = \"https://tinh.vn\"\nhall_id = \"h1\"\nkey = \"short\"\n", false, "key must be at least 16"},
		{"no hall id", "[province]\nurl = \"https://tinh.vn\"\nkey = \"0123456789abcdef\"\n", false, "hall_id must be"},
		{"hall id with a space", "[province]\nurl = \"https://tinh.vn\"\nhall_id = \"sở 1\"\nkey = \"0123456789abcdef\"\n", false, "hall_id must be"},
		{"missing ca", "[province]\n" + good + "ca = \"none.pem\"\n", false, "cannot be read"},
		{"ca not PEM", "[province]\n" + good + "ca = \"hall.toml\"\n", false, "holds no PEM certificate"},
		{"unknown key", "[province]\n" + good + "secret = \"x\"\n", false, `unknown key "secret"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, baseConfig(t)+"\n"+tt.table)
			writeCA(t, filepath.Dir(path), "tinh.pem")
			c, err := Load(path)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				if c.ProvinceOn() != tt.on {
					t.Errorf("ProvinceOn: got %v, want %v", c.ProvinceOn(), tt.on)
				}
				if c.Clone().Province != (Province{}) {
					t.Error("[province] is in the stored configuration")
				}
				if c.Province.CA != "" && c.ProvinceCA() != filepath.Join(filepath.Dir(path), "tinh.pem") {
					t.Errorf("ProvinceCA: got %q, want it beside hall.toml", c.ProvinceCA())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Load error = %v, want one containing %q", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), "hall.toml:") || !strings.Contains(err.Error(), "[province]") && !strings.Contains(err.Error(), "unknown key") {
				t.Errorf("error %q names no file, line and table", err)
			}
		})
	}
}
