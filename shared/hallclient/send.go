package hallclient

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// pending is a command sent and not yet answered.
type pending struct {
	seq   uint64 // order of Send calls, for re-sending in order
	frame []byte
	reply chan protocol.Message // buffered: the reader never waits
}

// Send sends the command typ with data (nil for none) and waits for its
// reply, returning the reply's data. It is safe for concurrent use.
//
// When the client is not connected, Send returns ErrOffline at once. When
// the link drops after sending, the command stays in flight: it is re-sent
// with the same id right after the next hello, ahead of new commands, so
// the server applies it once, and Send keeps waiting until the reply comes
// or ctx is done. A failed reply is returned as a *queue.Error. A command
// larger than protocol.MaxMessageBytes is refused with code bad_request
// without being sent.
//
// Replies are read on Run's goroutine, so Send must not be called from a
// callback (it would wait forever) and blocks its caller until the reply:
// call it from a goroutine of its own, not from the UI thread.
func (c *Client) Send(ctx context.Context, typ string, data any) (json.RawMessage, error) {
	return c.SendID(ctx, c.newID(), typ, data)
}

// NewID returns a fresh command id, unique per device and day, for SendID.
func (c *Client) NewID() string { return c.newID() }

// SendID is Send with the command id chosen by the caller. Sending again
// with the id of a command whose Send gave up (its ctx ended before the
// reply) is the same command: the server applies it at most once and
// answers a repeat with the reply it stored. If a Send with that id still
// waits, it waits on and this call takes the reply. The id must come from
// NewID (or be as unique), at most protocol.MaxIDLength long.
func (c *Client) SendID(ctx context.Context, id, typ string, data any) (json.RawMessage, error) {
	if id == "" || len(id) > protocol.MaxIDLength {
		return nil, fmt.Errorf("hallclient: command id %q: empty or over %d characters", id, protocol.MaxIDLength)
	}
	frame, err := json.Marshal(protocol.Command{Type: typ, ID: id, Data: data})
	if err != nil {
		return nil, fmt.Errorf("hallclient: encode %s: %w", typ, err)
	}
	if len(frame) > protocol.MaxMessageBytes {
		return nil, queue.Errorf(queue.EBADREQUEST, "Nội dung quá dài, vui lòng rút gọn")
	}
	p := &pending{frame: frame, reply: make(chan protocol.Message, 1)}
	c.mu.Lock()
	if !c.connected {
		c.mu.Unlock()
		return nil, ErrOffline
	}
	c.sendSeq++
	p.seq = c.sendSeq
	c.pending[id] = p
	out, done := c.out, c.sessDone
	c.mu.Unlock()

	select {
	case out <- frame:
	case <-done: // the link dropped first: the next hello re-sends it
	case <-ctx.Done():
		c.forget(id, p)
		return nil, ctx.Err()
	}
	select {
	case m := <-p.reply:
		return result(m)
	case <-ctx.Done():
		c.forget(id, p)
		return nil, ctx.Err()
	}
}

// forget drops a command its caller no longer waits for, unless a later
// SendID with the same id took it over.
func (c *Client) forget(id string, p *pending) {
	c.mu.Lock()
	if c.pending[id] == p {
		delete(c.pending, id)
	}
	c.mu.Unlock()
}

// inFlight returns the frames of the commands in flight, in Send order.
// The caller holds c.mu.
func (c *Client) inFlight() [][]byte {
	ps := make([]*pending, 0, len(c.pending))
	for _, p := range c.pending {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b *pending) int { return cmp.Compare(a.seq, b.seq) })
	frames := make([][]byte, len(ps))
	for i, p := range ps {
		frames[i] = p.frame
	}
	return frames
}

// newID returns a command id unique per device and day: the client's random
// prefix and a counter.
func (c *Client) newID() string {
	return c.idPrefix + "-" + strconv.FormatUint(c.nextID.Add(1), 36)
}

// result turns a reply into its data, or a *queue.Error when it failed.
func result(m protocol.Message) (json.RawMessage, error) {
	if m.OK != nil && *m.OK {
		return m.Data, nil
	}
	if m.Error == nil {
		return nil, queue.Errorf(queue.EINTERNAL, "Máy chủ trả lời không rõ")
	}
	return nil, &queue.Error{Code: m.Error.Code, Message: m.Error.Message}
}
