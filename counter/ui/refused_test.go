package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"hallq/counter/model"
	"hallq/shared/queue"
)

// TestRefusedTokenSaysSo: a counter whose token the server refused shows
// the installer what is wrong in the middle of the window.
func TestRefusedTokenSaysSo(t *testing.T) {
	f := &fakeSender{}
	d := model.New(model.Config{Sender: f})
	defer d.Close()
	u := New(test.NewTempApp(t), d, Options{})
	defer u.Window().Close()
	d.SetStatus(false, 3, &queue.Error{Code: queue.EUNAUTHORIZED, Message: "Sai mã thiết bị"})
	u.Refresh()
	if !u.notice.Visible() || u.noticeText.Text != queue.UnauthorizedText+" "+queue.UnauthorizedHint {
		t.Errorf("notice: got %q (shown %v), want %q", u.noticeText.Text, u.notice.Visible(), queue.UnauthorizedText)
	}
	d.SetStatus(false, 4, nil)
	u.Refresh()
	if u.noticeText.Text != "Đang kết nối máy chủ…" {
		t.Errorf("a plain network error: notice %q, want the connecting line", u.noticeText.Text)
	}
}
