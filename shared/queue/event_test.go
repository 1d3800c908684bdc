package queue

import (
	"reflect"
	"testing"
	"time"
)

// errOf drops a command's result but its error.
func errOf[T any](_ T, err error) error { return err }

func TestCommandEvents(t *testing.T) {
	f := newFixture(t)
	token := func(id string) string { return f.ticket(id).Token }
	steps := []struct {
		name string
		run  func() error
		// what the command's Changes hold
		wantEvents   []string
		wantTickets  []string // ids
		wantCounters []int
		wantRatings  int
		wantFeedback int
	}{
		{
			name:        "issue",
			run:         func() error { _, _, _, err := f.e.Issue(f.now, "A", false); return err },
			wantEvents:  []string{EvTicketIssued},
			wantTickets: []string{idA001},
		},
		{
			name:        "issue priority",
			run:         func() error { _, _, _, err := f.e.Issue(f.now, "A", true); return err },
			wantEvents:  []string{EvTicketIssued},
			wantTickets: []string{idA002},
		},
		{
			name:        "issue another service",
			run:         func() error { _, _, _, err := f.e.Issue(f.now, "B", false); return err },
			wantEvents:  []string{EvTicketIssued},
			wantTickets: []string{idB001},
		},
		{
			name:         "clerk_login",
			run:          func() error { return errOf(f.e.Login(f.now, 1, "hang.nd")) },
			wantEvents:   []string{EvCounterUpdated},
			wantCounters: []int{1},
		},
		{
			name:         "call_next",
			run:          func() error { return errOf(f.e.CallNext(f.now, 1)) },
			wantEvents:   []string{EvTicketCalled},
			wantTickets:  []string{idA002},
			wantCounters: []int{1},
		},
		{
			name:        "recall",
			run:         func() error { return errOf(f.e.Recall(f.now, 1, idA002)) },
			wantEvents:  []string{EvTicketCalled},
			wantTickets: []string{idA002},
		},
		{
			name:         "hold",
			run:          func() error { return errOf(f.e.Hold(f.now, 1, idA002)) },
			wantEvents:   []string{EvTicketHeld},
			wantTickets:  []string{idA002},
			wantCounters: []int{1},
		},
		{
			name:         "call_ticket",
			run:          func() error { return errOf(f.e.CallTicket(f.now, 1, idA002)) },
			wantEvents:   []string{EvTicketCalled},
			wantTickets:  []string{idA002},
			wantCounters: []int{1},
		},
		{
			name:         "transfer",
			run:          func() error { return errOf(f.e.Transfer(f.now, 1, idA002, "B")) },
			wantEvents:   []string{EvTicketTransferred},
			wantTickets:  []string{idA002},
			wantCounters: []int{1},
		},
		{
			name:         "call_next after transfer",
			run:          func() error { return errOf(f.e.CallNext(f.now, 1)) },
			wantEvents:   []string{EvTicketCalled},
			wantTickets:  []string{idA002},
			wantCounters: []int{1},
		},
		{
			name:         "finish",
			run:          func() error { return errOf(f.e.Finish(f.now, 1, idA002)) },
			wantEvents:   []string{EvTicketFinished},
			wantTickets:  []string{idA002},
			wantCounters: []int{1},
		},
		{
			name: "rate 1",
			run: func() error {
				return errOf(f.e.Rate(f.now, RateInput{TicketID: idA002, Rating: 1, Token: token(idA002)}))
			},
			wantEvents:   []string{EvTicketRated},
			wantTickets:  []string{idA002},
			wantRatings:  1,
			wantFeedback: 1,
		},
		{
			name:         "feedback",
			run:          func() error { return errOf(f.e.SubmitFeedback(f.now, FeedbackInput{Message: "Ghế ngồi thiếu"})) },
			wantFeedback: 1,
		},
		{
			name:         "call_next again",
			run:          func() error { return errOf(f.e.CallNext(f.now, 1)) },
			wantEvents:   []string{EvTicketCalled},
			wantTickets:  []string{idA001},
			wantCounters: []int{1},
		},
		{
			name:         "no_show",
			run:          func() error { return errOf(f.e.NoShow(f.now, 1, idA001)) },
			wantEvents:   []string{EvTicketNoShow},
			wantTickets:  []string{idA001},
			wantCounters: []int{1},
		},
		{
			name:         "pause",
			run:          func() error { return errOf(f.e.Pause(f.now, 1)) },
			wantEvents:   []string{EvCounterUpdated},
			wantCounters: []int{1},
		},
		{
			name:         "resume",
			run:          func() error { return errOf(f.e.Resume(f.now, 1)) },
			wantEvents:   []string{EvCounterUpdated},
			wantCounters: []int{1},
		},
		{
			name:         "clerk_logout",
			run:          func() error { return f.e.Logout(f.now, 1) },
			wantEvents:   []string{EvCounterUpdated},
			wantCounters: []int{1},
		},
		{
			name:        "expire at close",
			run:         func() error { f.e.ExpireWaiting(f.now); return nil },
			wantEvents:  []string{EvTicketExpired},
			wantTickets: []string{idB001},
		},
	}
	seq := f.e.Seq()
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			f.t = t
			f.tick(time.Minute)
			wantCode(t, st.run(), "")
			c := f.e.TakeChanges()
			if got := eventTypes(c.Events); !reflect.DeepEqual(got, st.wantEvents) && len(got)+len(st.wantEvents) > 0 {
				t.Errorf("got events %v, want %v", got, st.wantEvents)
			}
			for _, ev := range c.Events {
				seq++
				if ev.Seq != seq {
					t.Errorf("got %s seq %d, want %d", ev.Type, ev.Seq, seq)
				}
				if !ev.At.Equal(f.now) || ev.At.Location() != ict {
					t.Errorf("got %s at %v, want %v in the hall's zone", ev.Type, ev.At, f.now)
				}
				wantNoToken(t, ev)
			}
			if f.e.Seq() != seq {
				t.Errorf("got Seq %d, want %d", f.e.Seq(), seq)
			}
			var ids []string
			for _, tk := range c.Tickets {
				ids = append(ids, tk.ID)
				if tk.Token == "" {
					t.Errorf("got stored %s without token, want the token kept", tk.ID)
				}
			}
			if !reflect.DeepEqual(ids, st.wantTickets) {
				t.Errorf("got stored tickets %v, want %v", ids, st.wantTickets)
			}
			var counters []int
			for _, cs := range c.Counters {
				counters = append(counters, cs.ID)
			}
			if !reflect.DeepEqual(counters, st.wantCounters) {
				t.Errorf("got stored counters %v, want %v", counters, st.wantCounters)
			}
			if len(c.Ratings) != st.wantRatings || len(c.Feedback) != st.wantFeedback {
				t.Errorf("got %d ratings %d feedback, want %d %d", len(c.Ratings), len(c.Feedback), st.wantRatings, st.wantFeedback)
			}
		})
	}
}

