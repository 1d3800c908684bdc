package model

import (
	"errors"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

func TestIssueTicket(t *testing.T) {
	f := newFixture(t)
	f.m.ChooseService("A")
	if got := f.m.View().Screen; got != ScreenPriority {
		t.Fatalf("after choosing, screen got %v, want priority question", got)
	}
	f.m.AnswerPriority(true)
	v := f.m.View()
	if v.Screen != ScreenTicket {
		t.Fatalf("screen got %v, want ticket", v.Screen)
	}
	want := TicketView{ID: "2026-11-28/A004", Number: "A004", Service: "Lưu thông hàng hóa trong nước",
		Priority: true, Ahead: 3, Wait: "khoảng 9 phút", Time: "09:15 28/11/2026"}
	if v.Ticket != want {
		t.Errorf("ticket got %+v, want %+v", v.Ticket, want)
	}
	req := f.sender.last().data.(protocol.IssueTicket)
	if req != (protocol.IssueTicket{Service: "A", Priority: true}) {
		t.Errorf("issue_ticket got %+v", req)
	}
	if len(f.printer.slips) != 1 || f.printer.slips[0].QR != "2026-11-28/A004 7KQ2M9XH" {
		t.Fatalf("slips got %+v, want one with QR id and token", f.printer.slips)
	}
	f.clock.Add(TicketShowFor - time.Second)
	f.m.Tick()
	if got := f.m.View().Screen; got != ScreenTicket {
		t.Errorf("before timeout, screen got %v, want ticket", got)
	}
	f.clock.Add(time.Second)
	f.m.Tick()
	if got := f.m.View().Screen; got != ScreenHome {
		t.Errorf("after %v, screen got %v, want home", TicketShowFor, got)
	}
}

// TestIssueTicketPublicURL: with the hall's public_url the QR code and the
// line under it are the ticket's page.
func TestIssueTicketPublicURL(t *testing.T) {
	f := newFixture(t)
	st := testState()
	st.Hall.PublicURL = "http://192.168.10.2:8080/"
	f.m.SetState(st)
	f.m.ChooseService("A")
	f.m.AnswerPriority(false)
	const want = "http://192.168.10.2:8080/t/2026-11-28-A004?k=7KQ2M9XH"
	if len(f.printer.slips) != 1 || f.printer.slips[0].QR != want || f.printer.slips[0].URL != want ||
		f.printer.slips[0].Token != "7KQ2M9XH" {
		t.Fatalf("slips got %+v, want QR and URL %s", f.printer.slips, want)
	}
}

func TestPrintFailureKeepsTicket(t *testing.T) {
	f := newFixture(t)
	f.printer.err = errors.New("connect 10.0.0.9:9100: connection refused")
	f.m.ChooseService("A")
	f.m.AnswerPriority(false)
	v := f.m.View()
	if v.Screen != ScreenTicket || v.Ticket.Number != "A004" || !v.Ticket.PrintFailed || v.Ticket.Printing {
		t.Fatalf("got screen %v ticket %+v, want ticket A004 shown with print failure", v.Screen, v.Ticket)
	}
	f.clock.Add(TicketShowFor)
	f.m.Tick()
	if got := f.m.View().Screen; got != ScreenTicket {
		t.Errorf("unprinted ticket left after %v, want it kept for %v", TicketShowFor, TicketNoPaperFor)
	}
	f.clock.Add(TicketNoPaperFor)
	f.m.Tick()
	f.m.ChooseService("A")
	f.m.AnswerPriority(false)
	if got := f.sender.count(protocol.CmdIssueTicket); got != 2 {
		t.Errorf("kiosk stopped issuing after a print failure: %d issues, want 2", got)
	}
}

func TestIssueErrors(t *testing.T) {
	tests := []struct {
		name       string
		reply      func(string, any) (any, error)
		wantNotice string
		soldOut    bool
	}{
		{"closed", errReply(queue.ECLOSED), "Ngoài giờ làm việc. Giờ cấp số: 07:30 - 17:00", false},
		{"daily limit", errReply(queue.ECONFLICT), "Dịch vụ Lưu thông hàng hóa trong nước đã hết số hôm nay", true},
		{"network", func(string, any) (any, error) { return nil, errNet }, "Chưa cấp được số do mất kết nối, vui lòng thử lại", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.sender.reply = tc.reply
			f.m.ChooseService("A")
			f.m.AnswerPriority(false)
			v := f.m.View()
			if v.Screen != ScreenHome || v.Notice != tc.wantNotice {
				t.Errorf("got screen %v notice %q, want home with %q", v.Screen, v.Notice, tc.wantNotice)
			}
			if v.Tiles[0].SoldOut != tc.soldOut {
				t.Errorf("tile A sold out got %v, want %v", v.Tiles[0].SoldOut, tc.soldOut)
			}
			f.clock.Add(NoticeFor)
			f.m.Tick()
			if got := f.m.View().Notice; got != "" {
				t.Errorf("notice after %v got %q, want none", NoticeFor, got)
			}
		})
	}
}

