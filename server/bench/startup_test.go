package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/server/store"
	"hallq/shared/queue"
)

// fillHistory writes days of history before today (perDay finished tickets
// each) and today's tickets (waiting, with their ticket_issued events) into
// a new store in dir.
func fillHistory(b *testing.B, dir string, today time.Time, days, perDay, todayN int) {
	b.Helper()
	st, err := store.Open(filepath.Join(dir, "hall.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	services := []string{"A", "B", "C", "D", "E", "F"}
	for d := days; d >= 0; d-- {
		date := today.AddDate(0, 0, -d)
		day := date.Format(queue.DayLayout)
		n := perDay
		if d == 0 {
			n = todayN
		}
		var ch queue.Changes
		var frames [][]byte
		for i := 0; i < n; i++ {
			sv := services[i%len(services)]
			number := fmt.Sprintf("%s%03d", sv, i/len(services)+1)
			at := date.Add(time.Duration(i) * 5 * time.Second)
			t := queue.Ticket{ID: day + "/" + number, Number: number, Service: sv, IssuedService: sv,
				State: queue.Finished, IssuedAt: queue.At(at), Order: uint64(i + 1), Token: "ABCDEFGH"}
			if d > 0 {
				call := at.Add(10 * time.Minute)
				t.CalledAt, t.FirstCalledAt, t.FinishedAt = queue.At(call), queue.At(call), queue.At(call.Add(7*time.Minute))
				t.Counter, t.Clerk = 1, "hang.nd"
				t.Calls = []queue.Call{{Counter: 1, Clerk: "hang.nd", At: queue.At(call)}}
			} else {
				t.State = queue.Waiting
				ev := queue.Event{Type: queue.EvTicketIssued, Seq: uint64(i + 2), At: at, Ticket: &t}
				ch.Events = append(ch.Events, ev)
				f, _ := json.Marshal(map[string]any{"type": "ticket_issued", "seq": i + 2, "data": map[string]any{"ticket": t}})
				frames = append(frames, f)
			}
			ch.Tickets = append(ch.Tickets, t)
		}
		if d == 0 {
			ch.Events = append([]queue.Event{{Type: queue.EvDayStarted, Seq: 1, At: date, Day: day}}, ch.Events...)
			frames = append([][]byte{[]byte(`{"type":"day_started","seq":1}`)}, frames...)
		}
		if err := st.Commit(day, ch, frames, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStartupYear measures the time from Start to serving (listening,
// with today's state rebuilt) on a file holding a year of history (about
// 1,000,000 tickets) and 5,000 tickets today. The history is built once,
// before the timer starts; set HALL_BENCH_DAYS to use fewer days.
func BenchmarkStartupYear(b *testing.B) {
	days := 365
	if v := os.Getenv("HALL_BENCH_DAYS"); v != "" {
		fmt.Sscan(v, &days)
	}
	dir := b.TempDir()
	today := time.Date(2026, 11, 28, 7, 30, 0, 0, ict)
	fillHistory(b, dir, today, days, 2740, 5000)
	clock := func() time.Time { return today.Add(2 * time.Hour) }
	apptest.WriteDemo(b, dir)
	if info, err := os.Stat(filepath.Join(dir, "hall.db")); err == nil {
		b.ReportMetric(float64(info.Size())/(1<<20), "db-MiB")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		s, err := app.Start(app.Options{Addr: "127.0.0.1:0", Data: dir, Now: clock,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			b.Fatal(err)
		}
		ms := float64(time.Since(start).Microseconds()) / 1000
		b.ReportMetric(ms, "start-ms")
		target(b, "start-ms", ms, 200)
		if n := len(s.Hall.State().Waiting); n != 5000 {
			b.Fatalf("waiting after start: got %d, want 5000", n)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
