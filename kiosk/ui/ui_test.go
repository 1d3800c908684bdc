package ui

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/shared/protocol"
)

var (
	landscape = fyne.NewSize(1920, 1080)
	portrait  = fyne.NewSize(1080, 1920)
)

func TestHomeRenders(t *testing.T) {
	tests := []struct {
		name   string
		size   fyne.Size
		master string
	}{
		{"landscape", landscape, "home_landscape.xml"},
		{"portrait", portrait, "home_portrait.xml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.size, fakePrinter{})
			test.AssertRendersToMarkup(t, tc.master, f.u.Window().Canvas())
			if !f.tile(t, "B").Disabled() {
				t.Error("sold-out tile B is enabled")
			}
			if f.tile(t, "A").Disabled() {
				t.Error("tile A is disabled")
			}
		})
	}
}

func TestTakeTicket(t *testing.T) {
	f := newFixture(t, landscape, fakePrinter{})
	test.Tap(f.tile(t, "A"))
	if got := f.m.View().Screen; got != model.ScreenPriority {
		t.Fatalf("screen got %v, want priority", got)
	}
	test.AssertRendersToMarkup(t, "priority.xml", f.u.Window().Canvas())
	test.Tap(f.u.screens[model.ScreenPriority].(*priority).no)
	if got := f.s.got(protocol.CmdIssueTicket); !reflect.DeepEqual(got, []any{protocol.IssueTicket{Service: "A"}}) {
		t.Fatalf("issued %v, want one ticket of A", got)
	}
	test.AssertRendersToMarkup(t, "ticket.xml", f.u.Window().Canvas())
	f.tick(model.TicketShowFor)
	if got := f.m.View().Screen; got != model.ScreenHome {
		t.Errorf("after %v screen got %v, want home", model.TicketShowFor, got)
	}
}

func TestPrinterDownShowsNumber(t *testing.T) {
	f := newFixture(t, portrait, fakePrinter{err: errors.New("connection refused")})
	test.Tap(f.tile(t, "A"))
	test.Tap(f.u.screens[model.ScreenPriority].(*priority).yes)
	tk := f.u.screens[model.ScreenTicket].(*ticket)
	if tk.number.Text != "A004" || tk.print.Text != model.PrintFailText || !tk.prio.Visible() {
		t.Errorf("ticket screen got number %q print %q priority %v", tk.number.Text, tk.print.Text, tk.prio.Visible())
	}
	test.AssertRendersToMarkup(t, "ticket_print_failed.xml", f.u.Window().Canvas())
}

func TestOfflineDisablesTiles(t *testing.T) {
	f := newFixture(t, landscape, fakePrinter{})
	f.m.SetStatus(false)
	if !f.tile(t, "A").Disabled() {
		t.Error("tile A enabled while offline")
	}
	if f.u.header.banner.Text != model.OfflineText || !f.u.header.box.Visible() {
		t.Errorf("banner got %q visible %v", f.u.header.banner.Text, f.u.header.box.Visible())
	}
	test.AssertRendersToMarkup(t, "home_offline.xml", f.u.Window().Canvas())
	f.m.SetStatus(true)
	if f.tile(t, "A").Disabled() || f.u.header.box.Visible() {
		t.Error("kiosk did not resume after reconnect")
	}
}

func TestFeedbackWithTelexKeyboard(t *testing.T) {
	f := newFixture(t, landscape, fakePrinter{})
	f.tap(t, "Phản ánh, kiến nghị")
	f.keys(t, "tieengs vieetj ddepj")
	fb := f.u.screens[model.ScreenFeedback].(*feedback)
	if got := fb.message.Text(); got != "tiếng việt đẹp" {
		t.Fatalf("message got %q, want %q", got, "tiếng việt đẹp")
	}
	f.u.Window().Canvas().Focus(fb.tel.entry)
	f.keys(t, "0912345678")
	test.AssertRendersToMarkup(t, "feedback.xml", f.u.Window().Canvas())
	f.tap(t, "Gửi phản ánh, kiến nghị")
	want := []any{protocol.FeedbackMsg{Message: "tiếng việt đẹp", Phone: "0912345678"}}
	if got := f.s.got(protocol.CmdFeedback); !reflect.DeepEqual(got, want) {
		t.Errorf("feedback got %v, want %v", got, want)
	}
	if got := f.m.View().Screen; got != model.ScreenDone {
		t.Errorf("screen got %v, want done", got)
	}
	// A wrapping message gets the whole width, not one letter per line.
	if w := f.u.screens[model.ScreenDone].(*done).text.Size().Width; w < 1000 {
		t.Errorf("thank-you width got %v, want the screen's width", w)
	}
	test.AssertRendersToMarkup(t, "feedback_done.xml", f.u.Window().Canvas())
}

