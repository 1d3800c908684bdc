package web

import (
	"net/http"
	"strings"
)

// tlsView is the data of the TLS page.
type tlsView struct {
	On          bool     // the request came over TLS
	Fingerprint string   // the CA's SHA-256, hex pairs with colons
	Lines       []string // the same in two lines
	HasCA       bool
}

// tlsPage serves GET /admin/tls: the certificate authority's fingerprint,
// to compare with what a device or browser shows, and ca.pem to download.
func (s *Server) tlsPage(w http.ResponseWriter, r *http.Request, user string) {
	v := tlsView{On: r.TLS != nil, Fingerprint: s.caFingerprint, HasCA: len(s.caPEM()) > 0,
		Lines: fingerprintLines(s.caFingerprint)}
	s.render(w, http.StatusOK, "tls", s.view(r, user, "admin", "Quản trị: chứng chỉ TLS", v))
}

// caDownload serves GET /admin/tls/ca.pem, the certificate devices and
// browsers are told to trust.
func (s *Server) caDownload(w http.ResponseWriter, r *http.Request, user string) {
	pem := s.caPEM()
	if len(pem) == 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Máy chủ không chạy TLS nên không có chứng chỉ gốc (no CA: the server runs without TLS).")
		return
	}
	w.Header().Set("Content-Type", "application/x-pem-file")
	w.Header().Set("Content-Disposition", `attachment; filename="ca.pem"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(pem)
}

// hsts asks browsers to come back over HTTPS only, for half a year, once
// they reached the server over TLS. Not for subdomains: the hall's server
// is one machine.
func hsts(w http.ResponseWriter, r *http.Request) {
	if r.TLS != nil {
		w.Header().Set("Strict-Transport-Security", "max-age=15552000")
	}
}

// fingerprintLines splits a fingerprint in two lines of 16 pairs, easier
// to compare by eye.
func fingerprintLines(fp string) []string {
	pairs := strings.Split(fp, ":")
	if len(pairs) <= 16 {
		return []string{fp}
	}
	return []string{strings.Join(pairs[:16], ":"), strings.Join(pairs[16:], ":")}
}
