package hallclient

import (
	"encoding/json"
	"fmt"
	"testing"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

func TestMirrorApply(t *testing.T) {
	a1, a2, b1 := waiting("A001", 1, false), waiting("A002", 2, false), waiting("B001", 3, false)
	a1c := calledAt(a1, 1, "hang.nd")
	a1recall := a1c
	a1recall.Recalls = 1

	a3c := calledAt(waiting("A003", 3, false), 1, "hang.nd")
	a3moved := a3c
	a3moved.Service, a3moved.State, a3moved.Counter, a3moved.Clerk, a3moved.CalledAt = "B", queue.Waiting, 0, "", queue.Stamp{}
	b5, b7 := waiting("B005", 5, false), waiting("B007", 7, false)
	a3prio := a3moved
	a3prio.Priority, a3prio.Order = true, 9

	a1done := inState(a1c, queue.Finished)
	a1done.FinishedAt = at(15, 0) // five minutes after the call

	var ten []queue.Ticket
	for i := 10; i >= 1; i-- {
		ten = append(ten, calledAt(waiting(fmt.Sprintf("B%03d", i), uint64(i), false), 2, "minh.tq"))
	}
	b11 := calledAt(waiting("B011", 11, false), 2, "minh.tq")

	paused := queue.Counter{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}, Status: queue.CounterPaused,
		Clerk: "hang.nd", ClerkName: "Nguyễn Diệu Hằng", Ticket: ptr(a1c)}

	tests := []struct {
		name   string
		start  protocol.State
		events []protocol.Message
		want   protocol.State
	}{
		{
			name: "issued ticket goes after earlier ones and is counted",
			start: with(func(s *protocol.State) {
				s.Seq, s.Waiting = 2, []queue.Ticket{a1, b1}
				s.Services[0].Waiting, s.Services[0].Issued, s.Services[1].Waiting, s.Services[1].Issued = 1, 1, 1, 1
			}),
			events: []protocol.Message{ev(3, protocol.EvTicketIssued, protocol.TicketEvent{Ticket: waiting("A002", 4, false)})},
			want: with(func(s *protocol.State) {
				s.Seq, s.Waiting = 3, []queue.Ticket{a1, b1, waiting("A002", 4, false)}
				s.Services[0].Waiting, s.Services[0].Issued, s.Services[1].Waiting, s.Services[1].Issued = 2, 2, 1, 1
			}),
		},
		{
			name: "priority ticket goes before normal ones, after earlier priority ones",
			start: with(func(s *protocol.State) {
				s.Seq, s.Waiting = 2, []queue.Ticket{waiting("A001", 1, true), a2}
				s.Services[0].Waiting, s.Services[0].Issued = 2, 2
			}),
			events: []protocol.Message{ev(3, protocol.EvTicketIssued, protocol.TicketEvent{Ticket: waiting("B001", 3, true)})},
			want: with(func(s *protocol.State) {
				s.Seq, s.Waiting = 3, []queue.Ticket{waiting("A001", 1, true), waiting("B001", 3, true), a2}
				s.Services[0].Waiting, s.Services[0].Issued, s.Services[1].Waiting, s.Services[1].Issued = 2, 2, 1, 1
			}),
		},
		{
			name: "called ticket leaves waiting for the counter and recent calls",
			start: with(func(s *protocol.State) {
				s.Seq, s.Waiting, s.Services[0].Waiting = 2, []queue.Ticket{a1, a2}, 2
			}),
			events: []protocol.Message{ev(3, protocol.EvTicketCalled, protocol.CalledEvent{Ticket: a1c, Counter: 1})},
			want: with(func(s *protocol.State) {
				s.Seq, s.Waiting, s.Services[0].Waiting = 3, []queue.Ticket{a2}, 1
				s.Counters[0].Ticket, s.RecentCalls = ptr(a1c), []queue.Ticket{a1c}
			}),
		},
		{
			name: "recall moves the ticket to the front of recent calls",
			start: with(func(s *protocol.State) {
				s.Seq, s.Counters[0].Ticket = 5, ptr(a1c)
				s.RecentCalls = []queue.Ticket{calledAt(b1, 2, "minh.tq"), a1c}
			}),
			events: []protocol.Message{ev(6, protocol.EvTicketCalled, protocol.CalledEvent{Ticket: a1recall, Counter: 1, Recall: true})},
			want: with(func(s *protocol.State) {
				s.Seq, s.Counters[0].Ticket = 6, ptr(a1recall)
				s.RecentCalls = []queue.Ticket{a1recall, calledAt(b1, 2, "minh.tq")}
			}),
		},
		{
			name:   "recent calls keep the last ten, newest first",
			start:  with(func(s *protocol.State) { s.Seq, s.RecentCalls = 30, ten }),
			events: []protocol.Message{ev(31, protocol.EvTicketCalled, protocol.CalledEvent{Ticket: b11, Counter: 2})},
			want: with(func(s *protocol.State) {
				s.Seq, s.Counters[1].Ticket = 31, ptr(b11)
				s.RecentCalls = append([]queue.Ticket{b11}, ten[:9]...)
			}),
		},
		{
			name: "finished frees the counter and counts for the clerk",
			start: with(func(s *protocol.State) {
				s.Seq, s.Counters[0].Ticket, s.RecentCalls = 4, ptr(a1c), []queue.Ticket{a1c}
			}),
			events: []protocol.Message{ev(5, protocol.EvTicketFinished, protocol.TicketEvent{Ticket: a1done})},
			want: with(func(s *protocol.State) {
				s.Seq, s.RecentCalls = 5, []queue.Ticket{a1done}
				s.Clerks = []protocol.ClerkStats{{Username: "hang.nd", Finished: 1, ServiceSeconds: 300}}
			}),
		},
		{
			name:   "no-show frees the counter",
			start:  with(func(s *protocol.State) { s.Seq, s.Counters[0].Ticket = 4, ptr(a1c) }),
			events: []protocol.Message{ev(5, protocol.EvTicketNoShow, protocol.TicketEvent{Ticket: inState(a1c, queue.NoShow)})},
			want:   with(func(s *protocol.State) { s.Seq = 5 }),
		},
		{
			name:   "held ticket leaves the counter for the held list",
			start:  with(func(s *protocol.State) { s.Seq, s.Counters[0].Ticket = 4, ptr(a1c) }),
			events: []protocol.Message{ev(5, protocol.EvTicketHeld, protocol.TicketEvent{Ticket: inState(a1c, queue.Held)})},
			want: with(func(s *protocol.State) {
				s.Seq, s.Held = 5, []queue.Ticket{inState(a1c, queue.Held)}
			}),
		},
		{
			name: "held list stays in issue order",
			start: with(func(s *protocol.State) {
				s.Seq, s.Counters[0].Ticket = 9, ptr(a3c)
				s.Held = []queue.Ticket{inState(a1c, queue.Held), inState(b5, queue.Held)}
			}),
			events: []protocol.Message{ev(10, protocol.EvTicketHeld, protocol.TicketEvent{Ticket: inState(a3c, queue.Held)})},
			want: with(func(s *protocol.State) {
				s.Seq = 10
				s.Held = []queue.Ticket{inState(a1c, queue.Held), inState(a3c, queue.Held), inState(b5, queue.Held)}
			}),
		},
		{
			name:   "calling a held ticket brings it back to the counter",
			start:  with(func(s *protocol.State) { s.Seq, s.Held = 5, []queue.Ticket{inState(a1c, queue.Held)} }),
			events: []protocol.Message{ev(6, protocol.EvTicketCalled, protocol.CalledEvent{Ticket: a1c, Counter: 1})},
			want: with(func(s *protocol.State) {
				s.Seq, s.Counters[0].Ticket, s.RecentCalls = 6, ptr(a1c), []queue.Ticket{a1c}
			}),
		},
		{
			name: "transferred ticket keeps its issue order in the new service",
			start: with(func(s *protocol.State) {
				s.Seq, s.Counters[0].Ticket, s.RecentCalls = 8, ptr(a3c), []queue.Ticket{a3c}
				s.Waiting, s.Services[1].Waiting = []queue.Ticket{b5, b7}, 2
			}),
			events: []protocol.Message{ev(9, protocol.EvTicketTransferred, protocol.TransferredEvent{Ticket: a3moved, FromService: "A"})},
			want: with(func(s *protocol.State) {
				s.Seq, s.Waiting, s.Services[1].Waiting = 9, []queue.Ticket{a3moved, b5, b7}, 3
				s.RecentCalls = []queue.Ticket{a3moved}
			}),
		},
		{
			name: "transferred priority ticket goes first",
			start: with(func(s *protocol.State) {
				s.Seq, s.Waiting, s.Services[1].Waiting = 9, []queue.Ticket{b5, b7}, 2
			}),
			events: []protocol.Message{ev(10, protocol.EvTicketTransferred, protocol.TransferredEvent{Ticket: a3prio, FromService: "A"})},
			want: with(func(s *protocol.State) {
				s.Seq, s.Waiting, s.Services[1].Waiting = 10, []queue.Ticket{a3prio, b5, b7}, 3
			}),
		},
		{
			name: "expired tickets leave waiting and held",
			start: with(func(s *protocol.State) {
				s.Seq, s.Waiting, s.Held, s.Services[0].Waiting = 9, []queue.Ticket{a2}, []queue.Ticket{inState(a1c, queue.Held)}, 1
			}),
			events: []protocol.Message{
				ev(10, protocol.EvTicketExpired, protocol.TicketEvent{Ticket: inState(a2, queue.Expired)}),
				ev(11, protocol.EvTicketExpired, protocol.TicketEvent{Ticket: inState(a1c, queue.Expired)}),
			},
			want: with(func(s *protocol.State) { s.Seq = 11 }),
		},
		{
			name:   "rating marks the ticket in recent calls",
			start:  with(func(s *protocol.State) { s.Seq, s.RecentCalls = 6, []queue.Ticket{a1done} }),
			events: []protocol.Message{ev(7, protocol.EvTicketRated, protocol.RatedEvent{TicketID: a1.ID, Counter: 1, Clerk: "hang.nd", Rating: 4})},
			want: with(func(s *protocol.State) {
				rated := a1done
				rated.Rating = 4
				s.Seq, s.RecentCalls = 7, []queue.Ticket{rated}
				s.Clerks = []protocol.ClerkStats{{Username: "hang.nd", Ratings: [6]int{4: 1}}}
			}),
		},
		{
			name:  "clerks are kept by username",
			start: with(func(s *protocol.State) { s.Seq = 6 }),
			events: []protocol.Message{
				ev(7, protocol.EvTicketRated, protocol.RatedEvent{TicketID: b1.ID, Counter: 2, Clerk: "minh.tq", Rating: 3}),
				ev(8, protocol.EvTicketRated, protocol.RatedEvent{TicketID: a1.ID, Counter: 1, Clerk: "hang.nd", Rating: 5}),
			},
			want: with(func(s *protocol.State) {
				s.Seq = 8
				s.Clerks = []protocol.ClerkStats{{Username: "hang.nd", Ratings: [6]int{5: 1}}, {Username: "minh.tq", Ratings: [6]int{3: 1}}}
			}),
		},
		{
			name:  "rating counts for the clerk",
			start: with(func(s *protocol.State) { s.Seq = 6 }),
			events: []protocol.Message{
				ev(7, protocol.EvTicketRated, protocol.RatedEvent{TicketID: a1.ID, Counter: 1, Clerk: "hang.nd", Rating: 5}),
				ev(8, protocol.EvTicketRated, protocol.RatedEvent{TicketID: a2.ID, Counter: 1, Clerk: "hang.nd", Rating: 2}),
			},
			want: with(func(s *protocol.State) {
				s.Seq = 8
				s.Clerks = []protocol.ClerkStats{{Username: "hang.nd", Ratings: [6]int{2: 1, 5: 1}}}
			}),
		},
		{
			name:   "counter_updated replaces the counter as sent",
			start:  with(func(s *protocol.State) { s.Seq = 3 }),
			events: []protocol.Message{ev(4, protocol.EvCounterUpdated, protocol.CounterEvent{Counter: paused})},
			want:   with(func(s *protocol.State) { s.Seq, s.Counters[0] = 4, paused }),
		},
		{
			name:  "counter_updated adds a counter it did not know",
			start: with(func(s *protocol.State) { s.Seq = 3 }),
			events: []protocol.Message{ev(4, protocol.EvCounterUpdated, protocol.CounterEvent{Counter: queue.Counter{
				ID: 3, Name: "Quầy 3", Services: []string{"A"}, Status: queue.CounterClosed}})},
			want: with(func(s *protocol.State) {
				s.Seq = 4
				s.Counters = append(s.Counters, queue.Counter{ID: 3, Name: "Quầy 3", Services: []string{"A"}, Status: queue.CounterClosed})
			}),
		},
		{
			name: "day_started empties the day and keeps the configuration",
			start: with(func(s *protocol.State) {
				s.Seq, s.Waiting, s.Held, s.RecentCalls = 120, []queue.Ticket{a2}, []queue.Ticket{inState(b1, queue.Held)}, []queue.Ticket{a1c}
				s.Services[0].Waiting, s.Services[0].Issued, s.Services[1].Issued = 1, 40, 30
				s.Counters[0].Ticket = ptr(a1c)
				s.Clerks = []protocol.ClerkStats{{Username: "hang.nd", Finished: 12}}
			}),
			events: []protocol.Message{ev(1, protocol.EvDayStarted, protocol.DayEvent{Day: "2026-11-29"})},
			want: with(func(s *protocol.State) {
				s.Day, s.Seq = "2026-11-29", 1
				for i := range s.Counters {
					s.Counters[i].Status, s.Counters[i].Clerk, s.Counters[i].ClerkName = queue.CounterClosed, "", ""
				}
			}),
		},
		{
			name:   "unknown event only takes its seq",
			start:  with(func(s *protocol.State) { s.Seq = 3 }),
			events: []protocol.Message{ev(4, "hall_renamed", map[string]string{"name": "x"})},
			want:   with(func(s *protocol.State) { s.Seq = 4 }),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := NewMirror()
			m.Reset(tc.start)
			for _, e := range tc.events {
				if err := m.Apply(e); err != nil {
					t.Fatalf("Apply(%s %d): %v", e.Type, e.Seq, err)
				}
			}
			assertState(t, m.State(), tc.want)
		})
	}
}

