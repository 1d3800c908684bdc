package queue

import (
	"reflect"
	"testing"
	"time"
)

// issued is a ticket a test issues, in its order.
type issued struct {
	service  string
	priority bool
}

func TestCallNextOrder(t *testing.T) {
	type step struct {
		counter int
		want    string
	}
	tests := []struct {
		name   string
		streak int
		issue  []issued
		steps  []step
	}{
		{
			name:  "earliest issue order across the counter's services",
			issue: []issued{{"A", false}, {"B", false}, {"A", false}, {"B", false}},
			steps: []step{{1, "A001"}, {1, "B001"}, {1, "A002"}, {1, "B002"}},
		},
		{
			name:  "priority first, then by issue order",
			issue: []issued{{"A", false}, {"B", true}, {"A", false}, {"A", true}},
			steps: []step{{1, "B001"}, {1, "A003"}, {1, "A001"}, {1, "A002"}},
		},
		{
			name:  "only the counter's services",
			issue: []issued{{"C", false}, {"A", false}, {"C", true}, {"B", false}},
			steps: []step{{1, "A001"}, {3, "C002"}, {1, "B001"}, {3, "C001"}},
		},
		{
			name:  "priority_streak 0: priority always first",
			issue: []issued{{"A", false}, {"A", true}, {"A", true}, {"A", true}, {"A", false}},
			steps: []step{{1, "A002"}, {1, "A003"}, {1, "A004"}, {1, "A001"}, {1, "A005"}},
		},
		{
			name:   "priority_streak 2: a normal after two priority calls, then priority again",
			streak: 2,
			issue:  []issued{{"A", false}, {"A", true}, {"A", true}, {"A", true}, {"A", false}},
			steps:  []step{{1, "A002"}, {1, "A003"}, {1, "A001"}, {1, "A004"}, {1, "A005"}},
		},
		{
			name:   "priority_streak 1 alternates",
			streak: 1,
			issue:  []issued{{"A", true}, {"A", true}, {"A", false}, {"A", false}, {"A", true}},
			steps:  []step{{1, "A001"}, {1, "A003"}, {1, "A002"}, {1, "A004"}, {1, "A005"}},
		},
		{
			name:   "priority_streak: priority goes on when no normal waits",
			streak: 1,
			issue:  []issued{{"A", true}, {"A", true}, {"A", true}},
			steps:  []step{{1, "A001"}, {1, "A002"}, {1, "A003"}},
		},
		{
			name:   "priority_streak counts per counter",
			streak: 1,
			issue:  []issued{{"B", false}, {"B", true}, {"B", true}, {"B", true}},
			steps:  []step{{1, "B002"}, {2, "B003"}, {1, "B001"}, {2, "B004"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, func(s *Settings) { s.PriorityStreak = tt.streak })
			for _, is := range tt.issue {
				f.issue(is.service, is.priority)
			}
			f.login(1, "hang.nd")
			f.login(2, "minh.tv")
			f.login(3, "lan.pt")
			for i, st := range tt.steps {
				if cs, _ := f.e.CounterState(st.counter); cs.Ticket != "" {
					f.finish(st.counter, cs.Ticket)
				}
				tk := f.callNext(st.counter)
				if tk.Number != st.want {
					t.Fatalf("call %d at counter %d: got %s, want %s", i+1, st.counter, tk.Number, st.want)
				}
			}
		})
	}
}

