package hall

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"strings"
	"sync"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Citizens' phones (role citizen) get no day events: each connection gets
// the view of its one ticket (protocol.CitizenView), first in its hello
// reply, then as a ticket_view message whenever the view changes. The
// views are computed in rounds, off the command path: a commit only marks
// the views dirty, and a timer runs a round citizenDelay later (at most
// one round every citizenEvery), so that a call reaches the hall's
// displays first and a burst of commands costs one round. A round holds
// the hall's lock only to read the engine (one pass over the queue for
// every ticket's place); the frames are encoded and queued after it.

const (
	// citizenDelay is how long after a commit its round runs.
	citizenDelay = 50 * time.Millisecond
	// citizenEvery is the shortest time between two rounds.
	citizenEvery = 250 * time.Millisecond
	// citizenFeedbackMax is how many feedback items one ticket's page
	// may send.
	citizenFeedbackMax = 5
)

// citizens holds the citizen connections by ticket. Its own lock guards
// it; a round takes the hall's lock first, then this one, never the other
// way round.
type citizens struct {
	mu       sync.Mutex
	byTicket map[string]*citizenTicket
	bySub    map[Subscriber]string
	feedback map[string]int // items sent per ticket
	// gen numbers the views: a round never overwrites a newer view that a
	// hello sent after the round read the engine.
	gen       uint64
	scheduled bool
	last      time.Time // the last round's start
}

// citizenTicket is one ticket's connections and the view they last got.
type citizenTicket struct {
	subs  map[Subscriber]struct{}
	frame []byte // the last ticket_view sent
	gen   uint64
}

func newCitizens() *citizens {
	return &citizens{byTicket: map[string]*citizenTicket{}, bySub: map[Subscriber]string{}, feedback: map[string]int{}}
}

// AuthenticateTicket checks a citizen's hello: ticket id (or its URL form)
// and token. An unknown ticket and a wrong token get the same error, so
// that a hello tells nothing about which tickets exist.
func (h *Hall) AuthenticateTicket(id, token string) (Device, error) {
	fail := queue.Errorf(queue.EUNAUTHORIZED, "Không tìm thấy phiếu hoặc mã phiếu không đúng")
	id, ok := protocol.TicketIDFromSlug(id)
	if !ok || token == "" {
		return Device{}, fail
	}
	h.mu.Lock()
	t, found := h.eng.Ticket(id)
	h.mu.Unlock()
	if !found {
		t.Token = "--------" // compare anyway: the same time either way
	}
	same := subtle.ConstantTimeCompare([]byte(strings.ToUpper(t.Token)), []byte(strings.ToUpper(token))) == 1
	if !found || !same {
		return Device{}, fail
	}
	return Device{ID: protocol.CitizenDevicePrefix + id, Role: protocol.RoleCitizen, Ticket: id}, nil
}

// CitizenView returns the view of today's ticket id for its token, and
// false for an unknown ticket or a wrong token (the page does not say
// which).
func (h *Hall) CitizenView(id, token string) (protocol.CitizenView, bool) {
	dev, err := h.AuthenticateTicket(id, token)
	if err != nil {
		return protocol.CitizenView{}, false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.citizenViewLocked(dev.Ticket, h.eng.Positions(), h.desksLocked()), true
}

// subscribeCitizen answers a citizen's hello with its ticket's view and
// adds the connection to the ticket's.
func (h *Hall) subscribeCitizen(s Subscriber, dev Device, id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	v := h.citizenViewLocked(dev.Ticket, h.eng.Positions(), h.desksLocked())
	day := h.eng.Day()
	frame, err := json.Marshal(protocol.Reply{Type: protocol.TypeReply, ID: id, OK: true,
		Data: protocol.HelloReply{Role: dev.Role, Device: dev.ID, Day: day, View: &v}})
	if err != nil || !s.Enqueue(frame) {
		return false
	}
	viewFrame, _ := json.Marshal(protocol.Message{Type: protocol.TypeTicketView, Data: mustJSON(v)})
	c := h.citizens
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	ct := c.byTicket[dev.Ticket]
	if ct == nil {
		ct = &citizenTicket{subs: map[Subscriber]struct{}{}}
		c.byTicket[dev.Ticket] = ct
	}
	ct.subs[s] = struct{}{}
	if !bytes.Equal(ct.frame, viewFrame) && len(ct.subs) > 1 {
		// The other connections of the ticket get this newer view too.
		for o := range ct.subs {
			if o != s {
				o.Enqueue(viewFrame)
			}
		}
	}
	ct.frame, ct.gen = viewFrame, c.gen
	c.bySub[s] = dev.Ticket
	return true
}

// unsubscribeCitizen forgets s, if it is a citizen.
func (c *citizens) remove(s Subscriber) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.bySub[s]
	if !ok {
		return
	}
	delete(c.bySub, s)
	if ct := c.byTicket[id]; ct != nil {
		delete(ct.subs, s)
		if len(ct.subs) == 0 {
			delete(c.byTicket, id)
		}
	}
}

