package pairscreen

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"hallq/shared/look"
	"hallq/shared/pairing"
	"hallq/shared/queue"
)

func texts(w fyne.Window) string {
	var b strings.Builder
	for _, o := range test.LaidOutObjects(w.Content()) {
		if t, ok := o.(*canvas.Text); ok && o.Visible() {
			b.WriteString(t.Text + "\n")
		}
	}
	return b.String()
}

func TestScreen(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(look.Theme())
	tests := []struct {
		role, what string
	}{{"kiosk", "Ki-ốt"}, {"counter", "Máy quầy"}, {"display", "Màn hình"}}
	for _, tc := range tests {
		t.Run(tc.role, func(t *testing.T) {
			s := New(tc.role, "PC-SANH-01", "ws://10.0.0.2:8080/ws")
			w := test.NewTempWindow(t, s.Root())
			w.Resize(fyne.NewSize(1280, 800))
			got := texts(w)
			for _, want := range []string{"Ghép thiết bị: " + tc.what, "Tên máy: PC-SANH-01", "Đọc mã này cho quản trị viên để ghép thiết bị.", "Đang gửi yêu cầu"} {
				if !strings.Contains(got, want) {
					t.Errorf("screen lacks %q:\n%s", want, got)
				}
			}
			if s.Code() != "" {
				t.Errorf("code before any: got %q", s.Code())
			}
			s.Show(pairing.Status{Code: "048213"})
			if got := texts(w); !strings.Contains(got, "048 213") || !strings.Contains(got, "Đang chờ quản trị viên") {
				t.Errorf("after a code:\n%s", got)
			}
			if s.Code() != "048213" {
				t.Errorf("Code: got %q", s.Code())
			}
			s.Show(pairing.Status{Code: "048213", Err: errors.New("down")})
			if got := texts(w); !strings.Contains(got, "Mất kết nối với máy chủ") || !strings.Contains(got, "048 213") {
				t.Errorf("after a failure:\n%s", got)
			}
			if s.Fingerprint() != "" || strings.Contains(texts(w), "Mã vân tay") {
				t.Error("a fingerprint shown without TLS trust on first use")
			}
			fp := strings.Repeat("AB:", 31) + "CD"
			s.Show(pairing.Status{Code: "048213", Fingerprint: fp})
			if got := texts(w); !strings.Contains(got, fp) || !strings.Contains(got, "Chứng chỉ TLS") {
				t.Errorf("with a fingerprint:\n%s", got)
			}
			// The fingerprint fits the 1280 px window.
			for _, o := range test.LaidOutObjects(w.Content()) {
				if tx, ok := o.(*canvas.Text); ok && tx.Text != "" && (tx.Position().X < 0 || tx.Position().X+tx.MinSize().Width > 1280) {
					t.Errorf("%q is cut off at 1280 px", tx.Text)
				}
			}
		})
	}
}

func TestUnauthorized(t *testing.T) {
	if !Unauthorized(queue.Errorf(queue.EUNAUTHORIZED, "x")) || Unauthorized(errors.New("net")) || Unauthorized(nil) {
		t.Fatal("Unauthorized misreads its error")
	}
}
