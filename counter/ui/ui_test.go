package ui

import (
	"errors"
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hallq/counter/model"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

func TestButtonsByState(t *testing.T) {
	paused := sampleState()
	paused.Counters[0].Status = queue.CounterPaused
	all := []model.Action{model.ActCallNext, model.ActRecall, model.ActFinish, model.ActNoShow, model.ActTransfer, model.ActHold, model.ActPause}
	tests := []struct {
		name      string
		state     protocol.State
		offline   bool
		enabled   []model.Action
		pauseText string
		logout    bool
	}{
		{"idle", sampleState(), false, []model.Action{model.ActCallNext, model.ActPause}, "Tạm nghỉ (F8)", true},
		{"serving", serving(sampleState()), false, []model.Action{model.ActRecall, model.ActFinish, model.ActNoShow, model.ActTransfer, model.ActHold, model.ActPause}, "Tạm nghỉ (F8)", false},
		{"paused", paused, false, []model.Action{model.ActPause}, "Tiếp tục (F8)", true},
		{"offline", serving(sampleState()), true, nil, "Tạm nghỉ (F8)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.state, nil)
			if tt.offline {
				h.desk.SetStatus(false, 2, errors.New("dial: refused"))
				h.ui.Refresh()
			}
			want := map[model.Action]bool{}
			for _, a := range tt.enabled {
				want[a] = true
			}
			for _, a := range all {
				if got := !h.ui.serve.buttons[a].Disabled(); got != want[a] {
					t.Errorf("%s enabled: got %v, want %v", a.Label(false), got, want[a])
				}
			}
			if got := h.ui.serve.buttons[model.ActPause].Text; got != tt.pauseText {
				t.Errorf("pause button: got %q, want %q", got, tt.pauseText)
			}
			if got := !h.ui.serve.logout.Disabled(); got != tt.logout {
				t.Errorf("logout enabled: got %v, want %v", got, tt.logout)
			}
			if got := h.ui.banner.Visible(); got != tt.offline {
				t.Errorf("offline banner shown: got %v, want %v", got, tt.offline)
			}
		})
	}
}

func TestKeysOnCanvas(t *testing.T) {
	ref := protocol.TicketRef{TicketID: "2026-11-28/A007"}
	tests := []struct {
		name  string
		state protocol.State
		key   fyne.KeyName
		want  []sent
	}{
		{"F1", sampleState(), fyne.KeyF1, []sent{{protocol.CmdCallNext, nil}}},
		{"Enter", sampleState(), fyne.KeyReturn, []sent{{protocol.CmdCallNext, nil}}},
		{"F2", serving(sampleState()), fyne.KeyF2, []sent{{protocol.CmdRecall, ref}}},
		{"F3", serving(sampleState()), fyne.KeyF3, []sent{{protocol.CmdFinish, protocol.Finish{TicketID: ref.TicketID}}}},
		{"F4", serving(sampleState()), fyne.KeyF4, []sent{{protocol.CmdNoShow, ref}}},
		{"F6", serving(sampleState()), fyne.KeyF6, []sent{{protocol.CmdHold, ref}}},
		{"F8", sampleState(), fyne.KeyF8, []sent{{protocol.CmdPause, nil}}},
		{"F3 when idle", sampleState(), fyne.KeyF3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.state, nil)
			h.press(tt.key)
			if got := h.send.commands(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sent %v, want %v", got, tt.want)
			}
		})
	}
}

// A button focused with Tab still lets the function keys through.
func TestKeysWithFocusedButton(t *testing.T) {
	h := newHarness(t, serving(sampleState()), nil)
	c := h.ui.Window().Canvas()
	c.Focus(h.ui.serve.buttons[model.ActRecall])
	h.press(fyne.KeyF3)
	want := []sent{{protocol.CmdFinish, protocol.Finish{TicketID: "2026-11-28/A007"}}}
	if got := h.send.commands(); !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
}

func TestTransferWithKeys(t *testing.T) {
	f := &fakeSender{data: map[string]any{
		protocol.CmdTransfer: protocol.TicketReply{Ticket: queue.Ticket{ID: "2026-11-28/A007", Number: "A007", Service: "C", State: queue.Waiting}},
	}}
	h := newHarness(t, serving(sampleState()), f)
	h.press(fyne.KeyF5)
	if !h.ui.picker.popup.Visible() {
		t.Fatal("F5 did not show the picker")
	}
	h.press(fyne.KeyEscape)
	if h.ui.picker.popup.Visible() {
		t.Fatal("Escape did not hide the picker")
	}
	h.press(fyne.KeyF5)
	h.press(fyne.Key2)
	want := []sent{{protocol.CmdTransfer, protocol.Transfer{TicketID: "2026-11-28/A007", Service: "C"}}}
	if got := f.commands(); !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
	if h.ui.picker.popup.Visible() {
		t.Error("picker still shown after the transfer")
	}
	if got := h.ui.serve.msg.Text; got != "Đã chuyển số A007 sang lĩnh vực Điện lực, năng lượng." {
		t.Errorf("message: got %q", got)
	}
}

