package queue

import (
	"reflect"
	"testing"
	"time"
)

func TestLogin(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(f *fixture)
		counter   int
		clerk     string
		want      string
		wantEvent bool
		wantAt    int // the clerk's counter after
	}{
		{name: "first sign-in", counter: 1, clerk: "hang.nd", wantEvent: true, wantAt: 1},
		{name: "unknown clerk", counter: 1, clerk: "nobody", want: EUNAUTHORIZED},
		{name: "empty clerk", counter: 1, clerk: "", want: EUNAUTHORIZED},
		{name: "unknown counter", counter: 7, clerk: "hang.nd", want: ENOTFOUND},
		{
			name:    "same counter again is ok without an event",
			setup:   func(f *fixture) { f.login(1, "hang.nd") },
			counter: 1, clerk: "hang.nd", wantAt: 1,
		},
		{
			name: "same counter again while paused",
			setup: func(f *fixture) {
				f.login(1, "hang.nd")
				_, err := f.e.Pause(f.tick(time.Second), 1)
				f.ok("pause", err)
			},
			counter: 1, clerk: "hang.nd", wantAt: 1,
		},
		{
			name:    "clerk signed in at another counter",
			setup:   func(f *fixture) { f.login(2, "hang.nd") },
			counter: 1, clerk: "hang.nd", want: ECONFLICT, wantAt: 2,
		},
		{
			name:    "another clerk at the counter",
			setup:   func(f *fixture) { f.login(1, "minh.tv") },
			counter: 1, clerk: "hang.nd", want: ECONFLICT,
		},
		{
			name: "after signing out elsewhere",
			setup: func(f *fixture) {
				f.login(2, "hang.nd")
				f.ok("logout", f.e.Logout(f.tick(time.Second), 2))
			},
			counter: 1, clerk: "hang.nd", wantEvent: true, wantAt: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if tt.setup != nil {
				tt.setup(f)
			}
			before := takeSnapshot(f.e)
			cl, err := f.e.Login(f.tick(time.Second), tt.counter, tt.clerk)
			wantCode(t, err, tt.want)
			if got := f.e.ClerkCounter(tt.clerk); got != tt.wantAt {
				t.Errorf("got clerk at counter %d, want %d", got, tt.wantAt)
			}
			c := f.e.TakeChanges()
			if tt.want != "" || !tt.wantEvent {
				wantUnchanged(t, f.e, before)
				if !c.Empty() {
					t.Errorf("got changes %+v, want none", c)
				}
				return
			}
			if cl.Username != tt.clerk || cl.Name == "" {
				t.Errorf("got clerk %+v, want %s with a name", cl, tt.clerk)
			}
			if len(c.Events) != 1 || c.Events[0].Type != EvCounterUpdated {
				t.Fatalf("got events %v, want [counter_updated]", eventTypes(c.Events))
			}
			v := c.Events[0].CounterView
			want := Counter{ID: tt.counter, Name: "Quầy 1", Services: []string{"A", "B"}, Status: CounterOpen,
				Clerk: OptString(tt.clerk), ClerkName: OptString(cl.Name)}
			if !reflect.DeepEqual(*v, want) {
				t.Errorf("got counter %+v, want %+v", *v, want)
			}
			wantState := []CounterState{{ID: 1, Day: testDay, Status: CounterOpen, Clerk: tt.clerk}}
			if !reflect.DeepEqual(c.Counters, wantState) {
				t.Errorf("got stored counters %+v, want %+v", c.Counters, wantState)
			}
		})
	}
}

