package protocol

import "hallq/shared/queue"

// Hello is the data of hello.
type Hello struct {
	Device string `json:"device"`
	Token  string `json:"token"`
	Since  uint64 `json:"since"`
	Day    string `json:"day"`
	// Version is the app's version ("dev" for a build without one); the
	// admin's devices page shows it. Optional.
	Version string `json:"version,omitempty"`
	// Ticket is set by a citizen's phone instead of Device: the ticket id
	// ("2026-11-28/A001", or its URL form "2026-11-28-A001"), with the
	// ticket's token as Token (role citizen).
	Ticket string `json:"ticket,omitempty"`
}

// HelloReply is the data of hello's reply. State is set when the client must
// replace its state instead of receiving a replay.
type HelloReply struct {
	Role    string `json:"role"`
	Device  string `json:"device"`
	Counter int    `json:"counter"`
	Day     string `json:"day"`
	Seq     uint64 `json:"seq"`
	State   *State `json:"state,omitempty"`
	// View is a citizen's ticket view (role citizen), instead of State.
	View *CitizenView `json:"view,omitempty"`
}

// IssueTicket is the data of issue_ticket.
type IssueTicket struct {
	Service  string `json:"service"`
	Priority bool   `json:"priority"`
}

// IssueReply is the data of issue_ticket's reply. NoOpenCounter is true
// when no open counter serves the ticket's service at issue time, so the
// estimate (computed as if one were open) means little.
type IssueReply struct {
	Ticket         queue.Ticket `json:"ticket"`
	Ahead          int          `json:"ahead"`
	EstimatedWaitS int          `json:"estimated_wait_s"`
	NoOpenCounter  bool         `json:"no_open_counter,omitempty"`
}

// Rate is the data of rate.
type Rate struct {
	TicketID string   `json:"ticket_id"`
	Rating   int      `json:"rating"`
	Reasons  []string `json:"reasons"`
	Comment  string   `json:"comment"`
	Token    string   `json:"token"`
}

// RateDetails is the data of rate_details: the ticket rated, the reasons
// and comment to add, and Rating when the citizen chose another level
// (0 keeps it). Token is needed unless the sender stored the rating.
type RateDetails struct {
	TicketID string   `json:"ticket_id"`
	Rating   int      `json:"rating,omitempty"`
	Reasons  []string `json:"reasons"`
	Comment  string   `json:"comment"`
	Token    string   `json:"token,omitempty"`
}

// FeedbackMsg is the data of feedback.
type FeedbackMsg struct {
	Message string `json:"message"`
	Name    string `json:"name"`
	Phone   string `json:"phone"`
}

// FeedbackReply is the data of feedback's reply.
type FeedbackReply struct {
	FeedbackID int64 `json:"feedback_id"`
}

// ClerkLogin is the data of clerk_login.
type ClerkLogin struct {
	Username string `json:"username"`
	PIN      string `json:"pin"`
}

// ClerkInfo is a signed-in clerk, as clerk_login's reply gives it.
type ClerkInfo struct {
	Username string `json:"username"`
	Name     string `json:"name"`
	Counter  int    `json:"counter"`
	// MustChangePIN is true when the clerk signed in with a one-time PIN
	// an admin gave: the counter must send change_pin before serving.
	MustChangePIN bool `json:"must_change_pin,omitempty"`
}

// ChangePIN is the data of change_pin: the signed-in clerk's new PIN (4 to
// 8 digits, not the one-time PIN).
type ChangePIN struct {
	NewPIN string `json:"new_pin"`
}

// ClerkReply is the data of clerk_login's reply.
type ClerkReply struct {
	Clerk ClerkInfo `json:"clerk"`
}

// TicketRef is the data of call_ticket, recall, hold, no_show and finish.
type TicketRef struct {
	TicketID string `json:"ticket_id"`
}

// Finish is the data of finish: the ticket and, optionally, its file codes
// (mã hồ sơ), which replace those set before; absent keeps them.
type Finish struct {
	TicketID  string   `json:"ticket_id"`
	FileCodes []string `json:"file_codes,omitempty"`
}

// FileCodes is the data of set_file_codes: the file codes of the ticket
// being served (an empty list clears them).
type FileCodes struct {
	TicketID  string   `json:"ticket_id"`
	FileCodes []string `json:"file_codes"`
}

// Transfer is the data of transfer.
type Transfer struct {
	TicketID string `json:"ticket_id"`
	Service  string `json:"service"`
}

// TicketReply is the reply data of the counter's ticket commands.
type TicketReply struct {
	Ticket queue.Ticket `json:"ticket"`
}

// CounterReply is the reply data of pause and resume.
type CounterReply struct {
	Counter queue.Counter `json:"counter"`
}

// Kinds of device_status.
const (
	DevicePrinter = "printer"
	DeviceSound   = "sound"
)

// DeviceStatus is the data of device_status: whether the device's printer
// or sound (Kind) works, and in Detail what is wrong, in Vietnamese, for
// staff ("máy in hết giấy"). The reply is {}.
type DeviceStatus struct {
	Kind   string `json:"kind"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// DeviceHealth is the latest device_status of one device and kind, as the
// supervisor's pages and /api/devices show it.
type DeviceHealth struct {
	Device string `json:"device"`
	Role   string `json:"role"`
	Kind   string `json:"kind"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
	// At is when the device reported it; LastOK when it last reported
	// that all was well (null: not since the server started).
	At     queue.Stamp `json:"at"`
	LastOK queue.Stamp `json:"last_ok"`
}

