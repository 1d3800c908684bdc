package simulate

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"hallq/server/report"
)

// health is the server's /healthz.
type health struct {
	Status     string  `json:"status"`
	Day        string  `json:"day"`
	Seq        uint64  `json:"seq"`
	Now        string  `json:"now"`
	ClockSpeed float64 `json:"clock_speed"`
}

// get fetches url into out (JSON), with the supervisor's basic auth when
// auth is set.
func (s *sim) get(ctx context.Context, path string, auth bool, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.t.URL+path, nil)
	if err != nil {
		return err
	}
	if auth {
		req.SetBasicAuth(s.h.Supervisor, s.h.Password)
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// serverClock reads the server's clock from /healthz and returns it as of
// the middle of the request, with the day and the clock's speed (1 for a
// server on the real clock).
func (s *sim) serverClock(ctx context.Context) (health, time.Time, error) {
	var h health
	before := time.Now()
	if err := s.get(ctx, "/healthz", false, &h); err != nil {
		return h, time.Time{}, err
	}
	rtt := time.Since(before)
	now, err := time.Parse(time.RFC3339Nano, h.Now)
	if err != nil {
		return h, time.Time{}, fmt.Errorf("simulate: the server's /healthz has no clock (%q): is it older than server simulate?", h.Now)
	}
	if h.ClockSpeed == 0 {
		h.ClockSpeed = 1
	}
	return h, now.Add(time.Duration(float64(rtt/2) * h.ClockSpeed)), nil
}

// metrics reads the server's /metrics (Prometheus text format) and calls
// line for each sample line.
func (s *sim) metrics(ctx context.Context, line func(name, labels string, v float64)) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.t.URL+"/metrics", nil)
	if err != nil {
		return err
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		text := sc.Text()
		if text == "" || text[0] == '#' {
			continue
		}
		series, val, ok := strings.Cut(text, " ")
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if !ok || err != nil {
			continue
		}
		name, labels, _ := strings.Cut(series, "{")
		line(name, strings.TrimSuffix(labels, "}"), v)
	}
	return sc.Err()
}

// rss reads the server's resident memory from /metrics
// (process_resident_memory_bytes, which the Prometheus process collector
// reads from /proc on Linux), 0 when it is not there.
func (s *sim) rss(ctx context.Context) (float64, error) {
	var rss float64
	err := s.metrics(ctx, func(name, _ string, v float64) {
		if name == "process_resident_memory_bytes" {
			rss = v
		}
	})
	return rss, err
}

// commandTimes reads from /metrics the server's own time for command typ
// (hall_command_seconds: engine, committed transaction, broadcast): the
// bucket bounds that hold its p50 and p99, and how many there were.
func (s *sim) commandTimes(ctx context.Context, typ string) (p50, p99 time.Duration, n int, err error) {
	type bucket struct{ le, count float64 }
	var buckets []bucket
	var count float64
	err = s.metrics(ctx, func(name, labels string, v float64) {
		if !strings.Contains(labels, `type="`+typ+`"`) {
			return
		}
		switch name {
		case "hall_command_seconds_count":
			count = v
		case "hall_command_seconds_bucket":
			_, le, _ := strings.Cut(labels, `le="`)
			le, _, _ = strings.Cut(le, `"`)
			if b, err := strconv.ParseFloat(le, 64); err == nil {
				buckets = append(buckets, bucket{b, v})
			}
		}
	})
	if err != nil || count == 0 {
		return 0, 0, 0, err
	}
	bound := func(q float64) time.Duration {
		for _, b := range buckets { // cumulative, in rising order
			if math.IsInf(b.le, 1) {
				break
			}
			if b.count >= q*count {
				return time.Duration(b.le * float64(time.Second))
			}
		}
		return -1 // past the last finite bucket
	}
	return bound(0.5), bound(0.99), int(count), nil
}

// report fetches the day's report (SPEC section 7) as a supervisor.
func (s *sim) report(ctx context.Context) (*report.Report, error) {
	var r report.Report
	if err := s.get(ctx, "/api/reports/daily?date="+s.day, true, &r); err != nil {
		return nil, err
	}
	return &r, nil
}
