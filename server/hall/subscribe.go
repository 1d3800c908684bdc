package hall

import (
	"encoding/json"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Subscribe answers a device's hello with id and starts its events: it
// enqueues the hello reply, then the day's events after hello.Since (or
// puts a full state in the reply when it cannot replay), and from then on
// every live event. All of it happens under the hall's lock, so no event is
// missed, reordered or sent twice.
func (h *Hall) Subscribe(s Subscriber, dev Device, id string, hello protocol.Hello) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.turnDayIfDueLocked()
	day, seq := h.eng.Day(), h.eng.Seq()
	rep := protocol.HelloReply{Role: dev.Role, Device: dev.ID, Counter: dev.Counter, Day: day, Seq: seq}
	helloDay := hello.Day
	if helloDay == "" {
		helloDay = day
	}
	replay := hello.Since > 0 && helloDay == day && hello.Since <= seq
	if !replay {
		st := h.stateLocked()
		rep.State = &st
	}
	frame, err := json.Marshal(protocol.Reply{Type: protocol.TypeReply, ID: id, OK: true, Data: rep})
	if err != nil || !s.Enqueue(frame) {
		return false
	}
	if replay {
		err := h.st.Events(day, hello.Since, func(_ uint64, f []byte) error {
			if !s.Enqueue(append([]byte(nil), f...)) {
				return errDropped
			}
			return nil
		})
		if err != nil {
			return false
		}
	}
	h.subs[s] = struct{}{}
	return true
}

var errDropped = queue.Errorf(queue.EINTERNAL, "subscriber dropped")

// State returns the full state of the day.
func (h *Hall) State() protocol.State {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stateLocked()
}

func (h *Hall) stateLocked() protocol.State {
	s := &h.settings
	return protocol.StateOf(h.eng, protocol.HallInfo{
		Name: s.Name, Open: queue.FormatClock(s.Open), Close: queue.FormatClock(s.Close),
		FeedbackContact: s.FeedbackContact, WaitAlertS: int(s.WaitAlert.Seconds()),
		ServiceAlertS: int(s.ServiceAlert.Seconds()),
		RatingWindowS: int(s.RatingWindow.Seconds()), PriorityStreak: s.PriorityStreak,
		Timezone: s.Location.String(),
		Ticker:   h.config().Hall.Ticker, Announcement: h.config().Hall.Announcement,
	})
}
