// Package config reads and validates the hall's configuration file,
// hall.toml (SPEC section 2), hashes and checks clerks' PINs and supervisors'
// passwords, and writes the demo hall of the server's -demo flag.
//
// The file is decoded by the TOML library into the tagged structs below; the
// tags are also the schema that unknown keys and wrong types are checked
// against (schema.go), so a key is named in one place. Settings converts a
// Config, once, into the queue's settings.
//
// A Config returned by Load has passed every rule; Load never returns a
// half-valid config. Its errors name the file, the line where it can be
// found, and the rule broken, in Vietnamese with the English rule in brackets.
package config

import (
	"fmt"
	"os"

	// The hall's time zone must load on machines without system zoneinfo.
	_ "time/tzdata"
)

// Defaults for the [hall] keys that may be left out.
const (
	DefaultTimezone     = "Asia/Ho_Chi_Minh"
	DefaultOpen         = "07:30"
	DefaultClose        = "17:00"
	DefaultRatingWindow = "30m"
	DefaultWaitAlert    = "20m"
	// DefaultServiceAlert is how long a ticket may be served before the
	// live hall page flags it.
	DefaultServiceAlert = "30m"
	// DefaultAnnouncement is the display's spoken call; {number} and
	// {counter} are replaced by the ticket number and the counter's name.
	DefaultAnnouncement = "Xin mời công dân có số {number} đến {counter}"
)

// Device roles (the [[device]] role key).
const (
	RoleKiosk   = "kiosk"
	RoleCounter = "counter"
	RoleDisplay = "display"
)

// Config is a loaded hall.toml. Path is the file it was read from.
type Config struct {
	Path        string       `toml:"-"`
	Hall        Hall         `toml:"hall"`
	Services    []Service    `toml:"service"`
	Counters    []Counter    `toml:"counter"`
	Devices     []Device     `toml:"device"`
	Clerks      []Clerk      `toml:"clerk"`
	Supervisors []Supervisor `toml:"supervisor"`
	// TLS is the file's optional [tls] table. It is read from hall.toml at
	// every start and is not part of the stored, admin-managed
	// configuration: Clone, the store and Export leave it out.
	TLS TLS `toml:"tls,omitempty" json:"-"`
	// Retention is the file's optional [retention] table, read like TLS.
	Retention Retention `toml:"retention,omitempty" json:"-"`
	// Province is the file's optional [province] table (the province
	// link), read like TLS.
	Province Province `toml:"province,omitempty" json:"-"`
}

// Hall is the [hall] table. Times and durations keep their text form
// (Settings parses them); Load fills the defaults of absent keys.
type Hall struct {
	Name         string `toml:"name"`
	Timezone     string `toml:"timezone"`
	Open         string `toml:"open"`          // "HH:MM"
	Close        string `toml:"close"`         // "HH:MM", "24:00" for midnight
	RatingWindow string `toml:"rating_window"` // a Go duration, e.g. "30m"
	WaitAlert    string `toml:"wait_alert"`    // a Go duration
	// ServiceAlert is how long a ticket may be served (called, not yet
	// finished) before the live hall page shows it in red; a Go duration,
	// DefaultServiceAlert when absent (an empty value is the default too,
	// so a configuration stored before the key existed stays valid).
	ServiceAlert    string `toml:"service_alert,omitempty"`
	PriorityStreak  int    `toml:"priority_streak"`
	FeedbackContact string `toml:"feedback_contact"`
	// Ticker is an optional extra message for the display's bottom ticker.
	Ticker string `toml:"ticker"`
	// Announcement is the wording of the display's voice, with {number} and
	// {counter} placeholders; DefaultAnnouncement when absent.
	Announcement string `toml:"announcement"`
	// HideClerkResults leaves the per-clerk results off the public page
	// /cong-khai (the per-service results stay).
	HideClerkResults bool `toml:"hide_clerk_results,omitempty"`
	// PublicURL is the address phones reach the server at on the hall's
	// guest Wi-Fi ("http://192.168.10.2:8080"; a trailing slash is ignored);
	// the kiosk then prints each ticket's page (/t/…) in its QR code.
	// Optional: empty keeps the QR as the ticket id and token.
	PublicURL string `toml:"public_url,omitempty"`
}

