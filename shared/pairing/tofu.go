package pairing

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net/http"
	"net/url"
	"sync"

	"hallq/shared/hallclient"
)

// An app started with a wss:// server and no -ca does not know the hall's
// certificate authority yet. It trusts the one the server shows on first
// use: the server sends its CA after its certificate, the app checks that
// the certificate chains to it, pins it for the rest of the pairing, and
// shows its fingerprint on the pairing screen so that the admin can compare
// it with the one on /admin/tls before accepting the code. The CA the
// server then hands over with the token must be that same one.

// ErrCAChanged is a server whose authority is not the one pinned when
// pairing began (or not the one it hands over): someone may be in between.
var ErrCAChanged = errors.New("chứng chỉ của máy chủ đã thay đổi giữa chừng, không ghép thiết bị (the server's certificate authority changed: not pairing)")

// tofu is the authority pinned on first use.
type tofu struct {
	mu sync.Mutex
	ca *x509.Certificate
}

// client returns an HTTP client that pins the first authority it sees.
func (t *tofu) client() *http.Client {
	tc := &tls.Config{
		MinVersion: tls.VersionTLS12,
		// The chain is checked below, against the authority pinned.
		InsecureSkipVerify: true,
		VerifyConnection:   t.verify,
	}
	return &http.Client{Timeout: RequestTimeout, Transport: &http.Transport{TLSClientConfig: tc, Proxy: http.ProxyFromEnvironment}}
}

// verify accepts a connection whose certificate chains to the authority it
// sends last (a self-signed CA), pinning that authority the first time and
// requiring it after.
func (t *tofu) verify(cs tls.ConnectionState) error {
	certs := cs.PeerCertificates
	if len(certs) < 2 {
		return errors.New("máy chủ không gửi chứng chỉ gốc (CA); hãy chạy ứng dụng với -ca ca.pem (the server sends no CA: use -ca)")
	}
	ca := certs[len(certs)-1]
	if !ca.IsCA || ca.CheckSignatureFrom(ca) != nil {
		return errors.New("chứng chỉ cuối của máy chủ không phải chứng chỉ gốc tự ký; hãy dùng -ca (the server's last certificate is not a self-signed CA: use -ca)")
	}
	t.mu.Lock()
	if t.ca == nil {
		t.ca = ca
	}
	pinned := t.ca
	t.mu.Unlock()
	if !bytes.Equal(pinned.Raw, ca.Raw) {
		return ErrCAChanged
	}
	roots := x509.NewCertPool()
	roots.AddCert(pinned)
	inter := x509.NewCertPool()
	for _, c := range certs[1 : len(certs)-1] {
		inter.AddCert(c)
	}
	_, err := certs[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, DNSName: cs.ServerName})
	return err
}

// fingerprint is the pinned authority's SHA-256, "" before the first
// connection.
func (t *tofu) fingerprint() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ca == nil {
		return ""
	}
	fp, _ := hallclient.Fingerprint(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: t.ca.Raw}))
	return fp
}

// check requires the authority handed over with the token to be the one
// pinned.
func (t *tofu) check(caPEM string) error {
	t.mu.Lock()
	pinned := t.ca
	t.mu.Unlock()
	block, _ := pem.Decode([]byte(caPEM))
	if pinned == nil || block == nil || !bytes.Equal(block.Bytes, pinned.Raw) {
		return ErrCAChanged
	}
	return nil
}

// isTLS reports whether the pairing address base is https://.
func isTLS(base string) bool {
	u, err := url.Parse(base)
	return err == nil && u.Scheme == "https"
}
