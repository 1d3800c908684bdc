package queue

import "time"

// NeedsNewDay reports whether now falls on another day than the Engine's.
func (e *Engine) NeedsNewDay(now time.Time) bool {
	return DayOf(now, e.cfg.Location) != e.day
}

// StartDay turns the day: numbering, seq and sign-ins restart. It emits
// day_started (seq 1) and a counter_updated for every counter that was
// signed in. On the Engine's own day it does nothing, so that a repeated
// call cannot number a ticket twice.
func (e *Engine) StartDay(now time.Time) {
	if !e.NeedsNewDay(now) {
		return
	}
	open := map[int]bool{}
	for id, c := range e.counters {
		if c.Clerk != "" || c.Status != CounterClosed {
			open[id] = true
		}
	}
	day := DayOf(now, e.cfg.Location)
	e.reset(day)
	e.emit(now, Event{Type: EvDayStarted, Day: day})
	for _, cc := range e.cfg.Counters {
		c := e.counters[cc.ID]
		e.saveCounter(c)
		if open[cc.ID] {
			e.counterEvent(now, c)
		}
	}
}

// ExpireWaiting ends the day's queue at close: waiting and held tickets
// expire; called tickets stay until finished or marked no-show.
func (e *Engine) ExpireWaiting(now time.Time) int {
	n := 0
	for _, t := range e.sortedTickets() {
		if t.State != Waiting && t.State != Held {
			continue
		}
		t.State = Expired
		e.saveTicket(t)
		e.ticketEvent(now, EvTicketExpired, t)
		n++
	}
	e.waiting = nil
	return n
}
