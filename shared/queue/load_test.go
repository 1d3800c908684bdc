package queue

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// dayData gathers what a store holds after the fixture's commands: the
// latest record of each ticket and counter, every rating, the last
// feedback id and seq.
func (f *fixture) dayData() DayData {
	f.t.Helper()
	d := DayData{Day: f.e.Day(), Seq: f.e.Seq()}
	tickets := map[string]Ticket{}
	counters := map[int]CounterState{}
	for _, c := range f.taken {
		for _, t := range c.Tickets {
			tickets[t.ID] = t
		}
		for _, cs := range c.Counters {
			counters[cs.ID] = cs
		}
		d.Ratings = append(d.Ratings, c.Ratings...)
		for _, fb := range c.Feedback {
			d.LastFeedback = max(d.LastFeedback, fb.ID)
		}
	}
	for _, id := range sortedIDs(tickets) {
		d.Tickets = append(d.Tickets, tickets[id])
	}
	// Any order: reverse, so that Load cannot rely on the store's.
	for i, j := 0, len(d.Tickets)-1; i < j; i, j = i+1, j-1 {
		d.Tickets[i], d.Tickets[j] = d.Tickets[j], d.Tickets[i]
	}
	for _, id := range []int{3, 1, 2} {
		if cs, ok := counters[id]; ok {
			d.Counters = append(d.Counters, cs)
		}
	}
	return d
}

// busyDay runs a day with every kind of command and leaves counter 1
// serving a recalled ticket, counter 2 serving one with another held,
// counter 3 paused, and tickets of every service waiting.
func busyDay(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, func(s *Settings) { s.PriorityStreak = 2 })
	for _, is := range []issued{
		{"A", false}, {"A", true}, {"B", false}, {"B", false}, {"C", false},
		{"A", false}, {"B", true}, {"C", true}, {"A", true}, {"B", false}, {"C", false}, {"A", false},
	} {
		f.issue(is.service, is.priority)
	}
	f.login(1, "hang.nd")
	f.login(2, "minh.tv")
	f.login(3, "lan.pt")
	a := f.serve(1, 4*time.Minute) // A002, priority
	rate(f, RateInput{TicketID: a.ID, Rating: 5, Token: ownToken})
	b := f.serve(2, 7*time.Minute) // B003, priority
	rate(f, RateInput{Rating: 2, Reasons: []string{"waiting"}, BoundCounter: 2})
	_ = b
	f.hold(2, f.callNext(2).ID)                                    // C002, priority
	f.transfer(2, f.callNext(2).ID, "A")                           // B001 to A
	_, err := f.e.NoShow(f.tick(time.Second), 1, f.callNext(1).ID) // A004, priority (streak 2)
	f.ok("no_show", err)
	f.serve(1, 5*time.Minute) // A001: normal after two priority calls
	id, err := f.e.SubmitFeedback(f.tick(time.Second), FeedbackInput{Message: "Cần thêm ghế", Phone: "0912345678"})
	f.ok("feedback", err)
	_ = id
	f.serve(3, 2*time.Minute) // C001
	f.callNext(1)             // B001, transferred, at its old place
	f.callNext(2)             // B002
	f.serve(3, 3*time.Minute) // C003
	f.recall(1, "2026-11-28/B001")
	_, err = f.e.Pause(f.tick(time.Second), 3)
	f.ok("pause", err)
	return f
}

