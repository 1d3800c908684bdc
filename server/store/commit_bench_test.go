package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"hallq/shared/queue"

	bolt "go.etcd.io/bbolt"
)

// BenchmarkCommitIssue times the transaction of one issue_ticket (ticket,
// event, stored reply); BenchmarkBareUpdate is its floor, one Put.
func BenchmarkCommitIssue(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "hall.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	frame := make([]byte, 450)
	reply := make([]byte, 500)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := queue.Ticket{ID: fmt.Sprintf("2026-11-28/A%03d", i+1), Number: "A001", State: queue.Waiting, IssuedAt: queue.At(time.Now())}
		ch := queue.Changes{Tickets: []queue.Ticket{t}, Events: []queue.Event{{Seq: uint64(i + 1)}}}
		if err := s.Commit("2026-11-28", ch, [][]byte{frame}, &Reply{Day: "2026-11-28", Device: "kiosk-1", ID: fmt.Sprintf("issue_ticket-%d", i), Frame: reply}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBareUpdate(b *testing.B) {
	db, err := bolt.Open(filepath.Join(b.TempDir(), "floor.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	value := make([]byte, 600)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db.Update(func(tx *bolt.Tx) error {
			bk, _ := tx.CreateBucketIfNotExists([]byte("t"))
			return bk.Put([]byte(fmt.Sprint(i)), value)
		})
	}
}
