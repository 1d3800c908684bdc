package app

import (
	"net"
	"strings"
	"testing"
)

func TestPageURLs(t *testing.T) {
	ips := []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("192.168.1.20"), net.ParseIP("fe80::1"), net.ParseIP("2001:db8::5")}
	tests := []struct {
		name   string
		scheme string
		addr   *net.TCPAddr
		want   []string
	}{
		{"one address", "http", &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 41234}, []string{"http://127.0.0.1:41234/"}},
		{"every address", "http", &net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}, []string{"http://localhost:8080/", "http://192.168.1.20:8080/"}},
		{"under TLS", "https", &net.TCPAddr{IP: net.IPv6unspecified, Port: 8443}, []string{"https://localhost:8443/", "https://192.168.1.20:8443/"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := pageURLs(tc.scheme, tc.addr, ips); strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
