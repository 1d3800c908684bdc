package simulate

import (
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"
)

// stats collects what the agents did and saw; the Result is made from it.
// It is safe for concurrent use.
type stats struct {
	mu sync.Mutex

	issued, priority   int
	called             map[string]bool // tickets called at least once
	calls              int             // successful call_next and call_ticket
	finished, noShow   int
	transfers, holds   int
	recalls            int
	pauses             int
	queueEmpty         int // call_next answered queue_empty: another counter was quicker
	ratings            [6]int
	feedback           int
	throughBlip        int           // commands whose reply came after the link was cut
	maxLag             time.Duration // the latest a ticket was issued after its citizen's arrival
	maxWait            time.Duration
	maxWaitTicket      string
	hours              map[int]*hourStats
	errors             []string // each unexpected thing, in words
	errorCount         int
	ticketsOut         map[string]string // ticket id -> its state as the counters left it
	rss                []rssSample
	blipAt, blipBackAt time.Time // real times
	blipLinks          int       // device links the blip cut
}

// hourStats are the figures of one hour of the fast day.
type hourStats struct {
	issued  int
	calls   []time.Duration // call_next round trips (not across the blip)
	maxWait time.Duration
}

type rssSample struct {
	at    time.Time // fast time
	bytes float64
}

// maxErrorLines caps the errors kept in words; all are counted.
const maxErrorLines = 50

func newStats() *stats {
	return &stats{called: map[string]bool{}, hours: map[int]*hourStats{}, ticketsOut: map[string]string{}}
}

func (s *stats) hour(t time.Time) *hourStats {
	h := s.hours[t.Hour()]
	if h == nil {
		h = &hourStats{}
		s.hours[t.Hour()] = h
	}
	return h
}

// fail records an error: anything that must not happen in a good day.
func (s *stats) fail(format string, a ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errorCount++
	if len(s.errors) < maxErrorLines {
		s.errors = append(s.errors, fmt.Sprintf(format, a...))
	}
}

func (s *stats) add(f func(s *stats)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

// percentile returns the nearest-rank p-th percentile of ds (sorted in
// place), 0 for none.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	rank := int(p/100*float64(len(ds)) + 0.999999999)
	rank = min(max(rank, 1), len(ds))
	return ds[rank-1]
}

// sortedHours returns the hours with figures, in order.
func (s *stats) sortedHours() []int {
	var hs []int
	for h := range s.hours {
		hs = append(hs, h)
	}
	sort.Ints(hs)
	return hs
}
