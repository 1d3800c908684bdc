package protocol

import (
	"slices"

	"hallq/shared/queue"
)

// Clone returns a deep copy of s: the copy shares no slice or pointer with
// s, so a client may hand it out while it keeps folding events into s.
func (s State) Clone() State {
	s.Services = slices.Clone(s.Services)
	s.Counters = slices.Clone(s.Counters)
	for i := range s.Counters {
		c := &s.Counters[i]
		c.Services = slices.Clone(c.Services)
		if c.Ticket != nil {
			t := cloneTicket(*c.Ticket)
			c.Ticket = &t
		}
	}
	s.Waiting = cloneTickets(s.Waiting)
	s.Held = cloneTickets(s.Held)
	s.RecentCalls = cloneTickets(s.RecentCalls)
	s.Clerks = slices.Clone(s.Clerks)
	return s
}

func cloneTickets(ts []queue.Ticket) []queue.Ticket {
	if ts == nil {
		return nil
	}
	out := make([]queue.Ticket, len(ts))
	for i, t := range ts {
		out[i] = cloneTicket(t)
	}
	return out
}

func cloneTicket(t queue.Ticket) queue.Ticket {
	t.Calls = slices.Clone(t.Calls)
	t.FileCodes = slices.Clone(t.FileCodes)
	return t
}
