// Package ui draws the hall screen with Fyne: New builds the window for a
// model.Board, the network's callbacks hand their values to the returned
// UI from any goroutine, and the UI applies them to the board and renders
// its view on the UI goroutine (fyne.Do).
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"hallq/display/model"
	"hallq/shared/protocol"
)

// redrawEvery is how often the screen checks whether the view changed: the
// clock, the blinking of a flash.
const redrawEvery = 250 * time.Millisecond

// Options configure the window.
type Options struct {
	// Fullscreen makes the window cover the screen.
	Fullscreen bool
	// Size is the window's size when not fullscreen (default DefaultSize).
	Size fyne.Size
	// Version is the display's release, shown small at the right end of
	// the ticker when the page leaves room; none when empty.
	Version string
}

// UI is the hall screen's window, joined to its Board: the network's
// callbacks hand their values to it from any goroutine, and it applies
// them on the UI goroutine (fyne.Do), so the board is only ever touched
// there.
type UI struct {
	board  *model.Board
	screen *screen
	onCall func(model.Call)
	// What the last tick drew: the clock's minute and whether a tile
	// flashed, so a tick redraws only when one of them changes.
	minute   string
	flashing bool
}

// New builds the hall screen in a new window of app, with the hall's
// theme, and returns the UI that shows b on it. The caller shows the
// window (Window().ShowAndRun) and starts Run.
func New(app fyne.App, b *model.Board, opts Options) *UI {
	return &UI{board: b, screen: newScreen(app, opts)}
}

// Window returns the screen's window.
func (u *UI) Window() fyne.Window { return u.screen.win }

// OnCall sets f to receive each ticket_called the board takes (the voice).
// Call it before the events start; f runs on the UI goroutine and must not
// block.
func (u *UI) OnCall(f func(model.Call)) { u.onCall = f }

// SetState takes the client's state after a change.
func (u *UI) SetState(st protocol.State) {
	fyne.Do(func() {
		u.board.SetState(st)
		u.redraw()
	})
}

// Event takes one event of the day.
func (u *UI) Event(ev protocol.Message, replayed bool) {
	fyne.Do(func() {
		c, ok := u.board.Event(ev, replayed)
		if ok && u.onCall != nil {
			u.onCall(c)
		}
		u.redraw()
	})
}

// SetStatus takes the link's state.
func (u *UI) SetStatus(st model.Status) {
	fyne.Do(func() {
		u.board.SetStatus(st)
		u.redraw()
	})
}

// SetResults takes last month's results line for the ticker.
func (u *UI) SetResults(text string) {
	fyne.Do(func() {
		u.board.SetResults(text)
		u.redraw()
	})
}

// SetSound takes whether the announcements can be heard.
func (u *UI) SetSound(ok bool) {
	fyne.Do(func() {
		u.board.SetSound(ok)
		u.redraw()
	})
}

// Run turns the ticker and redraws the screen when time changes it (the
// clock's minute, a flash blinking or ending), until ctx is done. Events,
// states and statuses redraw at once.
func (u *UI) Run(ctx context.Context) {
	t := time.NewTicker(redrawEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fyne.Do(u.tick)
		}
	}
}

// tick runs on the UI goroutine.
func (u *UI) tick() {
	now := u.board.Now()
	u.screen.tick(now)
	flashing := u.board.Flashing()
	if minute := now.Format("15:04"); minute != u.minute || flashing || u.flashing {
		u.redraw()
	}
}

// redraw renders the board's view. It runs on the UI goroutine.
func (u *UI) redraw() {
	now := u.board.Now()
	u.minute, u.flashing = now.Format("15:04"), u.board.Flashing()
	u.screen.render(u.board.View())
}
