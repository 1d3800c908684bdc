package model

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
	"hallq/shared/xtest"
)

// idServer is a Sender that chooses command ids and stands for the server
// too: it issues one ticket per command id and answers a repeated id with
// the stored reply. While held, a command waits for release (or, when
// ctxStops is set, for its ctx to end, as the real client does).
type idServer struct {
	mu       sync.Mutex
	next     int
	ids      []string // ids of the issue_ticket commands received
	replies  map[string]protocol.IssueReply
	hold     chan struct{} // non-nil: commands wait for it to close
	ctxStops bool
	returned chan string // the id of each SendID that returned
}

func newIDServer() *idServer {
	return &idServer{replies: map[string]protocol.IssueReply{}, returned: make(chan string, 10)}
}

func (s *idServer) NewID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	return "k1-" + strconv.Itoa(s.next)
}

func (s *idServer) Send(ctx context.Context, typ string, data any) (json.RawMessage, error) {
	return s.SendID(ctx, s.NewID(), typ, data)
}

func (s *idServer) SendID(ctx context.Context, id, typ string, data any) (json.RawMessage, error) {
	defer func() { s.returned <- id }()
	s.mu.Lock()
	s.ids = append(s.ids, id)
	hold, ctxStops := s.hold, s.ctxStops
	s.mu.Unlock()
	if hold != nil {
		if ctxStops {
			select {
			case <-hold:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		} else {
			<-hold
		}
	}
	if typ != protocol.CmdIssueTicket {
		return json.RawMessage(`{}`), nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.replies[id]
	if !ok {
		req := data.(protocol.IssueTicket)
		num := fmt.Sprintf("%s%03d", req.Service, len(s.replies)+1)
		r = protocol.IssueReply{Ticket: queue.Ticket{ID: "2026-11-28/" + num, Number: num, Service: req.Service,
			Priority: req.Priority, Token: "7KQ2M9XH"}}
		s.replies[id] = r
	}
	b, _ := json.Marshal(r)
	return b, nil
}

func (s *idServer) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.ids...)
}

func (s *idServer) issued() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.replies)
}

// timer is an AfterFunc the test fires.
type timer struct {
	d       time.Duration
	f       func()
	stopped bool
}

type waitFixture struct {
	m       *Model
	srv     *idServer
	printer *fakePrinter
	clock   *xtest.Clock
	mu      sync.Mutex
	timers  []*timer
}

// newWaitFixture is a kiosk on the idServer whose sends run on goroutines
// of their own, as in production, and whose timers the test fires.
func newWaitFixture(t *testing.T) *waitFixture {
	t.Helper()
	f := &waitFixture{srv: newIDServer(), printer: &fakePrinter{},
		clock: xtest.NewClock(time.Date(2026, 11, 28, 9, 15, 0, 0, hallZone))}
	f.m = New(Config{Sender: f.srv, Printer: f.printer, Now: f.clock.Now,
		AfterFunc: func(d time.Duration, fn func()) func() bool {
			f.mu.Lock()
			defer f.mu.Unlock()
			tm := &timer{d: d, f: fn}
			f.timers = append(f.timers, tm)
			return func() bool {
				f.mu.Lock()
				defer f.mu.Unlock()
				was := !tm.stopped
				tm.stopped = true
				return was
			}
		}})
	f.m.SetState(testState())
	f.m.SetStatus(true)
	return f
}

// fire runs the last timer, as if its time had come.
func (f *waitFixture) fire(t *testing.T) {
	t.Helper()
	f.mu.Lock()
	if len(f.timers) == 0 {
		f.mu.Unlock()
		t.Fatal("no timer to fire")
	}
	tm := f.timers[len(f.timers)-1]
	f.mu.Unlock()
	tm.f()
}

// waitReturned waits for n SendIDs to return.
func (f *waitFixture) waitReturned(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-f.srv.returned:
		case <-time.After(5 * time.Second):
			t.Fatal("a send did not return")
		}
	}
}

// waitFor polls ok for up to 5 s.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func (f *waitFixture) slips() int {
	f.printer.mu.Lock()
	defer f.printer.mu.Unlock()
	return len(f.printer.slips)
}

// issueA taps service A and "no priority".
func (f *waitFixture) issueA() {
	f.m.ChooseService("A")
	f.m.AnswerPriority(false)
}

