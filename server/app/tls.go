package app

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"time"

	"hallq/server/certs"
	"hallq/server/config"
)

// serverTLS returns the server's TLS identity, or nil when TLS is off. TLS
// is on with -tls, with -tls-cert, or with enabled = true in hall.toml's
// [tls]; the flags' certificate wins over the file's; with neither, the
// hall's own authority in DATA/tls issues one.
func serverTLS(o Options, cfg *config.Config) (*certs.Hall, error) {
	certFile, keyFile := o.TLSCert, o.TLSKey
	if certFile == "" && keyFile == "" {
		certFile, keyFile = cfg.TLSFiles()
	}
	if !o.TLS && !cfg.TLS.Enabled && o.TLSCert == "" && o.TLSKey == "" {
		return nil, nil
	}
	switch {
	case (certFile == "") != (keyFile == ""):
		return nil, errors.New("-tls-cert và -tls-key phải được cho cùng nhau (-tls-cert and -tls-key go together)")
	case certFile != "":
		return certs.LoadOwn(certFile, keyFile)
	}
	// The real clock, not o.Now: browsers check certificates against it.
	return certs.Ensure(filepath.Join(o.Data, "tls"), certs.LocalNames(), time.Now())
}

// announceTLS prints where the authority is and its fingerprint, which a
// person compares with what a device or browser shows.
func announceTLS(o Options, id *certs.Hall) {
	where := "chứng chỉ riêng của sảnh (the hall's own certificate)"
	if o.TLSCert == "" {
		where = filepath.Join(o.Data, "tls", certs.CAFile)
	}
	if id.Issued {
		o.Logger.Info("issued a TLS server certificate", "dir", filepath.Join(o.Data, "tls"))
	}
	o.Logger.Info("TLS on", "ca_fingerprint", id.Fingerprint)
	fmt.Fprintf(o.Stdout, "TLS: chứng chỉ gốc (CA) %s\n", where)
	fmt.Fprintf(o.Stdout, "Dấu vân tay SHA-256 của CA (CA fingerprint): %s\n", id.Fingerprint)
}

// warnPlain warns, when the server runs without TLS on an address other
// hosts can reach, that passwords and tokens cross the network in clear.
func warnPlain(o Options, addr *net.TCPAddr) {
	if addr.IP.IsLoopback() {
		return
	}
	o.Logger.Warn("serving plain HTTP on a network address: passwords and device tokens cross the network unencrypted; start with -tls", "addr", addr.String())
	fmt.Fprintf(o.Stdout, "CẢNH BÁO: máy chủ chạy không mã hóa (HTTP) trên %s: mật khẩu và mã thiết bị đi qua mạng ở dạng rõ. "+
		"Hãy chạy với -tls. / WARNING: plain HTTP on a network address; use -tls.\n", addr.String())
}
