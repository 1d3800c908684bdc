package model_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"hallq/kiosk/model"
	"hallq/kiosk/printer"
	"hallq/server/app/apptest"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
)

// slips counts what the kiosk printed.
type slips struct {
	mu  sync.Mutex
	got []printer.Slip
}

func (s *slips) Print(_ context.Context, sl printer.Slip) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, sl)
	return nil
}

func (s *slips) numbers() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n []string
	for _, sl := range s.got {
		n = append(n, sl.Number)
	}
	return n
}

// TestDeadLinkIssuesOnce runs the kiosk's model on the real client and the
// real server, through a proxy that stalls the link (nothing passes, nothing
// closes) while a citizen asks for a ticket, with the production timings:
// the citizen is told within IssueWait that no ticket came, the kiosk goes
// offline within 10 s, and once the link heals (the stalled command reaches
// the server, which issues A001 to nobody) the citizen's retry prints that
// ticket, the only one.
func TestDeadLinkIssuesOnce(t *testing.T) {
	clk := apptest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	h := apptest.StartInPlace(t, clk.Now)
	p := apptest.StartProxy(t, h.Addr)
	prn := &slips{}
	var m *model.Model
	c, start := apptest.NewClient(t, hallclient.Config{
		URL: p.URL(), Device: "kiosk-1", Token: "demo-kiosk-1-token-0001",
		OnStatus: func(s hallclient.Status) { m.SetStatus(s.Connected) },
		OnHello:  func(r protocol.HelloReply) { m.SetHello(r) },
		OnState:  func(s protocol.State) { m.SetState(s) },
	})
	rec := &recorder{Client: c}
	m = model.New(model.Config{Sender: rec, Printer: prn, Now: time.Now})
	start()
	apptest.WaitFor(t, 10*time.Second, "the kiosk online", func() bool { v := m.View(); return v.Online && len(v.Tiles) > 0 })

	p.Stall(true)
	stalled := time.Now()
	m.ChooseService("A")
	m.AnswerPriority(false)
	if got := m.View().Screen; got != model.ScreenIssuing {
		t.Fatalf("after the tap: screen %v, want issuing", got)
	}
	apptest.WaitFor(t, model.IssueWait+time.Second, "the failure on screen", func() bool {
		return m.View().Screen == model.ScreenDone
	})
	told := time.Since(stalled)
	if v := m.View(); v.Done.Text != model.IssueFailText || !v.Done.Alert {
		t.Fatalf("after %v: got %+v, want the alert %q", told, v.Done, model.IssueFailText)
	}
	apptest.WaitFor(t, 10*time.Second-time.Since(stalled), "the kiosk to notice the dead link", func() bool { return !m.View().Online })
	t.Logf("told after %v, offline after %v", told, time.Since(stalled))
	m.Home()

	p.Stall(false) // the held frames go through, the stalled issue_ticket too
	apptest.WaitFor(t, 10*time.Second, "the kiosk online again", func() bool { return m.View().Online })
	apptest.WaitFor(t, 5*time.Second, "the stalled issue_ticket to reach the server", func() bool {
		return h.Srv.Hall.State().Services[0].Issued == 1
	})
	if n := prn.numbers(); len(n) != 0 {
		t.Fatalf("slips before the retry: got %v, want none (the reply came too late)", n)
	}
	m.ChooseService("A")
	m.AnswerPriority(false)
	apptest.WaitFor(t, model.IssueWait, "the retry's ticket", func() bool { return m.View().Screen == model.ScreenTicket })
	apptest.WaitFor(t, 5*time.Second, "the slip", func() bool { return len(prn.numbers()) > 0 })
	time.Sleep(300 * time.Millisecond) // room for a second ticket or slip, if there were one
	st := h.Srv.Hall.State()
	if got := m.View().Ticket.Number; got != "A001" || len(st.Waiting) != 1 || st.Services[0].Issued != 1 {
		t.Errorf("after the retry: ticket %q, server waiting %v, A issued %d; want A001 issued once", got, st.Waiting, st.Services[0].Issued)
	}
	if n := prn.numbers(); len(n) != 1 || n[0] != "A001" {
		t.Errorf("slips: got %v, want [A001]", n)
	}
	if ids := rec.sent(); len(ids) != 2 || ids[0] != ids[1] {
		t.Errorf("issue_ticket ids: got %v, want the retry under the first id", ids)
	}
}

// recorder is the real client, with the ids of the commands sent through
// SendID.
type recorder struct {
	*hallclient.Client
	mu  sync.Mutex
	ids []string
}

func (r *recorder) SendID(ctx context.Context, id, typ string, data any) (json.RawMessage, error) {
	r.mu.Lock()
	r.ids = append(r.ids, id)
	r.mu.Unlock()
	return r.Client.SendID(ctx, id, typ, data)
}

func (r *recorder) sent() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.ids...)
}
