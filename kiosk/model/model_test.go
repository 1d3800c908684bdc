package model

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"hallq/kiosk/printer"
	"hallq/shared/protocol"
	"hallq/shared/queue"
	"hallq/shared/xtest"
)

// fakeSender answers commands with reply(typ, data) and records them.
type fakeSender struct {
	mu    sync.Mutex
	sent  []sent
	reply func(typ string, data any) (any, error)
}

type sent struct {
	typ  string
	data any
}

func (f *fakeSender) Send(_ context.Context, typ string, data any) (json.RawMessage, error) {
	f.mu.Lock()
	f.sent = append(f.sent, sent{typ, data})
	reply := f.reply
	f.mu.Unlock()
	if reply == nil {
		return json.RawMessage(`{}`), nil
	}
	v, err := reply(typ, data)
	if err != nil {
		return nil, err
	}
	b, _ := json.Marshal(v)
	return b, nil
}

func (f *fakeSender) count(typ string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, s := range f.sent {
		if s.typ == typ {
			n++
		}
	}
	return n
}

func (f *fakeSender) last() sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.sent) == 0 {
		return sent{}
	}
	return f.sent[len(f.sent)-1]
}

// fakePrinter records slips and fails with err.
type fakePrinter struct {
	mu    sync.Mutex
	slips []printer.Slip
	err   error
}

func (p *fakePrinter) Print(_ context.Context, s printer.Slip) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.slips = append(p.slips, s)
	return p.err
}

var hallZone = time.FixedZone("ICT", 7*3600)

type fixture struct {
	m       *Model
	sender  *fakeSender
	printer *fakePrinter
	clock   *xtest.Clock
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{
		sender:  &fakeSender{reply: issueOK},
		printer: &fakePrinter{},
		clock:   xtest.NewClock(time.Date(2026, 11, 28, 9, 15, 0, 0, hallZone)),
	}
	f.m = New(Config{Sender: f.sender, Printer: f.printer, Now: f.clock.Now, Go: func(fn func()) { fn() }})
	f.m.SetState(testState())
	f.m.SetStatus(true)
	return f
}

func testState() protocol.State {
	return protocol.State{
		Day: "2026-11-28",
		Hall: protocol.HallInfo{Name: "Sở Công Thương tỉnh Bình Dương", Open: "07:30", Close: "17:00",
			FeedbackContact: "Phòng Tổng hợp, ĐT 0274 3822 000"},
		Services: []protocol.ServiceInfo{
			{ID: "A", Name: "Lưu thông hàng hóa trong nước", Description: "Giấy phép bán lẻ rượu", Waiting: 3},
			{ID: "B", Name: "Điện lực", Description: "Giấy phép hoạt động điện lực", Waiting: 0, DailyLimit: 5, Issued: 5},
		},
		Counters: []queue.Counter{{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}}},
	}
}

func issueOK(typ string, data any) (any, error) {
	switch typ {
	case protocol.CmdIssueTicket:
		req := data.(protocol.IssueTicket)
		return protocol.IssueReply{
			Ticket: queue.Ticket{ID: "2026-11-28/" + req.Service + "004", Number: req.Service + "004",
				Service: req.Service, Priority: req.Priority, Token: "7KQ2M9XH",
				IssuedAt: queue.At(time.Date(2026, 11, 28, 9, 15, 2, 0, hallZone))},
			Ahead: 3, EstimatedWaitS: 540,
		}, nil
	case protocol.CmdFeedback:
		return protocol.FeedbackReply{FeedbackID: 12}, nil
	}
	return protocol.Empty{}, nil
}

func errReply(code string) func(string, any) (any, error) {
	return func(string, any) (any, error) { return nil, queue.Errorf(code, "thông báo %s", code) }
}

var errNet = errors.New("dial tcp: connection refused")
