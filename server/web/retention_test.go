package web_test

import (
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/shared/queue"
)

// TestRetentionKeepsReports checks that deleting the events past the
// retention and compacting hall.db change no report: every page, export
// and API answer of an old day, month and year, of a recent day and of the
// feedback inbox is byte for byte what it was, after the retention and
// again after a restart.
func TestRetentionKeepsReports(t *testing.T) {
	dir := t.TempDir()
	f := newFixtureAt(t, dir)
	rng := rand.New(rand.NewPCG(5, 6))
	var fbID int64
	for d := time.Date(2026, 6, 1, 0, 0, 0, 0, ict); d.Before(time.Date(2026, 11, 28, 0, 0, 0, 0, ict)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		ch := syntheticDay(rng, d, 30, &fbID)
		frames := apptest.DayEvents(&ch, d.Add(7*time.Hour))
		if err := f.store.Commit(d.Format(queue.DayLayout), ch, frames, nil); err != nil {
			t.Fatal(err)
		}
	}
	const oldDay, recentDay = "2026-06-15", "2026-11-20"
	var paths []string
	for _, day := range []string{oldDay, recentDay} {
		paths = append(paths, "/reports?date="+day, "/reports/daily.xlsx?date="+day, "/reports/daily.csv?date="+day,
			"/reports/daily.csv?sep=semicolon&date="+day, "/api/reports/daily?date="+day, "/feedback?from="+day+"&to="+day)
	}
	paths = append(paths, "/reports/month?month=2026-06", "/reports/monthly.xlsx?month=2026-06", "/reports/monthly.csv?month=2026-06",
		"/api/reports/monthly?month=2026-06", "/reports/year?year=2026", "/reports/yearly.xlsx?year=2026",
		"/reports/yearly.csv?year=2026", "/api/reports/yearly?year=2026", "/reports/range?from=01/06/2026&to=31/08/2026",
		"/reports/range.xlsx?from=01/06/2026&to=31/08/2026", "/feedback", "/cong-khai.json")
	pages := func(f *fixture) map[string]string {
		t.Helper()
		c := f.signedIn()
		out := map[string]string{}
		for _, p := range paths {
			resp, body := f.get(c, p)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d", p, resp.StatusCode)
			}
			out[p] = csrfField.ReplaceAllString(body, `name="csrf" value="…"`) // the session's own
		}
		return out
	}
	compare := func(when string, got, want map[string]string) {
		t.Helper()
		for _, p := range paths {
			if got[p] != want[p] {
				t.Errorf("%s: GET %s differs (%d bytes, was %d)", when, p, len(got[p]), len(want[p]))
			}
		}
	}
	before := pages(f)

	n, err := f.hall.Retain()
	if err != nil {
		t.Fatal(err)
	}
	// Kept: 2026-08-31 to 2026-11-28, 90 days with today.
	if n != 65 {
		t.Errorf("retention pruned %d days, want the 65 weekdays before 2026-08-31", n)
	}
	if seq, _ := f.store.LastSeq(oldDay); seq != 0 {
		t.Errorf("the old day keeps events up to seq %d", seq)
	}
	if seq, _ := f.store.LastSeq(recentDay); seq == 0 {
		t.Error("the recent day's events were deleted")
	}
	if _, _, err := f.store.Compact(); err != nil {
		t.Fatal(err)
	}
	compare("after retention", pages(f), before)

	f.srv.Close()
	f.store.Close()
	compare("after a restart", pages(newFixtureAt(t, dir)), before)
}
