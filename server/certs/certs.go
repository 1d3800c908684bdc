// Package certs gives the hall server its TLS certificate: either the
// hall's own (a certificate and key file) or one issued by a certificate
// authority of the hall's own, made on the first start in DATA/tls/ and
// reused afterwards. The apps and browsers trust that authority (ca.pem),
// which the supervisor compares by its SHA-256 fingerprint.
package certs

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"os"
	"strings"
)

// Files in the data folder's tls/ directory.
const (
	CAFile        = "ca.pem"
	CAKeyFile     = "ca-key.pem"
	ServerFile    = "server.pem"
	ServerKeyFile = "server-key.pem"
)

// Hall is the server's TLS identity.
type Hall struct {
	// Certificate is the server's certificate chain and key.
	Certificate tls.Certificate
	// CAPEM is the certificate clients should trust: the hall's authority,
	// or with an own certificate the last one of its chain file.
	CAPEM []byte
	// Fingerprint is CAPEM's SHA-256 fingerprint, hex pairs with colons.
	Fingerprint string
	// Issued is true when this start made or renewed a certificate.
	Issued bool
}

// Config returns the TLS configuration that serves h: TLS 1.2 and up,
// HTTP/1.1 only (the websocket upgrade needs it).
func (h *Hall) Config() *tls.Config {
	return &tls.Config{
		Certificates: []tls.Certificate{h.Certificate},
		MinVersion:   tls.VersionTLS12,
		NextProtos:   []string{"http/1.1"},
	}
}

// LoadOwn reads the hall's own certificate chain and key (PEM files).
func LoadOwn(certFile, keyFile string) (*Hall, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("certs: không đọc được chứng chỉ %s và khóa %s (cannot load certificate and key): %w", certFile, keyFile, err)
	}
	top := cert.Certificate[len(cert.Certificate)-1]
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: top})
	return &Hall{Certificate: cert, CAPEM: caPEM, Fingerprint: FingerprintDER(top)}, nil
}

// FingerprintDER returns the SHA-256 fingerprint of a DER certificate as
// upper-case hex pairs joined by colons, as browsers show it.
func FingerprintDER(der []byte) string {
	sum := sha256.Sum256(der)
	var b strings.Builder
	for i, c := range sum {
		if i > 0 {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%02X", c)
	}
	return b.String()
}

// SPKIHash returns the base64 SHA-256 of cert's public key
// (SubjectPublicKeyInfo), the pin Chromium's
// --ignore-certificate-errors-spki-list takes.
func SPKIHash(cert *x509.Certificate) string {
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// readCert reads the first certificate of a PEM file.
func readCert(path string) (*x509.Certificate, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, nil, fmt.Errorf("certs: %s: no PEM certificate", path)
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("certs: %s: %w", path, err)
	}
	return c, data, nil
}
