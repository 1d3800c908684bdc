package protocol

import "hallq/shared/queue"

// The citizen's phone (README "Trang theo dõi số trên điện thoại"): a
// ticket's page connects with role citizen, its hello carrying the ticket
// id and token instead of a device. A citizen connection receives no day
// events and no state: only TypeTicketView messages, each the whole
// CitizenView of its ticket, sent when it changes. It may send ping,
// CmdCitizenRate and CmdCitizenFeedback; every other command is forbidden.

// RoleCitizen is a citizen's phone following one ticket.
const RoleCitizen = "citizen"

// Citizen commands and messages.
const (
	// CmdCitizenRate rates the connection's own ticket (CitizenRate),
	// under the rules of the pad's rate; reply {"feedback_id"} (0: no
	// case opened).
	CmdCitizenRate = "citizen_rate"
	// CmdCitizenFeedback sends a feedback item (FeedbackMsg) linked to
	// the ticket; reply {"feedback_id"}.
	CmdCitizenFeedback = "citizen_feedback"
	// TypeTicketView is the server's message to a citizen: data is a
	// CitizenView. It has no seq: each one replaces the last.
	TypeTicketView = "ticket_view"
)

// CitizenDevicePrefix starts the device id of a citizen's connection
// ("phone:2026-11-28/A001"): its ratings and feedback carry it.
const CitizenDevicePrefix = "phone:"

// CitizenRate is the data of citizen_rate. Reasons (levels 1 to 3) and
// Comment follow the rules of rate; Phone, optional, goes to the case a
// level 1 or 2 opens, so that the hall can call back.
type CitizenRate struct {
	Rating  int      `json:"rating"`
	Reasons []string `json:"reasons"`
	Comment string   `json:"comment"`
	Phone   string   `json:"phone"`
}

// CitizenView is everything a ticket's page shows: the ticket (never its
// token, never a clerk), its place in its service's queue, the counters
// serving that service and the hall's hours.
type CitizenView struct {
	// Ended is true when the ticket is no longer in the hall's day (the
	// day turned): Ticket is then nil.
	Ended  bool           `json:"ended,omitempty"`
	Ticket *CitizenTicket `json:"ticket"`
	// ServiceName and CounterName name the ticket's service and, once
	// called, its counter.
	ServiceName string `json:"service_name"`
	CounterName string `json:"counter_name,omitempty"`
	// Ahead is how many waiting tickets call_next takes before this one
	// (0 when it is not waiting), EstimatedWaitS the estimate as the
	// kiosk's; NoOpenCounter when no open counter serves the service.
	Ahead          int  `json:"ahead"`
	EstimatedWaitS int  `json:"estimated_wait_s"`
	NoOpenCounter  bool `json:"no_open_counter,omitempty"`
	// Waiting is how many tickets of the service wait.
	Waiting int `json:"waiting"`
	// Serving lists the counters that serve the service, with the number
	// each has called now.
	Serving []CitizenDesk `json:"serving"`
	Hall    CitizenHall   `json:"hall"`
	Rating  CitizenRating `json:"rating"`
}

// CitizenTicket is a ticket as its citizen sees it.
type CitizenTicket struct {
	ID         string            `json:"id"`
	Number     string            `json:"number"`
	Service    string            `json:"service"`
	Priority   bool              `json:"priority"`
	State      queue.TicketState `json:"state"`
	IssuedAt   queue.Stamp       `json:"issued_at"`
	CalledAt   queue.Stamp       `json:"called_at"`
	FinishedAt queue.Stamp       `json:"finished_at"`
	Counter    queue.OptInt      `json:"counter"`
	Recalls    int               `json:"recalls"`
}

// CitizenDesk is a counter serving the ticket's service.
type CitizenDesk struct {
	Name   string              `json:"name"`
	Status queue.CounterStatus `json:"status"`
	Number string              `json:"number,omitempty"`
}

// CitizenHall is the hall's part of a CitizenView.
type CitizenHall struct {
	Name            string `json:"name"`
	Open            string `json:"open"`
	Close           string `json:"close"`
	Issuing         bool   `json:"issuing"`
	FeedbackContact string `json:"feedback_contact"`
}

// CitizenRating says whether the ticket can be rated from the phone.
type CitizenRating struct {
	// Level is the stored rating (0: none yet); AtPad is true when it was
	// given at a kiosk or rating pad rather than on the phone.
	Level int  `json:"level"`
	AtPad bool `json:"at_pad,omitempty"`
	// Until is the end of the rating window (null until finished); Open
	// is true when the ticket could be rated as the view was made
	// (finished, not rated, within the window, by the hall's clock).
	Until queue.Stamp `json:"until"`
	Open  bool        `json:"open,omitempty"`
	// Reasons lists the reasons a level 1 to 3 may carry: code, label.
	Reasons [][2]string `json:"reasons,omitempty"`
}
