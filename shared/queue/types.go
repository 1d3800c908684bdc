package queue

import (
	"encoding/json"
	"strconv"
)

// TicketState is where a ticket stands in its life.
type TicketState string

// The ticket states of SPEC section 3.
const (
	Waiting  TicketState = "waiting"
	Called   TicketState = "called"
	Finished TicketState = "finished"
	NoShow   TicketState = "no_show"
	Held     TicketState = "held"
	Expired  TicketState = "expired"
)

// CounterStatus is whether a counter can call.
type CounterStatus string

// The counter statuses of SPEC section 3.
const (
	CounterClosed CounterStatus = "closed"
	CounterOpen   CounterStatus = "open"
	CounterPaused CounterStatus = "paused"
)

// Call records one call of a ticket: by which counter and clerk, and when.
// Recalls are not calls; a transfer ends the current call.
type Call struct {
	Counter int    `json:"counter"`
	Clerk   string `json:"clerk"`
	At      Stamp  `json:"at"`
}

// Ticket is one citizen's place in the queue. Token is set only in the store
// and in the kiosk's issue reply; events never carry it.
type Ticket struct {
	ID         string      `json:"id"`
	Number     string      `json:"number"`
	Service    string      `json:"service"`
	Priority   bool        `json:"priority"`
	State      TicketState `json:"state"`
	IssuedAt   Stamp       `json:"issued_at"`
	CalledAt   Stamp       `json:"called_at"`
	FinishedAt Stamp       `json:"finished_at"`
	Counter    OptInt      `json:"counter"`
	Clerk      OptString   `json:"clerk"`
	Recalls    int         `json:"recalls"`
	Rating     OptInt      `json:"rating"`
	// Appointment marks a ticket checked in for a booked slot inside its
	// window: call_next takes it after priority tickets and before the
	// others (absent when false).
	Appointment bool `json:"appointment,omitempty"`

	// Order is the ticket's place in the day's issue sequence (1, 2, ...):
	// call_next takes the lowest first, the clock never breaks ties.
	Order uint64 `json:"order"`
	// IssuedService is the service the ticket was issued for; Service
	// changes on transfer.
	IssuedService string `json:"issued_service"`
	// FirstCalledAt is the first call's time, kept across transfers for the
	// report's waiting time.
	FirstCalledAt Stamp `json:"first_called_at"`
	// AnnouncedAt is the time of the latest call or recall: it orders
	// recent_calls again after a restart, as a recall moves a ticket to
	// their front.
	AnnouncedAt Stamp `json:"announced_at,omitzero"`
	// Calls lists every call in order (recalls excluded).
	Calls []Call `json:"calls,omitempty"`
	// FileCodes are the codes of the files (mã hồ sơ) the clerk attached
	// to the ticket while serving it (set_file_codes, finish): a rating of
	// the ticket rates those files. Omitted when there is none.
	FileCodes []string `json:"file_codes,omitempty"`
	// Token is the secret printed on the paper for rating.
	Token string `json:"token,omitempty"`
}

// Day returns the ticket's day, the part of its id before the slash.
func (t *Ticket) Day() string {
	if len(t.ID) < len(DayLayout) {
		return ""
	}
	return t.ID[:len(DayLayout)]
}

// Public returns a copy fit for events: without token.
func (t Ticket) Public() Ticket {
	t.Token = ""
	t.Calls = append([]Call(nil), t.Calls...)
	t.FileCodes = cloneCodes(t.FileCodes)
	return t
}

// Counter is a counter as clients see it (SPEC section 4.3).
type Counter struct {
	ID        int           `json:"id"`
	Name      string        `json:"name"`
	Services  []string      `json:"services"`
	Status    CounterStatus `json:"status"`
	Clerk     OptString     `json:"clerk"`
	ClerkName OptString     `json:"clerk_name"`
	Ticket    *Ticket       `json:"ticket"`
}

