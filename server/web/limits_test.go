package web_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// zeros is an endless body of 'a' bytes, n long, never held in memory.
type zeros struct{ left int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.left <= 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > z.left {
		n = z.left
	}
	for i := range p[:n] {
		p[i] = 'a'
	}
	z.left -= n
	return int(n), nil
}

func TestFormBodyLimits(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	_, page := f.get(c, "/feedback")
	token := csrf(t, page)
	tests := []struct {
		name, path, ctype string
		body              func() io.Reader
		want              int
	}{
		{"sign-in 1 MB", "/login", "application/x-www-form-urlencoded",
			func() io.Reader { return io.MultiReader(strings.NewReader("username="), &zeros{1 << 20}) }, http.StatusRequestEntityTooLarge},
		{"sign-in 100 MB", "/login", "application/x-www-form-urlencoded",
			func() io.Reader { return io.MultiReader(strings.NewReader("username="), &zeros{100 << 20}) }, http.StatusRequestEntityTooLarge},
		{"sign-in multipart", "/login", "multipart/form-data; boundary=x",
			func() io.Reader { return strings.NewReader("--x\r\n\r\n--x--\r\n") }, http.StatusUnsupportedMediaType},
		{"answer 1 MB", "/feedback/1", "application/x-www-form-urlencoded",
			func() io.Reader {
				return io.MultiReader(strings.NewReader("csrf="+token+"&status=handled&answer="), &zeros{1 << 20})
			}, http.StatusRequestEntityTooLarge},
		{"answer multipart 100 MB", "/feedback/1", "multipart/form-data; boundary=x",
			func() io.Reader { return &zeros{100 << 20} }, http.StatusUnsupportedMediaType},
		{"sign-out 1 MB", "/logout", "application/x-www-form-urlencoded",
			func() io.Reader { return io.MultiReader(strings.NewReader("csrf="+token+"&x="), &zeros{1 << 20}) }, http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, f.srv.URL+tc.path, tc.body())
			req.Header.Set("Content-Type", tc.ctype)
			start := time.Now()
			resp, err := c.Do(req)
			if err != nil {
				t.Fatalf("POST: %v (want an answer, not a dropped connection)", err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.want {
				t.Fatalf("got %d %s, want %d", resp.StatusCode, b, tc.want)
			}
			if bytes.Contains(b, []byte("CSRF")) {
				t.Errorf("an oversize body is answered as a CSRF error: %s", b)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v: the body was read whole", d)
			}
		})
	}
	// The session still works afterwards.
	if r, _ := f.get(c, "/"); r.StatusCode != http.StatusOK {
		t.Errorf("hall page after the refusals: %d", r.StatusCode)
	}
}

func TestLongUsernameIsCut(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	long := strings.Repeat("x", 5000)
	resp, page := f.signIn(c, long, "wrong")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("got %d, want 401", resp.StatusCode)
	}
	if strings.Contains(page, strings.Repeat("x", 65)) {
		t.Error("the page echoes more than 64 characters of the username")
	}
	if !strings.Contains(page, strings.Repeat("x", 64)) {
		t.Error("the page does not echo the username's first 64 characters")
	}
	// A known name with junk after it is not that user.
	if resp, _ := f.signIn(f.client(), "giamsat"+strings.Repeat(" ", 100), "giamsat2026"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a padded username signed in: %d", resp.StatusCode)
	}
}

func TestStaticAndHeaders(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	for _, p := range []string{"/static/", "/static", "/static/../", "/static/nothing.css"} {
		// A redirect (the mux adds the slash) is fine; a listing is not.
		if r, body := f.get(c, p); r.StatusCode == http.StatusOK || strings.Contains(body, "app.css") {
			t.Errorf("GET %s: got %d (%.200q), want 404: no folder listing", p, r.StatusCode, body)
		}
	}
	r, _ := f.get(c, "/static/app.css")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET /static/app.css: %d", r.StatusCode)
	}
	for _, p := range []string{"/static/app.css", "/login", "/healthz"} {
		r, _ := f.get(c, p)
		if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s X-Content-Type-Options %q, want nosniff", p, got)
		}
		if got := r.Header.Get("Referrer-Policy"); got != "same-origin" {
			t.Errorf("%s Referrer-Policy %q, want same-origin", p, got)
		}
	}
	r, _ = f.get(f.signedIn(), "/")
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self';") {
		t.Errorf("CSP %q, want connect-src 'self'", csp)
	}
}
