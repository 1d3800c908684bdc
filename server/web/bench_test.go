package web_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"hallq/server/store"
	"hallq/shared/queue"
)

// Benchmarks over a year of history. Building the store takes about 20 s
// for 1,000,000 tickets (and about 700 MB in the temp dir, removed at the
// end), so run them with a small -benchtime:
//
//	go test -run '^$' -bench . -benchtime 10x ./server/web/
//	HALL_BENCH_TICKETS=100000 go test -run '^$' -bench . ./server/web/
//
// The year of history for the benchmarks: HALL_BENCH_TICKETS tickets
// (default 1,000,000) over the weekdays from 2025-12-01 to 2026-11-27,
// built once per test binary run into a temp dir.
var yearStore struct {
	once sync.Once
	dir  string
	n    int
	err  error
	took time.Duration
}

const (
	benchDay   = "2026-06-15" // a Monday in the middle of the year
	benchMonth = "2026-06"
)

// yearDir returns the directory of the year's store, building it first.
func yearDir(b *testing.B) string {
	b.Helper()
	yearStore.once.Do(func() {
		n := 1_000_000
		if v, err := strconv.Atoi(os.Getenv("HALL_BENCH_TICKETS")); err == nil && v > 0 {
			n = v
		}
		start := time.Now()
		yearStore.dir, yearStore.err = os.MkdirTemp("", "hall-bench-")
		if yearStore.err == nil {
			yearStore.err = buildYear(filepath.Join(yearStore.dir, "hall.db"), n)
		}
		yearStore.n, yearStore.took = n, time.Since(start)
	})
	if yearStore.err != nil {
		b.Fatalf("build the year's store: %v", yearStore.err)
	}
	b.Logf("store: %d tickets, built in %v", yearStore.n, yearStore.took.Round(time.Second))
	return yearStore.dir
}

// weekdays returns the working days of the benchmark year.
func weekdays() []time.Time {
	var days []time.Time
	for d := time.Date(2025, 12, 1, 0, 0, 0, 0, ict); d.Before(time.Date(2026, 11, 28, 0, 0, 0, 0, ict)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			days = append(days, d)
		}
	}
	return days
}

// buildYear writes n synthetic tickets, their ratings and feedback into a
// new store at path, one transaction per day.
func buildYear(path string, n int) error {
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	days := weekdays()
	fbID := int64(0)
	for i, d := range days {
		perDay := n / len(days)
		if i < n%len(days) {
			perDay++
		}
		ch := syntheticDay(rng, d, perDay, &fbID)
		if err := st.Commit(d.Format(queue.DayLayout), ch, nil, nil); err != nil {
			return err
		}
	}
	return nil
}

var benchClerks = []string{"hang.nd", "minh.tq", "lan.ptn", "tuan.lv", "thao.vtp"}