func TestConflictMessageShown(t *testing.T) {
	f := &fakeSender{errs: map[string]error{
		protocol.CmdCallNext: &queue.Error{Code: queue.ECONFLICT, Message: "Quầy 1 đang phục vụ số A004"},
		protocol.CmdPause:    &queue.Error{Code: queue.ECONFLICT},
	}}
	h := newHarness(t, sampleState(), f)
	tests := []struct {
		key  fyne.KeyName
		want string
	}{
		{fyne.KeyF1, "Quầy 1 đang phục vụ số A004"},
		{fyne.KeyF8, "Thao tác không phù hợp với trạng thái hiện tại của quầy hoặc của số."},
	}
	for _, tt := range tests {
		h.press(tt.key)
		if got := h.ui.serve.msg.Text; got != tt.want {
			t.Errorf("after %s: message %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestDoubleClickCallsTicket(t *testing.T) {
	h := newHarness(t, sampleState(), nil)
	rows := h.ui.serve.queue.list.Objects
	if len(rows) != 4 {
		t.Fatalf("queue rows: got %d, want 4", len(rows))
	}
	test.DoubleTap(rows[1].(*queueRow)) // A001, after the priority A002
	h.settle()
	want := []sent{{protocol.CmdCallTicket, protocol.TicketRef{TicketID: "2026-11-28/A001"}}}
	if got := h.send.commands(); !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
}

func TestHeldCallButton(t *testing.T) {
	h := newHarness(t, sampleState(), nil)
	test.Tap(h.ui.serve.queue.held[0].button)
	h.settle()
	want := []sent{{protocol.CmdCallTicket, protocol.TicketRef{TicketID: "2026-11-28/B002"}}}
	if got := h.send.commands(); !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
	h.setState(serving(sampleState()))
	if !h.ui.serve.queue.held[0].button.Disabled() {
		t.Error("held call enabled while serving")
	}
}

func TestLiveStats(t *testing.T) {
	h := newHarness(t, sampleState(), nil)
	p := h.ui.serve.today
	got := []string{p.finished.Text, p.mean.Text, p.index.Text, p.levels[5].Text, p.levels[1].Text}
	if want := []string{"14", "4:23", "78,57%", "6", "1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("stats: got %v, want %v", got, want)
	}
	st := sampleState()
	st.Clerks[0].Ratings[5] += 2
	st.Clerks[0].Finished++
	st.Clerks[0].ServiceSeconds += 263
	h.setState(st)
	got = []string{p.finished.Text, p.mean.Text, p.index.Text, p.levels[5].Text, p.levels[1].Text}
	if want := []string{"15", "4:23", "81,25%", "8", "1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("stats after a rating: got %v, want %v", got, want)
	}
}

func TestLoginScreen(t *testing.T) {
	f := &fakeSender{errs: map[string]error{
		protocol.CmdClerkLogin: &queue.Error{Code: queue.EUNAUTHORIZED, Message: "Sai tên đăng nhập hoặc mã PIN"},
	}}
	h := newHarness(t, signedOut(sampleState()), f)
	l := h.ui.login
	if !l.root.Visible() || h.ui.serve.root.Visible() {
		t.Fatal("sign-in screen not shown")
	}
	if got := h.ui.Window().Canvas().Focused(); got != l.user {
		t.Errorf("focus: got %v, want the username", got)
	}
	test.Type(l.user, "hang.nd")
	h.press(fyne.KeyReturn) // on to the PIN
	if got := h.ui.Window().Canvas().Focused(); got != l.pin {
		t.Fatalf("focus after Enter in the username: got %v, want the PIN", got)
	}
	test.Type(l.pin, "1111")
	h.press(fyne.KeyReturn)
	want := []sent{{protocol.CmdClerkLogin, protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"}}}
	if got := f.commands(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sent %v, want %v", got, want)
	}
	if l.msg.Text != "Sai tên đăng nhập hoặc mã PIN" || l.pin.Text != "" {
		t.Errorf("after a wrong PIN: message %q, pin %q", l.msg.Text, l.pin.Text)
	}
	// Signed in (the state says so): the serve screen, keys to the window.
	h.setState(sampleState())
	if !h.ui.serve.root.Visible() || l.root.Visible() {
		t.Fatal("serve screen not shown after sign-in")
	}
	if got := h.ui.Window().Canvas().Focused(); got != nil {
		t.Errorf("focus on the serve screen: got %v, want none", got)
	}
}

func TestConnectingAndUnbound(t *testing.T) {
	test.NewTempApp(t)
	d := model.New(model.Config{Sender: &fakeSender{}})
	defer d.Close()
	u := New(fyne.CurrentApp(), d, Options{})
	defer u.Window().Close()
	if !u.notice.Visible() || u.noticeText.Text != "Đang kết nối máy chủ…" {
		t.Errorf("connecting: notice %q shown=%v", u.noticeText.Text, u.notice.Visible())
	}
	if h := u.noticeText.Size().Height; h > 100 {
		t.Errorf("notice is %v high: it wraps by letters", h)
	}
	d.SetHello(protocol.HelloReply{Role: protocol.RoleDisplay, Device: "display-1"})
	d.SetState(sampleState())
	u.Refresh()
	if !u.notice.Visible() || u.serve.root.Visible() || u.login.root.Visible() {
		t.Error("a display device reached a working screen")
	}
}

// The serve screen fits a 1366x768 counter screen, offline banner, long
// names and a long message included.
func TestFitsSmallScreen(t *testing.T) {
	st := serving(sampleState())
	for i := 0; i < 3; i++ {
		st.Held = append(st.Held, st.Held[0])
	}
	long := "Lưu thông hàng hóa trong nước, xúc tiến thương mại, thương mại điện tử, quản lý cạnh tranh và bảo vệ quyền lợi người tiêu dùng"
	st.Services[0].Name, st.Services[1].Name = long, long
	f := &fakeSender{errs: map[string]error{protocol.CmdRecall: &queue.Error{Code: queue.ECONFLICT, Message: long}}}
	h := newHarness(t, st, f)
	h.press(fyne.KeyF2)
	h.desk.SetStatus(false, 1, nil)
	h.ui.Refresh()
	min := h.ui.Window().Content().MinSize()
	if min.Width > 1366 || min.Height > 768 {
		t.Errorf("minimum size %v does not fit 1366x768", min)
	}
}
