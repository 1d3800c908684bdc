package hallclient

import (
	"encoding/json"
	"errors"
	"fmt"

	"hallq/shared/protocol"
)

// errGap ends a connection whose events skipped a seq; the next hello asks
// for a full state.
var errGap = errors.New("hallclient: event seq gap, asking for a full state")

// handle routes one frame from the server: a reply to its waiting Send, an
// event to the Mirror and the callbacks. An error ends the connection.
func (c *Client) handle(data []byte) error {
	var m protocol.Message
	if err := json.Unmarshal(data, &m); err != nil {
		c.log.Warn("hallclient: undecodable message", "err", err)
		return nil
	}
	if m.Type == protocol.TypeReply {
		c.resolve(m)
		return nil
	}
	if m.Seq == 0 {
		c.log.Debug("hallclient: ignoring message", "type", m.Type)
		return nil
	}
	return c.event(m)
}

// resolve hands a reply to the Send waiting for its id. Replies to pings
// and repeated replies find no one.
func (c *Client) resolve(m protocol.Message) {
	if m.ID == nil || *m.ID == "" {
		if m.Error != nil {
			c.log.Warn("hallclient: server rejected a message", "code", m.Error.Code, "message", m.Error.Message)
		}
		return
	}
	c.mu.Lock()
	p := c.pending[*m.ID]
	delete(c.pending, *m.ID)
	c.mu.Unlock()
	if p != nil {
		p.reply <- m
	}
}

// event folds one event into the mirror and reports it, skipping events
// already seen. A gap in the seqs, or an event the Mirror cannot read,
// ends the connection so that the next hello fetches a full state.
func (c *Client) event(m protocol.Message) error {
	c.mu.Lock()
	cur := c.mirror.s
	if m.Type == protocol.EvDayStarted {
		var d protocol.DayEvent
		if err := json.Unmarshal(m.Data, &d); err == nil && d.Day == cur.Day {
			c.mu.Unlock()
			return nil // the current day's start, seen already
		}
	} else {
		if m.Seq <= cur.Seq {
			c.mu.Unlock()
			c.log.Debug("hallclient: event seen already", "seq", m.Seq)
			return nil
		}
		if m.Seq != cur.Seq+1 {
			c.resync = true
			c.mu.Unlock()
			c.log.Warn("hallclient: event gap", "have", cur.Seq, "got", m.Seq)
			return errGap
		}
	}
	if err := c.mirror.Apply(m); err != nil {
		c.resync = true
		c.mu.Unlock()
		return fmt.Errorf("hallclient: %w", err)
	}
	var st protocol.State
	if c.cfg.OnState != nil {
		st = c.mirror.State()
	}
	c.mu.Unlock()

	ev := Event{Message: m, Replayed: m.Seq <= c.helloSeq}
	if m.Type == protocol.EvDayStarted {
		// A new day is never a replay (a hello of another day gets a full
		// state), and its seqs start again at 1.
		ev.Replayed, c.helloSeq = false, 0
	}
	if c.cfg.OnEvent != nil {
		c.cfg.OnEvent(ev)
	}
	if c.cfg.OnState != nil {
		c.cfg.OnState(st)
	}
	return nil
}
