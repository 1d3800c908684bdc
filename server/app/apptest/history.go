package apptest

import (
	"encoding/json"
	"slices"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// DayEvents gives a synthetic day (ch's tickets and ratings, as a history
// generator makes them) the event log the server would have written for
// it: day_started, then each ticket's issue, calls and end and each
// rating, in time order and numbered from 1, encoded as the server
// encodes them. It sets ch.Events and returns the frames, for
// store.Commit, so that a synthetic history's file is as large as a real
// one's and retention has something to delete.
func DayEvents(ch *queue.Changes, start time.Time) [][]byte {
	evs := []queue.Event{{Type: queue.EvDayStarted, At: start, Day: queue.DayOf(start, start.Location())}}
	for i := range ch.Tickets {
		evs = append(evs, ticketEvents(ch.Tickets[i])...)
	}
	for i := range ch.Ratings {
		r := ch.Ratings[i]
		evs = append(evs, queue.Event{Type: queue.EvTicketRated, At: r.At.Time, Counter: r.Counter, Rating: &r})
	}
	slices.SortStableFunc(evs[1:], func(a, b queue.Event) int { return a.At.Compare(b.At) })
	frames := make([][]byte, len(evs))
	for i := range evs {
		evs[i].Seq = uint64(i + 1)
		frames[i], _ = json.Marshal(protocol.FromEvent(evs[i])) // plain data: cannot fail
	}
	ch.Events = evs
	return frames
}

// ticketEvents returns the events of one ticket's life: its issue, each
// call, and its end (finish, no-show, expiry or hold), each with the
// ticket as it was then.
func ticketEvents(t queue.Ticket) []queue.Event {
	t.Token = "" // events never carry it
	issued := t
	issued.State, issued.Counter, issued.Clerk, issued.Calls = queue.Waiting, 0, "", nil
	issued.CalledAt, issued.FirstCalledAt, issued.FinishedAt, issued.Rating = queue.Stamp{}, queue.Stamp{}, queue.Stamp{}, 0
	out := []queue.Event{{Type: queue.EvTicketIssued, At: t.IssuedAt.Time, Ticket: &issued}}
	for i, c := range t.Calls {
		called := t
		called.State, called.Calls = queue.Called, t.Calls[:i+1]
		called.Counter, called.Clerk, called.CalledAt = queue.OptInt(c.Counter), queue.OptString(c.Clerk), c.At
		called.FinishedAt, called.Rating = queue.Stamp{}, 0
		out = append(out, queue.Event{Type: queue.EvTicketCalled, At: c.At.Time, Ticket: &called, Counter: c.Counter})
	}
	end := t
	end.Rating = 0
	switch t.State {
	case queue.Finished:
		out = append(out, queue.Event{Type: queue.EvTicketFinished, At: t.FinishedAt.Time, Ticket: &end})
	case queue.NoShow, queue.Held:
		typ := map[queue.TicketState]string{queue.NoShow: queue.EvTicketNoShow, queue.Held: queue.EvTicketHeld}[t.State]
		out = append(out, queue.Event{Type: typ, At: lastAt(t).Add(2 * time.Minute), Ticket: &end})
	case queue.Expired:
		out = append(out, queue.Event{Type: queue.EvTicketExpired, At: lastAt(t).Add(time.Hour), Ticket: &end})
	}
	return out
}

// lastAt is the time of t's latest issue or call.
func lastAt(t queue.Ticket) time.Time {
	at := t.IssuedAt.Time
	for _, c := range t.Calls {
		if c.At.After(at) {
			at = c.At.Time
		}
	}
	return at
}
