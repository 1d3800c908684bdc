package config

import (
	"path/filepath"
	"strings"
)

// TLS is the [tls] table: whether the server serves HTTPS and wss://, and
// the hall's own certificate if it has one. Without Cert and Key the server
// makes its own certificate authority in the data folder.
type TLS struct {
	Enabled bool   `toml:"enabled"`
	Cert    string `toml:"cert,omitempty"` // PEM certificate chain, relative to hall.toml
	Key     string `toml:"key,omitempty"`  // PEM private key, relative to hall.toml
}

// TLSFiles returns the certificate and key paths, relative ones taken from the
// folder of hall.toml (c.Path).
func (c *Config) TLSFiles() (cert, key string) {
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) || c.Path == "" {
			return p
		}
		return filepath.Join(filepath.Dir(c.Path), p)
	}
	return abs(c.TLS.Cert), abs(c.TLS.Key)
}

// tls checks that cert and key come together.
func (v *validator) tls() {
	t := v.c.TLS
	hasCert, hasKey := strings.TrimSpace(t.Cert) != "", strings.TrimSpace(t.Key) != ""
	switch {
	case hasCert && !hasKey:
		v.p.addAt(v.at("tls", 0, "key"), "[tls]: có cert thì phải có key, tệp khóa riêng của chứng chỉ (key is required with cert)")
	case hasKey && !hasCert:
		v.p.addAt(v.at("tls", 0, "cert"), "[tls]: có key thì phải có cert, tệp chứng chỉ (cert is required with key)")
	}
}