func TestCallNextRules(t *testing.T) {
	tests := []struct {
		name    string
		issue   []issued
		setup   func(f *fixture)
		counter int
		want    string
	}{
		{
			name:  "open counter with a waiting ticket",
			issue: []issued{{"A", false}},
			setup: func(f *fixture) { f.login(1, "hang.nd") }, counter: 1,
		},
		{
			name:  "queue_empty when nothing waits",
			setup: func(f *fixture) { f.login(1, "hang.nd") }, counter: 1, want: EQUEUEEMPTY,
		},
		{
			name:  "queue_empty when only other services wait",
			issue: []issued{{"C", false}, {"C", true}},
			setup: func(f *fixture) { f.login(1, "hang.nd") }, counter: 1, want: EQUEUEEMPTY,
		},
		{
			name:  "queue_empty when the only ticket is held",
			issue: []issued{{"A", false}},
			setup: func(f *fixture) {
				f.login(1, "hang.nd")
				f.hold(1, f.callNext(1).ID)
			},
			counter: 1, want: EQUEUEEMPTY,
		},
		{name: "closed counter", issue: []issued{{"A", false}}, counter: 1, want: ECONFLICT},
		{
			name:  "paused counter",
			issue: []issued{{"A", false}},
			setup: func(f *fixture) {
				f.login(1, "hang.nd")
				_, err := f.e.Pause(f.tick(time.Second), 1)
				f.ok("pause", err)
			},
			counter: 1, want: ECONFLICT,
		},
		{
			name:  "resumed counter",
			issue: []issued{{"A", false}},
			setup: func(f *fixture) {
				f.login(1, "hang.nd")
				_, err := f.e.Pause(f.tick(time.Second), 1)
				f.ok("pause", err)
				_, err = f.e.Resume(f.tick(time.Second), 1)
				f.ok("resume", err)
			},
			counter: 1,
		},
		{
			name:  "signed out counter",
			issue: []issued{{"A", false}},
			setup: func(f *fixture) {
				f.login(1, "hang.nd")
				f.ok("logout", f.e.Logout(f.tick(time.Second), 1))
			},
			counter: 1, want: ECONFLICT,
		},
		{
			name:    "counter with a called ticket",
			issue:   []issued{{"A", false}, {"A", false}},
			setup:   func(f *fixture) { f.login(1, "hang.nd"); f.callNext(1) },
			counter: 1, want: ECONFLICT,
		},
		{name: "unknown counter", issue: []issued{{"A", false}}, counter: 9, want: ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			for _, is := range tt.issue {
				f.issue(is.service, is.priority)
			}
			if tt.setup != nil {
				tt.setup(f)
			}
			before := takeSnapshot(f.e)
			now := f.tick(time.Second)
			tk, err := f.e.CallNext(now, tt.counter)
			wantCode(t, err, tt.want)
			if tt.want != "" {
				wantUnchanged(t, f.e, before)
				return
			}
			cs, _ := f.e.CounterState(tt.counter)
			if tk.State != Called || int(tk.Counter) != tt.counter || string(tk.Clerk) != cs.Clerk || cs.Ticket != tk.ID {
				t.Errorf("got %s %s at counter %d by %q (counter's ticket %q), want called at %d by %q",
					tk.Number, tk.State, tk.Counter, tk.Clerk, cs.Ticket, tt.counter, cs.Clerk)
			}
			if !tk.CalledAt.Equal(now) || !tk.FirstCalledAt.Equal(now) {
				t.Errorf("got called_at %v first %v, want %v", tk.CalledAt, tk.FirstCalledAt, now)
			}
			want := []Call{{Counter: tt.counter, Clerk: cs.Clerk, At: At(now)}}
			if !reflect.DeepEqual(tk.Calls, want) {
				t.Errorf("got calls %+v, want %+v", tk.Calls, want)
			}
		})
	}
}

