package model

import "time"

// Screen is which screen the window shows.
type Screen int

// The screens.
const (
	// ScreenConnecting waits for the first state from the server.
	ScreenConnecting Screen = iota
	// ScreenUnbound: the device is not a counter device, or its counter is
	// not in the hall's configuration.
	ScreenUnbound
	// ScreenLogin asks for username and PIN.
	ScreenLogin
	// ScreenServe is the clerk's working screen.
	ScreenServe
	// ScreenChangePIN asks a clerk who signed in with a one-time PIN for
	// a new one (twice) before serving.
	ScreenChangePIN
)

// View is everything the window shows, computed from the last state, the
// connection and the command in flight. It is a value: the UI may keep it.
type View struct {
	Screen Screen
	// Online is true while the connection is up.
	Online bool
	// Connection is a line to show while offline, else "".
	Connection string
	// Busy is true while a command is in flight.
	Busy bool
	// Notice explains ScreenConnecting and ScreenUnbound.
	Notice string

	HallName    string
	CounterID   int
	CounterName string
	ClerkUser   string
	ClerkName   string
	// Paused is true when the counter is paused.
	Paused bool
	// StatusText names the counter's status ("Đang mở", "Tạm nghỉ").
	StatusText string

	// Current is the ticket being served, or nil.
	Current *TicketView
	// Message is the outcome of the last command.
	Message Message
	// CanLogin is true when the sign-in button applies.
	CanLogin bool
	// CanChangePIN is true when ScreenChangePIN's buttons apply.
	CanChangePIN bool

	// Queue lists the waiting tickets of the counter's services, in the
	// order call_next takes them.
	Queue []Row
	// Held lists the tickets held at this counter.
	Held []Row
	// Stats are the clerk's figures of the day.
	Stats Stats
	// Picker is the open transfer picker, or nil.
	Picker *Picker
	// FileCodeInput is what the clerk typed in the file-code field;
	// FileCodeHint says what is wrong with it, as typed ("" when empty or
	// valid). CanEditFileCodes is true when codes may be added or removed.
	FileCodeInput    string
	FileCodeHint     string
	CanEditFileCodes bool

	enabled [numActions]bool
}

// Can reports whether action a applies now: its button is enabled.
func (v View) Can(a Action) bool {
	if a < 0 || a >= numActions {
		return false
	}
	return v.enabled[a]
}

// Message is a line for the clerk; Error marks a refusal or failure.
type Message struct {
	Text  string
	Error bool
}

// TicketView is the ticket being served.
type TicketView struct {
	ID          string
	Number      string
	Service     string
	ServiceName string
	Priority    bool
	Recalls     int
	// Waited is how long the citizen waited before the first call.
	Waited time.Duration
	// Serving is the time since the latest call.
	Serving time.Duration
	// TransferredFrom is the service the ticket was issued for, when it
	// was transferred; else "".
	TransferredFrom string
	// FileCodes are the file codes (mã hồ sơ) stored for the ticket.
	FileCodes []string
}

// Row is one ticket in the queue or held list.
type Row struct {
	TicketID    string
	Number      string
	Service     string
	ServiceName string
	Priority    bool
	// Wait is the time since issue (waiting) or since the latest call
	// (held).
	Wait time.Duration
	// Alert is true when a waiting ticket waits longer than wait_alert.
	Alert bool
	// Note says a ticket was transferred ("chuyển từ A") or is an
	// appointment ("lịch hẹn").
	Note string
}

// Stats are a clerk's figures of the day.
type Stats struct {
	Finished int
	// MeanService is the mean service time of the finished tickets (0 when
	// none).
	MeanService time.Duration
	// Ratings counts ratings by level; index 0 is unused.
	Ratings [6]int
	// Rated is the number of ratings received.
	Rated int
	// Satisfaction is the share of ratings at 4 and 5, in percent with
	// two decimals; meaningful only when Rated > 0.
	Satisfaction float64
}

// Picker is the transfer picker: the services a ticket can go to.
type Picker struct {
	TicketID string
	Number   string
	Options  []Option
}

// Option is one service of the picker; Key is the digit that picks it.
type Option struct {
	Service string
	Name    string
	Key     string
}