// Service is a [[service]] table.
type Service struct {
	ID          string `toml:"id"`
	Name        string `toml:"name"`
	Description string `toml:"description"`
	DailyLimit  int    `toml:"daily_limit"`
	// Procedures are the procedure names the kiosk lists under the service.
	Procedures []string `toml:"procedures,omitempty"`
	// Retired services issue no ticket and leave the kiosk and the state,
	// but keep their history and their rows in the reports.
	Retired bool `toml:"retired,omitempty"`

	// Appointments: the service takes bookings on the /hen page. The
	// other appointment_ keys may be left out (appointments.go gives
	// their defaults).
	Appointments bool `toml:"appointments,omitempty"`
	// AppointmentDays are the weekdays that take appointments: "mon",
	// "tue", "wed", "thu", "fri", "sat", "sun"; none: Monday to Friday.
	AppointmentDays []string `toml:"appointment_days,omitempty"`
	// AppointmentHours are the spans that take appointments, "HH:MM-HH:MM";
	// none: the hall's opening hours.
	AppointmentHours []string `toml:"appointment_hours,omitempty"`
	// AppointmentSlot is a slot's length, a Go duration ("30m").
	AppointmentSlot string `toml:"appointment_slot,omitempty"`
	// AppointmentCapacity is the bookings one slot takes.
	AppointmentCapacity int `toml:"appointment_capacity,omitempty"`
	// AppointmentDaysAhead is how many days ahead a slot may be booked.
	AppointmentDaysAhead int `toml:"appointment_days_ahead,omitempty"`
	// CheckInBefore and CheckInAfter bound the kiosk's check-in window
	// around a slot's start (Go durations; "0s" for none).
	CheckInBefore string `toml:"appointment_check_in_before,omitempty"`
	CheckInAfter  string `toml:"appointment_check_in_after,omitempty"`
}

// Counter is a [[counter]] table.
type Counter struct {
	ID       int      `toml:"id"`
	Name     string   `toml:"name"`
	Services []string `toml:"services"`
	// Retired counters leave the hall's state; their history stays.
	Retired bool `toml:"retired,omitempty"`
}

// Device is a [[device]] table: a kiosk, counter or display that connects
// with its id and token. Counter is the counter a counter device serves, the
// counter a kiosk stands at as its rating pad, or 0.
type Device struct {
	ID      string `toml:"id"`
	Role    string `toml:"role"`
	Token   string `toml:"token"`
	Counter int    `toml:"counter"`
	// Name is an optional display name (the admin's, or the PC's host
	// name when paired). The id stays stable: the day's events, the audit
	// log and the apps' saved settings name the device by it.
	Name string `toml:"name,omitempty"`
}

// Clerk is a [[clerk]] table; PINHash is a bcrypt hash.
type Clerk struct {
	Username string `toml:"username"`
	Name     string `toml:"name"`
	PINHash  string `toml:"pin_hash"`
	// Title and Phone are the clerk's title (chức danh) and work phone,
	// shown on the public page next to the counter the clerk is at.
	Title string `toml:"title,omitempty"`
	Phone string `toml:"phone,omitempty"`
	// MustChangePIN is set when an admin gave a one-time PIN: the clerk
	// chooses a new one at the next sign-in.
	MustChangePIN bool `toml:"must_change_pin,omitempty"`
	// Disabled clerks cannot sign in.
	Disabled bool `toml:"disabled,omitempty"`
}

// Supervisor is a [[supervisor]] table; PasswordHash is a bcrypt hash.
type Supervisor struct {
	Username     string `toml:"username"`
	Name         string `toml:"name"`
	PasswordHash string `toml:"password_hash"`
	// Role is RoleAdmin (the default) or RoleSupervisor.
	Role string `toml:"role,omitempty"`
	// Disabled accounts cannot sign in.
	Disabled bool `toml:"disabled,omitempty"`
}

// Roles of supervisor accounts: an admin manages the hall (the /admin
// pages) and does all a supervisor does; a supervisor reads the reports,
// the live hall and the feedback.
const (
	RoleAdmin      = "admin"
	RoleSupervisor = "supervisor"
)

// IsAdmin reports whether the account has the admin role.
func (s Supervisor) IsAdmin() bool { return s.Role == "" || s.Role == RoleAdmin }

// Load reads, parses and validates the config file at path. It returns
// either a config that passes every rule or an error listing every problem
// found (joined with errors.Join; each one an *Error).
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: không đọc được tệp cấu hình (cannot read config): %w", err)
	}
	return parse(path, data)
}

// Device returns the device with id, and whether it exists.
func (c *Config) Device(id string) (Device, bool) {
	for _, d := range c.Devices {
		if d.ID == id {
			return d, true
		}
	}
	return Device{}, false
}

// Supervisor returns the supervisor with username, and whether it exists.
func (c *Config) Supervisor(username string) (Supervisor, bool) {
	for _, s := range c.Supervisors {
		if s.Username == username {
			return s, true
		}
	}
	return Supervisor{}, false
}

// withDefaults returns h with the defaults of SPEC section 2 filled in.
func (h Hall) withDefaults() Hall {
	fill := func(s *string, def string) {
		if *s == "" {
			*s = def
		}
	}
	fill(&h.Timezone, DefaultTimezone)
	fill(&h.Open, DefaultOpen)
	fill(&h.Close, DefaultClose)
	fill(&h.RatingWindow, DefaultRatingWindow)
	fill(&h.WaitAlert, DefaultWaitAlert)
	fill(&h.ServiceAlert, DefaultServiceAlert)
	fill(&h.Announcement, DefaultAnnouncement)
	return h
}
