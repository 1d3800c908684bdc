package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"hallq/shared/queue"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "hall.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ticket(day, number string, order uint64) queue.Ticket {
	return queue.Ticket{ID: day + "/" + number, Number: number, Service: number[:1], IssuedService: number[:1],
		State: queue.Waiting, Order: order, Token: "ABCDEFGH"}
}

func event(seq uint64) queue.Event {
	return queue.Event{Type: queue.EvTicketIssued, Seq: seq, At: time.Now()}
}

func TestCommitAndLoadDay(t *testing.T) {
	s := openTemp(t)
	day := "2026-11-28"
	ch := queue.Changes{
		Tickets:  []queue.Ticket{ticket(day, "A001", 1), ticket(day, "B001", 2), ticket("2026-11-27", "A001", 1)},
		Counters: []queue.CounterState{{ID: 1, Day: day, Status: queue.CounterOpen, Clerk: "hang.nd"}},
		Ratings:  []queue.Rating{{TicketID: day + "/A001", Rating: 5}},
		Feedback: []queue.Feedback{{ID: 7, Day: day, Message: "x", Status: queue.FeedbackNew}},
		Events:   []queue.Event{event(1), event(2)},
	}
	err := s.Commit(day, ch, [][]byte{[]byte(`{"seq":1}`), []byte(`{"seq":2}`)},
		&Reply{Day: day, Device: "kiosk-1", ID: "c1", Frame: []byte(`{"ok":true}`)})
	if err != nil {
		t.Fatalf("commit: %v", err)
	}
	d, err := s.LoadDay(day)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if len(d.Tickets) != 2 || d.Seq != 2 || len(d.Ratings) != 1 || d.LastFeedback != 7 || len(d.Counters) != 1 {
		t.Errorf("load: got %d tickets, seq %d, %d ratings, last feedback %d, %d counters; want 2, 2, 1, 7, 1",
			len(d.Tickets), d.Seq, len(d.Ratings), d.LastFeedback, len(d.Counters))
	}
	if d.Tickets[0].Token != "ABCDEFGH" {
		t.Errorf("token: got %q, want it kept in the store", d.Tickets[0].Token)
	}
	frame, ok, err := s.StoredReply(day, "kiosk-1", "c1")
	if err != nil || !ok || string(frame) != `{"ok":true}` {
		t.Errorf("stored reply: got %q %v %v", frame, ok, err)
	}
	if _, ok, _ := s.StoredReply(day, "kiosk-2", "c1"); ok {
		t.Error("stored reply: another device's id matched")
	}
}

func TestCommitRejectsMismatchedFrames(t *testing.T) {
	s := openTemp(t)
	err := s.Commit("2026-11-28", queue.Changes{Tickets: []queue.Ticket{ticket("2026-11-28", "A001", 1)}, Events: []queue.Event{event(1)}}, nil, nil)
	if err == nil {
		t.Fatal("commit with missing frames: got nil error")
	}
	if tickets, _ := s.Tickets("2026-11-28"); len(tickets) != 0 {
		t.Errorf("failed commit wrote %d tickets, want 0", len(tickets))
	}
}

func TestEventsAfter(t *testing.T) {
	s := openTemp(t)
	for _, day := range []string{"2026-11-27", "2026-11-28"} {
		var ch queue.Changes
		var frames [][]byte
		for seq := uint64(1); seq <= 300; seq++ {
			ch.Events = append(ch.Events, event(seq))
			frames = append(frames, []byte(day+"#"+itoa(seq)))
		}
		if err := s.Commit(day, ch, frames, nil); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name         string
		day          string
		after, until uint64
		max          int
		first        string
		count        int
		last, lastSq uint64
	}{
		{"from start", "2026-11-28", 0, 300, 1000, "2026-11-28#1", 300, 300, 300},
		{"after 255 (key byte rollover)", "2026-11-28", 255, 300, 1000, "2026-11-28#256", 45, 300, 300},
		{"a chunk", "2026-11-28", 10, 300, 64, "2026-11-28#11", 64, 74, 300},
		{"up to until", "2026-11-28", 10, 20, 64, "2026-11-28#11", 10, 20, 300},
		{"after last", "2026-11-28", 300, 400, 64, "", 0, 300, 300},
		{"earlier day stays apart", "2026-11-27", 298, 1000, 64, "2026-11-27#299", 2, 300, 300},
		{"unknown day", "2026-11-29", 0, 10, 64, "", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frames, last, err := s.EventFrames(tt.day, tt.after, tt.until, tt.max)
			if err != nil {
				t.Fatal(err)
			}
			if len(frames) != tt.count || (tt.count > 0 && string(frames[0]) != tt.first) {
				t.Errorf("got %d events starting %q, want %d starting %q", len(frames), frames[:min(1, len(frames))], tt.count, tt.first)
			}
			if last != tt.last {
				t.Errorf("last of the range: got %d, want %d", last, tt.last)
			}
			if seq, _ := s.LastSeq(tt.day); seq != tt.lastSq {
				t.Errorf("last seq: got %d, want %d", seq, tt.lastSq)
			}
		})
	}
}

