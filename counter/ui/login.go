package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"hallq/counter/model"
)

// loginScreen asks for the clerk's username and PIN.
type loginScreen struct {
	*pinCard
	desk Desk
	hall *canvas.Text
	user *widget.Entry
	pin  *widget.Entry
}

func newLoginScreen(d Desk, focus func(fyne.Focusable)) *loginScreen {
	s := &loginScreen{desk: d}
	s.user = widget.NewEntry()
	s.user.SetPlaceHolder("ví dụ: hang.nd")
	s.pin = widget.NewPasswordEntry()
	s.pin.SetPlaceHolder("Nhập mã PIN")
	s.pinCard = newPINCard("", "Đăng nhập (Enter)", s.user, s.pin, s.submit, focus, []fyne.CanvasObject{
		widget.NewLabel("Tên đăng nhập"), s.user,
		widget.NewLabel("Mã PIN"), s.pin,
	})
	s.hall = s.sub
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
	s.show(v.Message, v.Busy, "Đang kiểm tra…")
}