// wantNoToken fails if an event carries a ticket's token.
func wantNoToken(t *testing.T, ev Event) {
	t.Helper()
	if ev.Ticket != nil && ev.Ticket.Token != "" {
		t.Errorf("got %s with ticket token %q, want none", ev.Type, ev.Ticket.Token)
	}
	if ev.CounterView != nil && ev.CounterView.Ticket != nil && ev.CounterView.Ticket.Token != "" {
		t.Errorf("got %s with counter's ticket token %q, want none", ev.Type, ev.CounterView.Ticket.Token)
	}
}

func TestCalledEvents(t *testing.T) {
	f := newFixture(t)
	f.issue("C", false)
	f.login(3, "lan.pt")
	tests := []struct {
		name        string
		run         func() (Ticket, error)
		wantRecall  bool
		wantRecalls int
	}{
		{name: "call", run: func() (Ticket, error) { return f.e.CallNext(f.tick(time.Second), 3) }},
		{name: "recall", run: func() (Ticket, error) { return f.e.Recall(f.tick(time.Second), 3, idC001) }, wantRecall: true, wantRecalls: 1},
		{name: "second recall", run: func() (Ticket, error) { return f.e.Recall(f.tick(time.Second), 3, idC001) }, wantRecall: true, wantRecalls: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk, err := tt.run()
			wantCode(t, err, "")
			c := f.e.TakeChanges()
			if len(c.Events) != 1 {
				t.Fatalf("got events %v, want one", eventTypes(c.Events))
			}
			ev := c.Events[0]
			if ev.Type != EvTicketCalled || ev.Counter != 3 || ev.Recall != tt.wantRecall || ev.Ticket.ID != idC001 ||
				ev.Ticket.Recalls != tt.wantRecalls || tk.Recalls != tt.wantRecalls || len(tk.Calls) != 1 {
				t.Errorf("got %s counter %d recall %v recalls %d calls %d, want ticket_called at 3 recall %v recalls %d calls 1",
					ev.Type, ev.Counter, ev.Recall, ev.Ticket.Recalls, len(tk.Calls), tt.wantRecall, tt.wantRecalls)
			}
		})
	}
}

func TestFailedCommandsChangeNothing(t *testing.T) {
	f := rateFixture(t)
	f.issue("B", false) // B002
	tests := []struct {
		name string
		run  func(now time.Time) error
	}{
		{"issue unknown service", func(now time.Time) error { _, _, _, err := f.e.Issue(now, "Z", false); return err }},
		{"issue after close", func(now time.Time) error {
			_, _, _, err := f.e.Issue(clock(t, "17:30"), "A", false)
			return err
		}},
		{"login of another clerk", func(now time.Time) error { return errOf(f.e.Login(now, 1, "lan.pt")) }},
		{"logout while serving", func(now time.Time) error { return f.e.Logout(now, 2) }},
		{"call_next while serving", func(now time.Time) error { return errOf(f.e.CallNext(now, 2)) }},
		{"call_next at a closed counter", func(now time.Time) error { return errOf(f.e.CallNext(now, 3)) }},
		{"call_ticket of another service", func(now time.Time) error { return errOf(f.e.CallTicket(now, 1, idC001)) }},
		{"recall at another counter", func(now time.Time) error { return errOf(f.e.Recall(now, 1, idB001)) }},
		{"finish a finished ticket", func(now time.Time) error { return errOf(f.e.Finish(now, 1, idA001)) }},
		{"hold a waiting ticket", func(now time.Time) error { return errOf(f.e.Hold(now, 2, idC001)) }},
		{"no_show unknown", func(now time.Time) error { return errOf(f.e.NoShow(now, 2, "2026-11-28/B404")) }},
		{"transfer to unknown service", func(now time.Time) error { return errOf(f.e.Transfer(now, 2, idB001, "Q")) }},
		{"rate with a wrong token", func(now time.Time) error {
			return errOf(f.e.Rate(now, RateInput{TicketID: idA001, Rating: 5, Token: "WRONG234"}))
		}},
		{"feedback without message", func(now time.Time) error {
			return errOf(f.e.SubmitFeedback(now, FeedbackInput{Phone: "0912"}))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.t = t
			now := f.tick(time.Second)
			before := takeSnapshot(f.e)
			if err := tt.run(now); err == nil {
				t.Fatalf("got no error, want one")
			}
			if c := f.e.TakeChanges(); !c.Empty() {
				t.Errorf("got changes %+v, want none", c)
			}
			wantUnchanged(t, f.e, before)
		})
	}
}
