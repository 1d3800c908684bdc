package report

import (
	"cmp"
	"time"

	"hallq/shared/queue"
)

// issuedService returns the service t was issued for.
func issuedService(t *queue.Ticket) string {
	if t.IssuedService != "" {
		return t.IssuedService
	}
	return t.Service
}

// waitTime returns the time from issue to the first call, and whether t was
// ever called. A transfer keeps the first call, so the wait is counted once.
func waitTime(t *queue.Ticket) (time.Duration, bool) {
	first := t.FirstCalledAt.Time
	if first.IsZero() && len(t.Calls) > 0 {
		first = t.Calls[0].At.Time
	}
	if first.IsZero() {
		return 0, len(t.Calls) > 0
	}
	return first.Sub(t.IssuedAt.Time), true
}

// serviceTime returns the time from the call under which t was finished
// (the latest call) to its finish, and whether both are known.
func serviceTime(t *queue.Ticket) (time.Duration, bool) {
	called := t.CalledAt.Time
	if called.IsZero() && len(t.Calls) > 0 {
		called = t.Calls[len(t.Calls)-1].At.Time
	}
	if called.IsZero() || t.FinishedAt.IsZero() {
		return 0, false
	}
	return t.FinishedAt.Sub(called), true
}

// service returns the accumulator of service id, creating it.
func (b *builder) service(id string) *serviceAcc {
	acc := b.bySvc[id]
	if acc == nil {
		acc = &serviceAcc{row: ServiceRow{ID: id, Ratings: NewLevels()}}
		b.bySvc[id] = acc
	}
	return acc
}

// counter returns the row of counter id, creating it, or nil for no counter.
func (b *builder) counter(id int) *CounterRow {
	if id == 0 {
		return nil
	}
	row := b.counters[id]
	if row == nil {
		row = &CounterRow{ID: id, Work: Work{Ratings: NewLevels()}}
		b.counters[id] = row
	}
	return row
}

// clerk returns the row of clerk username, creating it, or nil for no clerk.
func (b *builder) clerk(username string) *ClerkRow {
	if username == "" {
		return nil
	}
	row := b.clerks[username]
	if row == nil {
		row = &ClerkRow{Username: username, Work: Work{Ratings: NewLevels()}}
		b.clerks[username] = row
	}
	return row
}

// hourly returns one row for every hour from the first to the last hour in
// which a ticket was issued.
func (b *builder) hourly() []HourRow {
	rows := []HourRow{}
	if len(b.hours) == 0 {
		return rows
	}
	lo, hi := 23, 0
	for h := range b.hours {
		lo, hi = min(lo, h), max(hi, h)
	}
	for h := lo; h <= hi; h++ {
		row := HourRow{Hour: h}
		if acc := b.hours[h]; acc != nil {
			row.Issued = acc.issued
			if acc.waited > 0 {
				mean := meanSeconds(acc.sum, acc.waited)
				row.MeanWaitS = &mean
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// newestFirst orders ratings by time, the newest first, then by ticket id.
func newestFirst(a, b queue.Rating) int {
	if c := b.At.Compare(a.At.Time); c != 0 {
		return c
	}
	return cmp.Compare(b.TicketID, a.TicketID)
}
