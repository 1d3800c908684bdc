package web_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"hallq/server/web"
)

// TestClockSpeed: on the real clock /healthz gives the hall's now and no
// speed, and the live page's timers run at 1; on a fast clock
// (-fast-clock 20) /healthz gives clock_speed 20 and the page's script
// gets data-speed="20", so that its waits keep up with the server's day.
func TestClockSpeed(t *testing.T) {
	f := newFixture(t)
	fast := *f
	fast.srv = httptest.NewServer(web.New(web.Options{Hall: f.hall, Sessions: web.NewSessions(f.clk.Now),
		WS: http.NotFoundHandler(), Metrics: http.NotFoundHandler(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), ClockSpeed: 20}))
	t.Cleanup(fast.srv.Close)
	cases := []struct {
		name  string
		f     *fixture
		speed any    // /healthz's clock_speed, nil for none
		attr  string // on the live page
	}{
		{"real clock", f, nil, `data-speed="1"`},
		{"fast clock", &fast, 20.0, `data-speed="20"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, body := tc.f.get(tc.f.client(), "/healthz")
			var h map[string]any
			if err := json.Unmarshal([]byte(body), &h); err != nil {
				t.Fatal(err)
			}
			if h["now"] != "2026-11-28T09:00:00.000+07:00" || h["clock_speed"] != tc.speed {
				t.Errorf("healthz: got %s, want now 2026-11-28T09:00:00.000+07:00 and clock_speed %v", body, tc.speed)
			}
			_, page := tc.f.get(tc.f.signedIn(), "/")
			if !strings.Contains(page, tc.attr) {
				t.Errorf("live page: want %s", tc.attr)
			}
		})
	}
}
