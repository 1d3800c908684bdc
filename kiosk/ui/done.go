package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/shared/look"
)

// done shows a thank-you or an error, then the model goes home.
type done struct {
	box  fyne.CanvasObject
	text *widget.Label
}

func newDone(m *model.Model) *done {
	d := &done{text: look.Text("", look.SizeHuge)}
	d.text.Alignment = fyne.TextAlignCenter
	d.text.TextStyle.Bold = true
	d.box = container.NewBorder(nil, backBar(m), nil, nil, middle(d.text))
	return d
}

func (d *done) root() fyne.CanvasObject { return container.NewPadded(d.box) }
func (d *done) enter(model.View)        {}

func (d *done) update(v model.View) {
	imp := widget.SuccessImportance
	if v.Done.Alert {
		imp = widget.DangerImportance
	}
	if d.text.Text != v.Done.Text || d.text.Importance != imp {
		d.text.Importance = imp
		d.text.SetText(v.Done.Text)
	}
}

// exit asks staff for the PIN that closes the kiosk.
type exit struct {
	box fyne.CanvasObject
	pin *field
	kb  *keyboard
	err *widget.Label
}

func newExit(m *model.Model) *exit {
	e := &exit{kb: newKeyboard(digitRows, false, m.Touch), err: look.Text("", look.SizeBig)}
	e.pin = newField("Mã PIN", false, false, 12, func(fl *field) { e.kb.active = fl })
	e.pin.entry.Password = true
	e.pin.entry.OnSubmitted = func(s string) { m.SubmitExitPIN(s) }
	e.err.Importance = widget.DangerImportance
	title := look.Heading("Dành cho cán bộ: nhập mã PIN để thoát", 40)
	ok := look.BigButton("Thoát ứng dụng", func() { m.SubmitExitPIN(e.pin.Text()) })
	cancel := look.Button("Huỷ", m.Home)
	form := container.NewVBox(title, e.pin.entry, e.err, e.kb.root, container.NewGridWithColumns(2, cancel, ok))
	e.box = container.NewCenter(look.Touch(form, 600, 0))
	return e
}

func (e *exit) root() fyne.CanvasObject { return e.box }

func (e *exit) enter(model.View) {
	e.pin.clear()
	e.kb.active = e.pin
}

func (e *exit) update(v model.View) {
	if e.err.Text != v.ExitError {
		e.err.SetText(v.ExitError)
	}
	showIf(e.err, v.ExitError != "")
}
