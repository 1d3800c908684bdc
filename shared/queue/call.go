package queue

import "time"

// CallNext calls the next waiting ticket at counter: priority tickets first
// (bounded by priority_streak), then the earliest issued.
func (e *Engine) CallNext(now time.Time, counter int) (Ticket, error) {
	c, err := e.callingCounter(counter)
	if err != nil {
		return Ticket{}, err
	}
	t := e.next(c)
	if t == nil {
		return Ticket{}, Errorf(EQUEUEEMPTY, "Không còn số nào đang chờ cho %s", e.counterName(counter))
	}
	e.call(now, c, t)
	return *t, nil
}

// next picks the ticket call_next takes at c, or nil: priority tickets,
// then appointment tickets, then the others; after priority_streak calls
// of the first two kinds in a row at c, the oldest other ticket goes next.
func (e *Engine) next(c *CounterState) *Ticket {
	services := e.counterServices(c.ID)
	var first [3]*Ticket // by rank
	for _, t := range e.waiting {
		if !contains(services, t.Service) {
			continue
		}
		if r := rank(t); first[r] == nil {
			first[r] = t
		}
		if first[0] != nil && first[1] != nil && first[2] != nil {
			break
		}
	}
	streakDone := e.cfg.PriorityStreak > 0 && c.Streak >= e.cfg.PriorityStreak
	if streakDone && first[2] != nil {
		return first[2]
	}
	for _, t := range first {
		if t != nil {
			return t
		}
	}
	return nil
}

// CallTicket calls one named ticket at counter: a waiting ticket of the
// counter's services, or a ticket held at this counter.
func (e *Engine) CallTicket(now time.Time, counter int, id string) (Ticket, error) {
	if id == "" {
		return Ticket{}, Errorf(EBADREQUEST, "Thiếu mã số (ticket_id)")
	}
	t, ok := e.tickets[id]
	if !ok {
		return Ticket{}, Errorf(ENOTFOUND, "Không tìm thấy số %s", id)
	}
	c, err := e.callingCounter(counter)
	if err != nil {
		return Ticket{}, err
	}
	switch {
	case t.State == Waiting && contains(e.counterServices(counter), t.Service):
	case t.State == Held && int(t.Counter) == counter:
	case t.State == Waiting:
		return Ticket{}, Errorf(ECONFLICT, "Số %s thuộc dịch vụ mà %s không phục vụ", t.Number, e.counterName(counter))
	default:
		return Ticket{}, Errorf(ECONFLICT, "Số %s đang ở trạng thái %s, không gọi được", t.Number, StateLabel(t.State))
	}
	e.call(now, c, t)
	return *t, nil
}

// callingCounter returns the counter if it may call a ticket now.
func (e *Engine) callingCounter(counter int) (*CounterState, error) {
	c, ok := e.counters[counter]
	if !ok {
		return nil, Errorf(ENOTFOUND, "Không có quầy số %d", counter)
	}
	switch c.Status {
	case CounterClosed:
		return nil, Errorf(ECONFLICT, "%s chưa có công chức đăng nhập", e.counterName(counter))
	case CounterPaused:
		return nil, Errorf(ECONFLICT, "%s đang tạm nghỉ", e.counterName(counter))
	}
	if c.Ticket != "" {
		return nil, Errorf(ECONFLICT, "%s đang phục vụ số %s", e.counterName(counter), e.tickets[c.Ticket].Number)
	}
	return c, nil
}

func (e *Engine) call(now time.Time, c *CounterState, t *Ticket) {
	at := e.stamp(now)
	if t.State == Waiting {
		e.removeWaiting(t)
	}
	t.State = Called
	t.CalledAt = at
	if t.FirstCalledAt.IsZero() {
		t.FirstCalledAt = at
	}
	t.AnnouncedAt = at
	t.Counter = OptInt(c.ID)
	t.Clerk = OptString(c.Clerk)
	t.Calls = append(t.Calls, Call{Counter: c.ID, Clerk: c.Clerk, At: at})
	c.Ticket = t.ID
	if t.Priority || t.Appointment {
		c.Streak++
	} else {
		c.Streak = 0
	}
	e.pushRecent(t.ID)
	e.saveTicket(t)
	e.saveCounter(c)
	p := t.Public()
	e.emit(now, Event{Type: EvTicketCalled, Ticket: &p, Counter: c.ID})
}

func (e *Engine) pushRecent(id string) {
	out := []string{id}
	for _, r := range e.recent {
		if r != id && len(out) < recentCalls {
			out = append(out, r)
		}
	}
	e.recent = out
}

// Recall announces the ticket called at counter again.
func (e *Engine) Recall(now time.Time, counter int, id string) (Ticket, error) {
	t, c, err := e.calledHere(counter, id)
	if err != nil {
		return Ticket{}, err
	}
	t.Recalls++
	t.AnnouncedAt = e.stamp(now)
	e.pushRecent(t.ID)
	e.saveTicket(t)
	p := t.Public()
	e.emit(now, Event{Type: EvTicketCalled, Ticket: &p, Counter: c.ID, Recall: true})
	return *t, nil
}

// calledHere returns the ticket id if it is the one called at counter.
func (e *Engine) calledHere(counter int, id string) (*Ticket, *CounterState, error) {
	if id == "" {
		return nil, nil, Errorf(EBADREQUEST, "Thiếu mã số (ticket_id)")
	}
	t, ok := e.tickets[id]
	if !ok {
		return nil, nil, Errorf(ENOTFOUND, "Không tìm thấy số %s", id)
	}
	c, ok := e.counters[counter]
	if !ok || t.State != Called || int(t.Counter) != counter || c.Ticket != t.ID {
		return nil, nil, Errorf(ECONFLICT, "Số %s không phải số đang được phục vụ tại %s", t.Number, e.counterName(counter))
	}
	return t, c, nil
}

// StateLabel names a ticket state in Vietnamese.
func StateLabel(s TicketState) string {
	switch s {
	case Waiting:
		return "đang chờ"
	case Called:
		return "đang được gọi"
	case Finished:
		return "đã hoàn thành"
	case NoShow:
		return "vắng mặt"
	case Held:
		return "tạm giữ"
	case Expired:
		return "hết hạn"
	}
	return string(s)
}
