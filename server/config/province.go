package config

import (
	"crypto/x509"
	"encoding/pem"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// MinProvinceKey is the shortest shared secret a hall may have with the
// province service.
const MinProvinceKey = 16

// Province is the optional [province] table: the province service this
// hall reports into (the province link, README). Absent, or with every key
// empty, the link is off and the hall works alone. Like [tls] it is read
// from hall.toml at every start and is not part of the stored
// configuration.
type Province struct {
	// URL is the province service's base address (https://…; http:// only
	// to a loopback address, for tests and a service on the same machine).
	URL string `toml:"url"`
	// HallID is this hall's id at the province.
	HallID string `toml:"hall_id"`
	// Key is the secret shared with the province that signs each batch.
	Key string `toml:"key"`
	// CA is an optional PEM file of the certificate authority that signed
	// the province's certificate, relative to hall.toml; without it the
	// system's roots are used.
	CA string `toml:"ca,omitempty"`
}

// ProvinceOn reports whether the hall reports into a province service.
func (c *Config) ProvinceOn() bool { return c.Province != (Province{}) }

// ProvinceCA returns the path of [province] ca, a relative one taken from
// the folder of hall.toml ("" for none).
func (c *Config) ProvinceCA() string {
	p := c.Province.CA
	if p == "" || filepath.IsAbs(p) || c.Path == "" {
		return p
	}
	return filepath.Join(filepath.Dir(c.Path), p)
}

// province checks the [province] table when it is set.
func (v *validator) province() {
	p := v.c.Province
	if !v.c.ProvinceOn() {
		return
	}
	at := func(key string) where { return v.at("province", 0, key) }
	if msg := provinceURLProblem(p.URL); msg != "" {
		v.p.addAt(at("url"), "[province]: url %s", msg)
	}
	if id := p.HallID; id == "" || len(id) > 64 || strings.IndexFunc(id, func(r rune) bool { return !idRune(r) }) >= 0 {
		v.p.addAt(at("hall_id"), "[province]: hall_id %q phải có 1 đến 64 ký tự chữ cái không dấu, chữ số, '.', '-' hoặc '_' (hall_id must be 1 to 64 letters, digits, '.', '-' or '_')", id)
	}
	if len(p.Key) < MinProvinceKey {
		v.p.addAt(at("key"), "[province]: key phải có ít nhất %d ký tự (key must be at least %d characters)", MinProvinceKey, MinProvinceKey)
	}
	if p.CA != "" {
		path := p.CA
		if !filepath.IsAbs(path) && v.p.file != "" {
			path = filepath.Join(filepath.Dir(v.p.file), path) // c.Path is set once valid
		}
		if msg := caProblem(path); msg != "" {
			v.p.addAt(at("ca"), "[province]: ca %q %s", p.CA, msg)
		}
	}
}

// provinceURLProblem says what is wrong with the province's url, "" when
// nothing.
func provinceURLProblem(raw string) string {
	if raw == "" {
		return "bị thiếu: địa chỉ dịch vụ của tỉnh, ví dụ https://motcua.tinh.gov.vn (url is required)"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "phải có dạng https://máy-chủ[:cổng] (url must be https://host[:port])"
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "không được có tên người dùng, ?… hoặc #… (url must have no user, query or fragment)"
	}
	if u.Scheme == "http" && !loopbackHost(u.Hostname()) {
		return "phải dùng https; http chỉ được dùng với máy này, 127.0.0.1 hoặc localhost (url must be https unless it is a loopback address)"
	}
	return ""
}

// loopbackHost reports whether host names this machine.
func loopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// caProblem says what is wrong with a CA file, "" when it holds at least
// one PEM certificate.
func caProblem(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "không đọc được (cannot be read): " + err.Error()
	}
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return "không chứa chứng chỉ PEM nào (holds no PEM certificate)"
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		if _, err := x509.ParseCertificate(b.Bytes); err != nil {
			return "có chứng chỉ hỏng (holds a bad certificate): " + err.Error()
		}
		return ""
	}
}

func idRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_'
}
