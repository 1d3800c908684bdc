package hall

import (
	"crypto/subtle"
	"encoding/json"
	"hash/fnv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Citizens' phones (role citizen) get no day events: each connection gets
// the view of its one ticket (protocol.CitizenView), first in its hello
// reply, then as a ticket_view message whenever the view changes. The
// views are computed in rounds, off the command path, so that a call
// reaches the hall's displays first:
//   - an event about a followed ticket itself (its call, recall, finish,
//     rating) sends that ticket's view citizenDelay later;
//   - any other change (the queue moved, a counter opened) marks every
//     view stale, and they are all computed again at most every
//     citizenEvery: a place in the queue is at most that late.
// A round holds the hall's lock only to copy what the views need (one pass
// over the queue for every ticket's place); the views are made, encoded
// and queued after, in chunks that give way to the commands in flight.

const (
	// citizenDelay is how long after a commit about a followed ticket
	// its view is sent.
	citizenDelay = 50 * time.Millisecond
	// citizenEvery is the shortest time between two rounds of every
	// view.
	citizenEvery = 2 * time.Second
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
	// hello or another round sent after this round read the engine.
	gen uint64
	// urgent are the followed tickets an event was about, for the next
	// quick round; all is set when every view is stale.
	urgent   map[string]struct{}
	quickDue bool
	allDue   bool
	lastAll  time.Time // the last full round's start
	// busy counts the commands in flight and lastDone is when the last
	// one ended (Unix ns): a round gives way to them.
	busy     atomic.Int32
	lastDone atomic.Int64
}

// citizenTicket is one ticket's connections and the view they last got.
type citizenTicket struct {
	subs map[Subscriber]struct{}
	sum  uint64 // the last ticket_view sent, hashed (a big hall has thousands)
	gen  uint64
}

// frameSum hashes a ticket_view frame, to tell whether a view changed.
func frameSum(frame []byte) uint64 {
	h := fnv.New64a()
	h.Write(frame)
	return h.Sum64()
}

func newCitizens() *citizens {
	return &citizens{byTicket: map[string]*citizenTicket{}, bySub: map[Subscriber]string{}, feedback: map[string]int{},
		urgent: map[string]struct{}{}}
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
	return h.citizenViewLocked(dev.Ticket, h.queueLocked()), true
}

// subscribeCitizen answers a citizen's hello with its ticket's view and
// adds the connection to the ticket's.
func (h *Hall) subscribeCitizen(s Subscriber, dev Device, id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	v := h.citizenViewLocked(dev.Ticket, h.queueLocked())
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
	sum := frameSum(viewFrame)
	if ct.sum != sum && len(ct.subs) > 1 {
		// The other connections of the ticket get this newer view too.
		for o := range ct.subs {
			if o != s {
				o.Enqueue(viewFrame)
			}
		}
	}
	ct.sum, ct.gen = sum, c.gen
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

// citizensDirtyLocked schedules the rounds a commit's events call for.
// The caller holds the hall's lock.
func (h *Hall) citizensDirtyLocked(events []queue.Event) {
	c := h.citizens
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.byTicket) == 0 {
		return
	}
	for _, ev := range events {
		id := ""
		switch {
		case ev.Ticket != nil:
			id = ev.Ticket.ID
		case ev.Rating != nil:
			id = ev.Rating.TicketID
		}
		if _, ok := c.byTicket[id]; ok {
			c.urgent[id] = struct{}{}
		}
	}
	if len(c.urgent) > 0 && !c.quickDue {
		c.quickDue = true
		time.AfterFunc(citizenDelay, func() { h.citizenRound(false) })
	}
	if !c.allDue {
		c.allDue = true
		wait := max(citizenDelay, time.Until(c.lastAll.Add(citizenEvery)))
		time.AfterFunc(wait, func() { h.citizenRound(true) })
	}
}

// citizenRound computes the views of the urgent tickets, or of every
// followed ticket, and sends those that changed. It holds the hall's lock
// only to copy what the views need (citizenSnap); it makes and queues the
// frames after, citizenChunk at a time, and before each chunk it lets any
// command in flight reach the displays first (yieldToCommands): a call
// must not wait behind 2,000 phones' updates.
func (h *Hall) citizenRound(all bool) {
	c := h.citizens
	c.mu.Lock()
	var ids []string
	if all {
		c.allDue = false
		c.lastAll = time.Now()
		ids = make([]string, 0, len(c.byTicket))
		for id := range c.byTicket {
			ids = append(ids, id)
		}
	} else {
		c.quickDue = false
		for id := range c.urgent {
			ids = append(ids, id)
		}
	}
	clear(c.urgent)
	c.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	h.mu.Lock()
	q := h.queueLocked()
	set, now := h.settings, h.now()
	snaps := make([]citizenSnap, len(ids))
	for i, id := range ids {
		snaps[i] = h.citizenSnapLocked(id, q)
	}
	c.mu.Lock()
	c.gen++
	gen := c.gen
	c.mu.Unlock()
	h.mu.Unlock()

	for i := 0; i < len(snaps); i += citizenChunk {
		if i > 0 {
			time.Sleep(citizenPace) // the last chunk's writers run
			c.yieldToCommands()
		}
		for _, sn := range snaps[i:min(i+citizenChunk, len(snaps))] {
			frame, err := json.Marshal(protocol.Message{Type: protocol.TypeTicketView, Data: mustJSON(citizenView(&set, now, sn, q))})
			if err != nil {
				continue
			}
			c.send(sn.id, frame, gen)
		}
	}
}

const (
	// citizenChunk is how many views a round makes and queues between
	// two looks at the commands in flight.
	citizenChunk = 50
	// citizenPace is the pause between two chunks of a round, in which
	// the connections' writers send the last chunk: a round of 2,000
	// views takes about 80 ms of a core's share instead of a burst on
	// both.
	citizenPace = 2 * time.Millisecond
	// citizenQuiet is how long after the last command a round waits, so
	// that its events are written to the displays first.
	citizenQuiet = 5 * time.Millisecond
	// citizenYieldMax bounds one wait, so that a hall busy without a
	// pause still updates its phones.
	citizenYieldMax = 50 * time.Millisecond
)

// commandStarted and commandDone bracket a command that takes the hall's
// lock (do), so that the phones' rounds give way to it.
func (c *citizens) commandStarted() { c.busy.Add(1) }

func (c *citizens) commandDone() {
	c.lastDone.Store(time.Now().UnixNano())
	c.busy.Add(-1)
}

// yieldToCommands waits until no command is in flight and the last one
// ended citizenQuiet ago, or citizenYieldMax at most.
func (c *citizens) yieldToCommands() {
	deadline := time.Now().Add(citizenYieldMax)
	for {
		wait := time.Millisecond
		if c.busy.Load() == 0 {
			quiet := time.Since(time.Unix(0, c.lastDone.Load()))
			if quiet >= citizenQuiet {
				return
			}
			wait = citizenQuiet - quiet
		}
		if time.Now().Add(wait).After(deadline) {
			return
		}
		time.Sleep(wait)
	}
}

// send queues frame to ticket id's connections unless they have it, or a
// newer view, already.
func (c *citizens) send(id string, frame []byte, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ct := c.byTicket[id]
	sum := frameSum(frame)
	if ct == nil || ct.gen > gen || ct.sum == sum {
		return
	}
	ct.sum, ct.gen = sum, gen
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

// citizenQueue is what every view of a round shares, read once.
type citizenQueue struct {
	pos     map[string]int                    // place of each waiting ticket
	desks   map[string][]protocol.CitizenDesk // counters by service
	waiting map[string]int                    // waiting tickets by service
	open    map[string]int                    // open counters by service
}

// queueLocked reads the round's shared part under the hall's lock.
func (h *Hall) queueLocked() citizenQueue {
	q := citizenQueue{pos: h.eng.Positions(), desks: map[string][]protocol.CitizenDesk{},
		waiting: map[string]int{}, open: map[string]int{}}
	for _, t := range h.eng.Waiting() {
		q.waiting[t.Service]++
	}
	for _, cv := range h.eng.Counters() {
		d := protocol.CitizenDesk{Name: cv.Name, Status: cv.Status}
		if cv.Ticket != nil {
			d.Number = cv.Ticket.Number
		}
		for _, svc := range cv.Services {
			q.desks[svc] = append(q.desks[svc], d)
			if cv.Status == queue.CounterOpen {
				q.open[svc]++
			}
		}
	}
	return q
}

// citizenSnap is what one ticket's view needs of the engine, copied under
// the hall's lock so that the view is made without it.
type citizenSnap struct {
	id       string
	ticket   queue.Ticket
	found    bool
	rating   queue.Rating
	rated    bool
	ahead    int
	estimate int // seconds, for a waiting ticket
}

// citizenSnapLocked copies ticket id's part of the engine.
func (h *Hall) citizenSnapLocked(id string, q citizenQueue) citizenSnap {
	sn := citizenSnap{id: id}
	sn.ticket, sn.found = h.eng.Ticket(id)
	if !sn.found {
		return sn
	}
	if sn.ticket.State == queue.Waiting {
		sn.ahead = q.pos[id]
		sn.estimate = h.eng.Estimate(sn.ticket.Service, sn.ahead)
	}
	sn.rating, sn.rated = h.eng.RatingOf(id)
	return sn
}

// citizenViewLocked is ticket id's view, with the round's shared part q.
func (h *Hall) citizenViewLocked(id string, q citizenQueue) protocol.CitizenView {
	return citizenView(&h.settings, h.now(), h.citizenSnapLocked(id, q), q)
}

// citizenView makes a ticket's view from its copy sn, the round's shared
// part q and the settings in force.
func citizenView(set *queue.Settings, now time.Time, sn citizenSnap, q citizenQueue) protocol.CitizenView {
	v := protocol.CitizenView{
		Hall: protocol.CitizenHall{Name: set.Name, Open: queue.FormatClock(set.Open), Close: queue.FormatClock(set.Close),
			Issuing: set.IsOpen(now), FeedbackContact: set.FeedbackContact},
		Serving: []protocol.CitizenDesk{},
	}
	if !sn.found {
		v.Ended = true
		return v
	}
	t := sn.ticket
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
	v.Waiting = q.waiting[t.Service]
	if d := q.desks[t.Service]; d != nil {
		v.Serving = d
	}
	v.NoOpenCounter = q.open[t.Service] == 0
	if t.State == queue.Waiting {
		v.Ahead = sn.ahead
		v.EstimatedWaitS = sn.estimate
	}
	if t.State == queue.Finished {
		v.Rating.Until = queue.At(t.FinishedAt.Add(set.RatingWindow))
		for _, r := range queue.Reasons {
			v.Rating.Reasons = append(v.Rating.Reasons, [2]string{r.Code, r.Label})
		}
	}
	if sn.rated {
		v.Rating.Level = sn.rating.Rating
		v.Rating.AtPad = !strings.HasPrefix(sn.rating.Device, protocol.CitizenDevicePrefix)
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
