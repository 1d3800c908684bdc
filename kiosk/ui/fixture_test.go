package ui

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/kiosk/printer"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

type sender struct {
	mu   sync.Mutex
	sent map[string][]any
}

func (s *sender) Send(_ context.Context, typ string, data any) (json.RawMessage, error) {
	s.mu.Lock()
	s.sent[typ] = append(s.sent[typ], data)
	s.mu.Unlock()
	var v any = protocol.Empty{}
	switch typ {
	case protocol.CmdIssueTicket:
		req := data.(protocol.IssueTicket)
		v = protocol.IssueReply{Ticket: queue.Ticket{ID: "2026-11-28/A004", Number: "A004", Service: req.Service,
			Priority: req.Priority, Token: "7KQ2M9XH", IssuedAt: queue.At(time.Date(2026, 11, 28, 9, 15, 2, 0, zone))},
			Ahead: 3, EstimatedWaitS: 540}
	case protocol.CmdFeedback:
		v = protocol.FeedbackReply{FeedbackID: 7}
	}
	b, _ := json.Marshal(v)
	return b, nil
}

func (s *sender) got(typ string) []any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]any(nil), s.sent[typ]...)
}

type fakePrinter struct{ err error }

func (p fakePrinter) Print(context.Context, printer.Slip) error { return p.err }

var zone = time.FixedZone("ICT", 7*3600)

type fixture struct {
	m   *model.Model
	u   *UI
	s   *sender
	now time.Time
	// held is the corner's pending hold, fired by the test.
	held func()
}

// newFixture builds the kiosk window at size with a fake server and clock.
func newFixture(t *testing.T, size fyne.Size, prn model.Printer) *fixture {
	t.Helper()
	app := test.NewTempApp(t)
	f := &fixture{s: &sender{sent: map[string][]any{}}, now: time.Date(2026, 11, 28, 9, 15, 0, 0, zone)}
	var u *UI
	f.m = model.New(model.Config{
		Sender: f.s, Printer: prn, Now: func() time.Time { return f.now },
		Go:       func(fn func()) { fn() },
		CheckPIN: func(pin string) bool { return pin == "2468" },
		OnChange: func() {
			if u != nil {
				u.Render()
			}
		},
	})
	after := func(_ time.Duration, fn func()) func() bool {
		f.held = fn
		return func() bool { f.held = nil; return true }
	}
	u = New(app, f.m, Options{Size: size, AfterFunc: after, Version: "1.2.0"})
	f.u = u
	f.m.SetState(testState())
	f.m.SetStatus(true)
	t.Cleanup(func() { u.Window().Close() })
	return f
}

func testState() protocol.State {
	return protocol.State{
		Day: "2026-11-28",
		Hall: protocol.HallInfo{Name: "Sở Công Thương tỉnh Bình Dương", Open: "07:30", Close: "17:00",
			FeedbackContact: "Phòng Kế hoạch - Tài chính - Tổng hợp, ĐT 0274 3822 000"},
		Services: []protocol.ServiceInfo{
			{ID: "A", Name: "Lưu thông hàng hóa trong nước", Description: "Giấy phép bán lẻ rượu, thuốc lá; giấy phép bán buôn rượu, thuốc lá; đăng ký hoạt động bán hàng đa cấp tại địa phương.", Waiting: 3},
			{ID: "B", Name: "Điện lực", Description: "Cấp giấy phép hoạt động điện lực.", DailyLimit: 5, Issued: 5},
			{ID: "C", Name: "Hóa chất", Description: "Giấy chứng nhận đủ điều kiện sản xuất, kinh doanh hóa chất.", Waiting: 0},
			{ID: "D", Name: "An toàn thực phẩm", Description: "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm.", Waiting: 12},
		},
		Counters: []queue.Counter{{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}}},
	}
}

// button finds the visible button labelled text.
func (f *fixture) button(t *testing.T, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(f.u.Window().Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q on screen %v", text, f.m.View().Screen)
	return nil
}

// tap taps the button labelled text.
func (f *fixture) tap(t *testing.T, text string) {
	t.Helper()
	test.Tap(f.button(t, text))
}

// tile returns the button under service id's tile.
func (f *fixture) tile(t *testing.T, id string) *tapArea {
	t.Helper()
	h := f.u.screens[model.ScreenHome].(*home)
	for i, tl := range h.tiles {
		if f.m.View().Tiles[i].ID == id {
			return tl.btn
		}
	}
	t.Fatalf("no tile %s", id)
	return nil
}

// keys taps the on-screen keys for s.
func (f *fixture) keys(t *testing.T, s string) {
	t.Helper()
	for _, r := range s {
		if r == ' ' {
			f.tap(t, "Dấu cách")
			continue
		}
		f.tap(t, string(r))
	}
}

func (f *fixture) tick(d time.Duration) {
	f.now = f.now.Add(d)
	f.m.Tick()
}