// citizensDirtyLocked schedules a round after a commit, unless one is
// already due. The caller holds the hall's lock.
func (h *Hall) citizensDirtyLocked() {
	c := h.citizens
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.scheduled || len(c.byTicket) == 0 {
		return
	}
	c.scheduled = true
	wait := citizenDelay
	if next := time.Until(c.last.Add(citizenEvery)); next > wait {
		wait = next
	}
	time.AfterFunc(wait, h.citizenRound)
}

// citizenRound computes every followed ticket's view and sends those that
// changed.
func (h *Hall) citizenRound() {
	c := h.citizens
	c.mu.Lock()
	c.scheduled = false
	c.last = time.Now()
	ids := make([]string, 0, len(c.byTicket))
	for id := range c.byTicket {
		ids = append(ids, id)
	}
	c.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	h.mu.Lock()
	pos, desks := h.eng.Positions(), h.desksLocked()
	views := make([]protocol.CitizenView, len(ids))
	for i, id := range ids {
		views[i] = h.citizenViewLocked(id, pos, desks)
	}
	c.mu.Lock()
	c.gen++
	gen := c.gen
	c.mu.Unlock()
	h.mu.Unlock()

	for i, id := range ids {
		frame, err := json.Marshal(protocol.Message{Type: protocol.TypeTicketView, Data: mustJSON(views[i])})
		if err != nil {
			continue
		}
		c.send(id, frame, gen)
	}
}

// send queues frame to ticket id's connections unless they have it, or a
// newer view, already.
func (c *citizens) send(id string, frame []byte, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ct := c.byTicket[id]
	if ct == nil || ct.gen > gen || bytes.Equal(ct.frame, frame) {
		return
	}
	ct.frame, ct.gen = frame, gen
	for s := range ct.subs {
		if !s.Enqueue(frame) {
			delete(ct.subs, s)
			delete(c.bySub, s)
		}
	}
	if len(ct.subs) == 0 {
		delete(c.byTicket, id)
	}
}

// desksLocked lists, by service, the counters serving it and the number
// each has called.
func (h *Hall) desksLocked() map[string][]protocol.CitizenDesk {
	out := map[string][]protocol.CitizenDesk{}
	for _, cv := range h.eng.Counters() {
		d := protocol.CitizenDesk{Name: cv.Name, Status: cv.Status}
		if cv.Ticket != nil {
			d.Number = cv.Ticket.Number
		}
		for _, svc := range cv.Services {
			out[svc] = append(out[svc], d)
		}
	}
	return out
}

