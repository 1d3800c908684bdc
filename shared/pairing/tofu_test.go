package pairing

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"testing"
	"time"
)

// selfSignedCA makes a throwaway CA certificate.
func selfSignedCA(t *testing.T, name string) *x509.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return c
}

// TestTOFUCheck: the authority handed over with the token must be the one
// pinned when pairing began; another (or none) is refused.
func TestTOFUCheck(t *testing.T) {
	a, b := selfSignedCA(t, "hall A"), selfSignedCA(t, "hall B")
	pemOf := func(c *x509.Certificate) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
	}
	var p tofu
	if err := p.check(pemOf(a)); !errors.Is(err, ErrCAChanged) {
		t.Errorf("check before any pin: %v, want ErrCAChanged", err)
	}
	p.ca = a
	if err := p.check(pemOf(a)); err != nil {
		t.Errorf("check of the pinned CA: %v", err)
	}
	for _, bad := range []string{pemOf(b), "", "not pem"} {
		if err := p.check(bad); !errors.Is(err, ErrCAChanged) {
			t.Errorf("check(%.20q): %v, want ErrCAChanged", bad, err)
		}
	}
	if fp := p.fingerprint(); len(fp) != 95 {
		t.Errorf("fingerprint %q, want 32 hex pairs", fp)
	}
}
