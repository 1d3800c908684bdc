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
	// EvRatingChanged: rate_details changed a stored rating's level (the
	// citizen chose another face on the reasons screen).
	EvRatingChanged  = "rating_changed"
	EvCounterUpdated = "counter_updated"
	// EvTicketFileCodes: the clerk set the file codes of the ticket being
	// served (set_file_codes); its data is the ticket.
	EvTicketFileCodes = "ticket_file_codes"
	EvDayStarted      = "day_started"
	// EvHallUpdated: an admin changed the hall's configuration; its data
	// (the hall, services and counters) is filled in by the server.
	EvHallUpdated = "hall_updated"
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
	Rating      *Rating  // ticket_rated, rating_changed
	FromRating  int      // rating_changed: the level before
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
	// FeedbackDetails amend feedback items already stored (a rating's
	// case gets the reasons and comment given afterwards); the store
	// reads each item and changes only these fields.
	FeedbackDetails []FeedbackDetails
	// Bookings are appointments a check-in changed.
	Bookings []Booking
	Events   []Event
}

// FeedbackDetails is what rate_details changes in the case a rating opened.
type FeedbackDetails struct {
	ID      int64
	Message string // "" keeps the message
	Rating  int
	Reasons []string
}

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return len(c.Tickets)+len(c.Counters)+len(c.Ratings)+len(c.Feedback)+len(c.FeedbackDetails)+len(c.Bookings)+len(c.Events) == 0
}
