package store

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hallq/shared/queue"

	bolt "go.etcd.io/bbolt"
)

// fillEventDays commits days with a ticket, a rating, a feedback item,
// a report, a rollup, an audit entry and n events (of about 1 KiB) each.
func fillEventDays(t *testing.T, s *Store, days []string, n int) {
	t.Helper()
	pad := strings.Repeat("x", 1000)
	for i, day := range days {
		ch := queue.Changes{
			Tickets:  []queue.Ticket{ticket(day, "A001", 1)},
			Ratings:  []queue.Rating{{TicketID: day + "/A001", Rating: 5}},
			Feedback: []queue.Feedback{{ID: int64(i + 1), Day: day, Message: "x", Status: queue.FeedbackNew}},
		}
		var frames [][]byte
		for seq := range uint64(n) {
			ch.Events = append(ch.Events, event(seq+1))
			frames = append(frames, fmt.Appendf(nil, `{"seq":%d,"pad":%q}`, seq+1, pad))
		}
		if err := s.Commit(day, ch, frames, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveReport(day, []byte(`{"date":"`+day+`"}`)); err != nil {
			t.Fatal(err)
		}
		fill := func([]queue.Feedback) ([]byte, error) { return []byte(`{"v":1}`), nil }
		if err := s.SaveRollups(NewRollup{Day: day, Fill: fill, Low: []byte("[]")}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveConfig([]byte(`{}`), "", []AuditEntry{{User: "admin", Action: "hall.edit"}}); err != nil {
			t.Fatal(err)
		}
	}
}

// contents returns every bucket's records (and sequence) but the events'.
func contents(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if string(name) == string(bucketEvents) {
				return nil
			}
			out[string(name)+" seq"] = fmt.Sprint(b.Sequence())
			return b.ForEach(func(k, v []byte) error {
				out[string(name)+" "+string(k)] = string(v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// eventDays returns the days that have events, and how many each.
func eventDays(t *testing.T, s *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEvents).ForEach(func(k, _ []byte) error {
			out[string(k[:len(k)-8])]++
			return nil
		})
	})
	return out
}

func TestPruneEvents(t *testing.T) {
	s := openTemp(t)
	days := []string{"2026-08-01", "2026-08-02", "2026-08-03", "2026-11-27", "2026-11-28"}
	fillEventDays(t, s, days, 3)
	before := contents(t, s)

	n, err := s.PruneEvents("2026-08-30")
	if err != nil || n != 3 {
		t.Fatalf("prune: %d days, %v; want 3", n, err)
	}
	if got, want := eventDays(t, s), map[string]int{"2026-11-27": 3, "2026-11-28": 3}; !maps.Equal(got, want) {
		t.Errorf("events left: got %v, want %v", got, want)
	}
	if after := contents(t, s); !maps.Equal(after, before) {
		t.Error("pruning events changed another bucket")
	}
	if seq, _ := s.LastSeq("2026-11-28"); seq != 3 {
		t.Errorf("today's seq after pruning: got %d, want 3", seq)
	}

	// The last day with events keeps them, whatever the bound.
	if n, err := s.PruneEvents("2027-01-01"); err != nil || n != 1 {
		t.Fatalf("prune past the last day: %d days, %v; want 1", n, err)
	}
	if got, want := eventDays(t, s), map[string]int{"2026-11-28": 3}; !maps.Equal(got, want) {
		t.Errorf("events left: got %v, want %v", got, want)
	}
	if last, _ := s.LastDay(); last != "2026-11-28" {
		t.Errorf("last day: got %q, want 2026-11-28", last)
	}
}

func TestCompact(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hall.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var days []string
	for d := 1; d <= 20; d++ {
		days = append(days, fmt.Sprintf("2026-10-%02d", d))
	}
	fillEventDays(t, s, days, 500)
	want := contents(t, s)
	if _, err := s.PruneEvents("2026-10-20"); err != nil {
		t.Fatal(err)
	}
	sp, err := s.Space()
	if err != nil || sp.Free < sp.File/2 {
		t.Fatalf("after pruning: %+v, %v; want over half the file free", sp, err)
	}

	before, after, err := s.Compact()
	if err != nil {
		t.Fatal(err)
	}
	if after >= before/2 {
		t.Errorf("compaction: %d bytes to %d, want under half", before, after)
	}
	if info, _ := os.Stat(path); info.Size() != after {
		t.Errorf("file size %d, Compact said %d", info.Size(), after)
	}
	if got := contents(t, s); !maps.Equal(got, want) {
		t.Error("compaction changed the records")
	}
	if got := eventDays(t, s); !maps.Equal(got, map[string]int{"2026-10-20": 500}) {
		t.Errorf("events after compaction: %v", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files beside hall.db after compaction: %v", entries)
	}
	// The store works on: a command commits, the audit's ids go on.
	fillEventDays(t, s, []string{"2026-10-21"}, 1)
	if a, _ := s.Audit(0, 1, nil); len(a) != 1 || a[0].ID != 21 {
		t.Errorf("audit after compaction: %+v, want id 21", a)
	}
	// Another process still finds the file in use.
	if _, err := Open(path); err == nil {
		t.Error("a second Open succeeded after compaction")
	}
}