// DeviceLink is a device's websocket presence, for the admin's devices
// page: connected now (Conns open connections) or when it was last seen
// since the server started, and the version its last hello gave.
type DeviceLink struct {
	Device   string      `json:"device"`
	Role     string      `json:"role"`
	Conns    int         `json:"conns"`
	LastSeen queue.Stamp `json:"last_seen"`
	Version  string      `json:"version,omitempty"`
	Remote   string      `json:"remote,omitempty"`
}

// Empty is the {} reply data.
type Empty struct{}

// TicketEvent is the data of ticket_issued, ticket_finished, ticket_no_show,
// ticket_held and ticket_expired.
type TicketEvent struct {
	Ticket queue.Ticket `json:"ticket"`
}

// CalledEvent is the data of ticket_called.
type CalledEvent struct {
	Ticket  queue.Ticket `json:"ticket"`
	Counter int          `json:"counter"`
	Recall  bool         `json:"recall"`
}

// TransferredEvent is the data of ticket_transferred.
type TransferredEvent struct {
	Ticket      queue.Ticket `json:"ticket"`
	FromService string       `json:"from_service"`
}

// RatedEvent is the data of ticket_rated.
type RatedEvent struct {
	TicketID string `json:"ticket_id"`
	Counter  int    `json:"counter"`
	Clerk    string `json:"clerk"`
	Rating   int    `json:"rating"`
}

// RatingChangedEvent is the data of rating_changed: a stored rating's level
// changed from From to Rating (the clerk's figures move with it).
type RatingChangedEvent struct {
	TicketID string `json:"ticket_id"`
	Counter  int    `json:"counter"`
	Clerk    string `json:"clerk"`
	Rating   int    `json:"rating"`
	From     int    `json:"from"`
}

// CounterEvent is the data of counter_updated.
type CounterEvent struct {
	Counter queue.Counter `json:"counter"`
}

// HallUpdatedEvent is the data of hall_updated: the parts of the state an
// admin's change may alter, as the state would show them now.
type HallUpdatedEvent struct {
	Hall     HallInfo        `json:"hall"`
	Services []ServiceInfo   `json:"services"`
	Counters []queue.Counter `json:"counters"`
}

// DayEvent is the data of day_started.
type DayEvent struct {
	Day string `json:"day"`
}

// HallInfo is the hall part of a state.
type HallInfo struct {
	Name            string `json:"name"`
	Open            string `json:"open"`
	Close           string `json:"close"`
	FeedbackContact string `json:"feedback_contact"`
	WaitAlertS      int    `json:"wait_alert_s"`
	// ServiceAlertS is how long a ticket may be served before supervisors
	// are alerted, in seconds (added to SPEC 4.3).
	ServiceAlertS  int `json:"service_alert_s"`
	RatingWindowS  int `json:"rating_window_s"`
	PriorityStreak int `json:"priority_streak"`
	// Timezone is the hall's IANA time zone, for the clocks on screens.
	Timezone string `json:"timezone"`
	// Ticker is an extra message for the displays' bottom line.
	Ticker string `json:"ticker"`
	// Announcement is the voice wording, with {number} and {counter}.
	Announcement string `json:"announcement"`
	// PublicURL is the address phones reach the server at (config [hall]
	// public_url); the kiosk prints TicketURL in the QR code when set.
	PublicURL string `json:"public_url,omitempty"`
}

// ClerkStats is a clerk's day so far, for the counter's "today" panel.
type ClerkStats struct {
	Username string `json:"username"`
	Finished int    `json:"finished"`
	// ServiceSeconds is the sum of service times of the finished tickets.
	ServiceSeconds float64 `json:"service_seconds"`
	// Ratings counts ratings by level; index 0 is unused.
	Ratings [6]int `json:"ratings"`
}

// ServiceInfo is a service in a state, with its waiting count.
type ServiceInfo struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Waiting     int    `json:"waiting"`
	DailyLimit  int    `json:"daily_limit"`
	Issued      int    `json:"issued"`
	// Procedures are the procedure names the kiosk lists under it.
	Procedures []string `json:"procedures,omitempty"`
	// Appointments is true when the service takes bookings on /hen (the
	// kiosk then offers "Tôi có lịch hẹn").
	Appointments bool `json:"appointments,omitempty"`
}

// State is a full picture of the day (SPEC section 4.3).
type State struct {
	Day         string          `json:"day"`
	Seq         uint64          `json:"seq"`
	Hall        HallInfo        `json:"hall"`
	Services    []ServiceInfo   `json:"services"`
	Counters    []queue.Counter `json:"counters"`
	Waiting     []queue.Ticket  `json:"waiting"`
	Held        []queue.Ticket  `json:"held"`
	RecentCalls []queue.Ticket  `json:"recent_calls"`
	// Clerks holds each clerk's figures of the day (added to SPEC 4.3).
	Clerks []ClerkStats `json:"clerks"`
}
