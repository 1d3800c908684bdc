package model

import (
	"encoding/json"

	"hallq/shared/protocol"
)

// SetStatus reports whether the server is reachable. Offline, the kiosk
// issues nothing and says so in one line; online again, it resumes.
func (m *Model) SetStatus(connected bool) {
	m.update(func() {
		m.v.Online = connected
		m.v.Banner = ""
		if !connected {
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
// its counter finishes a ticket live (a replayed finish is history).
func (m *Model) HandleEvent(typ string, data json.RawMessage, replayed bool) {
	if typ != protocol.EvTicketFinished || replayed {
		return
	}
	var ev protocol.TicketEvent
	if err := json.Unmarshal(data, &ev); err != nil {
		m.log.Warn("kiosk: bad ticket_finished event", "err", err)
		return
	}
	m.update(func() {
		if m.v.Counter == 0 || int(ev.Ticket.Counter) != m.v.Counter {
			return
		}
		m.show(ScreenRate)
		m.v.Rate = RateView{Number: ev.Ticket.Number}
		m.rateID, m.rateToken = ev.Ticket.ID, ""
		m.rateFrom = ScreenHome
		m.lastTouch = m.cfg.Now()
	})
}