func TestPadRating(t *testing.T) {
	f := newFixture(t, landscape, fakePrinter{})
	f.m.SetHello(protocol.HelloReply{Role: "kiosk", Counter: 1})
	test.AssertRendersToMarkup(t, "pad_home.xml", f.u.Window().Canvas())
	f.m.HandleEvent(protocol.EvTicketFinished,
		[]byte(`{"ticket":{"id":"2026-11-28/A002","number":"A002","service":"A","state":"finished","counter":1,"clerk":"lan"}}`), false)
	test.AssertRendersToMarkup(t, "rate.xml", f.u.Window().Canvas())
	rt := f.u.screens[model.ScreenRate].(*rate)
	if want := "Số thứ tự A002 · Quầy 1"; !strings.HasPrefix(rt.title.Text, want) {
		t.Errorf("prompt title %q, want it to start with %q", rt.title.Text, want)
	}
	test.Tap(rt.levels[3]) // 5, 4, 3, 2, 1: level 2
	if got := f.m.View().Screen; got != model.ScreenReasons {
		t.Fatalf("screen got %v, want reasons", got)
	}
	// The level is stored at the tap, before any reason or comment.
	want := []any{protocol.Rate{TicketID: "2026-11-28/A002", Rating: 2, Reasons: []string{}}}
	if got := f.s.got(protocol.CmdRate); !reflect.DeepEqual(got, want) {
		t.Errorf("rate got %#v, want %#v", got, want)
	}
	f.tap(t, "Thời gian chờ")
	f.keys(t, "chowf laau")
	test.AssertRendersToMarkup(t, "reasons.xml", f.u.Window().Canvas())
	f.tap(t, "Gửi đánh giá")
	wantD := []any{protocol.RateDetails{TicketID: "2026-11-28/A002", Reasons: []string{"waiting"}, Comment: "chờ lâu"}}
	if got := f.s.got(protocol.CmdRateDetails); !reflect.DeepEqual(got, wantD) {
		t.Errorf("rate_details got %#v, want %#v", got, wantD)
	}
	f.tick(model.DoneShowFor)
	if got := f.m.View().Screen; got != model.ScreenHome {
		t.Errorf("screen got %v, want home", got)
	}
}

// TestPadReasonsChangeFace: the reasons screen shows the face chosen and
// takes another; what was typed reaches the server when the citizen walks
// away.
func TestPadReasonsChangeFace(t *testing.T) {
	f := newFixture(t, portrait, fakePrinter{})
	f.m.SetHello(protocol.HelloReply{Role: "kiosk", Counter: 1})
	f.m.HandleEvent(protocol.EvTicketFinished,
		[]byte(`{"ticket":{"id":"2026-11-28/A002","number":"A002","service":"A","state":"finished","counter":1}}`), false)
	test.Tap(f.u.screens[model.ScreenRate].(*rate).levels[4]) // level 1
	rs := f.u.screens[model.ScreenReasons].(*reasons)
	if rs.faces[1].Importance != widget.HighImportance || rs.faces[2].Importance == widget.HighImportance {
		t.Errorf("chosen face not shown: 1 is %v, 2 is %v", rs.faces[1].Importance, rs.faces[2].Importance)
	}
	test.Tap(rs.faces[3])
	if rs.faces[3].Importance != widget.HighImportance || rs.faces[1].Importance == widget.HighImportance {
		t.Errorf("face 3 tapped: 3 is %v, 1 is %v", rs.faces[3].Importance, rs.faces[1].Importance)
	}
	if got := f.m.View().Screen; got != model.ScreenReasons {
		t.Fatalf("a low face keeps the reasons screen, got %v", got)
	}
	test.AssertRendersToMarkup(t, "reasons_portrait.xml", f.u.Window().Canvas())
	// In portrait the keyboard is at the bottom and its keys are at
	// least KeySize square.
	win := f.u.Window().Canvas().Size()
	for _, k := range rs.kb.keys {
		if s := k.Size(); s.Width < KeySize || s.Height < KeySize {
			t.Fatalf("key %q is %v, want at least %v square", k.Text, s, KeySize)
		}
	}
	kbPos := fyne.CurrentApp().Driver().AbsolutePositionForObject(rs.kb.root)
	if bottom := kbPos.Y + rs.kb.root.Size().Height; bottom < win.Height*0.8 || kbPos.Y < win.Height/2 {
		t.Errorf("keyboard spans %v..%v of %v, want it at the bottom", kbPos.Y, bottom, win.Height)
	}
	f.keys(t, "lau")
	f.tick(model.PadIdleHome) // the citizen walks away
	want := []any{protocol.RateDetails{TicketID: "2026-11-28/A002", Rating: 3, Reasons: []string{}, Comment: "lau"}}
	if got := f.s.got(protocol.CmdRateDetails); !reflect.DeepEqual(got, want) {
		t.Errorf("rate_details got %#v, want %#v", got, want)
	}
}

