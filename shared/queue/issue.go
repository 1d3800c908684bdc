package queue

import (
	"fmt"
	"io"
	"time"
)

// TokenAlphabet is what ticket tokens are drawn from: no 0, O, 1 or I, so
// that a token can be typed from the paper.
const TokenAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// TokenLength is the number of characters of a ticket token.
const TokenLength = 8

// defaultServiceTime estimates a service's time before any ticket of the
// day was finished.
const defaultServiceTime = 5 * time.Minute

// NewToken draws a ticket token from r.
func NewToken(r io.Reader) (string, error) { return draw(r, TokenLength, "token") }

// draw draws n characters of TokenAlphabet from r (what names the secret
// in an error).
func draw(r io.Reader, n int, what string) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("queue: %s: %w", what, err)
	}
	for i := range b {
		// 32 letters: the low five bits are uniform.
		b[i] = TokenAlphabet[b[i]&31]
	}
	return string(b), nil
}

// Issue gives a new ticket for service. It returns the ticket (with its
// token), how many waiting tickets call_next takes before it, and the
// estimated wait in seconds.
func (e *Engine) Issue(now time.Time, service string, priority bool) (Ticket, int, int, error) {
	return e.issue(now, service, priority, false)
}

// issue gives a new ticket; an appointment ticket is not refused by the
// service's daily limit.
func (e *Engine) issue(now time.Time, service string, priority, appointment bool) (Ticket, int, int, error) {
	sv, ok := e.cfg.Service(service)
	if !ok || sv.Retired {
		return Ticket{}, 0, 0, Errorf(EBADREQUEST, "Dịch vụ %q không tồn tại", service)
	}
	if !e.cfg.IsOpen(now) {
		return Ticket{}, 0, 0, Errorf(ECLOSED, "Ngoài giờ cấp số. Bộ phận Một cửa cấp số từ %s đến %s",
			FormatClock(e.cfg.Open), FormatClock(e.cfg.Close))
	}
	if !appointment && sv.DailyLimit > 0 && e.issued[service] >= sv.DailyLimit {
		return Ticket{}, 0, 0, Errorf(ECONFLICT, "Dịch vụ %s đã hết số hôm nay (%d số)", sv.Name, sv.DailyLimit)
	}
	token, err := NewToken(e.rand)
	if err != nil {
		return Ticket{}, 0, 0, err
	}
	n := e.numbers[service] + 1
	number := fmt.Sprintf("%s%03d", service, n)
	e.order++
	t := &Ticket{
		ID:            e.day + "/" + number,
		Number:        number,
		Service:       service,
		IssuedService: service,
		Priority:      priority,
		Appointment:   appointment,
		State:         Waiting,
		IssuedAt:      e.stamp(now),
		Order:         e.order,
		Token:         token,
	}
	e.numbers[service] = n
	e.issued[service]++
	e.tickets[t.ID] = t
	e.insertWaiting(t)
	e.saveTicket(t)
	e.ticketEvent(now, EvTicketIssued, t)
	ahead := e.Ahead(t)
	return *t, ahead, e.estimate(service, ahead), nil
}

// Ahead counts the waiting tickets of t's service that call_next takes
// before t: those of a higher rank (priority, then appointment tickets),
// and the earlier ones of its own rank.
func (e *Engine) Ahead(t *Ticket) int {
	n := 0
	rt := rank(t)
	for _, w := range e.waiting {
		if w == t || w.Service != t.Service {
			continue
		}
		if rw := rank(w); rw < rt || rw == rt && w.Order < t.Order {
			n++
		}
	}
	return n
}

// estimate is the expected wait in seconds for a ticket with ahead tickets
// before it: the day's mean service time of the service, shared among the
// open counters that serve it.
func (e *Engine) estimate(service string, ahead int) int {
	mean := defaultServiceTime
	if sv := e.served[service]; sv.n > 0 {
		mean = sv.sum / time.Duration(sv.n)
	}
	servers := max(e.OpenCounters(service), 1)
	return int((time.Duration(ahead) * mean / time.Duration(servers)).Round(time.Second) / time.Second)
}

// OpenCounters counts the open counters that serve service.
func (e *Engine) OpenCounters(service string) int {
	n := 0
	for _, c := range e.cfg.Counters {
		if e.counters[c.ID].Status == CounterOpen && contains(c.Services, service) {
			n++
		}
	}
	return n
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (e *Engine) insertWaiting(t *Ticket) {
	i := len(e.waiting)
	for i > 0 && e.waiting[i-1].Order > t.Order {
		i--
	}
	e.waiting = append(e.waiting, nil)
	copy(e.waiting[i+1:], e.waiting[i:])
	e.waiting[i] = t
}

func (e *Engine) removeWaiting(t *Ticket) {
	for i, w := range e.waiting {
		if w == t {
			e.waiting = append(e.waiting[:i], e.waiting[i+1:]...)
			return
		}
	}
}
