package queue

import (
	"reflect"
	"testing"
	"time"
)

func TestWaitingView(t *testing.T) {
	tests := []struct {
		name  string
		issue []issued
		setup func(f *fixture)
		want  []string
	}{
		{name: "empty", want: []string{}},
		{
			name:  "priority first, then issue order, across services",
			issue: []issued{{"A", false}, {"B", true}, {"C", false}, {"A", true}, {"B", false}},
			want:  []string{"B001", "A002", "A001", "C001", "B002"},
		},
		{
			name:  "called and held tickets leave, a transferred one returns to its place",
			issue: []issued{{"A", false}, {"B", false}, {"A", false}, {"C", false}},
			setup: func(f *fixture) {
				f.login(1, "hang.nd")
				f.login(2, "minh.tv")
				f.transfer(1, f.callNext(1).ID, "C") // A001, now for C
				f.hold(1, f.callNext(1).ID)          // B001
			},
			want: []string{"A001", "A002", "C001"},
		},
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
			got := f.e.Waiting()
			if !reflect.DeepEqual(numbers(got), tt.want) {
				t.Errorf("got %v, want %v", numbers(got), tt.want)
			}
			for _, tk := range got {
				if tk.Token != "" || tk.State != Waiting {
					t.Errorf("got %s %s with token %q, want waiting without token", tk.Number, tk.State, tk.Token)
				}
			}
		})
	}
}

func TestHeldView(t *testing.T) {
	f := newFixture(t)
	f.issue("A", false) // A001
	f.issue("C", false) // C001
	f.issue("A", true)  // A002
	f.login(1, "hang.nd")
	f.login(3, "lan.pt")
	f.hold(1, f.callNext(1).ID) // A002
	f.hold(3, f.callNext(3).ID) // C001
	f.hold(1, f.callNext(1).ID) // A001
	got := f.e.Held()
	if want := []string{"A001", "C001", "A002"}; !reflect.DeepEqual(numbers(got), want) {
		t.Errorf("got %v, want %v (issue order)", numbers(got), want)
	}
	for _, tk := range got {
		if tk.Token != "" || tk.State != Held || tk.Counter == 0 {
			t.Errorf("got %s %s at %d with token %q, want held at its counter without token", tk.Number, tk.State, tk.Counter, tk.Token)
		}
	}
}

func TestRecentCalls(t *testing.T) {
	f := newFixture(t)
	f.issue("A", false)
	for i := 0; i < 11; i++ {
		f.issue("C", false)
	}
	f.login(1, "hang.nd")
	f.login(2, "minh.tv")
	f.callNext(1) // A001 stays called
	tests := []struct {
		name string
		run  func()
		want []string
	}{
		{
			name: "one call",
			run:  func() {},
			want: []string{"A001"},
		},
		{
			name: "newest first, at most ten",
			run: func() {
				for i := 0; i < 10; i++ {
					f.serve(2, time.Minute)
				}
			},
			want: []string{"C010", "C009", "C008", "C007", "C006", "C005", "C004", "C003", "C002", "C001"},
		},
		{
			name: "a recall moves a ticket to the front",
			run:  func() { f.recall(1, idA001) },
			want: []string{"A001", "C010", "C009", "C008", "C007", "C006", "C005", "C004", "C003", "C002"},
		},
		{
			name: "a ticket called again is listed once",
			run: func() {
				f.hold(2, f.callNext(2).ID) // C011
				f.recall(1, idA001)
				f.callTicket(2, "2026-11-28/C011")
			},
			want: []string{"C011", "A001", "C010", "C009", "C008", "C007", "C006", "C005", "C004", "C003"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.t = t
			tt.run()
			got := f.e.RecentCalls()
			if !reflect.DeepEqual(numbers(got), tt.want) {
				t.Errorf("got %v, want %v", numbers(got), tt.want)
			}
			for _, tk := range got {
				if tk.Token != "" {
					t.Errorf("got %s with token %q, want none", tk.Number, tk.Token)
				}
			}
		})
	}
}

func TestCountersView(t *testing.T) {
	f := newFixture(t)
	f.issue("B", false)
	f.login(1, "hang.nd")
	f.login(3, "lan.pt")
	_, err := f.e.Pause(f.tick(time.Second), 3)
	f.ok("pause", err)
	called := f.callNext(1)
	called = called.Public()

	got := f.e.Counters()
	want := []Counter{
		{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}, Status: CounterOpen,
			Clerk: "hang.nd", ClerkName: "Nguyễn Diệu Hằng", Ticket: &called},
		{ID: 2, Name: "Quầy 2", Services: []string{"B", "C"}, Status: CounterClosed},
		{ID: 3, Name: "Quầy 3", Services: []string{"C"}, Status: CounterPaused,
			Clerk: "lan.pt", ClerkName: "Phạm Thị Lan"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got[0].Ticket.Token != "" {
		t.Errorf("got counter's ticket token %q, want none", got[0].Ticket.Token)
	}
	// The view is a copy: changing it changes nothing.
	got[0].Services[0] = "Z"
	if again := f.e.CounterView(1); again.Services[0] != "A" {
		t.Errorf("got services %v after changing a view, want [A B]", again.Services)
	}
}

func TestClerkDays(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 3; i++ {
		f.issue("A", false) // A001..A003
	}
	f.issue("C", false) // C001
	f.login(1, "hang.nd")
	f.login(2, "minh.tv")
	f.login(3, "lan.pt")
	f.serve(1, 4*time.Minute) // A001
	f.serve(1, 6*time.Minute) // A002
	f.serve(2, 3*time.Minute) // C001
	// A003 is held for 10 minutes: only the last call's time counts.
	f.hold(1, f.callNext(1).ID)
	f.tick(10 * time.Minute)
	f.callTicket(1, "2026-11-28/A003")
	_, err := f.e.Finish(f.tick(2*time.Minute), 1, "2026-11-28/A003")
	f.ok("finish", err)
	rate(f, RateInput{TicketID: idA001, Rating: 5, Token: ownToken})
	rate(f, RateInput{TicketID: idA002, Rating: 2, Token: ownToken})
	rate(f, RateInput{TicketID: idC001, Rating: 4, Token: ownToken})

	got := f.e.ClerkDays()
	want := []ClerkDay{
		{Username: "hang.nd", Finished: 3, ServiceSeconds: 720, Ratings: [6]int{2: 1, 5: 1}},
		{Username: "minh.tv", Finished: 1, ServiceSeconds: 180, Ratings: [6]int{4: 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestCounts(t *testing.T) {
	f := newFixture(t)
	f.issue("A", false)
	f.issue("A", false)
	f.issue("B", false)
	f.login(1, "hang.nd")
	f.transfer(1, f.callNext(1).ID, "B")
	tests := []struct {
		service                 string
		wantIssued, wantWaiting int
	}{
		{"A", 2, 1},
		{"B", 1, 2},
		{"C", 0, 0},
		{"Z", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.service, func(t *testing.T) {
			if got := f.e.IssuedCount(tt.service); got != tt.wantIssued {
				t.Errorf("got issued %d, want %d", got, tt.wantIssued)
			}
			if got := f.e.WaitingCount(tt.service); got != tt.wantWaiting {
				t.Errorf("got waiting %d, want %d", got, tt.wantWaiting)
			}
		})
	}
}