func itoa(n uint64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestFeedbackFilterAndUpdate(t *testing.T) {
	s := openTemp(t)
	ch := queue.Changes{Feedback: []queue.Feedback{
		{ID: 1, Day: "2026-11-27", Status: queue.FeedbackNew},
		{ID: 2, Day: "2026-11-28", Status: queue.FeedbackNew},
		{ID: 3, Day: "2026-11-28", Status: queue.FeedbackHandled},
	}}
	if err := s.Commit("2026-11-28", ch, nil, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Feedback(FeedbackFilter{From: "2026-11-28", To: "2026-11-28"})
	if len(got) != 2 || got[0].ID != 3 {
		t.Errorf("day filter: got %d items first %d, want 2 newest first (3)", len(got), got[0].ID)
	}
	got, _ = s.Feedback(FeedbackFilter{Status: queue.FeedbackNew})
	if len(got) != 2 {
		t.Errorf("status filter: got %d, want 2", len(got))
	}
	ok, err := s.UpdateFeedback(2, func(f *queue.Feedback) { f.Status = queue.FeedbackHandled; f.Answer = "Đã trả lời" }, nil)
	if !ok || err != nil {
		t.Fatalf("update: %v %v", ok, err)
	}
	f, _, _ := s.GetFeedback(2)
	if f.Status != queue.FeedbackHandled || f.Answer != "Đã trả lời" {
		t.Errorf("after update: got %+v", f)
	}
	if ok, _ := s.UpdateFeedback(99, func(*queue.Feedback) {}, nil); ok {
		t.Error("update of unknown item: got found")
	}
}

func TestBackupKeepsThirtyDays(t *testing.T) {
	s := openTemp(t)
	dir := filepath.Join(t.TempDir(), "backups")
	os.MkdirAll(dir, 0o700)
	for _, name := range []string{"hall-2026-10-01.db", "hall-2026-10-29.db", "hall-2026-11-20.db", "notes.txt"} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600)
	}
	now := time.Date(2026, 11, 28, 0, 30, 0, 0, time.UTC)
	path, err := s.Backup(dir, now, 30*24*time.Hour)
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	if filepath.Base(path) != "hall-2026-11-28.db" {
		t.Errorf("backup name: got %s", path)
	}
	b, err := Open(path)
	if err != nil {
		t.Fatalf("backup does not open as a database: %v", err)
	}
	b.Close()
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"hall-2026-10-29.db", "hall-2026-11-20.db", "hall-2026-11-28.db", "notes.txt"}
	if len(names) != len(want) {
		t.Fatalf("after prune: got %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("after prune: got %v, want %v", names, want)
		}
	}
}

func TestPruneReplies(t *testing.T) {
	s := openTemp(t)
	for _, day := range []string{"2026-11-26", "2026-11-27", "2026-11-28"} {
		s.Commit(day, queue.Changes{}, nil, &Reply{Day: day, Device: "k", ID: "1", Frame: []byte("r")})
	}
	if err := s.PruneReplies("2026-11-27"); err != nil {
		t.Fatal(err)
	}
	for day, want := range map[string]bool{"2026-11-26": false, "2026-11-27": true, "2026-11-28": true} {
		if _, ok, _ := s.StoredReply(day, "k", "1"); ok != want {
			t.Errorf("reply of %s kept: got %v, want %v", day, ok, want)
		}
	}
}

func TestOpenTimesOutOnLockedFile(t *testing.T) {
	s := openTemp(t)
	start := time.Now()
	if _, err := Open(s.Path()); err == nil {
		t.Fatal("second open: got nil error, want a timeout")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("second open took %v, want about 1 s", d)
	}
}
