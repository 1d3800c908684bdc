package hall

import (
	"errors"
	"fmt"

	"hallq/shared/protocol"
)

// replayChunk is how many stored events one read transaction takes for a
// replay. The connection gets them as one batch, and the next chunk is
// read while it writes them, so a replaying connection holds at most a
// few chunks in memory however far behind it is.
const replayChunk = 64

var errDropped = errors.New("hall: subscriber dropped")

// catchUp sends s the day's events after pos and then makes it live. The
// events are read from the store and sent without the hall's lock, so
// that commands go on during a replay; those committed meanwhile are read
// in the next round. Only to see how far the hall has got does it take the
// lock, and when s has every event up to the hall's seq it joins the live
// subscribers under that same lock, so that the next event it gets is the
// next one committed: no gap, no repeat, in order. The store is the buffer
// for the events that come during a replay: a long replay grows no
// memory, and a client that reads slowly stays connected as long as its
// connection keeps it (the hub drops one that stops reading). A day that
// turns during the replay is ended from the store before the new day's
// events start (the day turns at most once per round: a round lasts
// seconds, not a day).
func (h *Hall) catchUp(s Subscriber, day string, pos uint64) error {
	send := replayer(s)
	for {
		h.mu.Lock()
		today, head := h.eng.Day(), h.eng.Seq()
		if today == day && head == pos {
			h.subs[s] = struct{}{}
			h.mu.Unlock()
			return nil
		}
		h.mu.Unlock()
		if today != day {
			last, err := h.st.LastSeq(day)
			if err != nil {
				return err
			}
			if err := h.sendEvents(send, day, pos, last); err != nil {
				return err
			}
			day, pos = today, 0
			continue
		}
		if err := h.sendEvents(send, day, pos, head); err != nil {
			return err
		}
		pos = head
	}
}

// sendEvents sends day's stored events with seq in (after, until], a
// chunk at a time.
func (h *Hall) sendEvents(send func([][]byte) bool, day string, after, until uint64) error {
	for after < until {
		frames, last, err := h.st.EventFrames(day, after, until, replayChunk)
		if err != nil {
			return err
		}
		if len(frames) == 0 || last != after+uint64(len(frames)) {
			return fmt.Errorf("hall: replay of %s: events after %d are not all stored", day, after)
		}
		if !send(frames) {
			return errDropped
		}
		after = last
	}
	return nil
}

// replayer returns how to queue a replay's frames for s: at its client's
// pace when s is a protocol.Replayer, else frame by frame.
func replayer(s Subscriber) func([][]byte) bool {
	if r, ok := s.(protocol.Replayer); ok {
		return r.EnqueueReplay
	}
	return func(frames [][]byte) bool {
		for _, f := range frames {
			if !s.Enqueue(f) {
				return false
			}
		}
		return true
	}
}
