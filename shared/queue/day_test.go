package queue

import (
	"reflect"
	"testing"
	"time"
)

func TestStartDay(t *testing.T) {
	tests := []struct {
		name         string
		setup        func(f *fixture)
		wantEvents   []string
		wantCounters []int // in counter_updated events
	}{
		{
			name:       "nobody signed in",
			wantEvents: []string{EvDayStarted},
		},
		{
			name: "signed-in and paused counters are signed out",
			setup: func(f *fixture) {
				f.login(1, "hang.nd")
				f.login(3, "lan.pt")
				_, err := f.e.Pause(f.tick(time.Second), 3)
				f.ok("pause", err)
			},
			wantEvents:   []string{EvDayStarted, EvCounterUpdated, EvCounterUpdated},
			wantCounters: []int{1, 3},
		},
		{
			name: "a counter serving a ticket is signed out",
			setup: func(f *fixture) {
				f.issue("B", false)
				f.issue("B", false)
				f.login(2, "minh.tv")
				f.hold(2, f.callNext(2).ID)
				f.callNext(2)
			},
			wantEvents:   []string{EvDayStarted, EvCounterUpdated},
			wantCounters: []int{2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if tt.setup != nil {
				tt.setup(f)
			}
			next := day0.Add(24*time.Hour + 5*time.Minute)
			if !f.e.NeedsNewDay(next) {
				t.Fatalf("got NeedsNewDay(%v) false, want true", next)
			}
			f.e.StartDay(next)
			c := f.e.TakeChanges()
			if got := eventTypes(c.Events); !reflect.DeepEqual(got, tt.wantEvents) {
				t.Fatalf("got events %v, want %v", got, tt.wantEvents)
			}
			for i, ev := range c.Events {
				if ev.Seq != uint64(i+1) {
					t.Errorf("got %s seq %d, want %d", ev.Type, ev.Seq, i+1)
				}
			}
			if d := c.Events[0].Day; d != "2026-11-29" || f.e.Day() != d {
				t.Errorf("got day_started %q, Day %q, want 2026-11-29", d, f.e.Day())
			}
			var updated []int
			for _, ev := range c.Events[1:] {
				updated = append(updated, ev.Counter)
				if v := ev.CounterView; v.Status != CounterClosed || v.Clerk != "" || v.Ticket != nil {
					t.Errorf("got counter %+v, want closed and empty", *v)
				}
			}
			if !reflect.DeepEqual(updated, tt.wantCounters) {
				t.Errorf("got counter_updated for %v, want %v", updated, tt.wantCounters)
			}
			var wantStates []CounterState
			for _, id := range []int{1, 2, 3} {
				wantStates = append(wantStates, CounterState{ID: id, Day: "2026-11-29", Status: CounterClosed})
			}
			if !reflect.DeepEqual(c.Counters, wantStates) {
				t.Errorf("got stored counters %+v, want %+v", c.Counters, wantStates)
			}
			for _, u := range []string{"hang.nd", "minh.tv", "lan.pt"} {
				if at := f.e.ClerkCounter(u); at != 0 {
					t.Errorf("got %s at counter %d, want signed out", u, at)
				}
			}
			if len(f.e.Waiting())+len(f.e.Held())+len(f.e.RecentCalls())+len(f.e.ClerkDays()) != 0 {
				t.Errorf("got waiting %v held %v recent %v clerks %v, want an empty day",
					f.e.Waiting(), f.e.Held(), f.e.RecentCalls(), f.e.ClerkDays())
			}
			if f.e.IssuedCount("A")+f.e.IssuedCount("B") != 0 {
				t.Errorf("got issued counts A %d B %d, want 0", f.e.IssuedCount("A"), f.e.IssuedCount("B"))
			}
		})
	}
}

func TestNeedsNewDay(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"same day at midnight", day0, false},
		{"same day late", day0.Add(24*time.Hour - time.Millisecond), false},
		{"next day at midnight", day0.Add(24 * time.Hour), true},
		{"next day in UTC", time.Date(2026, 11, 28, 17, 0, 0, 0, time.UTC), true},
		{"same day in UTC", time.Date(2026, 11, 28, 16, 59, 59, 0, time.UTC), false},
		{"day before", day0.Add(-time.Second), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if got := f.e.NeedsNewDay(tt.at); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestExpireWaiting(t *testing.T) {
	f := newFixture(t)
	f.issue("A", false) // A001: finished
	f.issue("A", false) // A002: no-show
	f.issue("B", false) // B001: held
	f.issue("C", false) // C001: called
	f.issue("A", true)  // A003: waiting, priority
	f.issue("B", false) // B002: waiting
	f.login(1, "hang.nd")
	f.login(3, "lan.pt")
	f.finish(1, f.callTicket(1, idA001).ID)
	_, err := f.e.NoShow(f.tick(time.Second), 1, f.callTicket(1, idA002).ID)
	f.ok("no_show", err)
	f.hold(1, f.callTicket(1, idB001).ID)
	f.callNext(3)

	now := clock(t, "17:00")
	if n := f.e.ExpireWaiting(now); n != 3 {
		t.Errorf("got %d expired, want 3", n)
	}
	c := f.e.TakeChanges()
	var expired []string
	for _, ev := range c.Events {
		if ev.Type != EvTicketExpired {
			t.Errorf("got event %s, want ticket_expired", ev.Type)
			continue
		}
		expired = append(expired, ev.Ticket.Number)
		wantNoToken(t, ev)
	}
	if want := []string{"B001", "A003", "B002"}; !reflect.DeepEqual(expired, want) {
		t.Errorf("got expired %v, want %v (by issue order)", expired, want)
	}
	states := []struct {
		id   string
		want TicketState
	}{
		{idA001, Finished},
		{idA002, NoShow},
		{idB001, Expired},
		{idC001, Called},
		{"2026-11-28/A003", Expired},
		{"2026-11-28/B002", Expired},
	}
	for _, st := range states {
		if got := f.ticket(st.id).State; got != st.want {
			t.Errorf("%s: got %s, want %s", st.id, got, st.want)
		}
	}
	if w, h := f.e.Waiting(), f.e.Held(); len(w)+len(h) != 0 {
		t.Errorf("got waiting %v held %v, want none", numbers(w), numbers(h))
	}
	if n := f.e.WaitingCount("B"); n != 0 {
		t.Errorf("got %d waiting for B, want 0", n)
	}
	if cs, _ := f.e.CounterState(3); cs.Ticket != idC001 {
		t.Errorf("got counter 3 serving %q, want %s", cs.Ticket, idC001)
	}
	f.finish(3, idC001)
	if n := f.e.ExpireWaiting(f.tick(time.Second)); n != 0 {
		t.Errorf("got %d expired again, want 0", n)
	}
	if c := f.e.TakeChanges(); !c.Empty() {
		t.Errorf("got changes %+v, want none", c)
	}
}
