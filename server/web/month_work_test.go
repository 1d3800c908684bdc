package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestMonthWorkTables: the month's per-counter and per-clerk rows are the
// sums of its days' rows (JSON and page), with the mean service time.
func TestMonthWorkTables(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	type work struct {
		ID             int      `json:"id"`
		Username       string   `json:"username"`
		Called         int      `json:"called"`
		Finished       int      `json:"finished"`
		NoShow         int      `json:"no_show"`
		ServiceSeconds float64  `json:"service_seconds"`
		MeanServiceS   *int     `json:"mean_service_s"`
		Index          *float64 `json:"satisfaction_index"`
	}
	var day, month struct {
		ByCounter []work `json:"by_counter"`
		ByClerk   []work `json:"by_clerk"`
	}
	for _, g := range []struct {
		path string
		out  any
	}{{"/api/reports/daily?date=2026-11-27", &day}, {"/api/reports/monthly?month=2026-11", &month}} {
		resp, body := f.get(c, g.path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", g.path, resp.StatusCode)
		}
		if err := json.Unmarshal([]byte(body), g.out); err != nil {
			t.Fatalf("%s: %v", g.path, err)
		}
	}
	if len(day.ByClerk) == 0 || len(day.ByCounter) == 0 {
		t.Fatalf("the fixture day has no clerk or counter rows: %+v", day)
	}
	// One day in the month: the month's rows are the day's.
	if len(month.ByClerk) != len(day.ByClerk) || len(month.ByCounter) != len(day.ByCounter) {
		t.Fatalf("month rows %d/%d, day rows %d/%d", len(month.ByCounter), len(month.ByClerk), len(day.ByCounter), len(day.ByClerk))
	}
	for i, d := range day.ByClerk {
		m := month.ByClerk[i]
		if m.Username != d.Username || m.Called != d.Called || m.Finished != d.Finished || m.NoShow != d.NoShow ||
			m.ServiceSeconds != d.ServiceSeconds || (d.Finished > 0) != (m.MeanServiceS != nil) {
			t.Errorf("clerk %s: month %+v, day %+v", d.Username, m, d)
		}
	}
	for i, d := range day.ByCounter {
		if m := month.ByCounter[i]; m.ID != d.ID || m.Called != d.Called || m.ServiceSeconds != d.ServiceSeconds {
			t.Errorf("counter %d: month %+v, day %+v", d.ID, m, d)
		}
	}
	_, page := f.get(c, "/reports/month?month=2026-11")
	for _, want := range []string{`id="by-clerk"`, `id="by-counter"`, "Phục vụ trung bình", day.ByClerk[0].Username} {
		if !strings.Contains(page, want) {
			t.Errorf("month page lacks %q", want)
		}
	}
}

// TestCSVSemicolonLinks: both report pages link the Vietnamese-Excel csv,
// which is served with ";" and decimal commas.
func TestCSVSemicolonLinks(t *testing.T) {
	f := newFixture(t)
	f.commitScenario()
	c := f.signedIn()
	for _, page := range []string{"/reports?date=2026-11-27", "/reports/month?month=2026-11"} {
		_, body := f.get(c, page)
		if !strings.Contains(body, `sep=semicolon`) {
			t.Errorf("%s has no link to the semicolon csv", page)
		}
	}
	resp, body := f.get(c, "/reports/daily.csv?date=2026-11-27&sep=semicolon")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "\uFEFF") || !strings.Contains(body, "Ngày;") {
		t.Errorf("semicolon csv: %d %q", resp.StatusCode, body[:min(len(body), 200)])
	}
	// Never a decimal point (the unit test in report checks the commas).
	if regexp.MustCompile(`;\d+\.\d+(;|\r?\n)`).MatchString(body) {
		t.Errorf("semicolon csv numbers are not written with decimal commas:\n%s", body)
	}
}
