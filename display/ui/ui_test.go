package ui

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hallq/display/model"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
	"hallq/shared/queue"
	"hallq/shared/xtest"
)

// hallFixture drives a UI the way the display's main does: each event
// goes through a hallclient.Mirror (as the client's OnState) and to the
// UI (as OnEvent).
type hallFixture struct {
	t      *testing.T
	clock  *xtest.Clock
	mirror *hallclient.Mirror
	hall   *UI
	screen *screen
	seq    uint64
}

func newHallFixture(t *testing.T) *hallFixture {
	t.Helper()
	f := &hallFixture{t: t, clock: xtest.NewClock(t0), mirror: hallclient.NewMirror()}
	f.hall = New(test.NewTempApp(t), model.New(f.clock.Now), Options{Size: fyne.NewSize(1280, 720), Version: "1.2.0"})
	t.Cleanup(f.hall.Window().Close)
	f.screen = f.hall.screen
	f.mirror.Reset(protocol.State{
		Day:  "2026-11-28",
		Hall: protocol.HallInfo{Name: "Sở Công Thương", FeedbackContact: "ĐT 0274 3822 567"},
		Services: []protocol.ServiceInfo{
			{ID: "A", Name: "Lưu thông hàng hóa"},
			{ID: "B", Name: "Điện lực"},
		},
		Counters: []queue.Counter{
			{ID: 1, Name: "Quầy 1", Services: []string{"A"}, Status: queue.CounterOpen},
			{ID: 2, Name: "Quầy 2", Services: []string{"B"}, Status: queue.CounterOpen},
		},
	})
	f.hall.SetStatus(model.StatusOf(true, nil, 0))
	f.hall.SetState(f.mirror.State())
	return f
}

// send delivers one event of the given type and data, timed now.
func (f *hallFixture) send(typ string, data any, replayed bool) {
	f.t.Helper()
	raw, err := json.Marshal(data)
	if err != nil {
		f.t.Fatal(err)
	}
	f.seq++
	at := queue.At(f.clock.Now())
	ev := protocol.Message{Type: typ, Seq: f.seq, At: &at, Data: raw}
	if err := f.mirror.Apply(ev); err != nil {
		f.t.Fatal(err)
	}
	f.hall.Event(ev, replayed)
	f.hall.SetState(f.mirror.State())
}

func (f *hallFixture) issue(service string, n int) queue.Ticket {
	f.t.Helper()
	number := service + pad3(n)
	tk := queue.Ticket{ID: "2026-11-28/" + number, Number: number, Service: service, IssuedService: service,
		State: queue.Waiting, IssuedAt: queue.At(f.clock.Now()), Order: f.seq + 1}
	f.send(protocol.EvTicketIssued, protocol.TicketEvent{Ticket: tk}, false)
	return tk
}

func (f *hallFixture) call(tk queue.Ticket, counter int, replayed bool) {
	f.t.Helper()
	tk.State, tk.Counter, tk.CalledAt = queue.Called, queue.OptInt(counter), queue.At(f.clock.Now())
	f.send(protocol.EvTicketCalled, protocol.CalledEvent{Ticket: tk, Counter: counter}, replayed)
}

func pad3(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

// waiting returns the counts on the strip, by service.
func (f *hallFixture) waiting() []string {
	var out []string
	for _, c := range f.screen.waiting.chips {
		out = append(out, c.count.Text)
	}
	return out
}

func TestHallFollowsEvents(t *testing.T) {
	f := newHallFixture(t)
	a1, a2 := f.issue("A", 1), f.issue("A", 2)
	f.issue("B", 1)
	if got := f.waiting(); len(got) != 2 || got[0] != "2" || got[1] != "1" {
		t.Fatalf("waiting after three tickets = %v, want [2 1]", got)
	}

	f.call(a1, 1, false)
	tile := f.screen.tiles[0]
	if tile.number.Text != "A001" {
		t.Errorf("tile 1 shows %q, want A001", tile.number.Text)
	}
	if tile.bg.FillColor != colFlash {
		t.Errorf("tile 1 is not flashing after the call")
	}
	if got := f.waiting(); got[0] != "1" {
		t.Errorf("waiting A after the call = %s, want 1", got[0])
	}
	if r := f.screen.recent.rows[0]; r.left.Text != "A001" || r.right.Text != "Quầy 1" || !r.bg.Visible() {
		t.Errorf("recent[0] = %q %q highlighted %v, want A001 Quầy 1 highlighted", r.left.Text, r.right.Text, r.bg.Visible())
	}
	test.AssertRendersToMarkup(t, "hall_called.xml", f.hall.Window().Canvas())

	// The flash ends after FlashFor; the number stays.
	f.clock.Add(model.FlashFor + time.Second)
	f.hall.redraw()
	if tile.bg.FillColor == colFlash || tile.number.Text != "A001" {
		t.Errorf("after the flash: fill %v, number %q", tile.bg.FillColor, tile.number.Text)
	}

	f.call(a2, 1, false)
	if tile.number.Text != "A002" {
		t.Errorf("tile 1 shows %q, want A002", tile.number.Text)
	}
	rows := f.screen.recent.rows
	if rows[0].left.Text != "A002" || rows[1].left.Text != "A001" || rows[1].bg.Visible() {
		t.Errorf("recent = %q, %q (second highlighted %v), want A002, A001", rows[0].left.Text, rows[1].left.Text, rows[1].bg.Visible())
	}
	if got := f.waiting(); got[0] != "0" {
		t.Errorf("waiting A = %s, want 0", got[0])
	}
}

// TestHallReplayedCallDoesNotFlash: after a reconnect the client replays
// what was missed; the board takes the numbers but does not flash.
func TestHallReplayedCallDoesNotFlash(t *testing.T) {
	f := newHallFixture(t)
	b1 := f.issue("B", 1)
	f.hall.SetStatus(model.StatusOf(false, nil, 1))
	if got := f.screen.header.offline.Text; got == "" {
		t.Error("no offline line")
	}
	f.call(b1, 2, true)
	f.hall.SetStatus(model.StatusOf(true, nil, 0))
	tile := f.screen.tiles[1]
	if tile.number.Text != "B001" || tile.bg.FillColor == colFlash {
		t.Errorf("tile 2: %q, flashing %v; want B001 without flash", tile.number.Text, tile.bg.FillColor == colFlash)
	}
	if f.screen.header.offline.Text != "" {
		t.Errorf("offline line %q after reconnect", f.screen.header.offline.Text)
	}
}
