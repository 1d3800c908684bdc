// Package board turns the hall's state and events into what the hall screen
// shows: a View with one tile per counter, the last calls, the waiting
// counts, the ticker and the connection line. It has no Fyne import; the ui
// package renders its View.
package model

import (
	"encoding/json"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Timings of the screen.
const (
	// FlashFor is how long a counter's tile flashes after a call.
	FlashFor = 6 * time.Second
	// BlinkEvery is the half period of the flash.
	BlinkEvery = 500 * time.Millisecond
	// MaxAge is how old a call may be, by its event time, and still flash:
	// catch-up after a reconnect does not flash.
	MaxAge = 30 * time.Second
	// MaxRecent is how many calls the "vừa gọi" list shows.
	MaxRecent = 10
)

// Board holds what the screen knows. It is not safe for concurrent use: the
// UI goroutine owns it (the network callbacks hand their values over with
// fyne.Do).
type Board struct {
	now    func() time.Time
	state  protocol.State
	status Status
	// flashes maps a counter id to the start of its flash.
	flashes map[int]time.Time
	// newest is the ticket id of the latest live call, marked in the list.
	newest string
	// loc is the hall's time zone for the clock (nil until known: the
	// clock's own zone).
	loc *time.Location
	// noSound is set while no way to play the announcements works.
	noSound bool
	// results is last month's satisfaction results, a page of the ticker
	// (the -month-results option); "" for none.
	results string
}

// NoSoundText is the header's marker while the hall hears nothing.
const NoSoundText = "Không có âm thanh"

// Status is the link to the server as the board shows it.
type Status struct {
	// Known is false until the first report: the screen says "connecting".
	Known     bool
	Connected bool
	// Unauthorized is set when the server refused the device's token.
	Unauthorized bool
	Attempt      int
}

// New returns an empty Board with clock now (time.Now when nil).
func New(now func() time.Time) *Board {
	if now == nil {
		now = time.Now
	}
	return &Board{now: now, flashes: map[int]time.Time{}}
}

// SetState replaces what the board shows with s, the client's mirror of the
// server's state after a change.
func (b *Board) SetState(s protocol.State) {
	if s.Hall.Timezone != b.state.Hall.Timezone {
		b.loc = nil
		if loc, err := time.LoadLocation(s.Hall.Timezone); err == nil && s.Hall.Timezone != "" {
			b.loc = loc
		}
	}
	b.state = s
}

// Now returns the board's clock's time.
func (b *Board) Now() time.Time { return b.now() }

// SetResults sets last month's results line for the ticker ("" for none).
func (b *Board) SetResults(text string) { b.results = text }

// SetSound records whether the announcements can be heard: false at
// start when no sound path works, or after a play that failed.
func (b *Board) SetSound(ok bool) { b.noSound = !ok }

// SetStatus records the link's state.
func (b *Board) SetStatus(s Status) {
	s.Known = true
	b.status = s
}

// Call is a ticket_called event as the board took it: what the voice
// reads out.
type Call struct {
	Number   string
	Counter  int
	Recall   bool
	At       time.Time // when the call was made (zero: unknown)
	Replayed bool      // from a replay after a reconnect: shown, not read out
}

// Event takes one event of the day, decoding it once. A live ticket_called
// (not replayed, not older than MaxAge) starts its counter's flash and marks
// the ticket as the newest call; a day_started stops every flash. The data
// itself comes with the next SetState. For a ticket_called Event returns the
// call, for the voice.
func (b *Board) Event(ev protocol.Message, replayed bool) (Call, bool) {
	switch ev.Type {
	case protocol.EvDayStarted:
		b.flashes = map[int]time.Time{}
		b.newest = ""
	case protocol.EvTicketCalled:
		c, ok := Called(ev)
		if !ok {
			return Call{}, false
		}
		call := Call{Number: c.Ticket.Number, Counter: c.Counter, Recall: c.Recall, Replayed: replayed}
		if ev.At != nil {
			call.At = ev.At.Time
		}
		if !replayed && b.live(ev) {
			b.flashes[c.Counter] = b.now()
			b.newest = c.Ticket.ID
		}
		return call, true
	}
	return Call{}, false
}

// live reports whether ev is recent enough to flash.
func (b *Board) live(ev protocol.Message) bool {
	return ev.At == nil || ev.At.IsZero() || b.now().Sub(ev.At.Time) <= MaxAge
}

// Called decodes a ticket_called event; ok is false for any other event or
// for data that does not decode.
func Called(ev protocol.Message) (c protocol.CalledEvent, ok bool) {
	if ev.Type != protocol.EvTicketCalled {
		return c, false
	}
	if err := json.Unmarshal(ev.Data, &c); err != nil {
		return c, false
	}
	return c, true
}

// Flashing reports whether any tile is flashing, so that the UI knows to
// redraw often.
func (b *Board) Flashing() bool {
	now := b.now()
	for _, at := range b.flashes {
		if now.Sub(at) < FlashFor {
			return true
		}
	}
	return false
}

// counterName returns the name of counter id, or "Quầy N".
func (b *Board) counterName(id int) string {
	for _, c := range b.state.Counters {
		if c.ID == id {
			return c.Name
		}
	}
	return "Quầy " + itoa(id)
}

// ticketCounter returns the counter a recent call was made at.
func ticketCounter(t queue.Ticket) int { return int(t.Counter) }

// StatusOf builds a Status from the client's report: err is the last error
// when not connected, unauthorized when it carries that code.
func StatusOf(connected bool, err error, attempt int) Status {
	return Status{
		Known:        true,
		Connected:    connected,
		Unauthorized: !connected && err != nil && queue.ErrorCode(err) == queue.EUNAUTHORIZED,
		Attempt:      attempt,
	}
}