func TestMirrorApplyBadDataChangesNothing(t *testing.T) {
	m := NewMirror()
	start := with(func(s *protocol.State) { s.Seq = 3 })
	m.Reset(start)
	bad := protocol.Message{Type: protocol.EvTicketIssued, Seq: 4, Data: json.RawMessage(`{"ticket": 7}`)}
	if err := m.Apply(bad); err == nil {
		t.Fatal("Apply of undecodable data: got nil error, want one")
	}
	assertState(t, m.State(), start)
}

func TestMirrorStateIsACopy(t *testing.T) {
	m := NewMirror()
	a1c := calledAt(waiting("A001", 1, false), 1, "hang.nd")
	m.Reset(with(func(s *protocol.State) {
		s.Counters[0].Ticket, s.RecentCalls, s.Waiting = ptr(a1c), []queue.Ticket{a1c}, []queue.Ticket{waiting("A002", 2, false)}
	}))
	got := m.State()
	got.Counters[0].Ticket.Number = "X999"
	got.Counters[0].Services[0] = "Z"
	got.RecentCalls[0].Calls[0].Clerk = "someone"
	got.Waiting[0].Number = "X998"
	again := m.State()
	if again.Counters[0].Ticket.Number != "A001" || again.Counters[0].Services[0] != "A" ||
		again.RecentCalls[0].Calls[0].Clerk != "hang.nd" || again.Waiting[0].Number != "A002" {
		t.Errorf("changing a State copy changed the mirror: got %+v", again)
	}
}
