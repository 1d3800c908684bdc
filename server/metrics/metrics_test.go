package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestMetrics(t *testing.T) {
	m := New([]string{"A", "B"})
	page := scrape(t, m)
	for _, want := range []string{
		`hall_connections{role="kiosk"} 0`, `hall_connections{role="supervisor"} 0`,
		`hall_tickets_issued_total{service="A"} 0`, `hall_tickets_issued_total{service="B"} 0`,
		"hall_events_total 0",
	} {
		if !strings.Contains(page, want+"\n") {
			t.Errorf("a fresh page lacks %q", want)
		}
	}
	m.Connected("kiosk", 1)
	m.Connected("kiosk", 1)
	m.Connected("kiosk", -1)
	m.TicketIssued("A")
	m.TicketIssued("A")
	m.Events(3)
	m.Command("issue_ticket", "ok", 2*time.Millisecond)
	m.Command("issue_ticket", "closed", time.Millisecond)
	page = scrape(t, m)
	for _, want := range []string{
		`hall_connections{role="kiosk"} 1`,
		`hall_tickets_issued_total{service="A"} 2`,
		"hall_events_total 3",
		`hall_command_seconds_count{type="issue_ticket"} 2`,
		`hall_command_seconds_bucket{type="issue_ticket",le="0.002"} 2`,
		`hall_command_seconds_bucket{type="issue_ticket",le="0.001"} 1`,
		`hall_command_results_total{result="closed",type="issue_ticket"} 1`,
		`hall_command_results_total{result="ok",type="issue_ticket"} 1`,
	} {
		if !strings.Contains(page, want+"\n") {
			t.Errorf("page lacks %q", want)
		}
	}
}
