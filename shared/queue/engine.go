package queue

import (
	"io"
	"sort"
	"time"
)

// Engine applies the queue rules to one day's state in memory. It is not
// safe for concurrent use: the server calls it from one goroutine at a time.
//
// Each command validates everything before it changes anything, so a
// command that returns an error has no effect. A successful command records
// its Changes, which the caller takes with TakeChanges and persists; if that
// fails, the caller must rebuild the Engine from disk with Load.
type Engine struct {
	cfg  *Settings
	rand io.Reader

	day      string
	seq      uint64
	order    uint64
	tickets  map[string]*Ticket
	waiting  []*Ticket // by Order
	numbers  map[string]int
	issued   map[string]int
	counters map[int]*CounterState
	clerkAt  map[string]int
	recent   []string // ticket ids, newest call first
	stats    map[string]*ClerkDay
	ratings  map[string]*Rating // the day's ratings, by ticket id
	served   map[string]served  // by service, for estimates
	feedback int64              // last feedback id

	pending Changes
}

// ClerkDay is a clerk's figures of the day so far.
type ClerkDay struct {
	Username       string
	Finished       int
	ServiceSeconds float64
	Ratings        [6]int
}

// DayData is what the store holds of a day, from which Load rebuilds the
// Engine after a restart.
type DayData struct {
	Day          string
	Seq          uint64
	Tickets      []Ticket       // the day's tickets, any order
	Counters     []CounterState // the counters' saved states
	Ratings      []Rating       // ratings of the day's tickets
	LastFeedback int64          // the highest feedback id ever given
}

// NewEngine returns an Engine for settings with an empty day; call Load or
// StartDay before commands. rand supplies ticket tokens (crypto/rand.Reader
// in production).
func NewEngine(cfg *Settings, rand io.Reader) *Engine {
	e := &Engine{cfg: cfg, rand: rand}
	e.reset("")
	return e
}

func (e *Engine) reset(day string) {
	e.day = day
	e.seq = 0
	e.order = 0
	e.tickets = map[string]*Ticket{}
	e.waiting = nil
	e.numbers = map[string]int{}
	e.issued = map[string]int{}
	e.counters = map[int]*CounterState{}
	e.clerkAt = map[string]int{}
	e.recent = nil
	e.stats = map[string]*ClerkDay{}
	e.ratings = map[string]*Rating{}
	e.served = map[string]served{}
	for _, c := range e.cfg.Counters {
		e.counters[c.ID] = &CounterState{ID: c.ID, Day: day, Status: CounterClosed}
	}
}

// Settings returns the hall settings the Engine runs on.
func (e *Engine) Settings() *Settings { return e.cfg }

// Day returns the current day (YYYY-MM-DD).
func (e *Engine) Day() string { return e.day }

// Seq returns the last event's seq of the day.
func (e *Engine) Seq() uint64 { return e.seq }

// Load replaces the Engine's state with a day read from disk.
func (e *Engine) Load(d DayData) {
	e.reset(d.Day)
	e.seq = d.Seq
	e.feedback = d.LastFeedback
	for i := range d.Tickets {
		t := d.Tickets[i]
		e.tickets[t.ID] = &t
		if t.Order > e.order {
			e.order = t.Order
		}
		if n := numberOf(t.Number); n > e.numbers[t.IssuedService] {
			e.numbers[t.IssuedService] = n
		}
		e.issued[t.IssuedService]++
		if t.State == Waiting {
			e.waiting = append(e.waiting, &t)
		}
		if t.State == Finished {
			e.addServed(&t)
		}
	}
	sort.Slice(e.waiting, func(i, j int) bool { return e.waiting[i].Order < e.waiting[j].Order })
	for _, cs := range d.Counters {
		if _, ok := e.counters[cs.ID]; !ok || cs.Day != d.Day {
			continue
		}
		c := cs
		e.counters[c.ID] = &c
		if c.Clerk != "" {
			e.clerkAt[c.Clerk] = c.ID
		}
	}
	for _, r := range d.Ratings {
		if r.Rating < VeryDissatisfied || r.Rating > VerySatisfied {
			continue // a damaged record must not stop the day from loading
		}
		e.clerkDay(r.Clerk).Ratings[r.Rating]++
		e.ratings[r.TicketID] = &r
	}
	e.rebuildRecent()
}

