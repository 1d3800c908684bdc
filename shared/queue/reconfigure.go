package queue

import (
	"fmt"
	"time"
)

// Stranded returns why next, a new configuration, may not replace the
// Engine's: a service retired or removed while tickets of it wait, a counter
// retired or removed while it has a ticket called. "" when nothing would be
// stranded.
func (e *Engine) Stranded(next *Settings) string {
	for _, sv := range e.cfg.Services {
		n := e.WaitingCount(sv.ID)
		if n == 0 {
			continue
		}
		if nv, ok := next.Service(sv.ID); !ok || nv.Retired && !sv.Retired {
			return fmt.Sprintf("Dịch vụ %s còn %d số đang chờ: hãy giải quyết hoặc chuyển các số này trước (service %s still has %d tickets waiting)",
				sv.ID, n, sv.ID, n)
		}
	}
	for _, c := range e.cfg.Counters {
		cs := e.counters[c.ID]
		if cs == nil || cs.Ticket == "" {
			continue
		}
		if nc, ok := next.counter(c.ID); !ok || nc.Retired && !c.Retired {
			return fmt.Sprintf("%s đang phục vụ một số: hãy kết thúc trước (counter %d has a ticket called)", c.Name, c.ID)
		}
	}
	return ""
}

// Reconfigure takes the settings the Engine points at, changed in place by
// the caller (after Stranded returned ""): counters added get a closed
// state, and a hall_updated event says the hall changed.
func (e *Engine) Reconfigure(now time.Time) {
	for _, c := range e.cfg.Counters {
		if _, ok := e.counters[c.ID]; !ok {
			cs := &CounterState{ID: c.ID, Day: e.day, Status: CounterClosed}
			e.counters[c.ID] = cs
			e.saveCounter(cs)
		}
	}
	e.emit(now, Event{Type: EvHallUpdated})
}

// counter returns the configured counter with id, and whether it exists.
func (s *Settings) counter(id int) (CounterConfig, bool) {
	for _, c := range s.Counters {
		if c.ID == id {
			return c, true
		}
	}
	return CounterConfig{}, false
}
