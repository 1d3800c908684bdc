package jobs

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"hallq/server/fastclock"
)

// fakeHall records each job's call with the fake clock's time.
type fakeHall struct {
	clk   clockwork.Clock
	calls chan call
}

type call struct {
	job string
	at  time.Time
	dir string
}

func (h *fakeHall) CloseDay() (int, error) {
	h.calls <- call{job: "close", at: h.clk.Now()}
	return 0, nil
}

func (h *fakeHall) TurnDay() error {
	h.calls <- call{job: "turn", at: h.clk.Now()}
	return nil
}

func (h *fakeHall) Retain() (int, error) {
	h.calls <- call{job: "retain", at: h.clk.Now()}
	return 0, nil
}

func (h *fakeHall) Backup(dir string) (string, error) {
	h.calls <- call{job: "backup", at: h.clk.Now(), dir: dir}
	return dir + "/x.db", nil
}

var ict = time.FixedZone("ICT", 7*3600)

// TestSchedule advances a fake clock through a day and checks that each
// job runs once at its time in the hall's zone.
func TestSchedule(t *testing.T) {
	type step struct {
		to   time.Time // advance the clock to here
		want []string  // the jobs that run, in any order
	}
	day := func(d, h, m, s int) time.Time { return time.Date(2026, 11, d, h, m, s, 0, ict) }
	cases := []struct {
		name  string
		close time.Duration
		steps []step
	}{
		{"close at 17:00", 17 * time.Hour, []step{
			{day(28, 16, 59, 59), nil},
			{day(28, 17, 0, 0), []string{"close"}},
			{day(28, 23, 59, 59), nil},
			{day(29, 0, 0, 0), []string{"turn"}},
			{day(29, 0, 29, 59), nil},
			{day(29, 0, 30, 0), []string{"retain", "backup"}},
			{day(29, 16, 59, 59), nil},
			{day(29, 17, 0, 0), []string{"close"}},
		}},
		// A midnight close runs a second before the day turn.
		{"close at 24:00", 24 * time.Hour, []step{
			{day(28, 23, 59, 58), nil},
			{day(28, 23, 59, 59), []string{"close"}},
			{day(29, 0, 0, 0), []string{"turn"}},
			{day(29, 0, 30, 0), []string{"retain", "backup"}},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fc := clockwork.NewFakeClockAt(day(28, 16, 0, 0))
			h := &fakeHall{clk: fc, calls: make(chan call, 10)}
			j, err := Start(h, Options{Location: ict, Close: tc.close, BackupDir: "/backups", Clock: fc,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatalf("Start: %v", err)
			}
			defer j.Stop()
			for _, st := range tc.steps {
				waitTimers(t, fc, 3)
				fc.Advance(st.to.Sub(fc.Now()))
				got := map[string]bool{}
				for range st.want {
					select {
					case c := <-h.calls:
						if c.job == "backup" && !got["retain"] {
							t.Fatalf("backup ran before retention")
						}
						if !c.at.Equal(st.to) {
							t.Fatalf("%s ran at %v, want %v", c.job, c.at, st.to)
						}
						if c.job == "backup" && c.dir != "/backups" {
							t.Fatalf("backup dir: got %q, want /backups", c.dir)
						}
						got[c.job] = true
					case <-time.After(5 * time.Second):
						t.Fatalf("at %v: got %v, want %v", st.to, got, st.want)
					}
				}
				for _, w := range st.want {
					if !got[w] {
						t.Fatalf("at %v: got %v, want %v", st.to, got, st.want)
					}
				}
				select {
				case c := <-h.calls:
					t.Fatalf("at %v: got an extra %s, want only %v", st.to, c.job, st.want)
				case <-time.After(50 * time.Millisecond):
				}
			}
		})
	}
}

// waitTimers waits until the scheduler has armed n timers on fc.
func waitTimers(t *testing.T, fc *clockwork.FakeClock, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := fc.BlockUntilContext(ctx, n); err != nil {
		t.Fatalf("scheduler did not arm %d timers: %v", n, err)
	}
}

// TestFastClock: on the server's -fast-clock (a fastclock.Clock at 20,000×)
// the jobs fire at the fast day's close, midnight and backup time, in
// order, within a second of real time.
func TestFastClock(t *testing.T) {
	// 10 fast minutes before close leave the scheduler 30 ms to start.
	fc := fastclock.New(time.Date(2026, 12, 3, 16, 50, 0, 0, ict), 20000)
	h := &fakeHall{clk: fc, calls: make(chan call, 10)}
	j, err := Start(h, Options{Location: ict, Close: 17 * time.Hour, BackupDir: "/backups", Clock: fc,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	defer j.Stop()
	want := []struct {
		job string
		at  time.Time
	}{
		{"close", time.Date(2026, 12, 3, 17, 0, 0, 0, ict)},
		{"turn", time.Date(2026, 12, 4, 0, 0, 0, 0, ict)},
		{"retain", time.Date(2026, 12, 4, 0, 30, 0, 0, ict)},
		{"backup", time.Date(2026, 12, 4, 0, 30, 0, 0, ict)},
	}
	for _, w := range want {
		select {
		case c := <-h.calls:
			// 20,000× turns a millisecond of scheduling into 20 s: 25
			// fast minutes are 75 ms of a loaded machine under -race,
			// and still tell the turn (00:00) from the backup (00:30).
			if c.job != w.job || c.at.Before(w.at) || c.at.After(w.at.Add(25*time.Minute)) {
				t.Fatalf("got %s at %v, want %s at %v (within 25 fast minutes)", c.job, c.at, w.job, w.at)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s did not run by %v on the fast clock", w.job, fc.Now())
		}
	}
}
