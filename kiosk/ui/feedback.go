package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/shared/look"
)

// feedback is the form for phản ánh, kiến nghị, with a Telex keyboard.
type feedback struct {
	box                fyne.CanvasObject
	message, name, tel *field
	kb                 *keyboard
	err, contact       *widget.Label
	send               *widget.Button
}

func newFeedback(m *model.Model) *feedback {
	f := &feedback{kb: newKeyboard(telexRows, true, m.Touch)}
	focus := func(fl *field) { f.kb.active = fl; m.Touch() }
	f.message = newField("Nội dung phản ánh, kiến nghị (bắt buộc, tối đa 2000 ký tự)", true, true, model.MaxFeedback, focus)
	f.name = newField("Họ và tên (không bắt buộc)", false, true, 100, focus)
	f.tel = newField("Số điện thoại (không bắt buộc)", false, false, 20, focus)
	f.err = look.Text("", theme.SizeNameText)
	f.err.Importance = widget.DangerImportance
	f.contact = look.Text("", theme.SizeNameText)
	f.send = look.BigButton("Gửi phản ánh, kiến nghị", func() {
		m.SendFeedback(f.message.Text(), f.name.Text(), f.tel.Text())
	})
	title := screenTitle("Phản ánh, kiến nghị")
	hint := look.Text(TelexHint, theme.SizeNameCaptionText)
	form := container.NewVBox(title, f.message.entry,
		container.NewGridWithColumns(2, f.name.entry, f.tel.entry), f.err, f.contact, hint, f.kb.root)
	f.box = container.NewBorder(nil, container.NewGridWithColumns(2, backBar(m), f.send), nil, nil,
		container.NewVScroll(form))
	return f
}

func (f *feedback) root() fyne.CanvasObject { return container.NewPadded(f.box) }

func (f *feedback) enter(model.View) {
	f.message.clear()
	f.name.clear()
	f.tel.clear()
	f.kb.active = f.message
}

func (f *feedback) update(v model.View) {
	if f.err.Text != v.Form.Error {
		f.err.SetText(v.Form.Error)
	}
	showIf(f.err, v.Form.Error != "")
	contact := ""
	if v.FeedbackContact != "" {
		contact = "Nơi tiếp nhận và trả lời: " + v.FeedbackContact
	}
	if f.contact.Text != contact {
		f.contact.SetText(contact)
	}
	if v.Form.Sending {
		f.send.Disable()
	} else {
		f.send.Enable()
	}
}
