package queue

import (
	"io"
	"strings"
	"time"
)

// Appointments (đặt lịch hẹn): a citizen books a slot of a service on the
// hall's /hen page and checks in at a kiosk with the booking code. Inside
// the slot's check-in window the kiosk issues an appointment ticket, which
// call_next takes after priority tickets and before normal ones (bounded by
// priority_streak); outside it, a normal ticket.

// AppointmentRules are one service's appointment settings, as the queue
// and the booking page use them.
type AppointmentRules struct {
	// Days says which weekdays take appointments, by time.Weekday.
	Days [7]bool
	// Hours are the spans of the day that take appointments, [From, To)
	// since midnight; a slot lies wholly inside one span.
	Hours []Span
	// Slot is a slot's length; Capacity the bookings a slot takes.
	Slot     time.Duration
	Capacity int
	// Ahead is how many days ahead a slot may be booked (today included
	// as day 0).
	Ahead int
	// Before and After bound the check-in window around a slot's start.
	Before, After time.Duration
}

// The check-in window when a service's rules do not say.
const (
	DefaultCheckInBefore = 15 * time.Minute
	DefaultCheckInAfter  = 10 * time.Minute
)

// Span is a part of a day, [From, To) since midnight.
type Span struct{ From, To time.Duration }

// Slots lists the slot starts (since midnight) of a day with weekday wd.
func (r AppointmentRules) Slots(wd time.Weekday) []time.Duration {
	if !r.Days[wd] || r.Slot <= 0 {
		return nil
	}
	var out []time.Duration
	for _, s := range r.Hours {
		for at := s.From; at+r.Slot <= s.To; at += r.Slot {
			out = append(out, at)
		}
	}
	return out
}

// HasSlot reports whether a slot starts at at on a day with weekday wd.
func (r AppointmentRules) HasSlot(wd time.Weekday, at time.Duration) bool {
	for _, s := range r.Slots(wd) {
		if s == at {
			return true
		}
	}
	return false
}

// BookingState is where a booking stands.
type BookingState string

// Booking states.
const (
	Booked    BookingState = "booked"
	Cancelled BookingState = "cancelled"
	CheckedIn BookingState = "checked_in"
)

// Check-in outcomes, as check_in's reply gives them.
const (
	CheckInOnTime = "on_time" // inside the window: an appointment ticket
	CheckInEarly  = "early"   // before the window: a normal ticket
	CheckInLate   = "late"    // after the window: a normal ticket
)

// Booking is one appointment. Phone and Name are the citizen's: never on a
// public screen, an event or a display.
type Booking struct {
	Code    string       `json:"code"`
	Service string       `json:"service"`
	Day     string       `json:"day"`  // YYYY-MM-DD
	Slot    string       `json:"slot"` // HH:MM, the slot's start
	Name    string       `json:"name"`
	Phone   string       `json:"phone"` // 0XXXXXXXXX
	State   BookingState `json:"state"`
	// CreatedAt, CancelledAt and CheckedInAt are when it was booked,
	// cancelled, checked in.
	CreatedAt   Stamp `json:"created_at"`
	CancelledAt Stamp `json:"cancelled_at,omitzero"`
	CheckedInAt Stamp `json:"checked_in_at,omitzero"`
	// TicketID is the ticket the check-in issued; CheckIn its outcome.
	TicketID string `json:"ticket_id,omitempty"`
	CheckIn  string `json:"check_in,omitempty"`
}

// Start returns the slot's start in loc, or the zero time when Day or Slot
// do not read.
func (b Booking) Start(loc *time.Location) time.Time {
	t, err := time.ParseInLocation(DayLayout+" 15:04", b.Day+" "+b.Slot, loc)
	if err != nil {
		return time.Time{}
	}
	return t
}

// BookingRequest is a citizen's booking: the service, the day
// (YYYY-MM-DD) and slot (HH:MM), a name and a phone number.
type BookingRequest struct {
	Service, Day, Slot, Name, Phone string
}

// SlotInfo is a slot as the booking page offers it: its start and the
// places left.
type SlotInfo struct {
	At   string // HH:MM
	Free int
}

// DaySlots are a day's bookable slots of a service.
type DaySlots struct {
	Day   string // YYYY-MM-DD
	Date  time.Time
	Slots []SlotInfo
}

// BookingCodeLength is the number of characters of a booking code, drawn
// from TokenAlphabet.
const BookingCodeLength = 6

// NewBookingCode draws a booking code from r.
func NewBookingCode(r io.Reader) (string, error) { return draw(r, BookingCodeLength, "booking code") }

