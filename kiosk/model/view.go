package model

// Screen is what the kiosk shows.
type Screen int

// The screens.
const (
	// ScreenHome: the hall's name and a tile per service (for a rating pad:
	// a welcome line).
	ScreenHome Screen = iota
	// ScreenPriority asks whether the citizen belongs to a priority group.
	ScreenPriority
	// ScreenIssuing waits for the server's ticket.
	ScreenIssuing
	// ScreenTicket shows the ticket just issued.
	ScreenTicket
	// ScreenProcedures lists the services' procedures.
	ScreenProcedures
	// ScreenProcedure shows one service's description.
	ScreenProcedure
	// ScreenFeedback is the feedback form.
	ScreenFeedback
	// ScreenRateCode asks for the ticket's QR code or number and code.
	ScreenRateCode
	// ScreenRate shows the five levels.
	ScreenRate
	// ScreenReasons offers the reasons and a comment for levels 1 to 3.
	ScreenReasons
	// ScreenDone shows a thank-you or an error, then goes home.
	ScreenDone
	// ScreenExit asks staff for the exit PIN.
	ScreenExit
	// ScreenCheckIn asks for an appointment's QR code or booking code.
	ScreenCheckIn
)

// Person-facing wording that tests and the UI share.
const (
	OfflineText = "Tạm ngưng cấp số, vui lòng chờ trong giây lát"
	// RefusedText is the banner when the server refused the device; the
	// home screen then shows queue.UnauthorizedText.
	RefusedText   = "Thiết bị chưa được cấp quyền"
	SoldOutText   = "Hết số"
	PrintFailText = "Máy in đang gặp sự cố. Xin ông/bà ghi nhớ số thứ tự trên màn hình."
	ThanksRate    = "Cảm ơn ông/bà đã đánh giá!"
)

// View is everything a screen shows. The UI renders it and never changes it.
type View struct {
	Screen Screen
	Hall   string
	// Online is false while the server is unreachable; Banner then says so.
	Online bool
	Banner string
	// Refused is true while the server refuses this device's id or token.
	Refused bool
	// Counter is the counter this kiosk is the rating pad of (0: none).
	Counter     int
	CounterName string
	Tiles       []Tile
	// Service is the tile chosen (priority question, procedure).
	Service Tile
	Ticket  TicketView
	// Notice is a message on the home screen (closed, sold out, offline).
	Notice string
	Rate   RateView
	Form   FormView
	Done   DoneView
	// Appointments is true when a service takes bookings: the home
	// screen offers "Tôi có lịch hẹn".
	Appointments bool
	// FeedbackContact is where feedback is answered.
	FeedbackContact string
	ExitError       string
}

// Tile is one service on the home screen.
type Tile struct {
	ID          string
	Name        string
	Description string
	Waiting     int
	// SoldOut is true when the service reached its daily limit.
	SoldOut bool
}

// TicketView is a ticket just issued.
type TicketView struct {
	ID       string
	Number   string
	Service  string
	Priority bool
	Ahead    int
	Wait     string
	Time     string
	// Printing is true until the printer answered; PrintFailed after an
	// error (the screen then asks the citizen to note the number).
	Printing    bool
	PrintFailed bool
	// NoPaper is true when the kiosk prints no paper at all.
	NoPaper bool
	// Appointment marks an appointment's ticket; Note explains a check-in
	// (on time, or too early or late: then a normal ticket).
	Appointment bool
	Note        string
}

// RateView is a rating in progress.
type RateView struct {
	// Number is the ticket being rated (A001).
	Number string
	// CounterName and ClerkName say who is rated (a pad's prompt).
	CounterName string
	ClerkName   string
	Level       int
	Reasons     []string
	Sending     bool
	Error       string
}

// FormView is the state of the feedback form or the code entry.
type FormView struct {
	Sending bool
	Error   string
}

// DoneView is the message of ScreenDone.
type DoneView struct {
	Text  string
	Alert bool
}

func (v View) clone() View {
	v.Tiles = append([]Tile(nil), v.Tiles...)
	v.Rate.Reasons = append([]string(nil), v.Rate.Reasons...)
	return v
}
