package config

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"hallq/shared/queue"
)

// Settings returns the queue settings of the hall: the time zone loaded,
// open and close as durations since midnight ("24:00" is 24h), and the
// durations parsed. On a Config from Load nothing can fail; on a Config built
// by hand, empty fields take the defaults and unparseable ones become zero
// (an unknown time zone becomes UTC). The slices are copies.
func (c *Config) Settings() queue.Settings {
	h := c.Hall.withDefaults()
	loc, err := time.LoadLocation(h.Timezone)
	if err != nil {
		loc = time.UTC
	}
	open, _ := parseClock(h.Open, false)
	closeAt, _ := parseClock(h.Close, true)
	rating, _ := parseDuration(h.RatingWindow)
	alert, _ := parseDuration(h.WaitAlert)
	serviceAlert, _ := parseDuration(h.ServiceAlert)
	s := queue.Settings{
		Name:            h.Name,
		Location:        loc,
		Open:            open,
		Close:           closeAt,
		RatingWindow:    rating,
		WaitAlert:       alert,
		ServiceAlert:    serviceAlert,
		PriorityStreak:  h.PriorityStreak,
		FeedbackContact: h.FeedbackContact,
	}
	for _, sv := range c.Services {
		if sv.Appointments && !sv.Retired {
			if s.Appointments == nil {
				s.Appointments = map[string]queue.AppointmentRules{}
			}
			s.Appointments[sv.ID] = sv.AppointmentRules(open, closeAt)
		}
		s.Services = append(s.Services, queue.Service{ID: sv.ID, Name: sv.Name, Description: sv.Description,
			DailyLimit: sv.DailyLimit, Procedures: slices.Clone(sv.Procedures), Retired: sv.Retired})
	}
	for _, ct := range c.Counters {
		s.Counters = append(s.Counters, queue.CounterConfig{ID: ct.ID, Name: ct.Name, Services: slices.Clone(ct.Services), Retired: ct.Retired})
	}
	for _, cl := range c.Clerks {
		s.Clerks = append(s.Clerks, queue.Clerk{Username: cl.Username, Name: cl.Name, PINHash: cl.PINHash,
			MustChangePIN: cl.MustChangePIN, Disabled: cl.Disabled})
	}
	return s
}

// parseClock reads "HH:MM" as a duration since midnight; "24:00" is allowed
// only when allow24 is set (a closing time).
func parseClock(s string, allow24 bool) (time.Duration, error) {
	var h, m int
	if len(s) != 5 || s[2] != ':' || !digits(s[:2]) || !digits(s[3:]) {
		return 0, fmt.Errorf("config: %q is not HH:MM", s)
	}
	h = int(s[0]-'0')*10 + int(s[1]-'0')
	m = int(s[3]-'0')*10 + int(s[4]-'0')
	switch {
	case h == 24 && m == 0 && allow24:
		return 24 * time.Hour, nil
	case h > 23 || m > 59:
		return 0, fmt.Errorf("config: %q is not a time of day", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// digits reports whether s is all ASCII digits.
func digits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDuration reads a positive Go duration.
func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("config: %w", err)
	}
	if d <= 0 {
		return 0, errors.New("config: duration must be positive")
	}
	return d, nil
}
