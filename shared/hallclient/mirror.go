package hallclient

import (
	"encoding/json"
	"fmt"
	"slices"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// maxRecentCalls is how many calls recent_calls keeps (SPEC 4.3).
const maxRecentCalls = 10

// Mirror folds a full state and the events that follow it into the current
// state, as the server keeps it. It is not safe for concurrent use; the
// Client guards its own.
//
// The lists follow the server's engine (package queue), which
// TestMirrorFollowsEngine checks over random days:
//   - waiting: priority tickets first, then the day's issue order
//     (Ticket.Order), which a transferred ticket keeps. priority_streak is
//     per counter and does not enter this hall-wide list.
//   - held is kept in issue order, recent_calls newest call first; their
//     entries follow each ticket's later events (a finished ticket in
//     recent_calls shows as finished, a transferred one without counter),
//     as the server lists the current tickets.
//   - clerks (each clerk's figures of the day): by username; service time
//     is finished_at minus the latest called_at.
//   - day_started: the hall, services and counters stay; queues, counts,
//     counters' tickets and sign-ins are cleared (the server then sends
//     counter_updated for each counter it closed).
//
// Apply does not skip events seen already; the Client does that.
type Mirror struct {
	s protocol.State
}

// NewMirror returns a Mirror with an empty state (no day, seq 0).
func NewMirror() *Mirror { return &Mirror{} }

// Reset replaces the state with a copy of s.
func (m *Mirror) Reset(s protocol.State) { m.s = s.Clone() }

// State returns a deep copy of the current state.
func (m *Mirror) State() protocol.State { return m.s.Clone() }

// Apply folds one event into the state and takes its seq. It ignores
// unknown types (taking their seq too). An event whose data does not decode
// returns an error and changes nothing.
func (m *Mirror) Apply(ev protocol.Message) error {
	if err := m.apply(ev); err != nil {
		return fmt.Errorf("mirror: %s event %d: %w", ev.Type, ev.Seq, err)
	}
	if ev.Seq > 0 || ev.Type == protocol.EvDayStarted {
		m.s.Seq = ev.Seq
	}
	return nil
}

func (m *Mirror) apply(ev protocol.Message) error {
	switch ev.Type {
	case protocol.EvTicketIssued:
		var d protocol.TicketEvent
		return decode(ev.Data, &d, func() { m.issued(d.Ticket) })
	case protocol.EvTicketCalled:
		var d protocol.CalledEvent
		return decode(ev.Data, &d, func() { m.called(d.Ticket, d.Counter) })
	case protocol.EvTicketFinished:
		var d protocol.TicketEvent
		return decode(ev.Data, &d, func() { m.finished(d.Ticket) })
	case protocol.EvTicketNoShow, protocol.EvTicketExpired:
		var d protocol.TicketEvent
		return decode(ev.Data, &d, func() { m.ended(d.Ticket) })
	case protocol.EvTicketTransferred:
		var d protocol.TransferredEvent
		return decode(ev.Data, &d, func() { m.transferred(d.Ticket) })
	case protocol.EvTicketHeld:
		var d protocol.TicketEvent
		return decode(ev.Data, &d, func() { m.held(d.Ticket) })
	case protocol.EvTicketFileCodes:
		var d protocol.TicketEvent
		return decode(ev.Data, &d, func() { m.fileCodes(d.Ticket) })
	case protocol.EvTicketRated:
		var d protocol.RatedEvent
		return decode(ev.Data, &d, func() { m.rated(d) })
	case protocol.EvRatingChanged:
		var d protocol.RatingChangedEvent
		return decode(ev.Data, &d, func() { m.ratingChanged(d) })
	case protocol.EvCounterUpdated:
		var d protocol.CounterEvent
		return decode(ev.Data, &d, func() { m.counterUpdated(d.Counter) })
	case protocol.EvDayStarted:
		var d protocol.DayEvent
		return decode(ev.Data, &d, func() { m.dayStarted(d.Day) })
	case protocol.EvHallUpdated:
		var d protocol.HallUpdatedEvent
		return decode(ev.Data, &d, func() { m.s.Hall, m.s.Services, m.s.Counters = d.Hall, d.Services, d.Counters })
	}
	return nil
}

// decode reads data into v and runs fold only if that worked.
func decode(data json.RawMessage, v any, fold func()) error {
	if err := json.Unmarshal(data, v); err != nil {
		return err
	}
	fold()
	return nil
}

// issued queues a new ticket and counts it for its service.
func (m *Mirror) issued(t queue.Ticket) {
	m.leave(t.ID) // a repeated event must not count twice
	m.enqueue(t)
	if sv := m.service(t.Service); sv != nil {
		sv.Issued++
	}
}

// called puts t at counter c and at the front of recent_calls; a recall
// moves it there again.
func (m *Mirror) called(t queue.Ticket, c int) {
	m.leave(t.ID)
	if ct := m.counter(c); ct != nil {
		tc := t
		ct.Ticket = &tc
	}
	m.s.RecentCalls, _, _ = remove(m.s.RecentCalls, t.ID)
	m.s.RecentCalls = append([]queue.Ticket{t}, m.s.RecentCalls...)
	if len(m.s.RecentCalls) > maxRecentCalls {
		m.s.RecentCalls = m.s.RecentCalls[:maxRecentCalls]
	}
}

// ended takes a ticket that left the queue for good (no-show, expired)
// off its counter or list.
func (m *Mirror) ended(t queue.Ticket) {
	m.leave(t.ID)
	m.updateRecent(t)
}

// finished frees the counter and adds the service time to the clerk's day.
func (m *Mirror) finished(t queue.Ticket) {
	m.ended(t)
	if t.Clerk == "" {
		return
	}
	cs := m.clerk(string(t.Clerk))
	cs.Finished++
	if !t.CalledAt.IsZero() && t.FinishedAt.After(t.CalledAt.Time) {
		cs.ServiceSeconds += t.FinishedAt.Sub(t.CalledAt.Time).Seconds()
	}
}

// transferred frees the counter and queues t again under its new service,
// at its original place.
func (m *Mirror) transferred(t queue.Ticket) {
	m.leave(t.ID)
	m.enqueue(t)
	m.updateRecent(t)
}

// held frees the counter and keeps t aside until it is called again.
func (m *Mirror) held(t queue.Ticket) {
	m.leave(t.ID)
	i := 0
	for i < len(m.s.Held) && m.s.Held[i].Order < t.Order {
		i++
	}
	m.s.Held = slices.Insert(m.s.Held, i, t)
	m.updateRecent(t)
}

// fileCodes takes the file codes of t, the ticket being served at its
// counter.
func (m *Mirror) fileCodes(t queue.Ticket) {
	for i := range m.s.Counters {
		if c := &m.s.Counters[i]; c.Ticket != nil && c.Ticket.ID == t.ID {
			tc := t
			c.Ticket = &tc
		}
	}
	m.updateRecent(t)
}

// rated counts the rating for the clerk of the ticket and marks the ticket
// in recent_calls.
func (m *Mirror) rated(d protocol.RatedEvent) {
	if d.Rating < 1 || d.Rating > 5 {
		return
	}
	for i := range m.s.RecentCalls {
		if m.s.RecentCalls[i].ID == d.TicketID {
			m.s.RecentCalls[i].Rating = queue.OptInt(d.Rating)
		}
	}
	if d.Clerk != "" {
		m.clerk(d.Clerk).Ratings[d.Rating]++
	}
}

// ratingChanged moves a rating to its new level in recent_calls and in
// the clerk's figures.
func (m *Mirror) ratingChanged(d protocol.RatingChangedEvent) {
	if d.Rating < 1 || d.Rating > 5 || d.From < 1 || d.From > 5 {
		return
	}
	for i := range m.s.RecentCalls {
		if m.s.RecentCalls[i].ID == d.TicketID {
			m.s.RecentCalls[i].Rating = queue.OptInt(d.Rating)
		}
	}
	if d.Clerk != "" {
		cs := m.clerk(d.Clerk)
		cs.Ratings[d.From] = max(0, cs.Ratings[d.From]-1)
		cs.Ratings[d.Rating]++
	}
}

// counterUpdated replaces the counter's entry as sent, ticket included.
func (m *Mirror) counterUpdated(c queue.Counter) {
	if ct := m.counter(c.ID); ct != nil {
		*ct = c
		return
	}
	m.s.Counters = append(m.s.Counters, c)
}

// dayStarted empties the day: the hall, services and counters stay as
// configured; the queues, the counts, the counters' tickets, sign-ins and
// the clerks' figures are cleared (a sign-in lasts until the end of the
// day, SPEC 3; the server sends counter_updated for any that it keeps).
func (m *Mirror) dayStarted(day string) {
	m.s.Day = day
	m.s.Waiting, m.s.Held, m.s.RecentCalls, m.s.Clerks = nil, nil, nil, nil
	for i := range m.s.Services {
		m.s.Services[i].Waiting, m.s.Services[i].Issued = 0, 0
	}
	for i := range m.s.Counters {
		c := &m.s.Counters[i]
		c.Ticket, c.Clerk, c.ClerkName, c.Status = nil, "", "", queue.CounterClosed
	}
}