// CleanBookingCode returns code in upper case without spaces and dashes,
// and whether it is a well-formed booking code.
func CleanBookingCode(code string) (string, bool) {
	code = strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(code))
	if len(code) != BookingCodeLength {
		return code, false
	}
	for i := range len(code) {
		if !strings.ContainsRune(TokenAlphabet, rune(code[i])) {
			return code, false
		}
	}
	return code, true
}

// mobilePrefixes are the first two digits of Vietnamese mobile numbers
// (03x Viettel, 05x Vietnamobile, 07x MobiFone, 08x VinaPhone and others,
// 09x all networks).
var mobilePrefixes = []string{"03", "05", "07", "08", "09"}

// MobilePhone returns a Vietnamese mobile number written as 0XXXXXXXXX
// (10 digits), reading "+84", "84" and spaces, dots and dashes, and
// whether s is one.
func MobilePhone(s string) (string, bool) {
	d := strings.NewReplacer(" ", "", ".", "", "-", "", "(", "", ")", "").Replace(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(d, "+84"):
		d = "0" + d[3:]
	case strings.HasPrefix(d, "84") && len(d) == 11:
		d = "0" + d[2:]
	}
	if len(d) != 10 || !allDigits(d) {
		return d, false
	}
	for _, p := range mobilePrefixes {
		if strings.HasPrefix(d, p) {
			return d, true
		}
	}
	return d, false
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MaskPhone hides a phone number but its last three digits: "0912 345 678"
// becomes "*******678".
func MaskPhone(p string) string {
	if len(p) <= 3 {
		return p
	}
	return strings.Repeat("*", len(p)-3) + p[len(p)-3:]
}

// CheckInWindow returns when a booking's check-in window opens and closes.
func (r AppointmentRules) CheckInWindow(start time.Time) (from, to time.Time) {
	return start.Add(-r.Before), start.Add(r.After)
}

// CheckInResult is what a check-in gave: the ticket issued and its
// outcome (CheckInOnTime, CheckInEarly or CheckInLate).
type CheckInResult struct {
	Ticket  Ticket
	Ahead   int
	WaitS   int
	Outcome string
	Booking Booking
	// From and To bound the booking's check-in window.
	From, To time.Time
}

// CheckIn issues the ticket of booking b, which the caller read from the
// store: inside its check-in window an appointment ticket (the service's
// daily_limit does not refuse it: its place was booked), otherwise a
// normal one. A booking of today is then checked in (the changed booking
// is in the Changes); one of a later day stays booked for its day.
func (e *Engine) CheckIn(now time.Time, b Booking) (CheckInResult, error) {
	switch b.State {
	case Cancelled:
		return CheckInResult{}, Errorf(ECONFLICT, "Lịch hẹn %s đã bị hủy", b.Code)
	case CheckedIn:
		return CheckInResult{}, Errorf(ECONFLICT, "Mã lịch hẹn %s đã được dùng lúc %s", b.Code,
			b.CheckedInAt.In(e.cfg.Location).Format("15:04"))
	}
	rules, ok := e.cfg.Appointments[b.Service]
	if !ok { // the service stopped taking appointments after b was booked
		rules.Before, rules.After = DefaultCheckInBefore, DefaultCheckInAfter
	}
	start := b.Start(e.cfg.Location)
	if start.IsZero() {
		return CheckInResult{}, Errorf(EBADREQUEST, "Lịch hẹn %s không đọc được", b.Code)
	}
	from, to := rules.CheckInWindow(start)
	out := CheckInOnTime
	switch {
	case now.Before(from):
		out = CheckInEarly
	case now.After(to):
		out = CheckInLate
	}
	t, ahead, wait, err := e.issue(now, b.Service, false, out == CheckInOnTime)
	if err != nil {
		return CheckInResult{}, err
	}
	if b.Day == e.day || out != CheckInEarly {
		b.State = CheckedIn
		b.CheckedInAt = e.stamp(now)
		b.TicketID = t.ID
		b.CheckIn = out
		e.pending.Bookings = append(e.pending.Bookings, b)
	}
	return CheckInResult{Ticket: t, Ahead: ahead, WaitS: wait, Outcome: out, Booking: b, From: from, To: to}, nil
}

// TakenBefore reports whether call_next takes a before b in the hall-wide
// waiting order: by rank (priority, appointment, the others), then by the
// day's issue order. Clients that keep the waiting list (hallclient's
// Mirror, the counter) order it with this, as the server does.
func TakenBefore(a, b Ticket) bool {
	if ra, rb := rank(&a), rank(&b); ra != rb {
		return ra < rb
	}
	return a.Order < b.Order
}

// rank orders the waiting tickets of a service as call_next takes them:
// priority tickets, then appointment tickets, then the others.
func rank(t *Ticket) int {
	switch {
	case t.Priority:
		return 0
	case t.Appointment:
		return 1
	}
	return 2
}