// TestIssueGivesUpAfterIssueWait checks the dead link as the citizen sees
// it: no answer within IssueWait (5 s) shows the failure at once with the
// way home, the stalled command's end changes nothing, and the retry is the
// same command, so one ticket is issued and one slip printed.
func TestIssueGivesUpAfterIssueWait(t *testing.T) {
	f := newWaitFixture(t)
	f.srv.hold, f.srv.ctxStops = make(chan struct{}), true
	f.issueA()
	waitFor(t, "the issue to be sent", func() bool { return len(f.srv.received()) == 1 })
	f.mu.Lock()
	if len(f.timers) != 1 || f.timers[0].d != IssueWait || IssueWait > 5*time.Second {
		t.Fatalf("timers: got %d, the first for %v; want one for IssueWait, at most 5 s", len(f.timers), f.timers[0].d)
	}
	f.mu.Unlock()
	if got := f.m.View().Screen; got != ScreenIssuing {
		t.Fatalf("screen before IssueWait: got %v, want issuing", got)
	}

	f.fire(t)
	v := f.m.View()
	if v.Screen != ScreenDone || v.Done.Text != IssueFailText || !v.Done.Alert {
		t.Fatalf("after IssueWait: got screen %v %+v, want the alert %q", v.Screen, v.Done, IssueFailText)
	}
	f.waitReturned(t, 1) // the fired timer ended the send's ctx
	if v := f.m.View(); v.Screen != ScreenDone || f.slips() != 0 {
		t.Errorf("after the stalled send ended: screen %v, %d slips; want the alert kept and none", v.Screen, f.slips())
	}
	f.m.Home() // "Về trang chủ"
	if got := f.m.View().Screen; got != ScreenHome {
		t.Fatalf("Home: screen got %v, want home", got)
	}

	f.srv.mu.Lock()
	f.srv.hold = nil // the link healed
	f.srv.mu.Unlock()
	f.clock.Add(30 * time.Second)
	f.issueA()
	f.waitReturned(t, 1)
	waitFor(t, "the slip", func() bool { return f.slips() == 1 })
	ids := f.srv.received()
	if len(ids) != 2 || ids[1] != ids[0] {
		t.Errorf("issue ids: got %v, want the retry under the first id", ids)
	}
	if v := f.m.View(); v.Screen != ScreenTicket || v.Ticket.Number != "A001" {
		t.Errorf("retry: got screen %v ticket %q, want ticket A001", v.Screen, v.Ticket.Number)
	}

	// The next citizen's ticket is a new command.
	f.m.Home()
	f.issueA()
	f.waitReturned(t, 1)
	if ids := f.srv.received(); len(ids) != 3 || ids[2] == ids[0] {
		t.Errorf("issue ids: got %v, want a new id after the retry was answered", ids)
	}
	if n := f.srv.issued(); n != 2 {
		t.Errorf("tickets issued: got %d, want 2", n)
	}
}

// TestLateReplyIsNotPrinted checks a reply that arrives after the kiosk
// gave up (a client that does not stop at its ctx): it is not printed, and
// the retry prints that same ticket, once.
func TestLateReplyIsNotPrinted(t *testing.T) {
	f := newWaitFixture(t)
	hold := make(chan struct{})
	f.srv.hold = hold
	f.issueA()
	waitFor(t, "the issue to be sent", func() bool { return len(f.srv.received()) == 1 })
	f.fire(t)
	close(hold) // the server answers now, too late
	f.waitReturned(t, 1)
	time.Sleep(20 * time.Millisecond) // a slip would be printed by now
	if v := f.m.View(); v.Screen != ScreenDone || f.slips() != 0 {
		t.Fatalf("late reply: screen %v, %d slips; want the alert kept and none printed", v.Screen, f.slips())
	}
	f.m.Home()
	f.issueA()
	f.waitReturned(t, 1)
	waitFor(t, "the slip", func() bool { return f.slips() == 1 })
	if v := f.m.View(); v.Ticket.Number != "A001" || f.srv.issued() != 1 {
		t.Errorf("retry: got ticket %q with %d issued, want A001 issued once", v.Ticket.Number, f.srv.issued())
	}
	time.Sleep(20 * time.Millisecond)
	if n := f.slips(); n != 1 {
		t.Errorf("slips: got %d, want 1", n)
	}
}

// TestRetryKeepsIDOnlyForSameRequest checks that only a retry of the same
// service and priority within IssueRetryFor reuses the id.
func TestRetryKeepsIDOnlyForSameRequest(t *testing.T) {
	tests := []struct {
		name     string
		service  string
		priority bool
		after    time.Duration
		same     bool
	}{
		{"same request soon", "A", false, IssueRetryFor - time.Second, true},
		{"other priority", "A", true, time.Second, false},
		{"other service", "C", false, time.Second, false},
		{"too late", "A", false, IssueRetryFor, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newWaitFixture(t)
			f.m.SetState(func() protocol.State {
				s := testState()
				s.Services = append(s.Services, protocol.ServiceInfo{ID: "C", Name: "Hóa chất"})
				return s
			}())
			f.srv.hold, f.srv.ctxStops = make(chan struct{}), true
			f.issueA()
			waitFor(t, "the issue to be sent", func() bool { return len(f.srv.received()) == 1 })
			f.fire(t)
			f.waitReturned(t, 1)
			f.m.Home()
			f.srv.mu.Lock()
			f.srv.hold = nil
			f.srv.mu.Unlock()
			f.clock.Add(tc.after)
			f.m.ChooseService(tc.service)
			f.m.AnswerPriority(tc.priority)
			f.waitReturned(t, 1)
			ids := f.srv.received()
			if len(ids) != 2 || (ids[1] == ids[0]) != tc.same {
				t.Errorf("ids: got %v, want the same id twice: %v", ids, tc.same)
			}
		})
	}
}
