package ui

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hallq/counter/model"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

var t0 = time.Date(2026, 11, 28, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))

type sent struct {
	typ  string
	data any
}

// fakeSender records commands and answers them by type: with the error if
// one is set, else with the data (or {}).
type fakeSender struct {
	mu   sync.Mutex
	sent []sent
	data map[string]any
	errs map[string]error
}

func (f *fakeSender) Send(_ context.Context, typ string, data any) (json.RawMessage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, sent{typ, data})
	if err := f.errs[typ]; err != nil {
		return nil, err
	}
	if d, ok := f.data[typ]; ok {
		return json.Marshal(d)
	}
	return json.RawMessage(`{}`), nil
}

func (f *fakeSender) commands() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sent(nil), f.sent...)
}

func ticket(num string, order uint64, prio bool, minAgo int) queue.Ticket {
	return queue.Ticket{
		ID: "2026-11-28/" + num, Number: num, Service: num[:1], IssuedService: num[:1],
		Priority: prio, State: queue.Waiting, Order: order,
		IssuedAt: queue.At(t0.Add(-time.Duration(minAgo) * time.Minute)),
	}
}

// sampleState: Quầy 1 (A, B) open with hang.nd, nothing called; four
// tickets wait here, one at another counter; one ticket is held here.
func sampleState() protocol.State {
	held := ticket("B002", 3, false, 50)
	held.State, held.Counter, held.Clerk = queue.Held, 1, "hang.nd"
	held.CalledAt = queue.At(t0.Add(-10 * time.Minute))
	moved := ticket("A003", 6, false, 31)
	moved.Service = "B"
	return protocol.State{
		Day:  "2026-11-28",
		Hall: protocol.HallInfo{Name: "Sở Công Thương tỉnh Bình Dương", WaitAlertS: 1200},
		Services: []protocol.ServiceInfo{
			{ID: "A", Name: "Lưu thông hàng hóa trong nước"},
			{ID: "B", Name: "Công nghiệp, hóa chất"},
			{ID: "C", Name: "Điện lực, năng lượng"},
		},
		Counters: []queue.Counter{
			{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}, Status: queue.CounterOpen,
				Clerk: "hang.nd", ClerkName: "Nguyễn Diệu Hằng"},
			{ID: 2, Name: "Quầy 2", Services: []string{"C"}, Status: queue.CounterOpen},
		},
		Waiting: []queue.Ticket{
			ticket("A001", 1, false, 25), ticket("B001", 2, false, 12),
			ticket("C001", 4, false, 20), ticket("A002", 5, true, 4), moved,
		},
		Held: []queue.Ticket{held},
		Clerks: []protocol.ClerkStats{
			{Username: "hang.nd", Finished: 14, ServiceSeconds: 14 * 263, Ratings: [6]int{0, 1, 0, 2, 5, 6}},
		},
	}
}

// serving returns st with A007 (priority, recalled twice) called at Quầy 1.
func serving(st protocol.State) protocol.State {
	t := ticket("A007", 7, true, 30)
	t.State, t.Counter, t.Clerk, t.Recalls = queue.Called, 1, "hang.nd", 2
	t.CalledAt = queue.At(t0.Add(-3*time.Minute - 25*time.Second))
	t.FirstCalledAt = queue.At(t0.Add(-8 * time.Minute))
	st.Counters = append([]queue.Counter(nil), st.Counters...)
	st.Counters[0].Ticket = &t
	return st
}

func signedOut(st protocol.State) protocol.State {
	st.Counters = append([]queue.Counter(nil), st.Counters...)
	st.Counters[0].Clerk, st.Counters[0].ClerkName, st.Counters[0].Status = "", "", queue.CounterClosed
	return st
}

// harness is a window over a Desk with a fake sender, in a test app.
type harness struct {
	t    *testing.T
	desk *model.Desk
	ui   *UI
	send *fakeSender
}

func newHarness(t *testing.T, st protocol.State, f *fakeSender) *harness {
	t.Helper()
	test.NewTempApp(t)
	if f == nil {
		f = &fakeSender{}
	}
	d := model.New(model.Config{Sender: f, Now: func() time.Time { return t0 }})
	t.Cleanup(d.Close)
	d.SetStatus(true, 0, nil)
	d.SetHello(protocol.HelloReply{Role: protocol.RoleCounter, Device: "counter-1", Counter: 1, Day: st.Day})
	d.SetState(st)
	u := New(fyne.CurrentApp(), d)
	t.Cleanup(u.Window().Close)
	return &harness{t: t, desk: d, ui: u, send: f}
}

// settle waits for the command in flight and re-renders, as OnChange does
// in the app.
func (h *harness) settle() {
	h.desk.Wait()
	h.ui.Refresh()
}

// press delivers a key as the desktop driver does: to the focused widget
// if there is one, else to the canvas's handler.
func (h *harness) press(name fyne.KeyName) {
	h.t.Helper()
	c := h.ui.Window().Canvas()
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else {
		c.OnTypedKey()(ev)
	}
	h.settle()
}

func (h *harness) setState(st protocol.State) {
	h.desk.SetState(st)
	h.ui.Refresh()
}