func TestLogout(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(f *fixture)
		counter int
		want    string
	}{
		{name: "signed in", setup: func(f *fixture) { f.login(1, "hang.nd") }, counter: 1},
		{
			name: "paused",
			setup: func(f *fixture) {
				f.login(1, "hang.nd")
				_, err := f.e.Pause(f.tick(time.Second), 1)
				f.ok("pause", err)
			},
			counter: 1,
		},
		{
			name:    "with a held ticket",
			setup:   func(f *fixture) { f.login(1, "hang.nd"); f.hold(1, f.callNext(1).ID) },
			counter: 1,
		},
		{
			name:    "with a called ticket",
			setup:   func(f *fixture) { f.login(1, "hang.nd"); f.callNext(1) },
			counter: 1, want: ECONFLICT,
		},
		{name: "nobody signed in", counter: 1, want: ECONFLICT},
		{name: "unknown counter", counter: 8, want: ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, func(s *Settings) { s.PriorityStreak = 3 })
			f.issue("A", true)
			if tt.setup != nil {
				tt.setup(f)
			}
			before := takeSnapshot(f.e)
			err := f.e.Logout(f.tick(time.Second), tt.counter)
			wantCode(t, err, tt.want)
			c := f.e.TakeChanges()
			if tt.want != "" {
				wantUnchanged(t, f.e, before)
				if !c.Empty() {
					t.Errorf("got changes %+v, want none", c)
				}
				return
			}
			if got := f.e.ClerkCounter("hang.nd"); got != 0 {
				t.Errorf("got clerk at counter %d, want 0", got)
			}
			cs, _ := f.e.CounterState(tt.counter)
			if cs.Status != CounterClosed || cs.Clerk != "" || cs.Streak != 0 {
				t.Errorf("got %+v, want closed without clerk or streak", cs)
			}
			if got := eventTypes(c.Events); !reflect.DeepEqual(got, []string{EvCounterUpdated}) {
				t.Errorf("got events %v, want [counter_updated]", got)
			}
			if v := c.Events[0].CounterView; v.Status != CounterClosed || v.Clerk != "" || v.ClerkName != "" {
				t.Errorf("got counter %+v, want closed without clerk", *v)
			}
		})
	}
}

func TestPauseResume(t *testing.T) {
	pause := func(e *Engine, now time.Time, c int) (Counter, error) { return e.Pause(now, c) }
	resume := func(e *Engine, now time.Time, c int) (Counter, error) { return e.Resume(now, c) }
	tests := []struct {
		name       string
		setup      func(f *fixture)
		op         func(e *Engine, now time.Time, c int) (Counter, error)
		counter    int
		want       string
		wantStatus CounterStatus
	}{
		{name: "pause an open counter", setup: loginHang, op: pause, counter: 1, wantStatus: CounterPaused},
		{name: "pause a paused counter", setup: pausedHang, op: pause, counter: 1, want: ECONFLICT},
		{name: "pause a closed counter", op: pause, counter: 1, want: ECONFLICT},
		{name: "pause an unknown counter", op: pause, counter: 5, want: ENOTFOUND},
		{name: "resume a paused counter", setup: pausedHang, op: resume, counter: 1, wantStatus: CounterOpen},
		{name: "resume an open counter", setup: loginHang, op: resume, counter: 1, want: ECONFLICT},
		{name: "resume a closed counter", op: resume, counter: 1, want: ECONFLICT},
		{name: "resume an unknown counter", op: resume, counter: 5, want: ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if tt.setup != nil {
				tt.setup(f)
			}
			before := takeSnapshot(f.e)
			v, err := tt.op(f.e, f.tick(time.Second), tt.counter)
			wantCode(t, err, tt.want)
			c := f.e.TakeChanges()
			if tt.want != "" {
				wantUnchanged(t, f.e, before)
				if !c.Empty() {
					t.Errorf("got changes %+v, want none", c)
				}
				return
			}
			if v.Status != tt.wantStatus || v.Clerk != "hang.nd" || v.ClerkName != "Nguyễn Diệu Hằng" {
				t.Errorf("got %+v, want %s with hang.nd", v, tt.wantStatus)
			}
			if len(c.Events) != 1 || c.Events[0].Type != EvCounterUpdated || c.Events[0].CounterView.Status != tt.wantStatus {
				t.Errorf("got events %+v, want one counter_updated %s", c.Events, tt.wantStatus)
			}
			if len(c.Counters) != 1 || c.Counters[0].Status != tt.wantStatus {
				t.Errorf("got stored counters %+v, want one %s", c.Counters, tt.wantStatus)
			}
		})
	}
}

func loginHang(f *fixture) { f.t.Helper(); f.login(1, "hang.nd") }

func pausedHang(f *fixture) {
	f.t.Helper()
	f.login(1, "hang.nd")
	_, err := f.e.Pause(f.tick(time.Second), 1)
	f.ok("pause", err)
}
