package simulate

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync/atomic"
	"time"

	"hallq/server/report"
	"hallq/shared/pause"
)

// Result is what a simulated day did and saw.
type Result struct {
	Profile                    string
	Speed                      float64
	Day                        string
	From, To                   time.Time     // the fast day played
	Real                       time.Duration // how long it took
	Counters, Displays, Kiosks int

	Issued, Priority, Called, Calls, Finished, NoShow int
	Transfers, Holds, Recalls, Pauses, QueueEmpty     int
	Ratings                                           [6]int // by level, 1 to 5
	Feedback                                          int    // free-text messages sent

	// Events is the day's last seq at the end; every display ended there.
	// DisplayEvents are the fewest and most events a display received
	// (replays after the blip included), Replayed all the replayed ones.
	Events                                       uint64
	DisplayEventsMin, DisplayEventsMax, Replayed int

	// The blip: links cut, real time until every device was back, and
	// commands whose reply came across it. Reconnects counts the devices'
	// successful hellos after their first.
	BlipLinks   int
	BlipBack    time.Duration
	ThroughBlip int
	Reconnects  int

	Hours []Hour
	// ServerTimes are the server's own times of call_next and
	// issue_ticket, from /metrics: the upper bounds of the histogram
	// buckets that hold the p50 and p99 (-1: past the last bucket).
	ServerTimes []ServerTime
	// KioskLag is the latest a ticket was issued after its planned
	// arrival (hall time): more than seconds means the machine could not
	// keep up with the speed, and the day's shape is off.
	KioskLag      time.Duration
	MaxWait       time.Duration
	MaxWaitTicket string
	PeakRSS       float64 // bytes
	DBBytes       int64   // hall.db at the end; -1 when the data folder is elsewhere
	Report        *report.Report
	// Checks compare the server's closing report with the simulation's
	// own counts.
	Checks []Check

	ErrorCount int
	Errors     []string // the first ones, in words
}

// Hour is one hour of the fast day.
type Hour struct {
	Hour, Issued, Calls int
	P50, P99            time.Duration // call_next round trips, real time
	MaxWait             time.Duration // the longest wait of the tickets first called in it
	RSS                 float64       // the server's memory at its last sample, bytes
}

// ServerTime is a command's time inside the server.
type ServerTime struct {
	Type     string
	N        int
	P50, P99 time.Duration
}

// Check is one figure of the closing report against the simulation's.
type Check struct {
	What        string
	Sim, Server int
}

// settleWait bounds, in real time, the wait for the displays to receive
// the last events at the end.
const settleWait = 10 * time.Second

// result checks the end of the day and gathers the figures.
func (s *sim) result(ctx context.Context, start time.Time, realStart time.Time) (*Result, error) {
	hz, _, err := s.serverClock(ctx)
	if err != nil {
		return nil, err
	}
	if hz.Day != s.day {
		s.st.fail("the server's day is %s at the end, want %s", hz.Day, s.day)
	}
	r := &Result{Profile: s.p.Name, Speed: s.clock.Speed(), Day: s.day, From: start, To: s.clock.Now(),
		Counters: len(s.h.Counters), Displays: len(s.h.Displays), Kiosks: len(s.h.Kiosks), Events: hz.Seq, DBBytes: -1}
	s.checkDisplays(ctx, r, hz.Seq)
	rep, err := s.report(ctx)
	if err != nil {
		s.st.fail("closing report: %v", err)
	}
	r.Report = rep
	for _, typ := range []string{"call_next", "issue_ticket"} {
		p50, p99, n, err := s.commandTimes(ctx, typ)
		if err != nil {
			s.st.fail("/metrics: %v", err)
			break
		}
		r.ServerTimes = append(r.ServerTimes, ServerTime{typ, n, p50, p99})
	}
	s.st.mu.Lock()
	s.gather(r)
	s.st.mu.Unlock()
	if rep != nil {
		r.Checks = s.compare(r, rep)
	}
	s.hellos.Range(func(_, n any) bool {
		r.Reconnects += max(int(n.(*atomic.Int64).Load())-1, 0)
		return true
	})
	if s.t.DataDir != "" {
		if fi, err := os.Stat(filepath.Join(s.t.DataDir, "hall.db")); err == nil {
			r.DBBytes = fi.Size()
		}
		if err := waitFile(ctx, filepath.Join(s.t.DataDir, "reports", s.day+".xlsx")); err != nil {
			s.st.fail("the close job wrote no report file: %v", err)
		}
	}
	s.st.mu.Lock()
	r.ErrorCount, r.Errors = s.st.errorCount, append([]string(nil), s.st.errors...)
	s.st.mu.Unlock()
	r.Real = time.Since(realStart)
	return r, nil
}

