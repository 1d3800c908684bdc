// Package desk is the counter app's logic, with no Fyne in it: it keeps the
// last state of the day, the connection and the command in flight, turns
// them into a View, and sends the clerk's commands through a Sender, one at
// a time.
package model

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"hallq/shared/protocol"
)

// Sender sends one command and waits for its reply's data. A refusal is a
// *queue.Error. hallclient.Client is the production Sender.
type Sender interface {
	Send(ctx context.Context, typ string, data any) (json.RawMessage, error)
}

// DefaultTimeout bounds how long a command may stay in flight. It outlasts
// hallclient's dead-link detection (60 s) and a reconnect, so that a command
// caught by a cut is re-sent and answered rather than given up; a server
// that never answers still frees the buttons in the end.
const DefaultTimeout = 90 * time.Second

// Config holds a Desk's dependencies.
type Config struct {
	Sender Sender
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// OnChange is called after every change of the view, from whichever
	// goroutine made it, with no lock held. The UI re-renders from View.
	OnChange func()
	// Timeout bounds a command; DefaultTimeout when zero.
	Timeout time.Duration
	// Logger gets one line per command and its outcome; nil discards.
	Logger *slog.Logger
}

// Desk is the counter's logic. Its methods are safe for concurrent use: the
// network callbacks (SetHello, SetState, SetStatus) and the UI's actions may
// come from different goroutines.
type Desk struct {
	cfg    Config
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	hello   *protocol.HelloReply
	state   *protocol.State
	online  bool
	attempt int
	linkErr error
	busy    bool
	msg     Message
	picker  *Picker
	// mustChange is the clerk who signed in here with a one-time PIN and
	// has not changed it yet ("" for none).
	mustChange string
	// codeInput is what the clerk typed in the file-code field.
	codeInput string
	// skew is the server's clock minus ours, as the last live event
	// showed it.
	skew time.Duration
}

// New returns a Desk that is offline with no state yet.
func New(cfg Config) *Desk {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.OnChange == nil {
		cfg.OnChange = func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Desk{cfg: cfg, ctx: ctx, cancel: cancel}
}

// Close cancels the command in flight, if any, and waits for it to end.
func (d *Desk) Close() {
	d.cancel()
	d.wg.Wait()
}

// Wait blocks until no command is in flight. Tests use it.
func (d *Desk) Wait() { d.wg.Wait() }

// SetHello records the hello reply of a (re)connection, and its state if it
// carries one.
func (d *Desk) SetHello(h protocol.HelloReply) {
	d.mu.Lock()
	st := h.State
	h.State = nil
	d.hello = &h
	if st != nil {
		c := st.Clone()
		d.state = &c
	}
	d.mu.Unlock()
	d.cfg.OnChange()
}

// SetState replaces the mirrored state of the day.
func (d *Desk) SetState(s protocol.State) {
	s = s.Clone()
	d.mu.Lock()
	d.state = &s
	d.checkPickerLocked()
	d.mu.Unlock()
	d.cfg.OnChange()
}

// SetStatus records whether the connection is up; attempt counts the
// reconnection attempts since it went down and err is the last failure
// (nil when connected).
func (d *Desk) SetStatus(connected bool, attempt int, err error) {
	d.mu.Lock()
	d.online = connected
	d.attempt = attempt
	d.linkErr = err
	if connected {
		d.linkErr = nil
	}
	d.mu.Unlock()
	d.cfg.OnChange()
}

// SetServerTime records the server's clock as the time stamp of a live
// event shows it, so that waiting and service times count on the server's
// clock even when this computer's clock is off (a fast clock would show a
// ticket waiting for hours). Pass only live events: a replayed event's
// stamp is old.
func (d *Desk) SetServerTime(at time.Time) {
	if at.IsZero() {
		return
	}
	d.mu.Lock()
	d.skew = at.Sub(d.cfg.Now())
	d.mu.Unlock()
}

// View returns what the window should show now.
func (d *Desk) View() View {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.viewLocked()
}

// checkPickerLocked closes the transfer picker when its ticket is no longer
// the one being served.
func (d *Desk) checkPickerLocked() {
	if d.picker == nil {
		return
	}
	if t := d.currentLocked(); t == nil || t.ID != d.picker.TicketID {
		d.picker = nil
	}
}
