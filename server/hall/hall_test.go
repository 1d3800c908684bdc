package hall

import (
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"hallq/server/config"
	"hallq/server/store"
	"hallq/shared/protocol"
)

// sink is a Subscriber that keeps its frames.
type sink struct {
	mu     sync.Mutex
	frames []string
}

func (s *sink) Enqueue(frames ...[]byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range frames {
		s.frames = append(s.frames, string(f))
	}
	return true
}

func (s *sink) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.frames...)
}

// newHall opens the demo hall on a temp store at 09:00 hall time.
func newHall(t *testing.T) (*Hall, *time.Time) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "hall.toml")
	if _, err := config.WriteDemo(path); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "hall.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	h, err := New(cfg, st, Options{Now: func() time.Time { return now }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return h, &now
}

func TestDoIssuesAndBroadcasts(t *testing.T) {
	h, _ := newHall(t)
	kiosk, err := h.Authenticate("kiosk-1", "demo-kiosk-1-token-0001")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Authenticate("kiosk-1", "wrong"); err == nil {
		t.Fatal("a wrong token was accepted")
	}
	watch := &sink{}
	display, _ := h.Authenticate("display-1", "demo-display-1-token-01")
	if !h.Subscribe(watch, display, "h1", protocol.Hello{}) {
		t.Fatal("subscribe refused")
	}
	reply := h.Do(kiosk, protocol.CmdIssueTicket, "c1", json.RawMessage(`{"service":"A"}`))
	var r struct {
		OK   bool                `json:"ok"`
		Data protocol.IssueReply `json:"data"`
	}
	if err := json.Unmarshal(reply, &r); err != nil || !r.OK || r.Data.Ticket.Number != "A001" {
		t.Fatalf("issue reply %s", reply)
	}
	// The same command id again answers the stored reply: one ticket.
	if again := h.Do(kiosk, protocol.CmdIssueTicket, "c1", json.RawMessage(`{"service":"A"}`)); string(again) != string(reply) {
		t.Fatalf("retry answered %s, want the stored %s", again, reply)
	}
	if got := len(h.State().Waiting); got != 1 {
		t.Fatalf("waiting after a retried issue: %d, want 1", got)
	}
	frames := watch.all()
	if len(frames) != 2 || !strings.Contains(frames[0], `"state"`) || !strings.Contains(frames[1], protocol.EvTicketIssued) {
		t.Fatalf("subscriber saw %q, want the hello reply with the state, then ticket_issued", frames)
	}
	// A display may not issue.
	if bad := h.Do(display, protocol.CmdIssueTicket, "c2", json.RawMessage(`{"service":"A"}`)); !strings.Contains(string(bad), `"forbidden"`) {
		t.Fatalf("display issuing: %s, want forbidden", bad)
	}
}

func TestPINThrottleIsPerDevice(t *testing.T) {
	h, now := newHall(t)
	c1, _ := h.Authenticate("counter-1", "demo-counter-1-token-01")
	c2, _ := h.Authenticate("counter-2", "demo-counter-2-token-02")
	login := func(dev Device, id, pin string) string {
		return string(h.Do(dev, protocol.CmdClerkLogin, id, json.RawMessage(`{"username":"hang.nd","pin":"`+pin+`"}`)))
	}
	for i := range PINRule.Free + 1 {
		if r := login(c1, "w"+string(rune('a'+i)), "9999"); !strings.Contains(r, `"unauthorized"`) {
			t.Fatalf("wrong PIN %d: %s", i, r)
		}
	}
	if r := login(c1, "r1", "1111"); !strings.Contains(r, `"rate_limited"`) {
		t.Fatalf("right PIN while slowed at counter 1: %s", r)
	}
	if r := login(c2, "r2", "1111"); !strings.Contains(r, `"ok":true`) {
		t.Fatalf("right PIN at counter 2: %s", r)
	}
	*now = now.Add(PINRule.Base)
	h.Do(c2, protocol.CmdClerkLogout, "o2", nil)
	if r := login(c1, "r3", "1111"); !strings.Contains(r, `"ok":true`) {
		t.Fatalf("right PIN after the wait: %s", r)
	}
}
