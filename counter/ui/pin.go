package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"hallq/counter/model"
)

// pinScreen ("Đổi mã PIN") asks a clerk who signed in with a one-time PIN
// for a new one, twice, as the sign-in screen asks for the PIN.
type pinScreen struct {
	*pinCard
	desk   Desk
	who    *canvas.Text
	pin    *widget.Entry
	again  *widget.Entry
	logout *widget.Button
}

func newPINScreen(d Desk, focus func(fyne.Focusable)) *pinScreen {
	s := &pinScreen{desk: d}
	s.logout = widget.NewButton("Đăng xuất", func() { d.LogoutFromChangePIN() })
	s.pin, s.again = newEntry("4 đến 8 chữ số", true), newEntry("Nhập lại mã PIN mới", true)
	note := widget.NewLabel("Bạn đang dùng mã PIN tạm thời do quản trị cấp. Hãy đặt mã PIN mới trước khi phục vụ.")
	note.Wrapping = fyne.TextWrapWord
	s.pinCard = newPINCard("Đổi mã PIN", "Lưu mã PIN mới (Enter)", s.pin, s.again, s.send, focus, []fyne.CanvasObject{
		note,
		widget.NewLabel("Mã PIN mới"), s.pin,
		widget.NewLabel("Nhập lại mã PIN mới"), s.again,
	}, s.logout)
	s.who = s.sub
	return s
}

// send sends the new PIN; the fields are emptied either way, so that a
// mistyped PIN is typed afresh.
func (s *pinScreen) send() {
	s.desk.ChangePIN(s.pin.Text, s.again.Text)
	s.retype(s.pin, s.again)
}

func (s *pinScreen) render(v model.View) {
	s.who.Text = v.ClerkName + " — " + v.CounterName
	s.who.Refresh()
	setEnabled(s.button, v.CanChangePIN)
	setEnabled(s.logout, v.CanChangePIN)
	s.show(v.Message, v.Busy, "Đang lưu…")
}
