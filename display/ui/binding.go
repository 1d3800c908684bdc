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

// Binding joins a Board and a Screen: the network's callbacks hand their
// values to it from any goroutine, and it applies them on the UI goroutine
// (fyne.Do), so the board is only ever touched there.
type Binding struct {
	board  *model.Board
	screen *Screen
	onCall func(model.Call)
	// What the last tick drew: the clock's minute and whether a tile
	// flashed, so a tick redraws only when one of them changes.
	minute   string
	flashing bool
}

// Bind returns the Binding that shows b on s.
func Bind(b *model.Board, s *Screen) *Binding {
	return &Binding{board: b, screen: s}
}

// OnCall sets f to receive each ticket_called the board takes (the voice).
// Call it before the events start; f runs on the UI goroutine and must not
// block.
func (h *Binding) OnCall(f func(model.Call)) { h.onCall = f }

// SetState takes the client's state after a change.
func (h *Binding) SetState(st protocol.State) {
	fyne.Do(func() {
		h.board.SetState(st)
		h.redraw()
	})
}

// Event takes one event of the day.
func (h *Binding) Event(ev protocol.Message, replayed bool) {
	fyne.Do(func() {
		c, ok := h.board.Event(ev, replayed)
		if ok && h.onCall != nil {
			h.onCall(c)
		}
		h.redraw()
	})
}

// SetStatus takes the link's state.
func (h *Binding) SetStatus(st model.Status) {
	fyne.Do(func() {
		h.board.SetStatus(st)
		h.redraw()
	})
}

// SetSound takes whether the announcements can be heard.
func (h *Binding) SetSound(ok bool) {
	fyne.Do(func() {
		h.board.SetSound(ok)
		h.redraw()
	})
}

// Run turns the ticker and redraws the screen when time changes it (the
// clock's minute, a flash blinking or ending), until ctx is done. Events,
// states and statuses redraw at once.
func (h *Binding) Run(ctx context.Context) {
	t := time.NewTicker(redrawEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fyne.Do(h.tick)
		}
	}
}

// tick runs on the UI goroutine.
func (h *Binding) tick() {
	now := h.board.Now()
	h.screen.Tick(now)
	flashing := h.board.Flashing()
	if minute := now.Format("15:04"); minute != h.minute || flashing || h.flashing {
		h.redraw()
	}
}

// redraw renders the board's view. It runs on the UI goroutine.
func (h *Binding) redraw() {
	now := h.board.Now()
	h.minute, h.flashing = now.Format("15:04"), h.board.Flashing()
	h.screen.Render(h.board.View())
}
