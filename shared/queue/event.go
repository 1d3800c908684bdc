package queue

import "time"

// Event names (SPEC section 4.2); package protocol uses the same words.
const (
	EvTicketIssued      = "ticket_issued"
	EvTicketCalled      = "ticket_called"
	EvTicketFinished    = "ticket_finished"
	EvTicketNoShow      = "ticket_no_show"
	EvTicketTransferred = "ticket_transferred"
	EvTicketHeld        = "ticket_held"
	EvTicketExpired     = "ticket_expired"
	EvTicketRated       = "ticket_rated"
	EvCounterUpdated    = "counter_updated"
	EvDayStarted        = "day_started"
)

// Event is one numbered event of the day, as the Engine produced it. Which
// fields are set depends on Type; package protocol turns it into a message.
type Event struct {
	Type        string
	Seq         uint64
	At          time.Time
	Ticket      *Ticket  // ticket events, without token
	Counter     int      // ticket_called, ticket_rated
	Recall      bool     // ticket_called
	FromService string   // ticket_transferred
	Rating      *Rating  // ticket_rated
	CounterView *Counter // counter_updated
	Day         string   // day_started
}

// Changes is what one command changed: the records the store must write in
// the command's transaction, and the events to append and broadcast.
type Changes struct {
	Tickets  []Ticket
	Counters []CounterState
	Ratings  []Rating
	Feedback []Feedback
	Events   []Event
}

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return len(c.Tickets)+len(c.Counters)+len(c.Ratings)+len(c.Feedback)+len(c.Events) == 0
}
