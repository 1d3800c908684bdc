package simulate

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"hallq/shared/hallclient"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// counterAgent is a clerk at a counter's PC: signs in before opening,
// calls the next citizen when one waits for the counter's services,
// serves for the service's time and finishes, now and then marks a
// no-show after two recalls, transfers a ticket to another service or
// holds it while the citizen fetches a paper (and calls it back on
// return), takes one break, and signs out at close.
type counterAgent struct {
	s    *sim
	d    CounterDevice
	c    *hallclient.Client
	rnd  *rand.Rand
	wake chan struct{} // a ticket was issued, transferred or held, or the link came back

	held       []heldTicket
	breakStart time.Time
	breakDone  bool

	// The waiting queue as this counter's screen shows it, kept from its
	// client's events: cheaper than a deep copy of the client's state at
	// every look.
	mu    sync.Mutex
	queue map[string]string // waiting ticket id -> service
	mine  int               // how many of them this counter serves
}

// heldTicket is a held ticket and when its citizen comes back.
type heldTicket struct {
	id   string
	back time.Time
}

// Clerk timings in the hall's time.
const (
	reactionMin, reactionMax = 3 * time.Second, 15 * time.Second // from seeing a waiting ticket to pressing F1
	recallAfter              = time.Minute
	idleCheck                = time.Minute // look at the queue again at least this often
	lastMoves                = time.Hour   // no transfer or hold this close to closing time
)

func newCounterAgent(s *sim, i int, rnd *rand.Rand) *counterAgent {
	a := &counterAgent{s: s, d: s.h.Counters[i], rnd: rnd, wake: make(chan struct{}, 1), queue: map[string]string{}}
	a.c = s.newClient(a.d.Device, a.onEvent, s.watchHello(a.d.ID, a.onHello))
	if p := s.p; p.BreakMinutes > 0 {
		from, to := mustClock(p.BreakFrom), mustClock(p.BreakTo)
		span := max(to-from-time.Duration(p.BreakMinutes)*time.Minute, 0)
		// Counters take turns: counter i starts its break i/n of the way.
		a.breakStart = s.midnight.Add(from + span*time.Duration(i)/time.Duration(len(s.h.Counters)))
	} else {
		a.breakDone = true
	}
	return a
}

// onHello takes the waiting queue of a full state, and wakes the clerk
// after a reconnect.
func (a *counterAgent) onHello(r protocol.HelloReply) {
	if r.State != nil {
		a.mu.Lock()
		clear(a.queue)
		a.mine = 0
		for _, t := range r.State.Waiting {
			a.setLocked(t.ID, t.Service)
		}
		a.mu.Unlock()
	}
	a.poke()
}

// onEvent keeps the waiting queue, and wakes the clerk when a ticket of
// the counter's services joins it. It runs on the client's goroutine.
func (a *counterAgent) onEvent(ev hallclient.Event) {
	var d struct {
		Ticket struct {
			ID      string `json:"id"`
			Service string `json:"service"`
		} `json:"ticket"`
	}
	switch ev.Type {
	case protocol.EvTicketIssued, protocol.EvTicketTransferred, protocol.EvTicketCalled, protocol.EvTicketExpired:
		if err := json.Unmarshal(ev.Data, &d); err != nil {
			a.s.st.fail("%s: %s event %d: %v", a.d.ID, ev.Type, ev.Seq, err)
			return
		}
	case protocol.EvDayStarted:
		a.mu.Lock()
		clear(a.queue)
		a.mine = 0
		a.mu.Unlock()
		return
	default:
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if ev.Type == protocol.EvTicketIssued || ev.Type == protocol.EvTicketTransferred {
		if a.setLocked(d.Ticket.ID, d.Ticket.Service) {
			a.poke()
		}
		return
	}
	a.setLocked(d.Ticket.ID, "")
}

// setLocked puts ticket id in the queue for service, or takes it out
// ("" service), and reports whether it joined as one of this counter's.
func (a *counterAgent) setLocked(id, service string) bool {
	if old, ok := a.queue[id]; ok {
		if slices.Contains(a.d.Services, old) {
			a.mine--
		}
		delete(a.queue, id)
	}
	if service == "" {
		return false
	}
	a.queue[id] = service
	if slices.Contains(a.d.Services, service) {
		a.mine++
		return true
	}
	return false
}

// poke wakes the agent if it idles; it never blocks (it runs on the
// client's goroutine).
func (a *counterAgent) poke() {
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

func (a *counterAgent) cmd(ctx context.Context, typ string, data, out any, expected ...string) sent {
	return a.s.do(ctx, a.c, a.d.ID, typ, data, out, expected...)
}

// run is the clerk's day.
func (a *counterAgent) run(ctx context.Context) {
	s := a.s
	open, closeAt := s.at(s.p.Open), s.at(s.p.Close)
	login := open.Add(-10*time.Minute + time.Duration(a.rnd.Int64N(int64(12*time.Minute))))
	if !s.sleepUntil(ctx, login) {
		return
	}
	if !a.cmd(ctx, protocol.CmdClerkLogin, protocol.ClerkLogin{Username: a.d.Clerk, PIN: s.h.PIN}, nil).ok {
		return
	}
	for ctx.Err() == nil {
		now := s.clock.Now()
		if !now.Before(closeAt) {
			break
		}
		switch {
		case !a.breakDone && !now.Before(a.breakStart):
			a.takeBreak(ctx)
		case a.backHeld(now) >= 0:
			a.callHeld(ctx, a.backHeld(now))
		case a.waiting():
			a.callNext(ctx)
		default:
			a.idle(ctx, a.nextDue(now, closeAt))
		}
	}
	a.cmd(ctx, protocol.CmdClerkLogout, nil, nil)
}

// waiting reports whether a ticket waits for one of the counter's
// services.
func (a *counterAgent) waiting() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.mine > 0
}

// backHeld returns the index of a held ticket whose citizen is back, or -1.
func (a *counterAgent) backHeld(now time.Time) int {
	for i, h := range a.held {
		if !now.Before(h.back) {
			return i
		}
	}
	return -1
}

// nextDue is when the idle clerk looks again at the latest: a held
// citizen's return, the break, close, or a minute from now.
func (a *counterAgent) nextDue(now, closeAt time.Time) time.Time {
	due := now.Add(idleCheck)
	earlier := func(t time.Time) {
		if t.Before(due) {
			due = t
		}
	}
	earlier(closeAt)
	for _, h := range a.held {
		earlier(h.back)
	}
	if !a.breakDone {
		earlier(a.breakStart)
	}
	return due
}

// idle waits until due, or until a poke.
func (a *counterAgent) idle(ctx context.Context, due time.Time) {
	t := time.NewTimer(a.s.clock.Real(a.s.clock.Until(due)))
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-a.wake:
	case <-t.C:
	}
}

