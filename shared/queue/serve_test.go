package queue

import (
	"reflect"
	"testing"
	"time"
)

// servingOp is one of the commands that apply only to the ticket called at
// the sender's counter.
type servingOp struct {
	name      string
	run       func(e *Engine, now time.Time, counter int, id string) (Ticket, error)
	wantState TicketState
	wantEvent string
}

var servingOps = []servingOp{
	{"recall", func(e *Engine, now time.Time, c int, id string) (Ticket, error) { return e.Recall(now, c, id) },
		Called, EvTicketCalled},
	{"no_show", func(e *Engine, now time.Time, c int, id string) (Ticket, error) { return e.NoShow(now, c, id) },
		NoShow, EvTicketNoShow},
	{"hold", func(e *Engine, now time.Time, c int, id string) (Ticket, error) { return e.Hold(now, c, id) },
		Held, EvTicketHeld},
	{"finish", func(e *Engine, now time.Time, c int, id string) (Ticket, error) { return e.Finish(now, c, id) },
		Finished, EvTicketFinished},
	{"finish with file codes", func(e *Engine, now time.Time, c int, id string) (Ticket, error) {
		return e.FinishWithCodes(now, c, id, []string{"H12.34-250101-0001"})
	}, Finished, EvTicketFinished},
	{"set_file_codes", func(e *Engine, now time.Time, c int, id string) (Ticket, error) {
		return e.SetFileCodes(now, c, id, []string{"000.00.12.H12-251128-0001"})
	}, Called, EvTicketFileCodes},
	{"transfer", func(e *Engine, now time.Time, c int, id string) (Ticket, error) {
		return e.Transfer(now, c, id, "C")
	}, Waiting, EvTicketTransferred},
}

func TestServingCommands(t *testing.T) {
	// Each case starts with A001 called at counter 1, B001 called at
	// counter 2 and A002 waiting.
	tests := []struct {
		name  string
		setup func(f *fixture)
		id    string
		want  string
	}{
		{name: "ticket called here", id: "2026-11-28/A001"},
		{name: "ticket called at another counter", id: "2026-11-28/B001", want: ECONFLICT},
		{name: "waiting ticket", id: "2026-11-28/A002", want: ECONFLICT},
		{
			name:  "finished ticket",
			setup: func(f *fixture) { f.finish(1, "2026-11-28/A001") },
			id:    "2026-11-28/A001", want: ECONFLICT,
		},
		{
			name:  "ticket held here",
			setup: func(f *fixture) { f.hold(1, "2026-11-28/A001") },
			id:    "2026-11-28/A001", want: ECONFLICT,
		},
		{name: "unknown ticket", id: "2026-11-28/A099", want: ENOTFOUND},
		{name: "empty id", id: "", want: EBADREQUEST},
	}
	for _, op := range servingOps {
		for _, tt := range tests {
			t.Run(op.name+"/"+tt.name, func(t *testing.T) {
				f := newFixture(t)
				f.issue("A", false)
				f.issue("B", false)
				f.issue("A", false)
				f.login(1, "hang.nd")
				f.login(2, "minh.tv")
				f.callNext(1)
				f.callNext(2)
				if tt.setup != nil {
					tt.setup(f)
				}
				before := takeSnapshot(f.e)
				prev := before.Tickets[tt.id]
				now := f.tick(time.Minute)
				tk, err := op.run(f.e, now, 1, tt.id)
				wantCode(t, err, tt.want)
				if tt.want != "" {
					wantUnchanged(t, f.e, before)
					if c := f.e.TakeChanges(); !c.Empty() {
						t.Errorf("got changes %+v, want none", c)
					}
					return
				}
				if tk.ID != tt.id || tk.State != op.wantState {
					t.Errorf("got %s %s, want %s %s", tk.ID, tk.State, tt.id, op.wantState)
				}
				if tk.Number != prev.Number || !tk.IssuedAt.Equal(prev.IssuedAt.Time) || tk.Order != prev.Order {
					t.Errorf("got %s issued %v order %d, want %s issued %v order %d",
						tk.Number, tk.IssuedAt, tk.Order, prev.Number, prev.IssuedAt, prev.Order)
				}
				if !reflect.DeepEqual(tk.Calls, prev.Calls) {
					t.Errorf("got calls %+v, want unchanged %+v", tk.Calls, prev.Calls)
				}
				c := f.e.TakeChanges()
				if got := eventTypes(c.Events); !reflect.DeepEqual(got, []string{op.wantEvent}) {
					t.Fatalf("got events %v, want [%s]", got, op.wantEvent)
				}
				cs, _ := f.e.CounterState(1)
				wantCounterTicket := ""
				if op.wantState == Called {
					wantCounterTicket = tt.id
				}
				if cs.Ticket != wantCounterTicket {
					t.Errorf("got counter 1 serving %q, want %q", cs.Ticket, wantCounterTicket)
				}
			})
		}
	}
}

