package bench

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hallq/server/hall"

	bolt "go.etcd.io/bbolt"
)

// BenchmarkCallNext100 times call_next from the counter's send to the moment
// the last of 100 displays has the ticket_called event, and reports p50
// and p99 against the floor (floor_test.go) measured in the same run, with
// and without the command's way in over the counter's websocket.
func BenchmarkCallNext100(b *testing.B) { benchCall(b, 100) }

// BenchmarkCallNext1000 is the same with 1,000 displays.
func BenchmarkCallNext1000(b *testing.B) { benchCall(b, 1000) }

func benchCall(b *testing.B, n int) {
	s := startServer(b)
	a := newArrivals()
	displays(b, s.Addr, n, a)
	kiosk := dial(b, s.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
	counter := dial(b, s.Addr, "counter-1", "demo-counter-1-token-01")
	counter.do(b, "clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"})
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		var issued struct{ Ticket struct{ Number string } }
		json.Unmarshal(kiosk.do(b, "issue_ticket", map[string]any{"service": "A"}), &issued)
		// The call starts on a quiet hall, as each round of the floor
		// does: the issue's event (and the last finish's before it) has
		// reached every display.
		a.wait("issued:"+issued.Ticket.Number, n)
		b.StartTimer()
		start := time.Now()
		var rep struct{ Ticket struct{ ID, Number string } }
		json.Unmarshal(counter.do(b, "call_next", nil), &rep)
		a.wait(rep.Ticket.Number, n)
		samples = append(samples, time.Since(start))
		b.StopTimer()
		counter.do(b, "finish", map[string]any{"ticket_id": rep.Ticket.ID})
		b.StartTimer()
	}
	b.StopTimer()
	p50, p99 := percentiles(samples)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(p99, "p99-ms")
	f50, f99 := floor(b, n, 200, false)
	b.ReportMetric(f50, "floor-p50-ms")
	b.ReportMetric(f99, "floor-p99-ms")
	b.ReportMetric(p50/f50, "p50/floor")
	b.ReportMetric(p99/f99, "p99/floor")
	// The same floor with the counter's message to the server in it, as
	// in the call: the part of the gap that is the command's way in.
	h50, h99 := floor(b, n, 200, true)
	b.ReportMetric(p50/h50, "p50/hop-floor")
	b.ReportMetric(p99/h99, "p99/hop-floor")
	if n <= 100 {
		target(b, "p50/floor", p50/f50, 1.5)
		target(b, "p99/floor", p99/f99, 2)
	} else {
		target(b, "p99-ms", p99, 35)
	}
}

// BenchmarkIssueTicket times issue_ticket's reply and reports p50 against a
// bare bbolt Update with fsync measured in the same run.
func BenchmarkIssueTicket(b *testing.B) {
	s := startServer(b)
	kiosk := dial(b, s.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		kiosk.do(b, "issue_ticket", map[string]any{"service": "B"})
		samples = append(samples, time.Since(start))
	}
	b.StopTimer()
	p50, p99 := percentiles(samples)
	u50, _ := bareUpdate(b, 300)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(p99, "p99-ms")
	b.ReportMetric(u50, "update-p50-ms")
	b.ReportMetric(p50/u50, "p50/update")
	target(b, "p50/update", p50/u50, 2.1)
}

// bareUpdate times n bbolt Updates of a ticket-sized value, with fsync.
func bareUpdate(b *testing.B, n int) (p50, p99 float64) {
	b.Helper()
	db, err := bolt.Open(filepath.Join(b.TempDir(), "floor.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	value := make([]byte, 600)
	samples := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		start := time.Now()
		err := db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("t"))
			if err != nil {
				return err
			}
			return bk.Put([]byte(itoa(i)), value)
		})
		if err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(start))
	}
	return percentiles(samples)
}

// BenchmarkIssueTicketServer times issue_ticket inside the server, from the
// parsed command to the reply frame ready to send (Hall.Do: the engine, the
// committed transaction, the broadcast), against the same floor.
func BenchmarkIssueTicketServer(b *testing.B) {
	s := startServer(b)
	kiosk := hall.Device{ID: "kiosk-1", Role: "kiosk"}
	data := json.RawMessage(`{"service":"B"}`)
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		reply := s.Hall.Do(kiosk, "issue_ticket", "i-"+itoa(i), data)
		samples = append(samples, time.Since(start))
		if !json.Valid(reply) || !strings.Contains(string(reply), `"ok":true`) {
			b.Fatalf("issue: %s", reply)
		}
	}
	b.StopTimer()
	p50, p99 := percentiles(samples)
	u50, _ := bareUpdate(b, 300)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(p99, "p99-ms")
	b.ReportMetric(u50, "update-p50-ms")
	b.ReportMetric(p50/u50, "p50/update")
	target(b, "p50/update", p50/u50, 2.1)
}
