package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"hallq/display/model"
)

// headerView is the top band: the hall's name with the connection line
// under it on the left, the clock and the date on the right; while the
// hall hears nothing, a "Không có âm thanh" marker closes the connection
// line's row.
type headerView struct {
	bg      *canvas.Rectangle
	hall    *fitText
	offline *fitText
	sound   *fitText
	clock   *fitText
	date    *fitText
	box     *fyne.Container
}

func newHeaderView() *headerView {
	h := &headerView{
		bg:      canvas.NewRectangle(colHeader),
		hall:    newFitText("", colText, true, fyne.TextAlignLeading),
		offline: newFitText("", colAlert, false, fyne.TextAlignLeading),
		sound:   newFitText("", colAlert, true, fyne.TextAlignTrailing),
		clock:   newFitText("", colText, true, fyne.TextAlignTrailing),
		date:    newFitText("", colText, false, fyne.TextAlignTrailing),
	}
	h.box = box(headerLayout{h}, h.bg, h.hall, h.offline, h.sound, h.clock, h.date)
	return h
}

func (h *headerView) update(v model.View) {
	h.hall.Set(v.Hall, colText)
	h.offline.Set(v.Offline, colAlert)
	h.sound.Set(v.NoSound, colAlert)
	h.clock.Set(v.Clock, colText)
	h.date.Set(v.Date, colText)
}

type headerLayout struct{ h *headerView }

func (l headerLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	h := l.h
	h.bg.Resize(size)
	h.bg.Move(fyne.NewPos(0, 0))
	pad := size.Height * 0.1
	right := min(size.Width*0.36, size.Height*4.2)
	left := size.Width - right - 3*pad
	h.hall.Min = size.Height * 0.28 // a long name is cut, not shrunk out of sight
	h.hall.Move(fyne.NewPos(2*pad, pad))
	h.hall.Resize(fyne.NewSize(left-pad, size.Height*0.52))
	// The connection line and the sound marker share a row: 60 %, 40 %.
	h.offline.Move(fyne.NewPos(2*pad, pad+size.Height*0.52))
	h.offline.Resize(fyne.NewSize((left-pad)*0.6, size.Height*0.28))
	h.sound.Move(fyne.NewPos(2*pad+(left-pad)*0.6, pad+size.Height*0.52))
	h.sound.Resize(fyne.NewSize((left-pad)*0.4, size.Height*0.28))
	// The date as large as the clock leaves room for: it is read from
	// across the hall.
	h.clock.Move(fyne.NewPos(size.Width-right-2*pad, pad*0.3))
	h.clock.Resize(fyne.NewSize(right, size.Height*0.52))
	h.date.Move(fyne.NewPos(size.Width-right-2*pad, pad*0.3+size.Height*0.52))
	h.date.Resize(fyne.NewSize(right, size.Height*0.43))
}

func (l headerLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(100, 40) }
