package desk

import (
	"encoding/json"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// patchLocked applies a successful reply to the local state at once, so the
// buttons follow the command without waiting for its event (which brings the
// same change, and may come first or after). A second "call next" clicked
// right after the first therefore finds the call button disabled.
func (d *Desk) patchLocked(typ string, raw json.RawMessage) {
	c := d.counterLocked()
	if c == nil {
		return
	}
	switch typ {
	case protocol.CmdClerkLogin:
		var r protocol.ClerkReply
		if json.Unmarshal(raw, &r) == nil && r.Clerk.Username != "" {
			c.Clerk, c.ClerkName = queue.OptString(r.Clerk.Username), queue.OptString(r.Clerk.Name)
			if c.Status == queue.CounterClosed {
				c.Status = queue.CounterOpen
			}
		}
	case protocol.CmdClerkLogout:
		c.Clerk, c.ClerkName, c.Status, c.Ticket = "", "", queue.CounterClosed, nil
	case protocol.CmdPause, protocol.CmdResume:
		var r protocol.CounterReply
		if json.Unmarshal(raw, &r) == nil && r.Counter.ID == c.ID && r.Counter.Status != "" {
			c.Status = r.Counter.Status
		}
	case protocol.CmdCallNext, protocol.CmdCallTicket, protocol.CmdRecall, protocol.CmdFinish,
		protocol.CmdNoShow, protocol.CmdHold, protocol.CmdTransfer:
		var r protocol.TicketReply
		if json.Unmarshal(raw, &r) != nil || r.Ticket.ID == "" {
			return
		}
		d.patchTicketLocked(c, r.Ticket)
	}
}

// patchTicketLocked puts t where its state says it belongs.
func (d *Desk) patchTicketLocked(c *queue.Counter, t queue.Ticket) {
	d.state.Waiting = without(d.state.Waiting, t.ID)
	d.state.Held = without(d.state.Held, t.ID)
	switch t.State {
	case queue.Called:
		c.Ticket = &t
	case queue.Held:
		c.Ticket = nil
		d.state.Held = append(d.state.Held, t)
	case queue.Waiting:
		c.Ticket = nil
		d.state.Waiting = append(d.state.Waiting, t)
	default:
		c.Ticket = nil
	}
}

// without returns ts without the ticket id, in a new slice.
func without(ts []queue.Ticket, id string) []queue.Ticket {
	out := make([]queue.Ticket, 0, len(ts))
	for _, t := range ts {
		if t.ID != id {
			out = append(out, t)
		}
	}
	return out
}
