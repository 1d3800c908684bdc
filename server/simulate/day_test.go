package simulate

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"hallq/server/app"
	"hallq/server/report"
)

// cheapHash hashes at bcrypt's lowest cost: the server checks any cost.
func cheapHash(s string) (string, error) {
	b, err := bcrypt.GenerateFromPassword([]byte(s), bcrypt.MinCost)
	return string(b), err
}

// startHall writes h into a temp data folder and starts the real server
// on it in this process, on a fast clock from start.
func startHall(t *testing.T, h *Hall, speed float64, start string) (*app.Server, string) {
	t.Helper()
	dir := t.TempDir()
	if _, err := h.Write(dir); err != nil {
		t.Fatal(err)
	}
	srv, err := app.Start(app.Options{Addr: "127.0.0.1:0", Data: dir, FastClock: speed, FastClockStart: start,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("start server: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, dir
}

// TestCommuneDay plays the commune hall's whole day (3 counters, 120
// tickets, a display, a kiosk, the 10:30 blip) at 1200× against the real
// server, about 30 s: no error, every ticket served, every event on the
// display once and in order, and the closing report the server stored at
// its fast 17:00 agrees with the simulation's own counts.
func TestCommuneDay(t *testing.T) {
	h, err := newHall(Commune(), cheapHash)
	if err != nil {
		t.Fatal(err)
	}
	// 06:00: an hour of hall time (3 s real) for a loaded machine to start
	// the server before the first arrivals.
	srv, dir := startHall(t, h, 1200, "2026-12-03T06:00")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var progress bytes.Buffer
	res, err := Run(ctx, Target{URL: "http://" + srv.Addr, DataDir: dir}, h, Options{Seed: 13, Progress: &progress})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	var summary bytes.Buffer
	res.Print(&summary)
	t.Logf("progress:\n%s\nsummary:\n%s", progress.String(), summary.String())
	if res.ErrorCount != 0 {
		t.Errorf("errors: got %d, want 0: %q", res.ErrorCount, res.Errors)
	}
	figures := []struct {
		name      string
		got, want int
	}{
		{"issued", res.Issued, 120},
		{"served (finished + no-show)", res.Finished + res.NoShow, 120},
		{"pauses", res.Pauses, 3},
		{"links cut by the blip", res.BlipLinks, 5},
	}
	for _, f := range figures {
		if f.got != f.want {
			t.Errorf("%s: got %d, want %d", f.name, f.got, f.want)
		}
	}
	if res.Reconnects < res.BlipLinks {
		t.Errorf("blip: got %d reconnects, want at least one for each of the %d links cut", res.Reconnects, res.BlipLinks)
	}
	raw, ok, err := srv.Hall.StoredReport(res.Day)
	if err != nil || !ok {
		t.Fatalf("closing report: got ok=%v err=%v, want one stored at close", ok, err)
	}
	var rep report.Report
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	rated := 0
	for level := 1; level <= 5; level++ {
		rated += res.Ratings[level]
		if rep.Ratings.Count(level) != res.Ratings[level] {
			t.Errorf("closing report: ratings of level %d: got %d, want %d", level, rep.Ratings.Count(level), res.Ratings[level])
		}
	}
	closing := []struct {
		name      string
		got, want int
	}{
		{"issued", rep.Issued, res.Issued},
		{"called", rep.Called, res.Called},
		{"finished", rep.Finished, res.Finished},
		{"no_show", rep.NoShow, res.NoShow},
		{"expired", rep.Expired, 0},
		{"ratings", rep.Ratings.Total(), rated},
	}
	for _, c := range closing {
		if c.got != c.want {
			t.Errorf("closing report: %s: got %d, want %d", c.name, c.got, c.want)
		}
	}
	if rated == 0 || res.Transfers+res.Holds+res.NoShow == 0 {
		t.Errorf("the day had %d ratings, %d transfers, %d holds, %d no-shows: want a day with some", rated, res.Transfers, res.Holds, res.NoShow)
	}
}