// CounterState is what the store keeps of a counter between restarts.
type CounterState struct {
	ID     int           `json:"id"`
	Day    string        `json:"day"`
	Status CounterStatus `json:"status"`
	Clerk  string        `json:"clerk"`
	// Ticket is the id of the ticket called at the counter, if any.
	Ticket string `json:"ticket"`
	// LastFinished is the ticket most recently finished here, which a
	// rating pad bound to the counter may rate without a token.
	LastFinished string `json:"last_finished"`
	// Streak counts priority calls in a row at this counter.
	Streak int `json:"streak"`
}

// Rating levels of the national public-service scale.
const (
	VeryDissatisfied = 1
	Dissatisfied     = 2
	Neutral          = 3
	Satisfied        = 4
	VerySatisfied    = 5
)

// RatingLabels names each level as the national scale does.
var RatingLabels = map[int]string{
	5: "Rất hài lòng",
	4: "Hài lòng",
	3: "Bình thường",
	2: "Không hài lòng",
	1: "Rất không hài lòng",
}

// Reasons lists the reasons a rating of 1 to 3 may carry, with their labels.
var Reasons = []struct{ Code, Label string }{
	{"attitude", "Thái độ, phiền hà"},
	{"waiting", "Thời gian chờ"},
	{"guidance", "Hướng dẫn chưa rõ"},
	{"procedure", "Thủ tục, giấy tờ"},
	{"fee", "Thu tiền ngoài quy định"},
	{"other", "Khác"},
}

// ReasonLabels names reason codes in Vietnamese, in their order; an
// unknown code stands as itself.
func ReasonLabels(codes []string) []string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		label := c
		for _, r := range Reasons {
			if r.Code == c {
				label = r.Label
			}
		}
		out = append(out, label)
	}
	return out
}

// Rating is a citizen's rating of a served ticket.
type Rating struct {
	TicketID string   `json:"ticket_id"`
	Number   string   `json:"number"`
	Service  string   `json:"service"`
	Rating   int      `json:"rating"`
	Reasons  []string `json:"reasons"`
	Comment  string   `json:"comment"`
	Counter  int      `json:"counter"`
	Clerk    string   `json:"clerk"`
	Device   string   `json:"device"`
	At       Stamp    `json:"at"`
	// FeedbackID is the feedback item this rating opened (levels 1 and 2),
	// or 0.
	FeedbackID int64 `json:"feedback_id,omitempty"`
	// DetailedAt is when rate_details added reasons and a comment (or
	// changed the level); a rating takes details once.
	DetailedAt *Stamp `json:"detailed_at,omitempty"`
	// FirstRating is the level first tapped, when rate_details changed it.
	FirstRating int `json:"first_rating,omitempty"`
}

// Feedback statuses.
const (
	FeedbackNew        = "new"
	FeedbackInProgress = "in_progress"
	FeedbackHandled    = "handled"
)

// Feedback is a citizen's message (phản ánh, kiến nghị), or the item a
// rating of 1 or 2 opens.
type Feedback struct {
	ID        int64    `json:"id"`
	Day       string   `json:"day"`
	At        Stamp    `json:"at"`
	Device    string   `json:"device"`
	Message   string   `json:"message"`
	Name      string   `json:"name"`
	Phone     string   `json:"phone"`
	TicketID  string   `json:"ticket_id,omitempty"`
	Rating    int      `json:"rating,omitempty"`
	Reasons   []string `json:"reasons,omitempty"`
	Counter   int      `json:"counter,omitempty"`
	Clerk     string   `json:"clerk,omitempty"`
	Status    string   `json:"status"`
	Answer    string   `json:"answer"`
	HandledBy string   `json:"handled_by"`
	HandledAt Stamp    `json:"handled_at"`
}

// OptInt is an int that marshals as null when zero.
type OptInt int

// MarshalJSON writes null for zero.
func (n OptInt) MarshalJSON() ([]byte, error) {
	if n == 0 {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(n), 10), nil
}

// UnmarshalJSON reads an integer or null.
func (n *OptInt) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = 0
		return nil
	}
	var v int
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = OptInt(v)
	return nil
}

// OptString is a string that marshals as null when empty.
type OptString string

// MarshalJSON writes null for the empty string.
func (s OptString) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// UnmarshalJSON reads a string or null.
func (s *OptString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = OptString(v)
	return nil
}
