package report

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"hallq/shared/queue"
)

// busyDay makes a day of n tickets over five services and ten counters,
// with a seeded random source so that every run measures the same day.
func busyDay(n int) ([]queue.Ticket, []queue.Rating, []queue.Feedback) {
	rng := rand.New(rand.NewPCG(1, 2))
	open := time.Date(2026, 11, 28, 7, 30, 0, 0, hallZone)
	tickets := make([]queue.Ticket, 0, n)
	var ratings []queue.Rating
	var feedback []queue.Feedback
	for i := range n {
		svc := string(rune('A' + i%5))
		number := fmt.Sprintf("%s%03d", svc, i/5+1)
		issued := open.Add(time.Duration(i) * 6 * time.Second)
		tk := queue.Ticket{ID: testDay + "/" + number, Number: number, Service: svc, IssuedService: svc,
			State: queue.Expired, IssuedAt: queue.At(issued), Order: uint64(i + 1)}
		if rng.IntN(20) > 0 {
			counter := 1 + rng.IntN(10)
			clerk := fmt.Sprintf("clerk%02d", counter)
			calledAt := issued.Add(time.Duration(rng.IntN(3600_000)) * time.Millisecond)
			tk.Calls = []queue.Call{{Counter: counter, Clerk: clerk, At: queue.At(calledAt)}}
			tk.FirstCalledAt, tk.CalledAt = queue.At(calledAt), queue.At(calledAt)
			tk.Counter, tk.Clerk = queue.OptInt(counter), queue.OptString(clerk)
			tk.State = queue.NoShow
			if rng.IntN(10) > 0 {
				tk.State = queue.Finished
				tk.FinishedAt = queue.At(calledAt.Add(time.Duration(rng.IntN(900_000)) * time.Millisecond))
			}
		}
		tickets = append(tickets, tk)
		if tk.State == queue.Finished && rng.IntN(10) < 8 {
			level := 1 + rng.IntN(5)
			ratings = append(ratings, queue.Rating{TicketID: tk.ID, Number: number, Service: svc, Rating: level,
				Counter: int(tk.Counter), Clerk: string(tk.Clerk), At: queue.At(tk.FinishedAt.Add(time.Minute))})
			if level <= 2 {
				feedback = append(feedback, queue.Feedback{ID: int64(len(feedback) + 1), Day: testDay, TicketID: tk.ID, Status: queue.FeedbackNew})
			}
		}
	}
	return tickets, ratings, feedback
}

// BenchmarkDaily5000 computes the report of a day of 5,000 tickets.
func BenchmarkDaily5000(b *testing.B) {
	tickets, ratings, feedback := busyDay(5000)
	b.ReportAllocs()
	for b.Loop() {
		Daily(testDay, tickets, ratings, feedback)
	}
}

// BenchmarkWriteDailyXLSX5000 writes the workbook of that day.
func BenchmarkWriteDailyXLSX5000(b *testing.B) {
	tickets, ratings, feedback := busyDay(5000)
	r := Daily(testDay, tickets, ratings, feedback)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDailyXLSX(discard{}, r, "Sở Công Thương"); err != nil {
			b.Fatal(err)
		}
	}
}

// discard is io.Discard without its ReadFrom, so writers do their work.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestBusyDay checks the benchmark's day against invariants that hold for
// any day.
func TestBusyDay(t *testing.T) {
	tickets, ratings, feedback := busyDay(5000)
	r := Daily(testDay, tickets, ratings, feedback)
	sum := func(f func(ServiceRow) int) int {
		n := 0
		for _, s := range r.ByService {
			n += f(s)
		}
		return n
	}
	tests := []struct {
		name      string
		got, want int
	}{
		{"issued", r.Issued, 5000},
		{"states", r.Finished + r.NoShow + r.Expired, r.Issued},
		{"by service issued", sum(func(s ServiceRow) int { return s.Issued }), r.Issued},
		{"by service finished", sum(func(s ServiceRow) int { return s.Finished }), r.Finished},
		{"feedback", r.Feedback.Received, r.Ratings.Count(1) + r.Ratings.Count(2)},
		{"low ratings", len(r.LowRatings), r.Ratings.Count(1) + r.Ratings.Count(2) + r.Ratings.Count(3)},
		{"counters", len(r.ByCounter), 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %d, want %d", tc.got, tc.want)
			}
		})
	}
	if *r.WaitS.P50 > *r.WaitS.P90 || *r.WaitS.P90 > 3600 {
		t.Errorf("wait_s: got %s, want p50 <= p90 <= 3600", dump(t, r.WaitS))
	}
}
