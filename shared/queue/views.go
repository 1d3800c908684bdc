package queue

import "sort"

// Ticket returns today's ticket id (with its token).
func (e *Engine) Ticket(id string) (Ticket, bool) {
	t, ok := e.tickets[id]
	if !ok {
		return Ticket{}, false
	}
	return *t, true
}

func (e *Engine) sortedTickets() []*Ticket {
	out := make([]*Ticket, 0, len(e.tickets))
	for _, t := range e.tickets {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out
}

// Waiting lists the waiting tickets in the order call_next takes them
// hall-wide: priority tickets first, then appointment tickets, then the
// others, each by issue order.
func (e *Engine) Waiting() []Ticket {
	out := make([]Ticket, 0, len(e.waiting))
	for r := range 3 {
		for _, t := range e.waiting {
			if rank(t) == r {
				out = append(out, t.Public())
			}
		}
	}
	return out
}

// Held lists the held tickets by issue order.
func (e *Engine) Held() []Ticket {
	var out []Ticket
	for _, t := range e.sortedTickets() {
		if t.State == Held {
			out = append(out, t.Public())
		}
	}
	return out
}

// RecentCalls lists the last ten called tickets, newest call first.
func (e *Engine) RecentCalls() []Ticket {
	out := make([]Ticket, 0, len(e.recent))
	for _, id := range e.recent {
		out = append(out, e.tickets[id].Public())
	}
	return out
}

// WaitingCount returns how many tickets of service wait.
func (e *Engine) WaitingCount(service string) int {
	n := 0
	for _, t := range e.waiting {
		if t.Service == service {
			n++
		}
	}
	return n
}

// IssuedCount returns how many tickets of service were issued today.
func (e *Engine) IssuedCount(service string) int { return e.issued[service] }

// Counters returns every configured counter as clients see it.
func (e *Engine) Counters() []Counter {
	out := make([]Counter, 0, len(e.cfg.Counters))
	for _, c := range e.cfg.Counters {
		if !c.Retired {
			out = append(out, e.CounterView(c.ID))
		}
	}
	return out
}

// CounterState returns the saved state of counter id.
func (e *Engine) CounterState(id int) (CounterState, bool) {
	c, ok := e.counters[id]
	if !ok {
		return CounterState{}, false
	}
	return *c, true
}

// ClerkDays returns each clerk's figures of the day, by username.
func (e *Engine) ClerkDays() []ClerkDay {
	out := make([]ClerkDay, 0, len(e.stats))
	for _, s := range e.stats {
		if s.Username != "" {
			out = append(out, *s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Username < out[j].Username })
	return out
}

// ClerkCounter returns the counter clerk is signed in at, or 0.
func (e *Engine) ClerkCounter(username string) int { return e.clerkAt[username] }
