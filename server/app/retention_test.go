package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hallq/server/store"
	"hallq/shared/queue"
	"hallq/shared/xtest"
)

// TestRetentionAtStart starts the server on a data dir with 120 days of
// events and `[retention] event_days = 30`: the events of the older days
// are deleted and hall.db compacted before it serves, the tickets stay,
// and the next start finds nothing more to do.
func TestRetentionAtStart(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("testdata", "hall.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hall.toml"), append(b, "\n[retention]\nevent_days = 30\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "hall.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("x", 1000)
	first := time.Date(2026, 7, 31, 8, 0, 0, 0, ict)
	for d := range 120 {
		day := first.AddDate(0, 0, d).Format(queue.DayLayout)
		ch := queue.Changes{Tickets: []queue.Ticket{{ID: day + "/A001", Number: "A001", Service: "A", IssuedService: "A",
			State: queue.Expired, Order: 1, IssuedAt: queue.At(first.AddDate(0, 0, d))}}}
		var frames [][]byte
		for seq := range uint64(400) {
			ch.Events = append(ch.Events, queue.Event{Type: queue.EvTicketIssued, Seq: seq + 1})
			frames = append(frames, fmt.Appendf(nil, `{"seq":%d,"pad":%q}`, seq+1, pad))
		}
		if err := st.Commit(day, ch, frames, nil); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	info, _ := os.Stat(path)
	before := info.Size()

	clk := xtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, ict))
	s := startServer(t, dir, clk)
	info, _ = os.Stat(path)
	if after := info.Size(); after > before/2 {
		t.Errorf("hall.db after the start: %d bytes, was %d; want it compacted to under half", after, before)
	}
	if seq, _ := s.st.LastSeq("2026-10-29"); seq != 0 {
		t.Errorf("2026-10-29, 31 days before today, keeps its events (seq %d)", seq)
	}
	if seq, _ := s.st.LastSeq("2026-10-30"); seq != 400 {
		t.Errorf("2026-10-30, 30 days with today, has seq %d; want its 400 events kept", seq)
	}
	if tickets, _ := s.st.Tickets("2026-07-31"); len(tickets) != 1 {
		t.Errorf("the first day's tickets after retention: %d, want 1", len(tickets))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	size := info.Size()
	startServer(t, dir, clk)
	if info, _ := os.Stat(path); info.Size() != size {
		t.Errorf("a second start changed hall.db from %d to %d bytes", size, info.Size())
	}
}
