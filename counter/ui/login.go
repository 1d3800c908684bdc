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

// loginScreen asks for the clerk's username and PIN.
type loginScreen struct {
	desk   Desk
	root   *fyne.Container
	title  *canvas.Text
	hall   *canvas.Text
	user   *widget.Entry
	pin    *widget.Entry
	button *widget.Button
	msg    *widget.Label
	focus  func(fyne.Focusable)
}

func newLoginScreen(d Desk, focus func(fyne.Focusable)) *loginScreen {
	s := &loginScreen{desk: d, focus: focus}
	s.title = look.Colored("", sizeTitle+8, look.ToneAccent, true)
	s.title.Alignment = fyne.TextAlignCenter
	s.hall = look.Colored("", sizeTitle-8, look.ToneMuted, false)
	s.hall.Alignment = fyne.TextAlignCenter
	s.user = widget.NewEntry()
	s.user.SetPlaceHolder("ví dụ: hang.nd")
	s.pin = widget.NewPasswordEntry()
	s.pin.SetPlaceHolder("Nhập mã PIN")
	s.user.OnSubmitted = func(string) {
		if s.pin.Text == "" && s.focus != nil {
			s.focus(s.pin) // Enter after the username moves on to the PIN
			return
		}
		s.submit()
	}
	s.pin.OnSubmitted = func(string) { s.submit() }
	s.button = widget.NewButton("Đăng nhập (Enter)", s.submit)
	s.button.Importance = widget.HighImportance
	s.msg = widget.NewLabel("")
	s.msg.Alignment = fyne.TextAlignCenter
	s.msg.Wrapping = fyne.TextWrapWord
	s.msg.TextStyle = fyne.TextStyle{Bold: true}
	form := container.NewVBox(
		s.title, s.hall, widget.NewSeparator(),
		widget.NewLabel("Tên đăng nhập"), s.user,
		widget.NewLabel("Mã PIN"), s.pin,
		layout.NewSpacer(), s.button, s.msg,
	)
	card := look.Panel(look.Touch(form, 520, 0), look.ToneAccent, false)
	s.root = container.NewCenter(card)
	return s
}

// submit sends the sign-in; an empty username moves the focus there, an
// empty PIN to the PIN.
func (s *loginScreen) submit() {
	if s.button.Disabled() {
		return
	}
	if s.desk.Login(s.user.Text, s.pin.Text) {
		s.pin.SetText("") // a wrong PIN is typed again; a right one moves on
		if s.focus != nil {
			s.focus(s.pin)
		}
	}
}

// clear empties the fields, for the next clerk.
func (s *loginScreen) clear() {
	s.user.SetText("")
	s.pin.SetText("")
}

func (s *loginScreen) render(v model.View) {
	s.title.Text = "Đăng nhập — " + v.CounterName
	s.title.Refresh()
	s.hall.Text = v.HallName
	s.hall.Refresh()
	setEnabled(s.button, v.CanLogin)
	text, imp := v.Message.Text, widget.LowImportance
	if v.Message.Error {
		imp = widget.DangerImportance
	}
	if v.Busy {
		text, imp = "Đang kiểm tra…", widget.LowImportance
	}
	s.msg.Text, s.msg.Importance = text, imp
	s.root.Refresh()
}
