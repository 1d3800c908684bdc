package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tapArea is a tile's touch surface: a rounded panel that answers a tap
// and has no hover or focus state. A widget.Button keeps the hover colour
// where the pointer was left and the focus ring after a tap, so on a touch
// kiosk the last tile tapped stayed highlighted for the next citizen.
type tapArea struct {
	widget.BaseWidget
	OnTapped func()
	disabled bool
}

func newTapArea(tap func()) *tapArea {
	a := &tapArea{OnTapped: tap}
	a.ExtendBaseWidget(a)
	return a
}

// Tapped implements fyne.Tappable.
func (a *tapArea) Tapped(*fyne.PointEvent) {
	if !a.disabled && a.OnTapped != nil {
		a.OnTapped()
	}
}

// Disabled reports whether taps are ignored.
func (a *tapArea) Disabled() bool { return a.disabled }

// Enable lets taps through.
func (a *tapArea) Enable() { a.setDisabled(false) }

// Disable ignores taps and greys the panel.
func (a *tapArea) Disable() { a.setDisabled(true) }

func (a *tapArea) setDisabled(d bool) {
	if a.disabled != d {
		a.disabled = d
		a.Refresh()
	}
}

// CreateRenderer implements fyne.Widget.
func (a *tapArea) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameButton))
	bg.CornerRadius = theme.InputRadiusSize()
	r := &tapRenderer{a: a, bg: bg}
	r.Refresh()
	return r
}

type tapRenderer struct {
	a  *tapArea
	bg *canvas.Rectangle
}

func (r *tapRenderer) Layout(size fyne.Size)        { r.bg.Resize(size) }
func (r *tapRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *tapRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg} }
func (r *tapRenderer) Destroy()                     {}

func (r *tapRenderer) Refresh() {
	c := theme.Color(theme.ColorNameButton)
	if r.a.disabled {
		c = theme.Color(theme.ColorNameDisabledButton)
	}
	r.bg.FillColor = c
	r.bg.Refresh()
}