func TestScannerRates(t *testing.T) {
	f := newFixture(t, landscape, fakePrinter{})
	c := f.u.Window().Canvas()
	test.TypeOnCanvas(c, "2026-11-28/A001 7KQ2M9XH")
	c.(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if v := f.m.View(); v.Screen != model.ScreenRate || v.Rate.Number != "A001" {
		t.Fatalf("got screen %v rate %+v, want rating A001", v.Screen, v.Rate)
	}
	f.tap(t, "Về trang chủ")
	f.tap(t, "Đánh giá sự hài lòng")
	f.keys(t, "A001")
	rc := f.u.screens[model.ScreenRateCode].(*rateCode)
	f.u.Window().Canvas().Focus(rc.token.entry)
	f.keys(t, "7KQ2M9XH")
	test.AssertRendersToMarkup(t, "rate_code.xml", f.u.Window().Canvas())
	f.tap(t, "Tiếp tục")
	test.Tap(f.u.screens[model.ScreenRate].(*rate).levels[0])
	want := []any{protocol.Rate{TicketID: "2026-11-28/A001", Rating: 5, Reasons: []string{}, Token: "7KQ2M9XH"}}
	if got := f.s.got(protocol.CmdRate); !reflect.DeepEqual(got, want) {
		t.Errorf("rate got %#v, want %#v", got, want)
	}
}

func TestProcedures(t *testing.T) {
	f := newFixture(t, portrait, fakePrinter{})
	f.tap(t, "Thủ tục hành chính")
	f.tap(t, "D. An toàn thực phẩm")
	p := f.u.screens[model.ScreenProcedure].(*procedure)
	if p.text.Text != "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm." {
		t.Errorf("procedure text got %q", p.text.Text)
	}
	test.AssertRendersToMarkup(t, "procedure.xml", f.u.Window().Canvas())
	f.tick(model.IdleHome)
	if got := f.m.View().Screen; got != model.ScreenHome {
		t.Errorf("after an idle minute screen got %v, want home", got)
	}
}

func TestLongPressExit(t *testing.T) {
	f := newFixture(t, landscape, fakePrinter{})
	var corner *cornerPress
	for _, o := range test.LaidOutObjects(f.u.Window().Content()) {
		if c, ok := o.(*cornerPress); ok {
			corner = c
		}
	}
	if corner == nil || corner.Size().Width < 64 {
		t.Fatalf("corner got %v, want a touch-sized corner", corner)
	}
	corner.MouseDown(nil)
	corner.MouseUp(nil) // a short tap does nothing
	if f.held != nil {
		t.Fatal("the hold was not cancelled on release")
	}
	corner.MouseDown(nil)
	f.held() // held for 3 s
	corner.MouseUp(nil)
	if got := f.m.View().Screen; got != model.ScreenExit {
		t.Fatalf("long press got screen %v, want exit", got)
	}
	f.keys(t, "1111")
	f.tap(t, "Thoát ứng dụng")
	if got := f.m.View().ExitError; got == "" {
		t.Error("wrong PIN: no error shown")
	}
}
