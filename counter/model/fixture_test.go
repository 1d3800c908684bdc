package model

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"hallq/counter/model/modeltest"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

var t0 = modeltest.T0

type sent struct {
	typ  string
	data any
}

type answer struct {
	data any
	err  error
}

// fakeSender records commands and answers them from a table by type; with
// a gate, each Send waits until the gate is closed. As the server does, it
// delivers a command's event before its reply: events[typ] is the state
// the event brings, handed to desk.
type fakeSender struct {
	mu      sync.Mutex
	sent    []sent
	answers map[string]answer
	gate    chan struct{}
	events  map[string]protocol.State
	desk    *Desk
}

func (f *fakeSender) Send(ctx context.Context, typ string, data any) (json.RawMessage, error) {
	f.mu.Lock()
	f.sent = append(f.sent, sent{typ, data})
	a, gate := f.answers[typ], f.gate
	f.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if a.err != nil {
		return nil, a.err
	}
	if st, ok := f.events[typ]; ok && f.desk != nil {
		f.desk.SetState(st)
	}
	if a.data == nil {
		return json.RawMessage(`{}`), nil
	}
	return json.Marshal(a.data)
}

func (f *fakeSender) commands() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sent(nil), f.sent...)
}

func ticket(num string, order uint64, prio bool, minAgo int) queue.Ticket {
	return modeltest.Ticket(num, order, prio, minAgo)
}

// sampleState is the counter's sample hall (modeltest).
func sampleState() protocol.State { return modeltest.SampleState() }

// serving returns st with ticket num called at counter 1.
func serving(st protocol.State, num string) protocol.State { return modeltest.Serving(st, num) }

func counterHello() protocol.HelloReply {
	return protocol.HelloReply{Role: protocol.RoleCounter, Device: "counter-1", Counter: 1, Day: "2026-11-28"}
}

// newDesk returns a Desk that is online with hello and st.
func newDesk(t *testing.T, f *fakeSender, st protocol.State) *Desk {
	t.Helper()
	d := New(Config{Sender: f, Now: func() time.Time { return t0 }})
	t.Cleanup(d.Close)
	d.SetStatus(true, 0, nil)
	d.SetHello(counterHello())
	d.SetState(st)
	return d
}

func enabledActions(v View) []Action {
	var as []Action
	for a := Action(0); a < numActions; a++ {
		if v.Can(a) {
			as = append(as, a)
		}
	}
	return as
}
