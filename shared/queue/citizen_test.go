package queue

import (
	"math/rand"
	"testing"
)

// TestPositionsMatchAhead: Positions gives every waiting ticket the same
// count as Ahead, over random mixes of services, priorities, appointment
// tickets and calls.
func TestPositionsMatchAhead(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for round := 0; round < 20; round++ {
		f := newFixture(t)
		f.login(1, "hang.nd")
		for i := 0; i < 60; i++ {
			f.issue([]string{"A", "B", "C"}[r.Intn(3)], r.Intn(4) == 0)
			if w := f.e.waiting[len(f.e.waiting)-1]; !w.Priority && r.Intn(4) == 0 {
				w.Appointment = true // as an on-time check-in issues it
			}
			if r.Intn(5) == 0 && (f.e.WaitingCount("A") > 0 || f.e.WaitingCount("B") > 0) {
				tk := f.callNext(1)
				f.finish(1, tk.ID)
			}
		}
		pos := f.e.Positions()
		if len(pos) != len(f.e.waiting) {
			t.Fatalf("round %d: %d positions for %d waiting", round, len(pos), len(f.e.waiting))
		}
		for _, w := range f.e.waiting {
			if got, want := pos[w.ID], f.e.Ahead(w); got != want {
				t.Fatalf("round %d: %s (priority %v, appointment %v): position %d, Ahead %d", round, w.Number, w.Priority, w.Appointment, got, want)
			}
		}
	}
}
