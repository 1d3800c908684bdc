package ui

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"hallq/counter/model/modeltest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hallq/counter/model"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

var t0 = modeltest.T0

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
	return modeltest.Ticket(num, order, prio, minAgo)
}

// sampleState is the counter's sample hall (modeltest).
func sampleState() protocol.State { return modeltest.SampleState() }

// serving returns st with A007 called at counter 1.
func serving(st protocol.State) protocol.State { return modeltest.Serving(st, "A007") }

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
	u := New(fyne.CurrentApp(), d, Options{Version: "1.2.0"})
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