// citizenViewLocked is ticket id's view, with the queue's places pos and
// the counters by service desks.
func (h *Hall) citizenViewLocked(id string, pos map[string]int, desks map[string][]protocol.CitizenDesk) protocol.CitizenView {
	set := &h.settings
	now := h.now()
	v := protocol.CitizenView{
		Hall: protocol.CitizenHall{Name: set.Name, Open: queue.FormatClock(set.Open), Close: queue.FormatClock(set.Close),
			Issuing: set.IsOpen(now), FeedbackContact: set.FeedbackContact},
		Serving: []protocol.CitizenDesk{},
	}
	t, ok := h.eng.Ticket(id)
	if !ok {
		v.Ended = true
		return v
	}
	v.Ticket = &protocol.CitizenTicket{ID: t.ID, Number: t.Number, Service: t.Service, Priority: t.Priority, State: t.State,
		IssuedAt: t.IssuedAt, CalledAt: t.CalledAt, FinishedAt: t.FinishedAt, Counter: t.Counter, Recalls: t.Recalls}
	if sv, ok := set.Service(t.Service); ok {
		v.ServiceName = sv.Name
	}
	if t.Counter != 0 {
		for _, c := range set.Counters {
			if c.ID == int(t.Counter) {
				v.CounterName = c.Name
			}
		}
	}
	v.Waiting = h.eng.WaitingCount(t.Service)
	if d := desks[t.Service]; d != nil {
		v.Serving = d
	}
	v.NoOpenCounter = h.eng.OpenCounters(t.Service) == 0
	if t.State == queue.Waiting {
		v.Ahead = pos[t.ID]
		v.EstimatedWaitS = h.eng.Estimate(t.Service, v.Ahead)
	}
	if t.State == queue.Finished {
		v.Rating.Until = queue.At(t.FinishedAt.Add(set.RatingWindow))
		for _, r := range queue.Reasons {
			v.Rating.Reasons = append(v.Rating.Reasons, [2]string{r.Code, r.Label})
		}
	}
	if r, ok := h.eng.RatingOf(t.ID); ok {
		v.Rating.Level = r.Rating
		v.Rating.AtPad = !strings.HasPrefix(r.Device, protocol.CitizenDevicePrefix)
	} else if t.State == queue.Finished {
		v.Rating.Open = now.Before(v.Rating.Until.Time)
	}
	return v
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v) // plain data: cannot fail
	return b
}

// citizenRate rates the connection's own ticket, by the rules of rate.
func (h *Hall) citizenRate(now time.Time, dev Device, data json.RawMessage) (any, error) {
	var in protocol.CitizenRate
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	t, ok := h.eng.Ticket(dev.Ticket)
	if !ok {
		return nil, queue.Errorf(queue.ENOTFOUND, "Phiếu không còn trong ngày, không thể đánh giá")
	}
	id, err := h.eng.Rate(now, queue.RateInput{TicketID: t.ID, Rating: in.Rating, Reasons: in.Reasons, Comment: in.Comment,
		Token: t.Token, Device: dev.ID, Phone: in.Phone})
	if err != nil {
		return nil, err
	}
	return protocol.FeedbackReply{FeedbackID: id}, nil
}

// citizenFeedback takes a feedback item from a ticket's page, linked to
// the ticket; a page may send citizenFeedbackMax of them.
func (h *Hall) citizenFeedback(now time.Time, dev Device, data json.RawMessage) (any, error) {
	var in protocol.FeedbackMsg
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	if _, ok := h.eng.Ticket(dev.Ticket); !ok {
		return nil, queue.Errorf(queue.ENOTFOUND, "Phiếu không còn trong ngày; vui lòng gửi phản ánh tại ki-ốt")
	}
	c := h.citizens
	c.mu.Lock()
	n := c.feedback[dev.Ticket]
	c.mu.Unlock()
	if n >= citizenFeedbackMax {
		return nil, queue.Errorf(queue.ERATELIMITED, "Mỗi phiếu gửi được tối đa %d phản ánh; vui lòng liên hệ trực tiếp nơi tiếp nhận", citizenFeedbackMax)
	}
	id, err := h.eng.SubmitFeedback(now, queue.FeedbackInput{Message: in.Message, Name: in.Name, Phone: in.Phone,
		Device: dev.ID, TicketID: dev.Ticket})
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.feedback[dev.Ticket]++
	c.mu.Unlock()
	return protocol.FeedbackReply{FeedbackID: id}, nil
}
