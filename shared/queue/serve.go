package queue

import "time"

// Finish marks the ticket called at counter as served.
func (e *Engine) Finish(now time.Time, counter int, id string) (Ticket, error) {
	t, c, err := e.calledHere(counter, id)
	if err != nil {
		return Ticket{}, err
	}
	t.State = Finished
	t.FinishedAt = e.stamp(now)
	c.Ticket = ""
	c.LastFinished = t.ID
	e.addServed(t)
	e.saveTicket(t)
	e.saveCounter(c)
	e.ticketEvent(now, EvTicketFinished, t)
	return *t, nil
}

// NoShow marks the ticket called at counter as absent.
func (e *Engine) NoShow(now time.Time, counter int, id string) (Ticket, error) {
	t, c, err := e.calledHere(counter, id)
	if err != nil {
		return Ticket{}, err
	}
	t.State = NoShow
	c.Ticket = ""
	e.saveTicket(t)
	e.saveCounter(c)
	e.ticketEvent(now, EvTicketNoShow, t)
	return *t, nil
}

// Hold sets the ticket called at counter aside while the citizen fetches a
// missing paper; CallTicket at the same counter brings it back.
func (e *Engine) Hold(now time.Time, counter int, id string) (Ticket, error) {
	t, c, err := e.calledHere(counter, id)
	if err != nil {
		return Ticket{}, err
	}
	t.State = Held
	c.Ticket = ""
	e.saveTicket(t)
	e.saveCounter(c)
	e.ticketEvent(now, EvTicketHeld, t)
	return *t, nil
}

// Transfer sends the ticket called at counter back to the queue of another
// service, keeping its number and its place in the issue order.
func (e *Engine) Transfer(now time.Time, counter int, id, service string) (Ticket, error) {
	if id == "" {
		return Ticket{}, Errorf(EBADREQUEST, "Thiếu mã số (ticket_id)")
	}
	if _, ok := e.cfg.Service(service); !ok {
		return Ticket{}, Errorf(EBADREQUEST, "Dịch vụ %q không tồn tại", service)
	}
	t, c, err := e.calledHere(counter, id)
	if err != nil {
		return Ticket{}, err
	}
	if t.Service == service {
		return Ticket{}, Errorf(ECONFLICT, "Số %s đã thuộc dịch vụ %s", t.Number, service)
	}
	from := t.Service
	t.State = Waiting
	t.Service = service
	t.Counter = 0
	t.Clerk = ""
	t.CalledAt = Stamp{}
	c.Ticket = ""
	e.insertWaiting(t)
	e.saveTicket(t)
	e.saveCounter(c)
	p := t.Public()
	e.emit(now, Event{Type: EvTicketTransferred, Ticket: &p, FromService: from})
	return *t, nil
}
