// Package pairscreen is the apps' pairing screen and the loop around it
// (README, "Ghép thiết bị"): while an app has no token it shows a large
// 6-digit code to read to an admin; once accepted it saves the token and
// starts the app; when the server refuses the saved token (revoked) it
// forgets it and shows a new code. The logic without Fyne is
// shared/pairing.
package pairscreen

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"hallq/shared/look"
	"hallq/shared/pairing"
)

// Title is the pairing window's title.
const Title = "Ghép thiết bị"

// roleNames say what the PC is, for the admin.
var roleNames = map[string]string{"kiosk": "Ki-ốt", "counter": "Máy quầy", "display": "Màn hình"}

// Screen is the pairing screen's content. Its methods run on Fyne's
// goroutine.
type Screen struct {
	root   fyne.CanvasObject
	code   *canvas.Text
	status *canvas.Text
	// fp shows the server's certificate fingerprint when it is trusted on
	// first use, in two lines (it is 95 characters long).
	fp, fp2 *canvas.Text
}

// New builds the screen for an app of role on the PC named host, pairing
// with server.
func New(role, host, server string) *Screen {
	s := &Screen{
		code:   look.Colored("······", 140, look.ToneAccent, true),
		status: look.Colored("Đang gửi yêu cầu ghép đến máy chủ…", 24, look.ToneMuted, false),
		fp:     look.Colored("", 20, look.ToneWaiting, false),
		fp2:    look.Colored("", 20, look.ToneWaiting, false),
	}
	s.fp2.TextStyle.Monospace = true
	s.code.TextStyle.Monospace = true
	what := roleNames[role]
	if what == "" {
		what = role
	}
	center := func(o fyne.CanvasObject) fyne.CanvasObject { return container.NewCenter(o) }
	s.root = container.NewVBox(
		layout.NewSpacer(),
		center(look.Heading("Ghép thiết bị: "+what, 44)),
		center(look.Colored("Tên máy: "+host, 28, look.ToneMuted, false)),
		center(s.code),
		center(look.Colored("Đọc mã này cho quản trị viên để ghép thiết bị.", 30, look.ToneWaiting, true)),
		center(look.Colored("Quản trị viên mở trang Thiết bị (/admin/devices) trên máy chủ và chấp nhận mã.", 24, look.ToneMuted, false)),
		center(look.Colored("Máy chủ: "+server, 20, look.ToneMuted, false)),
		center(s.status),
		center(s.fp),
		center(s.fp2),
		layout.NewSpacer(),
	)
	return s
}

// Root returns the screen's content.
func (s *Screen) Root() fyne.CanvasObject { return s.root }

// Code returns the code shown, "" when none.
func (s *Screen) Code() string {
	return strings.ReplaceAll(strings.Trim(s.code.Text, "·"), " ", "")
}

// Show renders a pairing status.
func (s *Screen) Show(st pairing.Status) {
	if st.Code != "" {
		s.code.Text = st.Code[:3] + " " + st.Code[3:]
	}
	switch {
	case st.Err != nil && st.Code == "":
		s.status.Text = "Chưa kết nối được máy chủ, đang thử lại…"
		s.status.Color = look.Color(look.ToneAlert)
	case st.Err != nil:
		s.status.Text = "Mất kết nối với máy chủ, đang thử lại… Mã vẫn dùng được."
		s.status.Color = look.Color(look.ToneAlert)
	default:
		s.status.Text = "Đang chờ quản trị viên chấp nhận… (mã hết hạn sau 10 phút, khi đó máy tự lấy mã mới)"
		s.status.Color = look.Color(look.ToneMuted)
	}
	if st.Fingerprint != "" {
		s.fp.Text = "Mã vân tay chứng chỉ máy chủ (so sánh với trang Quản trị › Chứng chỉ TLS trước khi chấp nhận):"
		s.fp2.Text = st.Fingerprint
	}
	s.code.Refresh()
	s.status.Refresh()
	s.fp.Refresh()
	s.fp2.Refresh()
}

// Fingerprint returns the certificate fingerprint shown, "" when none.
func (s *Screen) Fingerprint() string { return s.fp2.Text }
