package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"

	"hallq/kiosk/model"
	"hallq/shared/protocol"
)

// TestProcedureTakesNumber: the procedure screen's "Lấy số cho lĩnh vực
// này" issues a ticket of that service, as tapping its tile does.
func TestProcedureTakesNumber(t *testing.T) {
	f := newFixture(t, portrait, fakePrinter{})
	f.tap(t, "Thủ tục hành chính")
	f.tap(t, "D. An toàn thực phẩm")
	f.tap(t, "Lấy số cho lĩnh vực này")
	v := f.m.View()
	if v.Screen != model.ScreenPriority || v.Service.ID != "D" {
		t.Fatalf("after Lấy số: got screen %v service %q, want the priority question for D", v.Screen, v.Service.ID)
	}
	test.Tap(f.u.screens[model.ScreenPriority].(*priority).no)
	if got := f.s.got(protocol.CmdIssueTicket); !reflect.DeepEqual(got, []any{protocol.IssueTicket{Service: "D"}}) {
		t.Errorf("issue_ticket got %#v, want one for D", got)
	}
}
