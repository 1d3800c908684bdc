package protocol

import (
	"reflect"
	"testing"

	"hallq/shared/queue"
)

func TestStateCloneSharesNothing(t *testing.T) {
	tk := queue.Ticket{ID: "d/A001", Number: "A001", Calls: []queue.Call{{Counter: 1}}}
	s := State{
		Services:    []ServiceInfo{{ID: "A"}},
		Counters:    []queue.Counter{{ID: 1, Services: []string{"A"}, Ticket: &tk}},
		Waiting:     []queue.Ticket{tk},
		Held:        []queue.Ticket{tk},
		RecentCalls: []queue.Ticket{tk},
		Clerks:      []ClerkStats{{Username: "a"}},
	}
	c := s.Clone()
	if !reflect.DeepEqual(c, s) {
		t.Fatalf("clone differs: %+v", c)
	}
	c.Services[0].ID = "X"
	c.Counters[0].Services[0] = "X"
	c.Counters[0].Ticket.Number = "X"
	c.Counters[0].Ticket.Calls[0].Counter = 9
	c.Waiting[0].Calls[0].Counter = 9
	c.Held[0].Number = "X"
	c.RecentCalls[0].Calls[0].Counter = 9
	c.Clerks[0].Ratings[1] = 7
	if s.Services[0].ID != "A" || s.Counters[0].Services[0] != "A" || s.Counters[0].Ticket.Number != "A001" ||
		tk.Calls[0].Counter != 1 || s.Waiting[0].Calls[0].Counter != 1 || s.Held[0].Number != "A001" ||
		s.RecentCalls[0].Calls[0].Counter != 1 || s.Clerks[0].Ratings[1] != 0 {
		t.Fatalf("changing the clone changed the original: %+v", s)
	}
}
