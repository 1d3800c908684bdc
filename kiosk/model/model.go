// Package model is the kiosk's logic with no widgets: which screen shows,
// the service tiles, the ticket just issued, the rating and feedback flows,
// the offline banner and the timeouts that bring the screen home. The ui
// package renders its View; tests drive it with a fake Sender, fed events
// and an injected clock.
//
// A Model is safe for concurrent use: the network callbacks, the UI's taps
// and the clock's Tick may call it from any goroutine. Every change is
// reported through the OnChange function given to New, outside the lock.
package model

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"hallq/kiosk/printer"
	"hallq/shared/protocol"
)

// Sender sends a command to the server and waits for its reply
// (*hallclient.Client in production). A refused command returns a
// *queue.Error; any other error means the server could not be reached.
type Sender interface {
	Send(ctx context.Context, typ string, data any) (json.RawMessage, error)
}

// Printer prints a ticket's slip (*printer.Printer in production).
type Printer interface {
	Print(ctx context.Context, s printer.Slip) error
}

// Timeouts of the screens.
const (
	// TicketShowFor is how long the issued ticket stays on screen.
	TicketShowFor = 15 * time.Second
	// TicketNoPaperFor is how long it stays when it could not be printed,
	// so the citizen can note the number.
	TicketNoPaperFor = 60 * time.Second
	// IdleHome brings any screen home after a minute without a touch.
	IdleHome = time.Minute
	// PadIdleHome brings a rating pad home 30 s after its last touch.
	PadIdleHome = 30 * time.Second
	// DoneShowFor is how long a thank-you or error message stays.
	DoneShowFor = 8 * time.Second
	// ThanksBeforeNext is how long a rating pad thanks a citizen when the
	// next one's prompt waits.
	ThanksBeforeNext = 2 * time.Second
	// NoticeFor is how long a message on the home screen stays.
	NoticeFor = 10 * time.Second
	// sendTimeout bounds one command, in flight across reconnects included.
	sendTimeout = 60 * time.Second
	// printTimeout bounds one print.
	printTimeout = 30 * time.Second
)

// Config is what a Model needs. Sender and Now are required.
type Config struct {
	Sender  Sender
	Printer Printer // nil: no printing
	// NoPaper says the printer keeps files, not paper (file:DIR): the
	// ticket screen then asks the citizen to note the number.
	NoPaper bool
	Now     func() time.Time
	Logger  *slog.Logger // nil: slog.Default()
	// Go runs f in the background; nil means `go f()`. Tests run it inline.
	Go func(f func())
	// AfterFunc runs f once d has passed and returns a stop function; nil
	// means time.AfterFunc. Tests fire it by hand.
	AfterFunc func(d time.Duration, f func()) (stop func() bool)
	// CheckPIN reports whether pin lets staff leave; nil: no way out.
	CheckPIN func(pin string) bool
	// Quit closes the kiosk after a correct exit PIN.
	Quit func()
	// OnChange is called after every change of the View.
	OnChange func()
	// Devices learns after each print whether the printer worked
	// (*devstatus.Reporter in production); nil: nobody.
	Devices DeviceReporter
}

// DeviceReporter passes a printer's or sound's state on to staff.
type DeviceReporter interface {
	Report(kind string, ok bool, detail string)
}

// Model is the kiosk's state. Create it with New.
type Model struct {
	cfg Config
	log *slog.Logger

	mu        sync.Mutex
	v         View
	state     protocol.State
	soldOut   map[string]bool // services refused with conflict today
	lastTouch time.Time
	until     time.Time // when the current screen or notice goes home
	issuing   bool      // an issue_ticket is in flight
	issue     *issueTry // that issue_ticket
	retry     *issueTry // the last issue given up, whose id a retry reuses
	sending   bool      // a rate or feedback is in flight
	rate      *rating   // the rating on screen, if any
	rateFrom  Screen    // where it started: ScreenRateCode or ScreenHome (a pad's prompt)
	// queued is the next citizen's prompt, kept while the one before is
	// still choosing or typing: the pad offers it once that one is done.
	queued *rating
	// later holds sends decided under the lock; unlock starts them.
	later []func()
}

// New returns a model on the home screen, offline until SetStatus says
// otherwise.
func New(cfg Config) *Model {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Go == nil {
		cfg.Go = func(f func()) { go f() }
	}
	if cfg.AfterFunc == nil {
		cfg.AfterFunc = func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
	}
	m := &Model{cfg: cfg, log: cfg.Logger, soldOut: map[string]bool{}}
	m.v.Screen = ScreenHome
	m.v.Banner = OfflineText
	m.lastTouch = cfg.Now()
	return m
}

// View returns a copy of what the screen should show.
func (m *Model) View() View {
	m.mu.Lock()
	defer m.unlock()
	return m.v.clone()
}

// unlock releases the lock, then starts the sends decided under it.
func (m *Model) unlock() {
	later := m.later
	m.later = nil
	m.mu.Unlock()
	for _, f := range later {
		m.cfg.Go(f)
	}
}

// update runs f under the lock, then reports the change.
func (m *Model) update(f func()) {
	m.mu.Lock()
	f()
	m.unlock()
	if m.cfg.OnChange != nil {
		m.cfg.OnChange()
	}
}

// goHome shows the home screen, or the next citizen's rating prompt when
// one waits. The caller holds the lock.
func (m *Model) goHome() {
	if q := m.queued; q != nil {
		m.queued = nil
		m.startRating(q, ScreenHome)
		return
	}
	m.v.Screen = ScreenHome
	m.v.Service = Tile{}
	m.v.Ticket = TicketView{}
	m.v.Rate = RateView{}
	m.v.Form = FormView{}
	m.v.Done = DoneView{}
	m.v.ExitError = ""
	m.abandonRating()
	m.until = time.Time{}
	if m.v.Notice != "" {
		m.until = m.cfg.Now().Add(NoticeFor)
	}
}

// show switches to screen s. The caller holds the lock.
func (m *Model) show(s Screen) {
	m.v.Screen = s
	m.v.Notice = ""
	m.until = time.Time{}
}

// done shows a message screen for DoneShowFor. The caller holds the lock.
func (m *Model) done(text string, alert bool) {
	m.show(ScreenDone)
	m.v.Done = DoneView{Text: text, Alert: alert}
	m.until = m.cfg.Now().Add(DoneShowFor)
}
