package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/server/store"
	"hallq/shared/queue"
)

// fillHistory writes days of history before today (perDay finished
// tickets each, with the events the server would have logged for them) and
// today's tickets (waiting, with their ticket_issued events) into a new
// store in dir. With keepDays > 0 it deletes, after each day, the events
// older than keepDays days, as the nightly job does.
func fillHistory(b *testing.B, dir string, today time.Time, days, perDay, todayN, keepDays int) {
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
		} else {
			frames = apptest.DayEvents(&ch, date)
		}
		if err := st.Commit(day, ch, frames, nil); err != nil {
			b.Fatal(err)
		}
		if keepDays > 0 {
			if _, err := st.PruneEvents(date.AddDate(0, 0, 1-keepDays).Format(queue.DayLayout)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// The year of history: HALL_BENCH_DAYS days (default 365) of 2,740
// finished tickets and their events (about 1,000,000 tickets), and 5,000
// tickets waiting today. Building it takes minutes, so it is built once
// per test binary run and each benchmark starts on a copy.
var history struct {
	once sync.Once
	dir  string
	err  error
}

var startToday = time.Date(2026, 11, 28, 7, 30, 0, 0, ict)

func historyDays() int {
	days := 365
	if v := os.Getenv("HALL_BENCH_DAYS"); v != "" {
		fmt.Sscan(v, &days)
	}
	return days
}

// historyCopy copies the year of history into a new data dir with the
// demo hall.toml and retention, the [retention] table's body ("" for
// none).
func historyCopy(b *testing.B, retention string) string {
	b.Helper()
	history.once.Do(func() {
		history.dir, history.err = os.MkdirTemp("", "hall-bench-history-")
		if history.err == nil {
			start := time.Now()
			fillHistory(b, history.dir, startToday, historyDays(), 2740, 5000, 0)
			b.Logf("history of %d days built in %v", historyDays(), time.Since(start).Round(time.Second))
		}
	})
	if history.err != nil {
		b.Fatal(history.err)
	}
	dir := b.TempDir()
	if err := copyFile(filepath.Join(history.dir, "hall.db"), filepath.Join(dir, "hall.db")); err != nil {
		b.Fatal(err)
	}
	writeConfig(b, dir, retention)
	return dir
}

// writeConfig writes the demo hall.toml into dir with a [retention] table
// of body, unless body is empty.
func writeConfig(b *testing.B, dir, retention string) {
	b.Helper()
	path := apptest.WriteDemo(b, dir)
	if retention == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString("\n[retention]\n" + retention + "\n")
		f.Close()
	}
	if err != nil {
		b.Fatal(err)
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// dbMiB returns hall.db's size in dir, in MiB.
func dbMiB(b *testing.B, dir string) float64 {
	b.Helper()
	info, err := os.Stat(filepath.Join(dir, "hall.db"))
	if err != nil {
		b.Fatal(err)
	}
	return float64(info.Size()) / (1 << 20)
}

// startOnce starts the server on dir, checks today's state and returns
// how long it took to serve, in milliseconds, and the server.
func startOnce(b *testing.B, dir string) (float64, *app.Server) {
	b.Helper()
	clock := func() time.Time { return startToday.Add(2 * time.Hour) }
	start := time.Now()
	s, err := app.Start(app.Options{Addr: "127.0.0.1:0", Data: dir, Now: clock,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	ms := float64(time.Since(start).Microseconds()) / 1000
	if n := len(s.Hall.State().Waiting); n != 5000 {
		b.Fatalf("waiting after start: got %d, want 5000", n)
	}
	return ms, s
}

// benchStarts measures b.N starts on dir (start-ms: the median), and reports metrics (name,
// value pairs) after them (ResetTimer drops those reported before).
func benchStarts(b *testing.B, dir string, metrics ...any) {
	b.Helper()
	var starts []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ms, s := startOnce(b, dir)
		starts = append(starts, ms)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	slices.Sort(starts)
	median := starts[len(starts)/2]
	b.ReportMetric(median, "start-ms")
	target(b, "start-ms", median, 200)
	for i := 0; i+1 < len(metrics); i += 2 {
		b.ReportMetric(metrics[i+1].(float64), metrics[i].(string))
	}
}

// BenchmarkStartupYear measures the time from Start to serving (listening,
// with today's state rebuilt) on a file holding a year of history (about
// 1,000,000 tickets and their events) and 5,000 tickets today, every
// event kept (no retention). Set HALL_BENCH_DAYS to use fewer days.
func BenchmarkStartupYear(b *testing.B) {
	dir := historyCopy(b, "event_days = 36500")
	benchStarts(b, dir, "db-MiB", dbMiB(b, dir))
}

// BenchmarkStartupYearRetention starts the same history with the default
// retention (90 days of events): the first start deletes the older
// events and compacts hall.db (first-ms; before-MiB to db-MiB), the
// starts after it are measured as BenchmarkStartupYear's.
func BenchmarkStartupYearRetention(b *testing.B) {
	dir := historyCopy(b, "")
	before := dbMiB(b, dir)
	ms, s := startOnce(b, dir)
	s.Close()
	benchStarts(b, dir, "first-ms", ms, "before-MiB", before, "db-MiB", dbMiB(b, dir))
}

// BenchmarkStartupYearNightly builds the year with the nightly retention
// running after each day (90 days of events), as a hall that ran the year
// with it: its file (db-MiB) never held more than 90 days of events, and
// no start had to compact it.
func BenchmarkStartupYearNightly(b *testing.B) {
	dir := b.TempDir()
	fillHistory(b, dir, startToday, historyDays(), 2740, 5000, 90)
	writeConfig(b, dir, "")
	before := dbMiB(b, dir)
	benchStarts(b, dir, "db-MiB", before)
}
