package web

import (
	"net/http/httptest"
	"testing"
)

// TestHenURL: the booking's QR holds its page under the hall's public_url
// when there is one (what phones on the guest Wi-Fi reach), else under
// the address the request came to.
func TestHenURL(t *testing.T) {
	r := httptest.NewRequest("GET", "http://127.0.0.1:8080/hen", nil)
	for _, tc := range []struct{ public, want string }{
		{"", "http://127.0.0.1:8080/hen?ma=ABC234"},
		{"http://192.168.10.2:8080", "http://192.168.10.2:8080/hen?ma=ABC234"},
		{"https://motcua.example.vn/", "https://motcua.example.vn/hen?ma=ABC234"},
	} {
		if got := henURL(tc.public, r, "ABC234"); got != tc.want {
			t.Errorf("public_url %q: got %q, want %q", tc.public, got, tc.want)
		}
	}
}
