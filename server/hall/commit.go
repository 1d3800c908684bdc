package hall

import (
	"encoding/json"
	"fmt"

	"hallq/server/store"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// commitLocked writes the Engine's pending changes and reply in one
// transaction, then hands the events to the subscribers. If the write
// fails, the Engine is rebuilt from disk so memory never runs ahead of it.
func (h *Hall) commitLocked(reply *store.Reply) error {
	ch := h.eng.TakeChanges()
	if ch.Empty() && reply == nil {
		return nil
	}
	frames := make([][]byte, len(ch.Events))
	for i, ev := range ch.Events {
		pe := protocol.FromEvent(ev)
		if ev.Type == queue.EvHallUpdated {
			st := h.stateLocked()
			pe.Data = protocol.HallUpdatedEvent{Hall: st.Hall, Services: st.Services, Counters: st.Counters}
		}
		b, err := json.Marshal(pe)
		if err != nil {
			return h.recoverLocked(fmt.Errorf("hall: encode event: %w", err))
		}
		frames[i] = b
	}
	if err := h.st.Commit(h.eng.Day(), ch, frames, reply); err != nil {
		return h.recoverLocked(err)
	}
	if len(frames) > 0 {
		h.broadcastLocked(frames...)
	}
	for _, ev := range ch.Events {
		if ev.Type == queue.EvTicketIssued {
			h.metrics.TicketIssued(ev.Ticket.IssuedService)
		}
	}
	h.metrics.Events(len(frames))
	if len(frames) > 0 {
		h.citizensDirtyLocked(ch.Events)
	}
	return nil
}

func (h *Hall) recoverLocked(cause error) error {
	h.log.Error("commit failed; reloading the day from disk", "err", cause)
	if err := h.loadLocked(h.eng.Day()); err != nil {
		h.log.Error("reload failed", "err", err)
	}
	return cause
}

// broadcastLocked hands one commit's frames to every subscriber at once.
func (h *Hall) broadcastLocked(frames ...[]byte) {
	for s := range h.subs {
		if !s.Enqueue(frames...) {
			delete(h.subs, s)
		}
	}
}

// Unsubscribe stops sending events to s.
func (h *Hall) Unsubscribe(s Subscriber) {
	h.mu.Lock()
	delete(h.subs, s)
	h.mu.Unlock()
	h.citizens.remove(s)
}
