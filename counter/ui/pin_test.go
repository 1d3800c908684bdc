package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"hallq/counter/model"
	"hallq/shared/protocol"
)

// TestChangePINScreen: after a sign-in with a one-time PIN the window shows
// "Đổi mã PIN"; a mistyped repeat is refused on the screen and nothing is
// sent; the new PIN typed twice sends change_pin and the serve screen
// follows.
func TestChangePINScreen(t *testing.T) {
	f := &fakeSender{data: map[string]any{protocol.CmdClerkLogin: protocol.ClerkReply{Clerk: protocol.ClerkInfo{
		Username: "hang.nd", Name: "Nguyễn Diệu Hằng", Counter: 1, MustChangePIN: true}}}}
	h := newHarness(t, signedOut(sampleState()), f)
	test.Type(h.ui.login.user, "hang.nd")
	test.Type(h.ui.login.pin, "8642")
	test.Tap(h.ui.login.button)
	h.settle()
	h.setState(sampleState()) // the counter_updated event of the sign-in
	if !h.ui.pin.root.Visible() || h.ui.serve.root.Visible() || h.ui.login.root.Visible() {
		t.Fatalf("after a one-time PIN sign-in: the Đổi mã PIN screen is not the one shown")
	}
	if h.ui.pin.title.Text != "Đổi mã PIN" || !strings.Contains(h.ui.pin.who.Text, "Nguyễn Diệu Hằng") {
		t.Errorf("screen title %q, who %q", h.ui.pin.title.Text, h.ui.pin.who.Text)
	}
	if h.ui.win.Canvas().Focused() != h.ui.pin.pin {
		t.Error("the new PIN entry does not have the focus")
	}

	test.Type(h.ui.pin.pin, "97531")
	test.Type(h.ui.pin.again, "97532")
	test.Tap(h.ui.pin.button)
	h.settle()
	if got := h.ui.pin.msg.Text; !strings.Contains(got, "không khớp") {
		t.Errorf("message after a mistyped repeat: %q", got)
	}
	if n := len(f.commands()); n != 1 {
		t.Fatalf("sent %d commands, want only clerk_login", n)
	}

	test.Type(h.ui.pin.pin, "97531")
	test.Type(h.ui.pin.again, "97531")
	test.Tap(h.ui.pin.button)
	h.settle()
	cmds := f.commands()
	if last := cmds[len(cmds)-1]; last.typ != protocol.CmdChangePIN || last.data != (protocol.ChangePIN{NewPIN: "97531"}) {
		t.Fatalf("sent %s %+v, want change_pin", last.typ, last.data)
	}
	if v := h.desk.View(); v.Screen != model.ScreenServe || !h.ui.serve.root.Visible() {
		t.Errorf("after change_pin: screen %v, want the serve screen", v.Screen)
	}
}
