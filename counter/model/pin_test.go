package model

import (
	"strings"
	"testing"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// TestOneTimePIN: a sign-in whose reply says must_change_pin leads to
// ScreenChangePIN; a bad or mistyped new PIN is refused without sending;
// a good one sends change_pin, and its success leads to the serve screen.
func TestOneTimePIN(t *testing.T) {
	out := sampleState()
	out.Counters = append([]queue.Counter(nil), out.Counters...)
	out.Counters[0].Clerk, out.Counters[0].ClerkName, out.Counters[0].Status = "", "", queue.CounterClosed
	f := &fakeSender{
		answers: map[string]answer{protocol.CmdClerkLogin: {data: protocol.ClerkReply{Clerk: protocol.ClerkInfo{
			Username: "hang.nd", Name: "Nguyễn Diệu Hằng", Counter: 1, MustChangePIN: true}}}},
		events: map[string]protocol.State{protocol.CmdClerkLogin: sampleState()},
	}
	d := newDesk(t, f, out)
	f.desk = d
	if !d.Login("hang.nd", "8642") {
		t.Fatal("Login did not send")
	}
	d.Wait()
	v := d.View()
	if v.Screen != ScreenChangePIN || !v.CanChangePIN || v.ClerkName != "Nguyễn Diệu Hằng" {
		t.Fatalf("after a one-time PIN sign-in: screen %v, can change %v, clerk %q; want ScreenChangePIN", v.Screen, v.CanChangePIN, v.ClerkName)
	}
	if v.Can(ActCallNext) {
		t.Error("call next enabled before the PIN is changed")
	}
	tests := []struct {
		name, pin, again, want string
	}{
		{"too short", "123", "123", "4 đến 8 chữ số"},
		{"letters", "12a4", "12a4", "4 đến 8 chữ số"},
		{"too long", "123456789", "123456789", "4 đến 8 chữ số"},
		{"mistyped", "97531", "97532", "không khớp"},
	}
	for _, tt := range tests {
		if d.ChangePIN(tt.pin, tt.again) {
			t.Errorf("%s: ChangePIN sent", tt.name)
		}
		if m := d.View().Message; !m.Error || !contains(m.Text, tt.want) {
			t.Errorf("%s: message %+v, want an error containing %q", tt.name, m, tt.want)
		}
	}
	if !d.ChangePIN("97531", "97531") {
		t.Fatal("ChangePIN did not send a good PIN")
	}
	d.Wait()
	cmds := f.commands()
	last := cmds[len(cmds)-1]
	if last.typ != protocol.CmdChangePIN || last.data != (protocol.ChangePIN{NewPIN: "97531"}) {
		t.Fatalf("sent %s %+v, want change_pin 97531", last.typ, last.data)
	}
	if len(cmds) != 2 {
		t.Errorf("sent %d commands, want clerk_login and change_pin only", len(cmds))
	}
	v = d.View()
	if v.Screen != ScreenServe || !v.Can(ActCallNext) || !contains(v.Message.Text, "Đã đổi mã PIN") {
		t.Errorf("after change_pin: screen %v, message %q; want the serve screen", v.Screen, v.Message.Text)
	}
}

// TestChangePINNotWhenServing: ChangePIN applies only on ScreenChangePIN.
func TestChangePINNotWhenServing(t *testing.T) {
	f := &fakeSender{}
	d := newDesk(t, f, sampleState())
	if d.ChangePIN("1357", "1357") || d.LogoutFromChangePIN() {
		t.Error("ChangePIN or its sign-out sent from the serve screen")
	}
	if len(f.commands()) != 0 {
		t.Errorf("sent %v", f.commands())
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
