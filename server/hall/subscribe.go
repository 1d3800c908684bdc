package hall

import (
	"encoding/json"
	"errors"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Subscribe answers a device's hello with id and starts its events. When
// the client must replace its state (since 0, another day, since ahead of
// the hall), the reply carries a full state and the subscriber joins the
// live events at once, under the hall's lock. Otherwise the reply goes out
// and the day's events after hello.Since follow, read from the store and
// sent without the lock (catchUp), before the live ones. Subscribe blocks
// its caller until the subscriber is live; false means that the
// connection must be dropped (it went away or was too slow, or the store
// failed) and that its client will reconnect with since.
func (h *Hall) Subscribe(s Subscriber, dev Device, id string, hello protocol.Hello) bool {
	if dev.Role == protocol.RoleCitizen {
		return h.subscribeCitizen(s, dev, id)
	}
	day, replay, ok := h.answerHello(s, dev, id, hello)
	if !ok || !replay {
		return ok
	}
	if err := h.catchUp(s, day, hello.Since); err != nil {
		if errors.Is(err, errDropped) {
			h.log.Debug("replay stopped: connection dropped or ended", "device", dev.ID, "since", hello.Since)
		} else {
			h.log.Error("replay failed", "device", dev.ID, "since", hello.Since, "err", err)
		}
		return false
	}
	return true
}

// answerHello queues the hello reply under the lock, with the hall's day
// and seq (and a full state when the client cannot be replayed to). A
// subscriber with nothing to replay joins the live events there and then;
// replay reports that events after hello.Since are to be sent first.
func (h *Hall) answerHello(s Subscriber, dev Device, id string, hello protocol.Hello) (day string, replay, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.turnDayIfDueLocked()
	day, seq := h.eng.Day(), h.eng.Seq()
	rep := protocol.HelloReply{Role: dev.Role, Device: dev.ID, Counter: dev.Counter, Day: day, Seq: seq}
	helloDay := hello.Day
	if helloDay == "" {
		helloDay = day
	}
	replay = hello.Since > 0 && helloDay == day && hello.Since <= seq
	if !replay {
		st := h.stateLocked()
		rep.State = &st
	}
	frame, err := json.Marshal(protocol.Reply{Type: protocol.TypeReply, ID: id, OK: true, Data: rep})
	if err != nil || !s.Enqueue(frame) {
		return day, false, false
	}
	if !replay || hello.Since == seq {
		h.subs[s] = struct{}{}
		return day, false, true
	}
	return day, true, true
}

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
		PublicURL: h.config().Hall.PublicURL,
	})
}
