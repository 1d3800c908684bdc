package hallclient

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
)

// TLSConfig returns the TLS settings of a client that trusts only the
// certificate authorities in caPEM (the hall's ca.pem), not the system's.
// With no caPEM it returns nil: the system's authorities are trusted. It
// fails when caPEM holds no certificate.
func TLSConfig(caPEM []byte) (*tls.Config, error) {
	if len(caPEM) == 0 {
		return nil, nil
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, errors.New("tệp CA không chứa chứng chỉ PEM nào (the CA file holds no PEM certificate)")
	}
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, nil
}

// Fingerprint returns the SHA-256 fingerprint of the first certificate in
// caPEM, as upper-case hex pairs joined by colons (as the server prints it
// and browsers show it), so that a person can compare the two.
func Fingerprint(caPEM []byte) (string, error) {
	for rest := caPEM; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return "", errors.New("tệp CA không chứa chứng chỉ PEM nào (the CA file holds no PEM certificate)")
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		if _, err := x509.ParseCertificate(block.Bytes); err != nil {
			return "", fmt.Errorf("chứng chỉ trong tệp CA bị hỏng (bad certificate in the CA file): %w", err)
		}
		sum := sha256.Sum256(block.Bytes)
		hex := make([]string, len(sum))
		for i, b := range sum {
			hex[i] = fmt.Sprintf("%02X", b)
		}
		return strings.Join(hex, ":"), nil
	}
}

// CAFlag is the apps' -ca flag (flag.Value): a PEM file of the authority
// to trust for wss://. Set reads and checks the file, so that a bad one is
// a flag error. It is comparable (PEM is a string), so the apps' option
// structs that hold one stay comparable.
type CAFlag struct {
	Path string
	PEM  string
}

// String returns the file's path.
func (f *CAFlag) String() string {
	if f == nil {
		return ""
	}
	return f.Path
}

// Set reads the CA file at path; an empty path clears the flag.
func (f *CAFlag) Set(path string) error {
	if path == "" {
		*f = CAFlag{}
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("không đọc được tệp CA %s (cannot read the CA file): %w", path, err)
	}
	if _, err := Fingerprint(data); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	*f = CAFlag{Path: path, PEM: string(data)}
	return nil
}

// HTTPClient returns an HTTP client that trusts only the flag's CA, for the
// apps' plain requests to the hall server (pairing), with timeout; nil
// without a CA, so that the caller's default client is used.
func (f CAFlag) HTTPClient(timeout time.Duration) *http.Client {
	tc, err := TLSConfig([]byte(f.PEM))
	if err != nil || tc == nil {
		return nil
	}
	return &http.Client{Timeout: timeout, Transport: &http.Transport{TLSClientConfig: tc, Proxy: http.ProxyFromEnvironment}}
}
