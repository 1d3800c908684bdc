package ui

import (
	"context"
	"reflect"
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
	last   model.View
	drawn  bool
}

// Bind returns the Binding that shows b on s.
func Bind(b *model.Board, s *Screen) *Binding {
	return &Binding{board: b, screen: s}
}

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
		h.board.Event(ev, replayed)
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

// Run redraws the screen when the clock or a flash changes it, until ctx
// is done.
func (h *Binding) Run(ctx context.Context) {
	t := time.NewTicker(redrawEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fyne.Do(h.redraw)
		}
	}
}

// redraw renders the board's view if it changed. It runs on the UI
// goroutine.
func (h *Binding) redraw() {
	h.screen.Tick(h.board.Now())
	v := h.board.View()
	if h.drawn && reflect.DeepEqual(v, h.last) {
		return
	}
	h.last, h.drawn = v, true
	h.screen.Render(v)
}
