package certs

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Lifetimes of the hall's certificates, and how long before its end the
// server certificate is renewed at start.
const (
	CALifetime     = 10 * 365 * 24 * time.Hour
	ServerLifetime = 2 * 365 * 24 * time.Hour
	RenewBefore    = 30 * 24 * time.Hour
	// backdate covers clients whose clock is a little behind.
	backdate = time.Hour
)

// Names are the host names and addresses a server certificate is for.
type Names struct {
	DNS []string
	IPs []net.IP
}

// LocalNames returns the machine's host name, "localhost", 127.0.0.1, ::1
// and every non-loopback interface address.
func LocalNames() Names {
	n := Names{DNS: []string{"localhost"}, IPs: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}}
	if h, err := os.Hostname(); err == nil && h != "" && h != "localhost" {
		n.DNS = append(n.DNS, h)
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() {
			n.IPs = append(n.IPs, ipn.IP)
		}
	}
	return n
}

// covers reports whether c names every one of n.
func (n Names) covers(c *x509.Certificate) bool {
	for _, d := range n.DNS {
		if !slices.ContainsFunc(c.DNSNames, func(x string) bool { return strings.EqualFold(x, d) }) {
			return false
		}
	}
	for _, ip := range n.IPs {
		if !slices.ContainsFunc(c.IPAddresses, ip.Equal) {
			return false
		}
	}
	return true
}

// Ensure returns the identity kept in dir (DATA/tls): it makes the folder
// (mode 0700), the authority on the first start and the server certificate
// for names, and reuses them afterwards. The server certificate is issued
// again when it does not name all of names (an address was added), ends
// within RenewBefore, or was not signed by the authority. Private keys are
// written with mode 0600. An authority with a file missing or unreadable is
// an error, never replaced: every app trusts it.
func Ensure(dir string, names Names, now time.Time) (*Hall, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("certs: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("certs: %w", err)
	}
	ca, caKey, caPEM, made, err := loadOrMakeCA(dir, now)
	if err != nil {
		return nil, err
	}
	h := &Hall{CAPEM: caPEM, Fingerprint: FingerprintDER(ca.Raw), Issued: made}
	cert, err := tls.LoadX509KeyPair(filepath.Join(dir, ServerFile), filepath.Join(dir, ServerKeyFile))
	if err == nil && !made && stillGood(cert.Leaf, ca, names, now) {
		h.Certificate = withCA(cert, ca)
		return h, nil
	}
	cert, err = issueServer(dir, ca, caKey, names, now)
	if err != nil {
		return nil, err
	}
	h.Certificate, h.Issued = withCA(cert, ca), true
	return h, nil
}

// withCA sends the hall's authority after the server's certificate, so
// that an app pairing without -ca can trust it on first use once the admin
// has compared its fingerprint (shared/pairing).
func withCA(cert tls.Certificate, ca *x509.Certificate) tls.Certificate {
	cert.Certificate = append(cert.Certificate[:1:1], ca.Raw)
	return cert
}

// stillGood reports whether the server certificate leaf can be kept.
func stillGood(leaf, ca *x509.Certificate, names Names, now time.Time) bool {
	if leaf == nil || now.Add(RenewBefore).After(leaf.NotAfter) || !names.covers(leaf) {
		return false
	}
	return leaf.CheckSignatureFrom(ca) == nil
}

// loadOrMakeCA reads the authority from dir, or makes it when neither of
// its files exists.
func loadOrMakeCA(dir string, now time.Time) (*x509.Certificate, *ecdsa.PrivateKey, []byte, bool, error) {
	certPath, keyPath := filepath.Join(dir, CAFile), filepath.Join(dir, CAKeyFile)
	_, certErr := os.Stat(certPath)
	_, keyErr := os.Stat(keyPath)
	if errors.Is(certErr, fs.ErrNotExist) && errors.Is(keyErr, fs.ErrNotExist) {
		ca, key, caPEM, err := makeCA(dir, now)
		return ca, key, caPEM, true, err
	}
	ca, caPEM, err := readCert(certPath)
	if err != nil {
		return nil, nil, nil, false, caProblem(dir, err)
	}
	pair, err := tls.LoadX509KeyPair(certPath, keyPath)
	if err != nil {
		return nil, nil, nil, false, caProblem(dir, err)
	}
	key, ok := pair.PrivateKey.(*ecdsa.PrivateKey)
	if !ok {
		return nil, nil, nil, false, caProblem(dir, errors.New("the CA key is not ECDSA"))
	}
	if now.After(ca.NotAfter) {
		return nil, nil, nil, false, caProblem(dir, fmt.Errorf("the CA expired on %s", ca.NotAfter.Format(time.DateOnly)))
	}
	return ca, key, caPEM, false, nil
}

// caProblem explains that the authority in dir cannot be used.
func caProblem(dir string, err error) error {
	return fmt.Errorf("certs: không dùng được chứng chỉ gốc của sảnh trong %s; nếu muốn tạo mới, hãy chuyển thư mục này đi "+
		"và cấp lại chứng chỉ gốc cho mọi máy (cannot use the hall CA; move the folder away to make a new one): %w", dir, err)
}

// makeCA makes and writes the authority: ECDSA P-256, CALifetime.
func makeCA(dir string, now time.Time) (*x509.Certificate, *ecdsa.PrivateKey, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("certs: CA key: %w", err)
	}
	host, _ := os.Hostname()
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject: pkix.Name{CommonName: strings.TrimSpace("Hall CA " + host),
			Organization: []string{"Bộ phận Một cửa (hallq)"}},
		NotBefore:             now.Add(-backdate),
		NotAfter:              now.Add(CALifetime),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("certs: CA: %w", err)
	}
	ca, _ := x509.ParseCertificate(der)
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := writeKey(filepath.Join(dir, CAKeyFile), key); err != nil {
		return nil, nil, nil, err
	}
	if err := writeFile(filepath.Join(dir, CAFile), caPEM, 0o644); err != nil {
		return nil, nil, nil, err
	}
	return ca, key, caPEM, nil
}

// issueServer makes, signs and writes a server certificate for names.
func issueServer(dir string, ca *x509.Certificate, caKey *ecdsa.PrivateKey, names Names, now time.Time) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("certs: server key: %w", err)
	}
	cn := "localhost"
	if len(names.DNS) > 0 {
		cn = names.DNS[len(names.DNS)-1]
	}
	notAfter := now.Add(ServerLifetime)
	if notAfter.After(ca.NotAfter) {
		notAfter = ca.NotAfter
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Bộ phận Một cửa (hallq)"}},
		NotBefore:    now.Add(-backdate),
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     names.DNS,
		IPAddresses:  names.IPs,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("certs: server certificate: %w", err)
	}
	if err := writeKey(filepath.Join(dir, ServerKeyFile), key); err != nil {
		return tls.Certificate{}, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := writeFile(filepath.Join(dir, ServerFile), certPEM, 0o644); err != nil {
		return tls.Certificate{}, err
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}

// serial returns a random 128-bit serial number.
func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return n
}

// writeKey writes key as a PKCS #8 PEM file readable by its owner only.
func writeKey(path string, key *ecdsa.PrivateKey) error {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return fmt.Errorf("certs: %w", err)
	}
	return writeFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}

// writeFile replaces path with data and mode at once: a crash leaves the
// old file or the new one, never half of one.
func writeFile(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("certs: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("certs: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("certs: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("certs: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("certs: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("certs: %w", err)
	}
	return nil
}
