package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// cornerPress is an invisible square in a corner: held for hold, it calls
// onHold (staff's way to the exit PIN). A short tap does nothing.
type cornerPress struct {
	widget.BaseWidget
	hold   time.Duration
	onHold func()
	after  func(time.Duration, func()) func() bool
	stopFn func() bool
}

var _ desktop.Mouseable = (*cornerPress)(nil)

func newCornerPress(hold time.Duration, after func(time.Duration, func()) func() bool, onHold func()) *cornerPress {
	c := &cornerPress{hold: hold, onHold: onHold, after: after}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer draws nothing.
func (c *cornerPress) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// MouseDown starts the hold.
func (c *cornerPress) MouseDown(*desktop.MouseEvent) {
	c.stop()
	c.stopFn = c.after(c.hold, func() { fyne.Do(c.onHold) })
}

// MouseUp cancels a hold that has not finished.
func (c *cornerPress) MouseUp(*desktop.MouseEvent) { c.stop() }

func (c *cornerPress) stop() {
	if c.stopFn != nil {
		c.stopFn()
		c.stopFn = nil
	}
}
