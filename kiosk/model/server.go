package model

import (
	"encoding/json"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// SetStatus reports whether the server is reachable. Offline, the kiosk
// issues nothing and says so in one line; online again, it resumes.
func (m *Model) SetStatus(connected bool) { m.SetLink(connected, nil) }

// SetLink is SetStatus with the last link error (hallclient's Status.Err):
// when the server refused the device's id or token, the banner and the
// home screen say so (queue.UnauthorizedText) instead of an empty hall.
func (m *Model) SetLink(connected bool, err error) {
	m.update(func() {
		m.v.Online = connected
		m.v.Refused = !connected && queue.IsUnauthorized(err)
		m.v.Banner = ""
		switch {
		case m.v.Refused:
			m.v.Banner = RefusedText
		case !connected:
			m.v.Banner = OfflineText
		}
	})
}

// SetHello takes the hello reply: a kiosk whose reply names a counter is
// that counter's rating pad.
func (m *Model) SetHello(r protocol.HelloReply) {
	m.update(func() {
		m.v.Counter = r.Counter
		m.v.CounterName = counterName(m.state, r.Counter)
	})
}

// SetState takes the mirrored state of the day: hall, services, counters.
func (m *Model) SetState(s protocol.State) {
	m.update(func() {
		if s.Day != m.state.Day {
			clear(m.soldOut)
		}
		m.state = s
		m.v.Hall = s.Hall.Name
		m.v.FeedbackContact = s.Hall.FeedbackContact
		m.v.CounterName = counterName(s, m.v.Counter)
		m.v.Tiles = m.tiles()
		m.v.Appointments = false
		for _, sv := range s.Services {
			m.v.Appointments = m.v.Appointments || sv.Appointments
		}
		for _, t := range m.v.Tiles {
			if t.ID == m.v.Service.ID {
				m.v.Service = t
			}
		}
	})
}

// tiles builds the home tiles from the state. The caller holds the lock.
func (m *Model) tiles() []Tile {
	ts := make([]Tile, 0, len(m.state.Services))
	for _, s := range m.state.Services {
		full := s.DailyLimit > 0 && s.Issued >= s.DailyLimit
		ts = append(ts, Tile{
			ID: s.ID, Name: s.Name, Description: s.Description,
			Waiting: s.Waiting, SoldOut: full || m.soldOut[s.ID],
		})
	}
	return ts
}

func counterName(s protocol.State, id int) string {
	if id == 0 {
		return ""
	}
	for _, c := range s.Counters {
		if c.ID == id {
			return c.Name
		}
	}
	return "Quầy " + itoa(id)
}

// HandleEvent takes one event. A rating pad turns to the rating screen when
// its counter finishes a ticket live (a replayed finish is history); while
// the citizen before is still rating, that prompt waits its turn. When the
// counter calls another ticket, a prompt nobody answered ends: the pad
// shows the new citizen's waiting screen.
func (m *Model) HandleEvent(typ string, data json.RawMessage, replayed bool) {
	switch {
	case typ == protocol.EvTicketFinished && !replayed:
		var ev protocol.TicketEvent
		if err := json.Unmarshal(data, &ev); err != nil {
			m.log.Warn("kiosk: bad ticket_finished event", "err", err)
			return
		}
		m.update(func() { m.finished(ev.Ticket) })
	case typ == protocol.EvTicketCalled:
		var ev protocol.CalledEvent
		if err := json.Unmarshal(data, &ev); err != nil {
			m.log.Warn("kiosk: bad ticket_called event", "err", err)
			return
		}
		m.update(func() { m.called(ev.Ticket, ev.Counter) })
	}
}

// finished offers the rating of t if it was finished at the pad's counter.
// The caller holds the lock.
func (m *Model) finished(t queue.Ticket) {
	if m.v.Counter == 0 || int(t.Counter) != m.v.Counter {
		return
	}
	r := &rating{id: t.ID, number: t.Number, counterName: m.v.CounterName, clerkName: clerkName(m.state, m.v.Counter, string(t.Clerk))}
	if cur := m.rate; cur != nil && cur.level != 0 && m.rateFrom == ScreenHome {
		m.queued = r // the citizen before is still choosing reasons or typing
		return
	}
	m.startRating(r, ScreenHome)
}

// called ends the prompts of the pad's counter that belong to earlier
// citizens: the counter now serves someone else. The caller holds the
// lock.
func (m *Model) called(t queue.Ticket, counter int) {
	if m.v.Counter == 0 || counter != m.v.Counter {
		return
	}
	if q := m.queued; q != nil && q.id != t.ID {
		m.queued = nil
	}
	if r := m.rate; r != nil && r.id != t.ID && r.level == 0 && m.rateFrom == ScreenHome {
		m.v.Notice = ""
		m.goHome()
	}
}

// clerkName is the full name of the clerk who served at counter, as the
// state knows it, or the username.
func clerkName(s protocol.State, counter int, username string) string {
	for _, c := range s.Counters {
		if c.ID == counter && string(c.Clerk) == username && c.ClerkName != "" {
			return string(c.ClerkName)
		}
	}
	return username
}
