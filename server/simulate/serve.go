package simulate

import (
	"context"
	"math"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// serve decides what happens to a called ticket. A ticket called for the
// first time may be a no-show, be transferred or be held; one called back
// from hold or after a transfer is served.
func (a *counterAgent) serve(ctx context.Context, t queue.Ticket, returning bool) {
	s := a.s
	_, transferred := s.transferred.Load(t.ID)
	late := !s.clock.Now().Before(s.at(s.p.Close).Add(-lastMoves))
	x := a.rnd.Float64()
	p := s.p
	switch {
	case returning || transferred:
	case x < p.NoShow:
		a.noShow(ctx, t)
		return
	case x < p.NoShow+p.Transfer && len(p.Services) > 1 && !late:
		a.transfer(ctx, t)
		return
	case x < p.NoShow+p.Transfer+p.Hold && !late:
		a.hold(ctx, t)
		return
	}
	a.finish(ctx, t)
}

// noShow recalls twice a minute apart, then marks the ticket.
func (a *counterAgent) noShow(ctx context.Context, t queue.Ticket) {
	ref := protocol.TicketRef{TicketID: t.ID}
	for range 2 {
		if !a.s.sleepFor(ctx, recallAfter) || !a.cmd(ctx, protocol.CmdRecall, ref, nil).ok {
			return
		}
		a.s.st.add(func(st *stats) { st.recalls++ })
	}
	if !a.s.sleepFor(ctx, recallAfter) || !a.cmd(ctx, protocol.CmdNoShow, ref, nil).ok {
		return
	}
	a.s.st.add(func(st *stats) { st.noShow++; st.ticketsOut[t.ID] = "no_show" })
}

// transfer sends the ticket to another service after a word with the
// citizen; it keeps its place in the queue.
func (a *counterAgent) transfer(ctx context.Context, t queue.Ticket) {
	if !a.s.sleepFor(ctx, a.between(time.Minute, 3*time.Minute)) {
		return
	}
	to := a.s.pickService(a.rnd, t.Service)
	if !a.cmd(ctx, protocol.CmdTransfer, protocol.Transfer{TicketID: t.ID, Service: to}, nil).ok {
		return
	}
	a.s.transferred.Store(t.ID, true)
	a.s.st.add(func(st *stats) { st.transfers++; st.ticketsOut[t.ID] = "waiting" })
}

// hold sends the citizen for a missing paper; they are back in 5 to 20
// minutes, and this counter calls the ticket back then.
func (a *counterAgent) hold(ctx context.Context, t queue.Ticket) {
	if !a.s.sleepFor(ctx, a.between(time.Minute, 4*time.Minute)) {
		return
	}
	if !a.cmd(ctx, protocol.CmdHold, protocol.TicketRef{TicketID: t.ID}, nil).ok {
		return
	}
	back := a.s.clock.Now().Add(a.between(5*time.Minute, 20*time.Minute))
	a.held = append(a.held, heldTicket{id: t.ID, back: back})
	a.s.st.add(func(st *stats) { st.holds++; st.ticketsOut[t.ID] = "held" })
}

// finish serves the ticket for its service's time, finishes it, and the
// citizen may rate it at a kiosk a few minutes later.
func (a *counterAgent) finish(ctx context.Context, t queue.Ticket) {
	s := a.s
	if !s.sleepFor(ctx, a.serviceTime(t.Service)) {
		return
	}
	var r protocol.TicketReply
	if !a.cmd(ctx, protocol.CmdFinish, protocol.TicketRef{TicketID: t.ID}, &r).ok {
		return
	}
	s.st.add(func(st *stats) { st.finished++; st.ticketsOut[t.ID] = "finished" })
	if a.rnd.Float64() < s.p.Rated {
		s.ratings.Add(1)
		go s.rate(ctx, s.drawRating(a.rnd, t.ID, r.Ticket.FinishedAt.Time))
	}
}

// serviceTime draws a service time: log-normal around the service's mean
// (a few long cases, most near the mean), from a minute to four means.
func (a *counterAgent) serviceTime(service string) time.Duration {
	mean := 8.0
	for _, sv := range a.s.p.Services {
		if sv.ID == service {
			mean = sv.Minutes
		}
	}
	const sigma = 0.5
	m := mean * math.Exp(sigma*a.rnd.NormFloat64()-sigma*sigma/2)
	m = min(max(m, 1), 4*mean)
	return time.Duration(m * float64(time.Minute))
}

// between draws a duration in [lo, hi).
func (a *counterAgent) between(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(a.rnd.Int64N(int64(hi-lo)))
}
