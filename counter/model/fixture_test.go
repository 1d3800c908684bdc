package model

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// t0 is the tests' "now": 09:30 in the hall's zone.
var t0 = time.Date(2026, 11, 28, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))

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

func ticket(num string, order uint64, prio bool, issuedMinAgo int) queue.Ticket {
	return queue.Ticket{
		ID: "2026-11-28/" + num, Number: num, Service: num[:1], IssuedService: num[:1],
		Priority: prio, State: queue.Waiting, Order: order,
		IssuedAt: queue.At(t0.Add(-time.Duration(issuedMinAgo) * time.Minute)),
	}
}

// sampleState is counter 1 (services A and B) open with clerk hang.nd and
// no ticket called; A, B and C wait; C is not served here.
func sampleState() protocol.State {
	held := ticket("B002", 3, false, 50)
	held.State, held.Counter, held.Clerk = queue.Held, 1, "hang.nd"
	held.CalledAt = queue.At(t0.Add(-10 * time.Minute))
	heldElsewhere := ticket("A009", 9, false, 40)
	heldElsewhere.State, heldElsewhere.Counter = queue.Held, 2
	return protocol.State{
		Day: "2026-11-28", Seq: 41,
		Hall: protocol.HallInfo{Name: "Sở Công Thương", WaitAlertS: 1200},
		Services: []protocol.ServiceInfo{
			{ID: "A", Name: "Lưu thông hàng hóa"},
			{ID: "B", Name: "Công nghiệp"},
			{ID: "C", Name: "Điện lực"},
		},
		Counters: []queue.Counter{
			{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}, Status: queue.CounterOpen,
				Clerk: "hang.nd", ClerkName: "Nguyễn Diệu Hằng"},
			{ID: 2, Name: "Quầy 2", Services: []string{"C"}, Status: queue.CounterOpen},
		},
		Waiting: []queue.Ticket{
			ticket("A001", 1, false, 25),
			ticket("B001", 2, false, 24),
			ticket("C001", 4, false, 20),
			ticket("A002", 5, true, 5),
		},
		Held: []queue.Ticket{held, heldElsewhere},
		Clerks: []protocol.ClerkStats{
			{Username: "hang.nd", Finished: 4, ServiceSeconds: 1010, Ratings: [6]int{0, 0, 1, 0, 3, 3}},
			{Username: "other", Finished: 9},
		},
	}
}

// serving returns st with ticket num called at counter 1.
func serving(st protocol.State, num string) protocol.State {
	t := ticket(num, 7, true, 30)
	t.State, t.Counter, t.Clerk, t.Recalls = queue.Called, 1, "hang.nd", 2
	t.CalledAt = queue.At(t0.Add(-3*time.Minute - 25*time.Second))
	t.FirstCalledAt = queue.At(t0.Add(-8 * time.Minute))
	st.Counters = append([]queue.Counter(nil), st.Counters...)
	st.Counters[0].Ticket = &t
	return st
}

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
