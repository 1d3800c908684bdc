package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestFooterVersion: every signed-in page, from the shared layout, shows
// the server's version in its footer; the sign-in and public pages, open
// to anyone, do not.
func TestFooterVersion(t *testing.T) {
	f := newFixture(t)
	signedIn, anonymous := f.signedIn(), f.client()
	want := "Phiên bản " + testVersion + " · hallq"
	tests := []struct {
		name   string
		client *http.Client
		path   string
		status int
		shown  bool
	}{
		{"live hall", signedIn, "/", http.StatusOK, true},
		{"day report", signedIn, "/reports", http.StatusOK, true},
		{"feedback", signedIn, "/feedback", http.StatusOK, true},
		{"admin", signedIn, "/admin/hall", http.StatusOK, true},
		{"error page", signedIn, "/admin/clerks/khong-co-ai", http.StatusNotFound, true},
		{"sign-in", anonymous, "/login", http.StatusOK, false},
		{"public page", anonymous, "/cong-khai", http.StatusOK, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, page := f.get(tt.client, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s: got %d, want %d", tt.path, resp.StatusCode, tt.status)
			}
			if !tt.shown {
				if strings.Contains(page, "Phiên bản") {
					t.Errorf("GET %s: the page shows a version, want none", tt.path)
				}
				return
			}
			i := strings.Index(page, `<footer class="foot">`)
			if i < 0 {
				t.Fatalf("GET %s: no footer", tt.path)
			}
			foot := page[i:]
			if got := byID(t, foot, "version"); got != want {
				t.Errorf("GET %s: footer version got %q, want %q", tt.path, got, want)
			}
		})
	}
}
