package web

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestDurText(t *testing.T) {
	tests := []struct {
		s    int
		want string
	}{
		{0, "0 giây"},
		{45, "45 giây"},
		{60, "1 phút"},
		{412, "6 phút 52 giây"},
		{3900, "1 giờ 5 phút"},
	}
	for _, tc := range tests {
		if got := durText(tc.s); got != tc.want {
			t.Errorf("durText(%d): got %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct{ name, got, want string }{
		{"pct", displayPct(ptr(88.02)), "88,02"},
		{"pct whole", displayPct(ptr(100.0)), "100,00"},
		{"pct none", displayPct(nil), "—"},
		{"count small", displayCount(999), "999"},
		{"count thousands", displayCount(1234567), "1.234.567"},
		{"date", displayDate("2026-11-28"), "28/11/2026"},
		{"mmss", displayMMSS(ptr(412)), "6:52"},
		{"mmss hours", displayMMSS(ptr(3725)), "1:02:05"},
		{"mmss none", displayMMSS(nil), "—"},
		{"month", displayMonth("2026-11"), "tháng 11/2026"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestLocalPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/reports?date=2026-11-27", "/reports?date=2026-11-27"},
		{"", "/"},
		{"https://evil.example", "/"},
		{"//evil.example", "/"},
		{`/\evil.example`, "/"},
	}
	for _, tc := range tests {
		if got := localPath(tc.in); got != tc.want {
			t.Errorf("localPath(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCharts(t *testing.T) {
	bars := []bar{{Label: "Quầy <1>", Value: 50, Text: "50,00 %"}, {Label: "Quầy 2", Value: 100, Text: "100,00 %"}}
	for name, svg := range map[string]string{
		"hbar": string(hbarChart("Chỉ số", bars, 100)),
		"vbar": string(vbarChart("Chỉ số", bars, 100)),
	} {
		t.Run(name, func(t *testing.T) {
			if !strings.HasPrefix(svg, "<svg") || !strings.HasSuffix(svg, "</svg>") {
				t.Errorf("got %.60q…, want one svg element", svg)
			}
			if strings.Contains(svg, "<1>") || !strings.Contains(svg, "Quầy &lt;1&gt;") {
				t.Error("labels are not escaped")
			}
			if strings.Count(svg, "<rect") != len(bars) {
				t.Errorf("got %d bars, want %d", strings.Count(svg, "<rect"), len(bars))
			}
		})
	}
	if got := string(hbarChart("x", nil, 0)); !strings.Contains(got, "Chưa có số liệu") {
		t.Errorf("empty chart: got %q", got)
	}
}

func TestTemplatesParse(t *testing.T) {
	p := mustParsePages()
	for _, name := range pageNames {
		if p[name] == nil {
			t.Errorf("page %s: not parsed", name)
		}
	}
}

func TestSessions(t *testing.T) {
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	s := NewSessions(func() time.Time { return now })
	old, _, _ := s.Create("a")
	now = now.Add(sessionTTL)
	if _, ok := s.get(old); ok {
		t.Fatal("session alive after its TTL")
	}
	s.Create("b")
	if len(s.m) != 1 {
		t.Errorf("got %d sessions, want 1 (the expired one dropped)", len(s.m))
	}
}

// TestWaitChartScale: a wait chart is scaled from the wait alert (20 min):
// a 5-minute wait is a quarter of the height, not the whole of it, and the
// alert is marked; a 60-minute wait stretches the scale.
func TestWaitChartScale(t *testing.T) {
	alert := reference{Value: 20, Label: "Ngưỡng cảnh báo 20 phút"}
	short := []bar{{Label: "8h", Value: 5, Text: "5′"}}
	svg := string(vbarChartRef("Chờ", short, refScale(short, alert.Value), alert))
	want := fmt.Sprintf(`height="%.1f"`, float64(vbarH)*5/40)
	if !strings.Contains(svg, want) || !strings.Contains(svg, "Ngưỡng cảnh báo 20 phút") {
		t.Errorf("5 of 20 minutes: want a bar %s and the alert line:\n%s", want, svg)
	}
	if got := refScale([]bar{{Value: 60}}, 20); got != 60 {
		t.Errorf("scale with a 60-minute wait: got %v, want 60", got)
	}
	if got := refScale(short, 0); got != 5 {
		t.Errorf("no alert: got %v, want the longest bar", got)
	}
}