func TestCallTicket(t *testing.T) {
	// Each case starts with A001 B001 C001 A002 (priority) waiting and
	// counters 1 (A, B) and 3 (C) open.
	tests := []struct {
		name    string
		setup   func(f *fixture)
		counter int
		id      string
		want    string
	}{
		{name: "waiting ticket of the counter's services", counter: 1, id: "2026-11-28/B001"},
		{name: "waiting ticket passing a priority one", counter: 1, id: "2026-11-28/A001"},
		{name: "waiting ticket of another service", counter: 1, id: "2026-11-28/C001", want: ECONFLICT},
		{
			name:    "held at the same counter",
			setup:   func(f *fixture) { f.hold(1, f.callNext(1).ID) },
			counter: 1, id: "2026-11-28/A002",
		},
		{
			name: "held ticket at another counter serving its service",
			setup: func(f *fixture) {
				f.hold(1, f.callTicket(1, "2026-11-28/B001").ID)
				f.login(2, "minh.tv")
			},
			counter: 2, id: "2026-11-28/B001", want: ECONFLICT,
		},
		{
			name:    "ticket called at another counter",
			setup:   func(f *fixture) { f.callTicket(1, "2026-11-28/B001"); f.login(2, "minh.tv") },
			counter: 2, id: "2026-11-28/B001", want: ECONFLICT,
		},
		{
			name:    "finished ticket",
			setup:   func(f *fixture) { f.finish(1, f.callNext(1).ID) },
			counter: 1, id: "2026-11-28/A002", want: ECONFLICT,
		},
		{
			name:    "counter with a called ticket",
			setup:   func(f *fixture) { f.callNext(1) },
			counter: 1, id: "2026-11-28/A001", want: ECONFLICT,
		},
		{
			name:    "held ticket while the counter serves another",
			setup:   func(f *fixture) { f.hold(1, f.callNext(1).ID); f.callNext(1) },
			counter: 1, id: "2026-11-28/A002", want: ECONFLICT,
		},
		{name: "closed counter", counter: 2, id: "2026-11-28/B001", want: ECONFLICT},
		{
			name: "paused counter",
			setup: func(f *fixture) {
				_, err := f.e.Pause(f.tick(time.Second), 1)
				f.ok("pause", err)
			},
			counter: 1, id: "2026-11-28/A001", want: ECONFLICT,
		},
		{name: "unknown ticket", counter: 1, id: "2026-11-28/A009", want: ENOTFOUND},
		{name: "yesterday's ticket", counter: 1, id: "2026-11-27/A001", want: ENOTFOUND},
		{name: "empty id", counter: 1, id: "", want: EBADREQUEST},
		{name: "empty id at a closed counter", counter: 2, id: "", want: EBADREQUEST},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.issue("A", false)
			f.issue("B", false)
			f.issue("C", false)
			f.issue("A", true)
			f.login(1, "hang.nd")
			f.login(3, "lan.pt")
			if tt.setup != nil {
				tt.setup(f)
			}
			before := takeSnapshot(f.e)
			prev := before.Tickets[tt.id]
			now := f.tick(time.Minute)
			tk, err := f.e.CallTicket(now, tt.counter, tt.id)
			wantCode(t, err, tt.want)
			if tt.want != "" {
				wantUnchanged(t, f.e, before)
				return
			}
			if tk.ID != tt.id || tk.State != Called || int(tk.Counter) != tt.counter {
				t.Errorf("got %s %s at %d, want %s called at %d", tk.ID, tk.State, tk.Counter, tt.id, tt.counter)
			}
			if !tk.CalledAt.Equal(now) {
				t.Errorf("got called_at %v, want %v", tk.CalledAt, now)
			}
			wantFirst := prev.FirstCalledAt
			if wantFirst.IsZero() {
				wantFirst = At(now)
			}
			if !tk.FirstCalledAt.Equal(wantFirst.Time) {
				t.Errorf("got first_called_at %v, want %v", tk.FirstCalledAt, wantFirst)
			}
			if got, want := len(tk.Calls), len(prev.Calls)+1; got != want {
				t.Errorf("got %d calls, want %d", got, want)
			}
			if _, ok := f.e.Ticket(tt.id); !ok {
				t.Fatalf("ticket %s gone", tt.id)
			}
			for _, w := range f.e.Waiting() {
				if w.ID == tt.id {
					t.Errorf("got %s still waiting, want it out of the queue", tt.id)
				}
			}
			if h := f.e.Held(); len(h) != 0 {
				t.Errorf("got held %v, want none", numbers(h))
			}
		})
	}
}