func TestLoad(t *testing.T) {
	f := busyDay(t)
	d := f.dayData()
	g := NewEngine(f.e.Settings(), rand.NewChaCha8([32]byte{2}))
	g.Load(d)

	t.Run("state", func(t *testing.T) {
		wantSameState(t, g, f.e)
	})
	views := []struct {
		name string
		view func(e *Engine) any
	}{
		{"day", func(e *Engine) any { return e.Day() }},
		{"seq", func(e *Engine) any { return e.Seq() }},
		{"waiting", func(e *Engine) any { return e.Waiting() }},
		{"held", func(e *Engine) any { return e.Held() }},
		{"recent calls", func(e *Engine) any { return e.RecentCalls() }},
		{"counters", func(e *Engine) any { return e.Counters() }},
		{"clerk days", func(e *Engine) any { return e.ClerkDays() }},
		{"counter states", func(e *Engine) any {
			var out []CounterState
			for _, id := range []int{1, 2, 3} {
				cs, _ := e.CounterState(id)
				out = append(out, cs)
			}
			return out
		}},
		{"clerks' counters", func(e *Engine) any {
			return []int{e.ClerkCounter("hang.nd"), e.ClerkCounter("minh.tv"), e.ClerkCounter("lan.pt")}
		}},
		{"counts", func(e *Engine) any {
			var out []int
			for _, s := range []string{"A", "B", "C"} {
				out = append(out, e.IssuedCount(s), e.WaitingCount(s))
			}
			return out
		}},
	}
	for _, v := range views {
		t.Run(v.name, func(t *testing.T) {
			if got, want := v.view(g), v.view(f.e); !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
	// The same commands on both give the same results.
	now := f.tick(time.Minute)
	commands := []struct {
		name string
		run  func(e *Engine) (any, error)
	}{
		{"issue A", func(e *Engine) (any, error) { return issueResult(e.Issue(now, "A", false)) }},
		{"issue B", func(e *Engine) (any, error) { return issueResult(e.Issue(now, "B", true)) }},
		{"issue C", func(e *Engine) (any, error) { return issueResult(e.Issue(now, "C", false)) }},
		{"finish at 1", func(e *Engine) (any, error) { return e.Finish(now, 1, "2026-11-28/B001") }},
		{"call_next at 1 keeps the streak", func(e *Engine) (any, error) { return e.CallNext(now, 1) }},
		{"call held at 2 while serving", func(e *Engine) (any, error) { return e.CallTicket(now, 2, idC002) }},
		{"rate at the pad", func(e *Engine) (any, error) {
			return e.Rate(now, RateInput{Rating: 1, BoundCounter: 3})
		}},
		{"feedback", func(e *Engine) (any, error) { return e.SubmitFeedback(now, FeedbackInput{Message: "x"}) }},
		{"login elsewhere", func(e *Engine) (any, error) { return e.Login(now, 3, "hang.nd") }},
		{"resume", func(e *Engine) (any, error) { return e.Resume(now, 3) }},
	}
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			want, wantErr := c.run(f.e)
			got, gotErr := c.run(g)
			got, want = withoutToken(got), withoutToken(want)
			if ErrorCode(gotErr) != ErrorCode(wantErr) || !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v %v, want %+v %v", got, gotErr, want, wantErr)
			}
			gc, wc := g.TakeChanges(), f.e.TakeChanges()
			if !reflect.DeepEqual(stripTokens(gc), stripTokens(wc)) {
				t.Errorf("got changes %+v\nwant %+v", gc, wc)
			}
		})
	}
}

const idC002 = "2026-11-28/C002"

// issueResult keeps what two Engines with different random sources agree
// on: all but the token.
func issueResult(t Ticket, ahead, wait int, err error) (any, error) {
	t.Token = ""
	return []any{t, ahead, wait}, err
}

// withoutToken drops the token of a command's ticket result.
func withoutToken(v any) any {
	if t, ok := v.(Ticket); ok {
		t.Token = ""
		return t
	}
	return v
}

func stripTokens(c Changes) Changes {
	for i := range c.Tickets {
		c.Tickets[i].Token = ""
	}
	return c
}

func TestLoadSkipsOtherDays(t *testing.T) {
	f := newFixture(t)
	f.login(1, "hang.nd")
	f.login(2, "minh.tv")
	d := f.dayData()
	for i := range d.Counters {
		if d.Counters[i].ID == 2 {
			d.Counters[i].Day = "2026-11-27"
		}
	}
	g := NewEngine(f.e.Settings(), rand.NewChaCha8([32]byte{3}))
	g.Load(d)
	tests := []struct {
		clerk string
		want  int
	}{
		{"hang.nd", 1},
		{"minh.tv", 0},
	}
	for _, tt := range tests {
		t.Run(tt.clerk, func(t *testing.T) {
			if got := g.ClerkCounter(tt.clerk); got != tt.want {
				t.Errorf("got counter %d, want %d", got, tt.want)
			}
		})
	}
	if cs, _ := g.CounterState(2); cs.Status != CounterClosed || cs.Day != testDay {
		t.Errorf("got counter 2 %+v, want closed on %s", cs, testDay)
	}
}

// wantSameState fails for each part of got's state that differs from want's.
func wantSameState(t *testing.T, got, want *Engine) {
	t.Helper()
	g, w := reflect.ValueOf(takeSnapshot(got)), reflect.ValueOf(takeSnapshot(want))
	for i := 0; i < g.NumField(); i++ {
		if gf, wf := g.Field(i).Interface(), w.Field(i).Interface(); !reflect.DeepEqual(gf, wf) {
			t.Errorf("%s: got %+v\nwant %+v", g.Type().Field(i).Name, gf, wf)
		}
	}
}

func TestLoadRatings(t *testing.T) {
	tests := []struct {
		name    string
		ratings []Rating
		want    []ClerkDay
	}{
		{name: "none", want: []ClerkDay{}},
		{
			name:    "counted per clerk and level",
			ratings: []Rating{{Clerk: "hang.nd", Rating: 5}, {Clerk: "hang.nd", Rating: 1}, {Clerk: "lan.pt", Rating: 5}},
			want: []ClerkDay{
				{Username: "hang.nd", Ratings: [6]int{1: 1, 5: 1}},
				{Username: "lan.pt", Ratings: [6]int{5: 1}},
			},
		},
		{
			name:    "damaged levels skipped",
			ratings: []Rating{{Clerk: "hang.nd", Rating: 0}, {Clerk: "hang.nd", Rating: 6}, {Clerk: "hang.nd", Rating: 3}},
			want:    []ClerkDay{{Username: "hang.nd", Ratings: [6]int{3: 1}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEngine(testSettings(), rand.NewChaCha8([32]byte{5}))
			e.Load(DayData{Day: testDay, Ratings: tt.ratings})
			if got := e.ClerkDays(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