// waitFile waits up to settleWait of real time for the file at path: the
// close job writes the day's xlsx a moment after the fast close.
func waitFile(ctx context.Context, path string) error {
	deadline := time.Now().Add(settleWait)
	for {
		_, err := os.Stat(path)
		if err == nil || time.Now().After(deadline) || !pause.For(ctx, 10*time.Millisecond) {
			return err
		}
	}
}

// checkDisplays waits until every display has the day's last event, and
// records an error for one that does not.
func (s *sim) checkDisplays(ctx context.Context, r *Result, last uint64) {
	deadline := time.Now().Add(settleWait)
	for time.Now().Before(deadline) {
		behind := 0
		for _, d := range s.displays {
			if seq, _, _, _, _ := d.snapshot(); seq != last {
				behind++
			}
		}
		if behind == 0 || !pause.For(ctx, 10*time.Millisecond) {
			break
		}
	}
	r.DisplayEventsMin = -1
	for _, d := range s.displays {
		seq, events, replayed, connects, _ := d.snapshot()
		r.Reconnects += max(connects-1, 0)
		if seq != last {
			s.st.fail("%s ended at event %d, the server at %d", d.dev.ID, seq, last)
		}
		if r.DisplayEventsMin < 0 || events < r.DisplayEventsMin {
			r.DisplayEventsMin = events
		}
		r.DisplayEventsMax = max(r.DisplayEventsMax, events)
		r.Replayed += replayed
	}
}

// gather copies the counts into r and records every ticket left
// unserved; the caller holds s.st.mu.
func (s *sim) gather(r *Result) {
	st := s.st
	r.Issued, r.Priority, r.Called, r.Calls = st.issued, st.priority, len(st.called), st.calls
	r.Finished, r.NoShow, r.Transfers, r.Holds = st.finished, st.noShow, st.transfers, st.holds
	r.Recalls, r.Pauses, r.QueueEmpty, r.Ratings, r.Feedback = st.recalls, st.pauses, st.queueEmpty, st.ratings, st.feedback
	r.ThroughBlip, r.BlipLinks = st.throughBlip, st.blipLinks
	if !st.blipBackAt.IsZero() {
		r.BlipBack = st.blipBackAt.Sub(st.blipAt)
	}
	r.MaxWait, r.MaxWaitTicket, r.KioskLag = st.maxWait, st.maxWaitTicket, st.maxLag
	var unserved []string
	for id, state := range st.ticketsOut {
		if state != "finished" && state != "no_show" {
			unserved = append(unserved, id+" ("+state+")")
		}
	}
	sort.Strings(unserved)
	for _, u := range unserved {
		st.errorCount++
		if len(st.errors) < maxErrorLines {
			st.errors = append(st.errors, "ticket "+u+" was not served before close")
		}
	}
	for _, h := range st.sortedHours() {
		hs := st.hours[h]
		row := Hour{Hour: h, Issued: hs.issued, Calls: len(hs.calls), MaxWait: hs.maxWait,
			P50: percentile(hs.calls, 50), P99: percentile(hs.calls, 99)}
		for _, x := range st.rss {
			if x.at.Hour() == h {
				row.RSS = x.bytes
			}
		}
		r.Hours = append(r.Hours, row)
	}
	for _, x := range st.rss {
		r.PeakRSS = max(r.PeakRSS, x.bytes)
	}
}

// compare checks the server's report of the day against the simulation's
// counts; a difference is an error.
func (s *sim) compare(r *Result, rep *report.Report) []Check {
	byCounter := 0
	for _, c := range rep.ByCounter {
		byCounter += c.Called
	}
	rated := r.Ratings[1] + r.Ratings[2] + r.Ratings[3] + r.Ratings[4] + r.Ratings[5]
	checks := []Check{
		{"issued", r.Issued, rep.Issued},
		{"called", r.Called, rep.Called},
		{"calls (by_counter)", r.Calls, byCounter},
		{"finished", r.Finished, rep.Finished},
		{"no_show", r.NoShow, rep.NoShow},
		{"expired", 0, rep.Expired},
		{"ratings", rated, rep.Ratings.Total()},
	}
	for level := 1; level <= 5; level++ {
		checks = append(checks, Check{"ratings " + string(rune('0'+level)), r.Ratings[level], rep.Ratings.Count(level)})
	}
	checks = append(checks, Check{"feedback (messages + ratings 1-2)", r.Feedback + r.Ratings[1] + r.Ratings[2], rep.Feedback.Received})
	for _, c := range checks {
		if c.Sim != c.Server {
			s.st.fail("closing report: %s is %d, the simulation counted %d", c.What, c.Server, c.Sim)
		}
	}
	return checks
}