func TestServingResults(t *testing.T) {
	tests := []struct {
		name  string
		op    func(f *fixture, id string) Ticket
		check func(t *testing.T, f *fixture, before, got Ticket, now time.Time)
	}{
		{
			name: "recall raises recalls and keeps the call",
			op:   func(f *fixture, id string) Ticket { return f.recall(1, id) },
			check: func(t *testing.T, f *fixture, before, got Ticket, now time.Time) {
				if got.Recalls != before.Recalls+1 || !got.CalledAt.Equal(before.CalledAt.Time) {
					t.Errorf("got recalls %d called_at %v, want %d %v", got.Recalls, got.CalledAt, before.Recalls+1, before.CalledAt)
				}
			},
		},
		{
			name: "finish sets finished_at and the counter's last finished",
			op:   func(f *fixture, id string) Ticket { return f.finish(1, id) },
			check: func(t *testing.T, f *fixture, before, got Ticket, now time.Time) {
				if !got.FinishedAt.Equal(now) {
					t.Errorf("got finished_at %v, want %v", got.FinishedAt, now)
				}
				if cs, _ := f.e.CounterState(1); cs.LastFinished != got.ID {
					t.Errorf("got last finished %q, want %q", cs.LastFinished, got.ID)
				}
				if got.Counter != 1 || got.Clerk != "hang.nd" || !got.CalledAt.Equal(before.CalledAt.Time) {
					t.Errorf("got counter %d clerk %q called_at %v, want 1 hang.nd %v", got.Counter, got.Clerk, got.CalledAt, before.CalledAt)
				}
			},
		},
		{
			name: "no_show keeps counter and clerk",
			op: func(f *fixture, id string) Ticket {
				tk, err := f.e.NoShow(f.tick(time.Second), 1, id)
				f.ok("no_show", err)
				return tk
			},
			check: func(t *testing.T, f *fixture, before, got Ticket, now time.Time) {
				if got.Counter != 1 || got.Clerk != "hang.nd" || !got.FinishedAt.IsZero() {
					t.Errorf("got counter %d clerk %q finished_at %v, want 1 hang.nd null", got.Counter, got.Clerk, got.FinishedAt)
				}
			},
		},
		{
			name: "hold keeps the counter and lists the ticket as held",
			op:   func(f *fixture, id string) Ticket { return f.hold(1, id) },
			check: func(t *testing.T, f *fixture, before, got Ticket, now time.Time) {
				if got.Counter != 1 {
					t.Errorf("got counter %d, want 1", got.Counter)
				}
				if h := numbers(f.e.Held()); !reflect.DeepEqual(h, []string{got.Number}) {
					t.Errorf("got held %v, want [%s]", h, got.Number)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.issue("A", false)
			f.login(1, "hang.nd")
			before := f.callNext(1)
			got := tt.op(f, before.ID)
			tt.check(t, f, before, got, f.now)
			if stored := f.ticket(before.ID); !reflect.DeepEqual(stored, got) {
				t.Errorf("got stored %+v, want the returned %+v", stored, got)
			}
		})
	}
}

func TestTransfer(t *testing.T) {
	f := newFixture(t)
	f.issue("A", true)  // A001, order 1
	f.issue("C", false) // C001
	f.issue("C", false) // C002
	f.login(1, "hang.nd")
	f.login(3, "lan.pt")
	called := f.callNext(1)
	f.tick(time.Minute)
	tk := f.transfer(1, called.ID, "C")

	t.Run("keeps number, issue time, order and priority", func(t *testing.T) {
		if tk.Number != "A001" || tk.ID != "2026-11-28/A001" || !tk.IssuedAt.Equal(called.IssuedAt.Time) ||
			tk.Order != 1 || !tk.Priority || tk.IssuedService != "A" {
			t.Errorf("got %+v, want A001 order 1 priority issued for A at %v", tk, called.IssuedAt)
		}
	})
	t.Run("waits for the new service", func(t *testing.T) {
		if tk.State != Waiting || tk.Service != "C" {
			t.Errorf("got %s %s, want waiting C", tk.State, tk.Service)
		}
	})
	t.Run("clears counter, clerk and called_at", func(t *testing.T) {
		if tk.Counter != 0 || tk.Clerk != "" || !tk.CalledAt.IsZero() {
			t.Errorf("got counter %d clerk %q called_at %v, want null", tk.Counter, tk.Clerk, tk.CalledAt)
		}
	})
	t.Run("keeps first_called_at and the calls", func(t *testing.T) {
		if !tk.FirstCalledAt.Equal(called.CalledAt.Time) || len(tk.Calls) != 1 {
			t.Errorf("got first_called_at %v and %d calls, want %v and 1", tk.FirstCalledAt, len(tk.Calls), called.CalledAt)
		}
	})
	t.Run("frees the counter", func(t *testing.T) {
		if cs, _ := f.e.CounterState(1); cs.Ticket != "" {
			t.Errorf("got counter 1 serving %q, want none", cs.Ticket)
		}
	})
	t.Run("competes with its original place", func(t *testing.T) {
		if got := numbers(f.e.Waiting()); !reflect.DeepEqual(got, []string{"A001", "C001", "C002"}) {
			t.Errorf("got waiting %v, want [A001 C001 C002]", got)
		}
		if n := f.e.WaitingCount("C"); n != 3 {
			t.Errorf("got %d waiting for C, want 3", n)
		}
		next := f.callNext(3)
		if next.Number != "A001" || next.Service != "C" {
			t.Fatalf("got %s for %s, want A001 for C", next.Number, next.Service)
		}
		if !next.CalledAt.Equal(f.now) || !next.FirstCalledAt.Equal(called.CalledAt.Time) || len(next.Calls) != 2 {
			t.Errorf("got called_at %v first %v calls %d, want %v %v 2",
				next.CalledAt, next.FirstCalledAt, len(next.Calls), f.now, called.CalledAt)
		}
	})
	t.Run("taken before later normal tickets", func(t *testing.T) {
		g := newFixture(t)
		g.issue("A", false) // A001
		g.issue("C", false) // C001
		g.login(1, "hang.nd")
		g.login(3, "lan.pt")
		g.transfer(1, g.callNext(1).ID, "C")
		if got := g.callNext(3).Number; got != "A001" {
			t.Errorf("got %s, want A001", got)
		}
	})
}

func TestTransferRules(t *testing.T) {
	tests := []struct {
		name    string
		id      string
		service string
		want    string
	}{
		{name: "to another service", id: "2026-11-28/A001", service: "B"},
		{name: "unknown service", id: "2026-11-28/A001", service: "D", want: EBADREQUEST},
		{name: "empty service", id: "2026-11-28/A001", service: "", want: EBADREQUEST},
		{name: "unknown service and unknown ticket", id: "2026-11-28/A404", service: "D", want: EBADREQUEST},
		{name: "to its own service", id: "2026-11-28/A001", service: "A", want: ECONFLICT},
		{name: "unknown ticket", id: "2026-11-28/A404", service: "B", want: ENOTFOUND},
		{name: "empty id", id: "", service: "B", want: EBADREQUEST},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.issue("A", false)
			f.login(1, "hang.nd")
			f.callNext(1)
			before := takeSnapshot(f.e)
			tk, err := f.e.Transfer(f.tick(time.Second), 1, tt.id, tt.service)
			wantCode(t, err, tt.want)
			if tt.want != "" {
				wantUnchanged(t, f.e, before)
				return
			}
			if tk.Service != tt.service {
				t.Errorf("got service %s, want %s", tk.Service, tt.service)
			}
		})
	}
}
