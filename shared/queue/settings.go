package queue

import "time"

// Settings is the part of the hall's configuration that the queue rules use.
// The server's config package builds it from hall.toml.
type Settings struct {
	Name         string
	Location     *time.Location
	Open         time.Duration // since midnight
	Close        time.Duration // since midnight; 24h is midnight
	RatingWindow time.Duration
	WaitAlert    time.Duration
	// ServiceAlert is how long a ticket may be served before supervisors
	// are alerted (the live hall page); the queue rules do not use it.
	ServiceAlert    time.Duration
	PriorityStreak  int
	FeedbackContact string
	Services        []Service
	Counters        []CounterConfig
	Clerks          []Clerk
	// Appointments holds the appointment rules of each service that takes
	// appointments, by service id.
	Appointments map[string]AppointmentRules
}

// Service is a field of procedures that tickets queue for.
type Service struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	DailyLimit  int    `json:"daily_limit"`
	// Procedures are the procedure names the kiosk lists under it.
	Procedures []string `json:"procedures,omitempty"`
	// Retired services issue no ticket and are not offered; their tickets
	// and reports keep their name.
	Retired bool `json:"retired,omitempty"`
}

// CounterConfig is a counter as configured.
type CounterConfig struct {
	ID       int
	Name     string
	Services []string
	// Retired counters are left out of the hall's state.
	Retired bool
}

// Clerk is a clerk who may sign in at a counter. PINHash is a bcrypt hash,
// checked by the caller (this package has no crypto).
type Clerk struct {
	Username string
	Name     string
	PINHash  string
	// MustChangePIN: the PIN is a one-time PIN an admin gave; the clerk
	// chooses a new one at sign-in.
	MustChangePIN bool
	// Disabled clerks cannot sign in.
	Disabled bool
}

// Service returns the service with id, and whether it exists.
func (s *Settings) Service(id string) (Service, bool) {
	for _, sv := range s.Services {
		if sv.ID == id {
			return sv, true
		}
	}
	return Service{}, false
}

// Clerk returns the clerk with username, and whether it exists.
func (s *Settings) Clerk(username string) (Clerk, bool) {
	for _, c := range s.Clerks {
		if c.Username == username {
			return c, true
		}
	}
	return Clerk{}, false
}

// FormatClock writes a time of day as HH:MM ("24:00" for midnight at close).
func FormatClock(d time.Duration) string {
	h := int(d / time.Hour)
	m := int(d % time.Hour / time.Minute)
	return twoDigits(h) + ":" + twoDigits(m)
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// IsOpen reports whether kiosks issue tickets at t: open <= t < close.
func (s *Settings) IsOpen(t time.Time) bool {
	t = t.In(s.Location)
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, s.Location)
	since := t.Sub(midnight)
	return since >= s.Open && since < s.Close
}
