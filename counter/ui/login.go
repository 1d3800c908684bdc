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
	s.user, s.pin = newEntry("ví dụ: hang.nd", false), newEntry("Nhập mã PIN", true)
	s.pinCard = newPINCard("", "Đăng nhập (Enter)", s.user, s.pin, s.send, focus, []fyne.CanvasObject{
		widget.NewLabel("Tên đăng nhập"), s.user,
		widget.NewLabel("Mã PIN"), s.pin,
	})
	s.hall = s.sub
	return s
}

// send sends the sign-in; an empty username moves the focus there, an
// empty PIN to the PIN.
func (s *loginScreen) send() {
	if s.desk.Login(s.user.Text, s.pin.Text) {
		s.retype(s.pin) // a wrong PIN is typed again; a right one moves on
	}
}

func (s *loginScreen) render(v model.View) {
	s.title.Text = "Đăng nhập — " + v.CounterName
	s.title.Refresh()
	s.hall.Text = v.HallName
	s.hall.Refresh()
	setEnabled(s.button, v.CanLogin)
	s.show(v.Message, v.Busy, "Đang kiểm tra…")
}