func (a *counterAgent) takeBreak(ctx context.Context) {
	a.breakDone = true
	if !a.cmd(ctx, protocol.CmdPause, nil, nil).ok {
		return
	}
	a.s.st.add(func(st *stats) { st.pauses++ })
	a.s.sleepFor(ctx, time.Duration(a.s.p.BreakMinutes)*time.Minute)
	a.cmd(ctx, protocol.CmdResume, nil, nil)
}

// callNext presses F1 after a moment's reaction, unless the screen shows
// that another counter took the ticket meanwhile; another counter may
// still be quicker (queue_empty).
func (a *counterAgent) callNext(ctx context.Context) {
	s := a.s
	if !s.sleepFor(ctx, reactionMin+time.Duration(a.rnd.Int64N(int64(reactionMax-reactionMin)))) || !a.waiting() {
		return
	}
	at := s.clock.Now()
	var r protocol.TicketReply
	res := a.cmd(ctx, protocol.CmdCallNext, nil, &r, queue.EQUEUEEMPTY)
	if res.ok && res.clean {
		s.st.add(func(st *stats) { st.hour(at).calls = append(st.hour(at).calls, res.rtt) })
	}
	if res.code == queue.EQUEUEEMPTY {
		s.st.add(func(st *stats) { st.queueEmpty++ })
		return
	}
	if !res.ok {
		a.idle(ctx, s.clock.Now().Add(idleCheck))
		return
	}
	a.called(r.Ticket)
	a.serve(ctx, r.Ticket, false)
}

// callHeld calls back the held ticket i, whose citizen has returned.
func (a *counterAgent) callHeld(ctx context.Context, i int) {
	h := a.held[i]
	a.held = slices.Delete(a.held, i, i+1)
	var r protocol.TicketReply
	if !a.cmd(ctx, protocol.CmdCallTicket, protocol.TicketRef{TicketID: h.id}, &r).ok {
		return
	}
	a.called(r.Ticket)
	a.serve(ctx, r.Ticket, true)
}

// called counts a call and, on a ticket's first call, its wait.
func (a *counterAgent) called(t queue.Ticket) {
	first := t.CalledAt.Equal(t.FirstCalledAt.Time)
	wait := t.FirstCalledAt.Sub(t.IssuedAt.Time)
	at := t.CalledAt.Time.In(a.s.loc)
	a.s.st.add(func(st *stats) {
		st.calls++
		st.called[t.ID] = true
		st.ticketsOut[t.ID] = "called"
		if !first {
			return
		}
		if h := st.hour(at); wait > h.maxWait {
			h.maxWait = wait
		}
		if wait > st.maxWait {
			st.maxWait, st.maxWaitTicket = wait, t.Number
		}
	})
}
