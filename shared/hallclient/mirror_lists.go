package hallclient

import (
	"slices"
	"strings"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// leave takes ticket id out of waiting (uncounting it from its service),
// out of held, and off any counter.
func (m *Mirror) leave(id string) {
	var t queue.Ticket
	var ok bool
	if m.s.Waiting, t, ok = remove(m.s.Waiting, id); ok {
		if sv := m.service(t.Service); sv != nil && sv.Waiting > 0 {
			sv.Waiting--
		}
	}
	m.s.Held, _, _ = remove(m.s.Held, id)
	for i := range m.s.Counters {
		if c := &m.s.Counters[i]; c.Ticket != nil && c.Ticket.ID == id {
			c.Ticket = nil
		}
	}
}

// enqueue inserts t into waiting at its place and counts it for its
// service.
func (m *Mirror) enqueue(t queue.Ticket) {
	i := 0
	for i < len(m.s.Waiting) && !takenBefore(t, m.s.Waiting[i]) {
		i++
	}
	m.s.Waiting = slices.Insert(m.s.Waiting, i, t)
	if sv := m.service(t.Service); sv != nil {
		sv.Waiting++
	}
}

// takenBefore reports whether a comes before b in the hall-wide waiting
// order: priority tickets first, then appointment tickets, then the day's
// issue order.
func takenBefore(a, b queue.Ticket) bool { return queue.TakenBefore(a, b) }

// remove returns list without ticket id, the removed ticket and whether it
// was there.
func remove(list []queue.Ticket, id string) ([]queue.Ticket, queue.Ticket, bool) {
	i := slices.IndexFunc(list, func(t queue.Ticket) bool { return t.ID == id })
	if i < 0 {
		return list, queue.Ticket{}, false
	}
	t := list[i]
	return slices.Delete(list, i, i+1), t, true
}

// service returns the service with id, or nil.
func (m *Mirror) service(id string) *protocol.ServiceInfo {
	for i := range m.s.Services {
		if m.s.Services[i].ID == id {
			return &m.s.Services[i]
		}
	}
	return nil
}

// counter returns the counter with id, or nil.
func (m *Mirror) counter(id int) *queue.Counter {
	for i := range m.s.Counters {
		if m.s.Counters[i].ID == id {
			return &m.s.Counters[i]
		}
	}
	return nil
}

// clerk returns the clerk's figures of the day, adding an entry in
// username order if needed.
func (m *Mirror) clerk(username string) *protocol.ClerkStats {
	i, found := slices.BinarySearchFunc(m.s.Clerks, username, func(c protocol.ClerkStats, u string) int {
		return strings.Compare(c.Username, u)
	})
	if !found {
		m.s.Clerks = slices.Insert(m.s.Clerks, i, protocol.ClerkStats{Username: username})
	}
	return &m.s.Clerks[i]
}

// updateRecent replaces t's entry in recent_calls, if it has one, keeping
// its place.
func (m *Mirror) updateRecent(t queue.Ticket) {
	for i := range m.s.RecentCalls {
		if m.s.RecentCalls[i].ID == t.ID {
			m.s.RecentCalls[i] = t
		}
	}
}