// syntheticDay makes one day of n tickets spread over 07:30-16:30: most are
// finished and rated, some are no-shows or expire; ratings of 1 or 2 open
// feedback items, and the kiosk takes two messages a day.
func syntheticDay(rng *rand.Rand, d time.Time, n int, fbID *int64) queue.Changes {
	day := d.Format(queue.DayLayout)
	open := d.Add(7*time.Hour + 30*time.Minute)
	var ch queue.Changes
	numbers := map[string]int{}
	for i := range n {
		svc := string(rune('A' + rng.IntN(6)))
		numbers[svc]++
		number := fmt.Sprintf("%s%03d", svc, numbers[svc])
		issued := open.Add(time.Duration(i) * 9 * time.Hour / time.Duration(n))
		t := queue.Ticket{ID: day + "/" + number, Number: number, Service: svc, IssuedService: svc,
			Order: uint64(i + 1), IssuedAt: queue.At(issued), Token: "ABCDEFGH"}
		roll := rng.IntN(100)
		if roll < 3 {
			t.State = queue.Expired
			ch.Tickets = append(ch.Tickets, t)
			continue
		}
		counter := 1 + rng.IntN(5)
		clerk := benchClerks[counter-1]
		called := issued.Add(time.Duration(rng.IntN(40*60)) * time.Second)
		t.CalledAt, t.FirstCalledAt = queue.At(called), queue.At(called)
		t.Counter, t.Clerk = queue.OptInt(counter), queue.OptString(clerk)
		t.Calls = []queue.Call{{Counter: counter, Clerk: clerk, At: queue.At(called)}}
		if roll < 8 {
			t.State = queue.NoShow
			ch.Tickets = append(ch.Tickets, t)
			continue
		}
		finished := called.Add(time.Duration(180+rng.IntN(12*60)) * time.Second)
		t.State, t.FinishedAt = queue.Finished, queue.At(finished)
		if rng.IntN(100) < 85 {
			level := ratingLevel(rng)
			t.Rating = queue.OptInt(level)
			r := queue.Rating{TicketID: t.ID, Number: number, Service: svc, Rating: level, Counter: counter, Clerk: clerk,
				Device: "kiosk-1", At: queue.At(finished.Add(time.Minute))}
			if level <= 3 {
				r.Reasons, r.Comment = []string{"waiting"}, "Chờ hơi lâu"
			}
			ch.Ratings = append(ch.Ratings, r)
			if level <= 2 {
				*fbID++
				ch.Feedback = append(ch.Feedback, queue.Feedback{ID: *fbID, Day: day, At: r.At, Device: "kiosk-1",
					Message: r.Comment, TicketID: t.ID, Rating: level, Reasons: r.Reasons, Counter: counter, Clerk: clerk,
					Status: queue.FeedbackHandled, Answer: "Đã liên hệ công dân", HandledBy: "giamsat", HandledAt: r.At})
			}
		}
		ch.Tickets = append(ch.Tickets, t)
	}
	for range 2 {
		*fbID++
		ch.Feedback = append(ch.Feedback, queue.Feedback{ID: *fbID, Day: day, At: queue.At(open.Add(4 * time.Hour)),
			Device: "kiosk-1", Message: "Đề nghị bố trí thêm ghế ngồi chờ.", Status: queue.FeedbackNew})
	}
	return ch
}

// ratingLevel draws a level: 60% 5, 28% 4, 7% 3, 3% 2, 2% 1.
func ratingLevel(rng *rand.Rand) int {
	switch r := rng.IntN(100); {
	case r < 60:
		return 5
	case r < 88:
		return 4
	case r < 95:
		return 3
	case r < 98:
		return 2
	}
	return 1
}

// benchGet fetches path b.N times as a signed-in supervisor.
func benchGet(b *testing.B, path string) {
	f := newFixtureAt(b, yearDir(b))
	c := f.signedIn()
	start := time.Now()
	if r, _ := f.get(c, path); r.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: got %d", path, r.StatusCode)
	}
	// The first request computes and stores the rollups its days lack.
	b.Logf("first request %v", time.Since(start).Round(time.Millisecond))
	b.ResetTimer()
	for b.Loop() {
		f.get(c, path)
	}
}

// BenchmarkDayReportPage renders one day's report page of a year-old file.
func BenchmarkDayReportPage(b *testing.B) { benchGet(b, "/reports?date="+benchDay) }

// BenchmarkDayXLSX exports one day of a year-old file.
func BenchmarkDayXLSX(b *testing.B) { benchGet(b, "/reports/daily.xlsx?date="+benchDay) }

// BenchmarkMonthPage renders one month's page of a year-old file.
func BenchmarkMonthPage(b *testing.B) { benchGet(b, "/reports/month?month="+benchMonth) }

// BenchmarkFeedbackInbox renders the inbox (the newest 200 items).
func BenchmarkFeedbackInbox(b *testing.B) { benchGet(b, "/feedback") }

// BenchmarkFeedbackInboxOldDay renders the inbox filtered to one old day.
func BenchmarkFeedbackInboxOldDay(b *testing.B) {
	benchGet(b, "/feedback?from="+benchDay+"&to="+benchDay)
}

// BenchmarkYearPage renders the year page (by month, service, counter and
// clerk) of the benchmark's year.
func BenchmarkYearPage(b *testing.B) { benchGet(b, "/reports/year?year=2026") }
