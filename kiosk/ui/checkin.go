package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/shared/look"
)

// checkIn asks for an appointment's QR code or its booking code.
type checkIn struct {
	box  fyne.CanvasObject
	code *field
	kb   *keyboard
	err  *widget.Label
}

func newCheckIn(m *model.Model) *checkIn {
	c := &checkIn{kb: newKeyboard(codeRows, false, m.Touch)}
	c.code = newField("Mã lịch hẹn (6 ký tự)", false, false, 12, func(fl *field) { c.kb.active = fl; m.Touch() })
	submit := func() { m.SubmitCheckIn(c.code.Text()) }
	c.code.entry.OnSubmitted = func(string) { submit() }
	c.err = look.Text("", theme.SizeNameText)
	c.err.Importance = widget.DangerImportance
	c.err.Wrapping = fyne.TextWrapWord
	help := look.Text(model.CheckInHint, look.SizeBig)
	help.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(screenTitle("Tôi có lịch hẹn"), help, c.code.entry, c.err, c.kb.root)
	next := look.BigButton("Lấy số theo lịch hẹn", submit)
	c.box = container.NewBorder(nil, container.NewGridWithColumns(2, backBar(m), next), nil, nil, container.NewVScroll(form))
	return c
}

func (c *checkIn) root() fyne.CanvasObject { return container.NewPadded(c.box) }

func (c *checkIn) enter(v model.View) {
	if v.Form.Error == "" {
		c.code.clear()
	}
	c.kb.active = c.code
}

func (c *checkIn) update(v model.View) {
	if c.err.Text != v.Form.Error {
		c.err.SetText(v.Form.Error)
	}
	showIf(c.err, v.Form.Error != "")
}