// rebuildRecent restores the last ten calls from the tickets, newest call
// or recall first, as pushRecent left them: a transferred ticket keeps its
// place by its last call.
func (e *Engine) rebuildRecent() {
	var called []*Ticket
	for _, t := range e.tickets {
		if !announced(t).IsZero() {
			called = append(called, t)
		}
	}
	sort.Slice(called, func(i, j int) bool {
		ai, aj := announced(called[i]), announced(called[j])
		if !ai.Equal(aj) {
			return ai.After(aj)
		}
		return called[i].Order > called[j].Order
	})
	e.recent = nil
	for i := 0; i < len(called) && i < recentCalls; i++ {
		e.recent = append(e.recent, called[i].ID)
	}
}

// announced is when t was last called or recalled, or zero if never; it
// reads the calls too, for tickets stored before AnnouncedAt existed.
func announced(t *Ticket) time.Time {
	last := t.AnnouncedAt.Time
	if t.CalledAt.After(last) {
		last = t.CalledAt.Time
	}
	if n := len(t.Calls); n > 0 && t.Calls[n-1].At.After(last) {
		last = t.Calls[n-1].At.Time
	}
	return last
}

const recentCalls = 10

func numberOf(number string) int {
	n := 0
	for _, c := range number[min(1, len(number)):] {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// TakeChanges returns what the commands since the last call changed, and
// forgets it.
func (e *Engine) TakeChanges() Changes {
	c := e.pending
	e.pending = Changes{}
	return c
}

// DiscardChanges forgets pending changes (after a failed command).
func (e *Engine) DiscardChanges() { e.pending = Changes{} }

func (e *Engine) emit(now time.Time, ev Event) {
	e.seq++
	ev.Seq = e.seq
	ev.At = now.In(e.cfg.Location)
	e.pending.Events = append(e.pending.Events, ev)
}

func (e *Engine) saveTicket(t *Ticket) {
	e.pending.Tickets = append(e.pending.Tickets, *t)
}

func (e *Engine) saveCounter(c *CounterState) {
	e.pending.Counters = append(e.pending.Counters, *c)
}

func (e *Engine) ticketEvent(now time.Time, typ string, t *Ticket) {
	p := t.Public()
	e.emit(now, Event{Type: typ, Ticket: &p})
}

func (e *Engine) counterEvent(now time.Time, c *CounterState) {
	v := e.CounterView(c.ID)
	e.emit(now, Event{Type: EvCounterUpdated, CounterView: &v, Counter: c.ID})
}

func (e *Engine) clerkDay(username string) *ClerkDay {
	s, ok := e.stats[username]
	if !ok {
		s = &ClerkDay{Username: username}
		e.stats[username] = s
	}
	return s
}

// served sums the service times of a service's finished tickets.
type served struct {
	n   int
	sum time.Duration
}

// addServed counts a finished ticket in its service's and clerk's figures.
func (e *Engine) addServed(t *Ticket) {
	d := t.FinishedAt.Sub(t.CalledAt.Time)
	sv := e.served[t.Service]
	sv.n++
	sv.sum += d
	e.served[t.Service] = sv
	if t.Clerk == "" {
		return
	}
	s := e.clerkDay(string(t.Clerk))
	s.Finished++
	s.ServiceSeconds += d.Seconds()
}

func (e *Engine) stamp(now time.Time) Stamp {
	return Stamp{now.In(e.cfg.Location).Truncate(time.Millisecond)}
}