func TestSoldOutServiceIsNotIssued(t *testing.T) {
	f := newFixture(t)
	if !f.m.View().Tiles[1].SoldOut {
		t.Fatal("service B at its daily limit is not sold out")
	}
	f.m.ChooseService("B")
	if got := f.m.View().Screen; got != ScreenHome {
		t.Errorf("screen got %v, want home", got)
	}
}

func TestOffline(t *testing.T) {
	f := newFixture(t)
	f.m.SetStatus(false)
	v := f.m.View()
	if v.Online || v.Banner != OfflineText {
		t.Fatalf("offline view got online=%v banner %q", v.Online, v.Banner)
	}
	f.m.ChooseService("A")
	f.m.AnswerPriority(false)
	if got := f.sender.count(protocol.CmdIssueTicket); got != 0 {
		t.Errorf("offline kiosk sent %d issues, want 0", got)
	}
	f.m.SetStatus(true)
	f.m.ChooseService("A")
	f.m.AnswerPriority(false)
	if v := f.m.View(); v.Screen != ScreenTicket || v.Banner != "" {
		t.Errorf("after reconnect got screen %v banner %q, want ticket and no banner", v.Screen, v.Banner)
	}
}

func TestOneIssueInFlight(t *testing.T) {
	f := newFixture(t)
	release := make(chan struct{})
	f.sender.reply = func(typ string, data any) (any, error) {
		<-release
		return issueOK(typ, data)
	}
	var queued []func()
	f.m.cfg.Go = func(fn func()) { queued = append(queued, fn) }
	f.m.ChooseService("A")
	f.m.AnswerPriority(false)
	f.m.AnswerPriority(false) // a second tap while waiting
	f.m.SetStatus(false)      // the link drops: the client will re-send it
	f.m.SetStatus(true)
	f.m.ChooseService("A")
	f.m.AnswerPriority(false)
	if len(queued) != 1 {
		t.Fatalf("issues started got %d, want 1", len(queued))
	}
	if got := f.m.View().Screen; got != ScreenIssuing {
		t.Errorf("screen got %v, want issuing", got)
	}
	f.clock.Add(2 * IdleHome)
	f.m.Tick()
	if got := f.m.View().Screen; got != ScreenIssuing {
		t.Errorf("idle while issuing: screen got %v, want issuing", got)
	}
	close(release)
	queued[0]()
	if got := f.m.View().Screen; got != ScreenTicket {
		t.Errorf("screen got %v, want ticket", got)
	}
}

func TestIdleGoesHome(t *testing.T) {
	screens := []struct {
		name string
		open func(m *Model)
	}{
		{"priority", func(m *Model) { m.ChooseService("A") }},
		{"procedures", func(m *Model) { m.OpenProcedures() }},
		{"procedure", func(m *Model) { m.OpenProcedure("A") }},
		{"feedback", func(m *Model) { m.OpenFeedback() }},
		{"rate code", func(m *Model) { m.OpenRateCode() }},
	}
	for _, tc := range screens {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			tc.open(f.m)
			f.clock.Add(IdleHome / 2)
			f.m.Touch()
			f.clock.Add(IdleHome - time.Second)
			f.m.Tick()
			if got := f.m.View().Screen; got == ScreenHome {
				t.Fatal("went home before an idle minute")
			}
			f.clock.Add(time.Second)
			f.m.Tick()
			if got := f.m.View().Screen; got != ScreenHome {
				t.Errorf("after an idle minute screen got %v, want home", got)
			}
		})
	}
}

func TestWaitText(t *testing.T) {
	tests := []struct {
		s, ahead int
		want     string
	}{
		{0, 0, "Sắp đến lượt"},
		{540, 3, "khoảng 9 phút"},
		{61, 1, "khoảng 2 phút"},
		{3600, 9, "khoảng 1 giờ"},
		{4800, 9, "khoảng 1 giờ 20 phút"},
	}
	for _, tc := range tests {
		if got := WaitText(tc.s, tc.ahead); got != tc.want {
			t.Errorf("WaitText(%d, %d) got %q, want %q", tc.s, tc.ahead, got, tc.want)
		}
	}
}

func TestNoPaperKiosk(t *testing.T) {
	f := newFixture(t)
	f.m.cfg.NoPaper = true
	f.m.ChooseService("A")
	f.m.AnswerPriority(false)
	v := f.m.View().Ticket
	if !v.NoPaper || v.Printing || v.PrintFailed {
		t.Errorf("ticket got %+v, want no paper, not printing", v)
	}
	if len(f.printer.slips) != 1 {
		t.Errorf("slips got %d, want 1 (the file is still written)", len(f.printer.slips))
	}
}
