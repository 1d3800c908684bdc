package hall

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"hallq/server/config"
	"hallq/server/report"
	"hallq/server/store"
	"hallq/shared/queue"
)

var ict = time.FixedZone("ICT", 7*3600)

// demoTOML is the demo hall.toml, written once: its bcrypt hashes are slow.
var demoTOML = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "hall-demo-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "hall.toml")
	if _, err := config.WriteDemo(path); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
})

// newHallAt opens the demo hall on the store in dir (which may hold one)
// with the clock at *now.
func newHallAt(t *testing.T, dir string, now *time.Time) *Hall {
	t.Helper()
	path := filepath.Join(dir, "hall.toml")
	demo, err := demoTOML()
	if err == nil {
		err = os.WriteFile(path, demo, 0o600)
	}
	if err != nil {
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
	h, err := New(cfg, st, Options{Now: func() time.Time { return *now }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// genDay makes a random day of tickets, ratings and feedback: every state,
// transfers, several calls, calls without first_called_at (old records),
// a clock stepped back, retired services, counters and clerks, ratings
// that name no counter, ratings of tickets not in the day, and feedback of
// every status. fbID is the last feedback id used.
func genDay(rng *rand.Rand, day string, fbID *int64) queue.Changes {
	d, _ := time.ParseInLocation(queue.DayLayout, day, ict)
	open := d.Add(7*time.Hour + 30*time.Minute)
	services := []string{"A", "B", "C", "D", "E", "F", "Z"}
	clerks := []string{"hang.nd", "minh.tq", "lan.ptn", "tuan.lv", "thao.vtp", "retired.x"}
	states := []queue.TicketState{queue.Finished, queue.Finished, queue.Finished, queue.NoShow, queue.Expired, queue.Called, queue.Held}
	var ch queue.Changes
	n := rng.IntN(60)
	if rng.IntN(5) == 0 {
		n = 0 // a day off
	}
	numbers := map[string]int{}
	for i := range n {
		svc := services[rng.IntN(len(services))]
		numbers[svc]++
		number := fmt.Sprintf("%s%03d", svc, numbers[svc])
		issued := open.Add(time.Duration(rng.IntN(9*3600)) * time.Second).Add(time.Duration(rng.IntN(1000)) * time.Millisecond)
		t := queue.Ticket{ID: day + "/" + number, Number: number, Service: svc, IssuedService: svc,
			Order: uint64(i + 1), IssuedAt: queue.At(issued), State: states[rng.IntN(len(states))]}
		if rng.IntN(10) == 0 {
			t.Service = services[rng.IntN(len(services))] // transferred
		}
		if rng.IntN(20) == 0 {
			t.IssuedService = "" // an old record
		}
		if t.State != queue.Expired || rng.IntN(3) == 0 {
			at := issued.Add(time.Duration(rng.IntN(3600)-60) * time.Second) // now and then before the issue
			for range 1 + rng.IntN(3) {
				counter := rng.IntN(7) // 0: none; 6: retired
				t.Calls = append(t.Calls, queue.Call{Counter: counter, Clerk: clerks[rng.IntN(len(clerks))], At: queue.At(at)})
				at = at.Add(time.Duration(rng.IntN(900)) * time.Second)
			}
			last := t.Calls[len(t.Calls)-1]
			t.Counter, t.Clerk = queue.OptInt(last.Counter), queue.OptString(last.Clerk)
			if rng.IntN(10) > 0 {
				t.FirstCalledAt = t.Calls[0].At
			}
			if rng.IntN(10) > 0 {
				t.CalledAt = last.At
			}
			if t.State == queue.Finished {
				t.FinishedAt = queue.At(last.At.Add(time.Duration(rng.IntN(1200)-30) * time.Second))
			}
		}
		ch.Tickets = append(ch.Tickets, t)
		if t.State == queue.Finished && rng.IntN(4) > 0 || rng.IntN(30) == 0 {
			r := queue.Rating{TicketID: t.ID, Number: number, Service: svc, Rating: 1 + rng.IntN(5),
				Counter: int(t.Counter), Clerk: string(t.Clerk), Device: "kiosk-1", At: queue.At(issued.Add(time.Hour))}
			if rng.IntN(5) == 0 {
				r.Counter, r.Clerk = 0, "" // counts at its ticket's
			}
			if r.Rating <= 3 {
				r.Reasons, r.Comment = []string{"waiting"}, "Chờ lâu"
			}
			ch.Ratings = append(ch.Ratings, r)
		}
	}
	if rng.IntN(6) == 0 {
		// A rating whose ticket is not among the day's records.
		ch.Ratings = append(ch.Ratings, queue.Rating{TicketID: day + "/Q999", Number: "Q999", Rating: 1 + rng.IntN(5),
			Counter: 1, Clerk: "hang.nd", At: queue.At(open)})
	}
	statuses := []string{queue.FeedbackNew, queue.FeedbackInProgress, queue.FeedbackHandled}
	for range rng.IntN(4) {
		*fbID++
		ch.Feedback = append(ch.Feedback, queue.Feedback{ID: *fbID, Day: day, At: queue.At(open), Device: "kiosk-1",
			Message: "Góp ý", Status: statuses[rng.IntN(len(statuses))]})
	}
	return ch
}

// fillDays writes genDay's days from from to to into h's store.
func fillDays(t *testing.T, h *Hall, rng *rand.Rand, from, to string) {
	t.Helper()
	days, err := dayRange(from, to)
	if err != nil {
		t.Fatal(err)
	}
	var fbID int64
	for _, day := range days {
		if err := h.st.Commit(day, genDay(rng, day, &fbID), nil, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// rawReports computes the days' reports from their tickets, ratings and
// feedback, as the pages did before rollups: the reference.
func rawReports(t *testing.T, h *Hall, from, to string) []report.Report {
	t.Helper()
	days, err := dayRange(from, to)
	if err != nil {
		t.Fatal(err)
	}
	var out []report.Report
	for _, day := range days {
		r := rawReport(t, h, day)
		if r.Issued > 0 || r.Ratings.Total() > 0 {
			r.LowRatings = []queue.Rating{}
			out = append(out, r)
		}
	}
	return out
}

func rawReport(t *testing.T, h *Hall, day string) report.Report {
	t.Helper()
	tickets, err := h.st.Tickets(day)
	if err != nil {
		t.Fatal(err)
	}
	ratings, err := h.st.Ratings(day)
	if err != nil {
		t.Fatal(err)
	}
	fb, _, err := h.st.FeedbackPage(store.FeedbackFilter{From: day, To: day}, 0)
	if err != nil {
		t.Fatal(err)
	}
	r := report.Daily(day, tickets, ratings, fb)
	r.AddNames(h.snapshot())
	return r
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRollupsEqualRaw checks, over generated days, that the month, year
// and period figures read from rollups (today live) equal those computed
// from the raw records, on the first read (rollups computed on demand)
// and the next (rollups read), and so does each day's own report.
func TestRollupsEqualRaw(t *testing.T) {
	const from, today = "2026-09-20", "2026-11-28"
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			now := time.Date(2026, 11, 28, 15, 0, 0, 0, ict)
			h := newHallAt(t, t.TempDir(), &now)
			rng := rand.New(rand.NewPCG(seed, 7))
			fillDays(t, h, rng, from, today)
			checks := []struct {
				name     string
				from, to string
				sum      func([]report.Report) any
			}{
				{"month 2026-10", "2026-10-01", "2026-10-31", func(d []report.Report) any { return report.Monthly("2026-10", d) }},
				{"month 2026-11 (today live)", "2026-11-01", "2026-11-30", func(d []report.Report) any { return report.Monthly("2026-11", d) }},
				{"year 2026", "2026-01-01", "2026-12-31", func(d []report.Report) any { return report.Yearly(2026, d) }},
				{"range", "2026-09-25", "2026-11-10", func(d []report.Report) any { return report.Summed("2026-09-25", "2026-11-10", d) }},
			}
			for pass := range 2 {
				for _, c := range checks {
					got, err := h.DayReports(c.from, c.to)
					if err != nil {
						t.Fatal(err)
					}
					if g, w := jsonOf(t, c.sum(got)), jsonOf(t, c.sum(rawReports(t, h, c.from, min(c.to, today)))); g != w {
						t.Errorf("pass %d, %s:\ngot  %s\nwant %s", pass, c.name, g, w)
					}
				}
			}
			days, _ := dayRange(from, today)
			for _, day := range days {
				got, err := h.Report(day)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := jsonOf(t, got), jsonOf(t, rawReport(t, h, day)); g != w {
					t.Errorf("day %s:\ngot  %s\nwant %s", day, g, w)
				}
			}
		})
	}
}

// storedRollup returns day's stored rollup, failing the test if none.
func storedRollup(t *testing.T, h *Hall, day string) report.Rollup {
	t.Helper()
	figures, _, ok, err := h.st.Rollup(day)
	if err != nil || !ok {
		t.Fatalf("rollup of %s: ok %v, err %v", day, ok, err)
	}
	ru, _, err := report.DecodeRollup(figures)
	if err != nil {
		t.Fatal(err)
	}
	return ru
}

// TestRollupOnDemand checks that a past day without a rollup gets a final
// one when a page first needs it, and that pages then read it: a stored
// rollup's figures are what they show, until its version is another.
func TestRollupOnDemand(t *testing.T) {
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, ict)
	h := newHallAt(t, t.TempDir(), &now)
	const day = "2026-11-20"
	fillDays(t, h, rand.New(rand.NewPCG(1, 2)), day, day)
	if _, _, ok, _ := h.st.Rollup(day); ok {
		t.Fatal("a rollup before any page asked")
	}
	want := rawReport(t, h, day)
	if _, err := h.DayReports("2026-11-01", "2026-11-30"); err != nil {
		t.Fatal(err)
	}
	ru := storedRollup(t, h, day)
	if !ru.Final || ru.Version != report.RollupVersion || ru.Report.Issued != want.Issued {
		t.Fatalf("rollup: final %v version %d issued %d; want final, %d, %d", ru.Final, ru.Version, ru.Report.Issued, report.RollupVersion, want.Issued)
	}

	// The pages read the stored figures, not the tickets.
	ru.Report.Issued = 9999
	save := func(ru report.Rollup) {
		t.Helper()
		fill := func([]queue.Feedback) ([]byte, error) { return report.EncodeRollup(ru) }
		if err := h.st.SaveRollups(store.NewRollup{Day: day, Fill: fill, Low: []byte("[]")}); err != nil {
			t.Fatal(err)
		}
	}
	save(ru)
	if got, _ := h.DayReports(day, day); len(got) != 1 || got[0].Issued != 9999 {
		t.Errorf("month read after the rollup was stored: got %+v, want the stored 9999 issued", got)
	}
	if got, _ := h.Report(day); got.Issued != 9999 {
		t.Errorf("day page: got %d issued, want the stored 9999", got.Issued)
	}

	// Another version, or a rollup that is not final, is computed again.
	for _, bad := range []func(*report.Rollup){
		func(ru *report.Rollup) { ru.Version = report.RollupVersion + 1 },
		func(ru *report.Rollup) { ru.Final = false },
	} {
		r := ru
		bad(&r)
		save(r)
		if got, _ := h.DayReports(day, day); len(got) != 1 || got[0].Issued != want.Issued {
			t.Errorf("stale rollup read: got %+v, want %d issued", got, want.Issued)
		}
		if back := storedRollup(t, h, day); back.Report.Issued != want.Issued || !back.Final {
			t.Errorf("stale rollup not replaced: %+v", back)
		}
	}
}

// TestRollupFeedbackAnswered checks that answering an old day's feedback
// changes that day's rollup, and so its page, at once.
func TestRollupFeedbackAnswered(t *testing.T) {
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, ict)
	h := newHallAt(t, t.TempDir(), &now)
	const day = "2026-11-20"
	ch := queue.Changes{Feedback: []queue.Feedback{
		{ID: 1, Day: day, Message: "Ghế chờ không đủ", Status: queue.FeedbackNew},
		{ID: 2, Day: day, Message: "Cần thêm quầy", Status: queue.FeedbackHandled},
	}, Tickets: []queue.Ticket{{ID: day + "/A001", Number: "A001", Service: "A", State: queue.Expired, IssuedAt: queue.At(now.AddDate(0, 0, -8))}}}
	if err := h.st.Commit(day, ch, nil, nil); err != nil {
		t.Fatal(err)
	}
	if r, _ := h.Report(day); r.Feedback != (report.FeedbackCount{Received: 2, Handled: 1}) {
		t.Fatalf("before: got %+v", r.Feedback)
	}
	if ok, err := h.AnswerFeedback(1, queue.FeedbackHandled, "Đã bố trí thêm ghế", "giamsat"); !ok || err != nil {
		t.Fatalf("answer: %v %v", ok, err)
	}
	want := report.FeedbackCount{Received: 2, Handled: 2}
	if ru := storedRollup(t, h, day); ru.Report.Feedback != want || !ru.Final {
		t.Errorf("stored rollup after the answer: %+v final %v, want %+v", ru.Report.Feedback, ru.Final, want)
	}
	if r, _ := h.Report(day); r.Feedback != want {
		t.Errorf("day page after the answer: got %+v, want %+v", r.Feedback, want)
	}
	if r := rawReport(t, h, day); r.Feedback != want {
		t.Errorf("raw report after the answer: got %+v, want %+v", r.Feedback, want)
	}
}

// TestRollupCloseTurnRestart follows today's rollup: provisional at close,
// final at the turn, and kept, and read, after a restart.
func TestRollupCloseTurnRestart(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, ict)
	h := newHallAt(t, dir, &now)
	const day = "2026-11-28"
	fillDays(t, h, rand.New(rand.NewPCG(3, 4)), day, day)
	now = time.Date(2026, 11, 28, 17, 0, 0, 0, ict)
	if _, err := h.CloseDay(); err != nil {
		t.Fatal(err)
	}
	if ru := storedRollup(t, h, day); ru.Final {
		t.Error("the rollup stored at close is final; a called ticket may still be finished")
	}
	now = time.Date(2026, 11, 29, 0, 0, 1, 0, ict)
	if err := h.TurnDay(); err != nil {
		t.Fatal(err)
	}
	ru := storedRollup(t, h, day)
	if !ru.Final {
		t.Fatal("no final rollup after the turn")
	}
	figures, _, _, _ := h.st.Rollup(day)
	h.st.Close()

	h = newHallAt(t, dir, &now)
	after, _, ok, err := h.st.Rollup(day)
	if err != nil || !ok || string(after) != string(figures) {
		t.Fatalf("after a restart: ok %v err %v, same figures %v", ok, err, string(after) == string(figures))
	}
	got, err := h.DayReports(day, day)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := jsonOf(t, report.Monthly("2026-11", got)), jsonOf(t, report.Monthly("2026-11", rawReports(t, h, day, day))); g != w {
		t.Errorf("after a restart:\ngot  %s\nwant %s", g, w)
	}
	if again, _, _, _ := h.st.Rollup(day); string(again) != string(figures) {
		t.Error("the rollup was computed again after a restart")
	}
}
