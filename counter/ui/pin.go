package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"hallq/counter/model"
	"hallq/shared/look"
)

// pinScreen ("Đổi mã PIN") asks a clerk who signed in with a one-time PIN
// for a new one, twice, as the sign-in screen asks for the PIN.
type pinScreen struct {
	desk   Desk
	root   *fyne.Container
	title  *canvas.Text
	who    *canvas.Text
	pin    *widget.Entry
	again  *widget.Entry
	button *widget.Button
	logout *widget.Button
	msg    *widget.Label
	focus  func(fyne.Focusable)
}

func newPINScreen(d Desk, focus func(fyne.Focusable)) *pinScreen {
	s := &pinScreen{desk: d, focus: focus}
	s.title = look.Colored("Đổi mã PIN", sizeTitle+8, look.ToneAccent, true)
	s.title.Alignment = fyne.TextAlignCenter
	s.who = look.Colored("", sizeTitle-8, look.ToneMuted, false)
	s.who.Alignment = fyne.TextAlignCenter
	s.pin = widget.NewPasswordEntry()
	s.pin.SetPlaceHolder("4 đến 8 chữ số")
	s.again = widget.NewPasswordEntry()
	s.again.SetPlaceHolder("Nhập lại mã PIN mới")
	s.pin.OnSubmitted = func(string) {
		if s.again.Text == "" && s.focus != nil {
			s.focus(s.again)
			return
		}
		s.submit()
	}
	s.again.OnSubmitted = func(string) { s.submit() }
	s.button = widget.NewButton("Lưu mã PIN mới (Enter)", s.submit)
	s.button.Importance = widget.HighImportance
	s.logout = widget.NewButton("Đăng xuất", func() { d.LogoutFromChangePIN() })
	s.msg = widget.NewLabel("")
	s.msg.Alignment = fyne.TextAlignCenter
	s.msg.Wrapping = fyne.TextWrapWord
	s.msg.TextStyle = fyne.TextStyle{Bold: true}
	note := widget.NewLabel("Bạn đang dùng mã PIN tạm thời do quản trị cấp. Hãy đặt mã PIN mới trước khi phục vụ.")
	note.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(
		s.title, s.who, widget.NewSeparator(), note,
		widget.NewLabel("Mã PIN mới"), s.pin,
		widget.NewLabel("Nhập lại mã PIN mới"), s.again,
		layout.NewSpacer(), s.button, s.logout, s.msg,
	)
	card := look.Panel(look.Touch(form, 520, 0), look.ToneAccent, false)
	s.root = container.NewCenter(card)
	return s
}

// submit sends the new PIN; the fields are emptied either way, so that a
// mistyped PIN is typed afresh.
func (s *pinScreen) submit() {
	if s.button.Disabled() {
		return
	}
	s.desk.ChangePIN(s.pin.Text, s.again.Text)
	s.clear()
	if s.focus != nil {
		s.focus(s.pin)
	}
}

func (s *pinScreen) clear() {
	s.pin.SetText("")
	s.again.SetText("")
}

func (s *pinScreen) render(v model.View) {
	s.who.Text = v.ClerkName + " — " + v.CounterName
	s.who.Refresh()
	setEnabled(s.button, v.CanChangePIN)
	setEnabled(s.logout, v.CanChangePIN)
	text, imp := v.Message.Text, widget.LowImportance
	if v.Message.Error {
		imp = widget.DangerImportance
	}
	if v.Busy {
		text, imp = "Đang lưu…", widget.LowImportance
	}
	s.msg.Text, s.msg.Importance = text, imp
	s.root.Refresh()
}
