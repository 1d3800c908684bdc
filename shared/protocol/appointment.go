package protocol

// CheckIn is the data of check_in: the booking code (6 characters of the
// ticket-token alphabet; case, spaces and dashes do not matter).
type CheckIn struct {
	Code string `json:"code"`
}

// CheckInReply is the data of check_in's reply: the ticket issued, as
// issue_ticket's reply gives it, with the outcome ("on_time": an
// appointment ticket; "early" or "late": outside the check-in window, a
// normal ticket) and the booking's slot.
type CheckInReply struct {
	IssueReply
	CheckIn string      `json:"check_in"`
	Booking BookingInfo `json:"booking"`
}

// BookingInfo is a booking as a kiosk may see it: never the citizen's name
// or phone number.
type BookingInfo struct {
	Code    string `json:"code"`
	Service string `json:"service"`
	Day     string `json:"day"`  // YYYY-MM-DD
	Slot    string `json:"slot"` // HH:MM
	// From and To bound the check-in window (HH:MM).
	From string `json:"from"`
	To   string `json:"to"`
}
