package config

import (
	"fmt"
	"net/url"
	"strings"
)

// CheckPublicURL checks [hall] public_url: empty, or an absolute http or
// https address with a host and no query, fragment or user. It returns
// what is wrong, in Vietnamese with the English rule in brackets, or "".
func CheckPublicURL(s string) string {
	if s == "" {
		return ""
	}
	const rule = "public_url %q phải là địa chỉ http:// hoặc https:// mà điện thoại trong Wi-Fi khách truy cập được, ví dụ \"http://192.168.10.2:8080\" (public_url must be an http(s) URL)"
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" ||
		u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(s, " \t\r\n") {
		return fmt.Sprintf(rule, s)
	}
	return ""
}
