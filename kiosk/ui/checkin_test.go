package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hallq/kiosk/model"
	"hallq/kiosk/printer"
	"hallq/server/app/apptest"
	"hallq/server/config"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// printed keeps the slips the kiosk printed.
type printed struct {
	mu  sync.Mutex
	got []printer.Slip
}

func (p *printed) Print(_ context.Context, s printer.Slip) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.got = append(p.got, s)
	return nil
}

func (p *printed) last() printer.Slip {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.got) == 0 {
		return printer.Slip{}
	}
	return p.got[len(p.got)-1]
}

// TestCheckInAgainstServer runs the kiosk's window (Fyne's test driver) on
// the real client and the real server: a citizen with a booking taps "Tôi
// có lịch hẹn", types the code and gets an appointment ticket, printed as
// one, that the server calls before an older normal ticket; a booking of a
// later slot, scanned as its QR code, is too early: the kiosk says so
// with the slot's window and issues a normal ticket; a wrong code stays
// on the screen with the reason.
func TestCheckInAgainstServer(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	clk := apptest.NewClock(time.Date(2026, 11, 28, 8, 30, 0, 0, ict))
	h := apptest.StartInPlace(t, clk.Now)
	hall := h.Srv.Hall
	if err := hall.UpdateConfig("test", "service.appointments", "service A", func(c *config.Config) error {
		sv := &c.Services[0]
		sv.Appointments, sv.AppointmentCapacity = true, 2
		sv.AppointmentDays = []string{"mon", "tue", "wed", "thu", "fri", "sat"}
		sv.AppointmentHours = []string{"08:00-11:00"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	book := func(slot, phone string) queue.Booking {
		b, err := hall.Book(queue.BookingRequest{Service: "A", Day: "2026-11-28", Slot: slot, Name: "Phạm Văn Dũng", Phone: phone})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	onTime, early := book("09:00", "0912000001"), book("10:30", "0912000002")
	clk.Set(time.Date(2026, 11, 28, 8, 50, 0, 0, ict))
	peer := apptest.Connect(t, h.Addr, "pad-1", "demo-pad-1-token-000001")
	var issued protocol.IssueReply
	peer.Send(t, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"}, &issued)

	app := test.NewTempApp(t)
	prn := &printed{}
	var m *model.Model
	var u *UI
	c, start := apptest.NewClient(t, hallclient.Config{
		URL: h.URL(), Device: "kiosk-1", Token: "demo-kiosk-1-token-0001",
		OnStatus: func(s hallclient.Status) { m.SetStatus(s.Connected) },
		OnHello:  func(r protocol.HelloReply) { m.SetHello(r) },
		OnState:  func(s protocol.State) { m.SetState(s) },
		OnEvent:  func(e hallclient.Event) { m.HandleEvent(e.Type, e.Data, e.Replayed) },
	})
	// The network's goroutines change the model; the window is rendered
	// on the test's goroutine only (wait renders before it looks), as
	// fyne.Do would on the app's.
	m = model.New(model.Config{Sender: c, Printer: prn, Now: clk.Now})
	u = New(app, m, Options{Size: landscape})
	t.Cleanup(func() { u.Window().Close() })
	start()
	wait := func(what string, cond func(v model.View) bool) {
		t.Helper()
		apptest.WaitFor(t, 10*time.Second, what, func() bool { u.Render(); return cond(m.View()) })
	}
	wait("the kiosk online with appointments", func(v model.View) bool { return v.Online && v.Appointments })
	f := &fixture{m: m, u: u}
	tap := func(label string) { t.Helper(); f.tap(t, label); u.Render() }

	tap("Tôi có lịch hẹn")
	if got := m.View().Screen; got != model.ScreenCheckIn {
		t.Fatalf("after the tap: screen %v, want the code entry", got)
	}
	f.keys(t, onTime.Code)
	tap("Lấy số theo lịch hẹn")
	wait("the appointment's ticket", func(v model.View) bool { return v.Screen == model.ScreenTicket })
	tv := m.View().Ticket
	tk := u.screens[model.ScreenTicket].(*ticket)
	if tv.Number != "A002" || !tv.Appointment || !tk.appt.Visible() || !strings.Contains(tk.note.Text, "Lịch hẹn lúc 09:00") || tv.Ahead != 0 {
		t.Fatalf("ticket view: %+v, note %q", tv, tk.note.Text)
	}
	apptest.WaitFor(t, 5*time.Second, "the slip", func() bool { return prn.last().Number == "A002" })
	if s := prn.last(); s.Appointment != "LỊCH HẸN 09:00" {
		t.Errorf("slip's appointment line: %q", s.Appointment)
	}
	if w := hall.State().Waiting; len(w) != 2 || w[0].Number != "A002" || !w[0].Appointment {
		t.Errorf("the server's waiting list: %v, want the appointment A002 first", w)
	}
	tap("Xong")

	// A later slot's QR code, scanned on the home screen: too early.
	for _, r := range "http://" + h.Addr + "/hen?ma=" + early.Code {
		u.typedRune(r)
	}
	u.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	wait("the early check-in's ticket", func(v model.View) bool { return v.Screen == model.ScreenTicket && v.Ticket.Number == "A003" })
	tv = m.View().Ticket
	if tv.Appointment || tk.appt.Visible() || !strings.Contains(tv.Note, "đến sớm") || !strings.Contains(tv.Note, "10:15") || !strings.Contains(tv.Note, "10:40") {
		t.Fatalf("early: %+v", tv)
	}
	tap("Xong")

	// The same code again: refused with the reason, on the code screen.
	tap("Tôi có lịch hẹn")
	f.keys(t, early.Code)
	tap("Lấy số theo lịch hẹn")
	wait("the refusal", func(v model.View) bool { return v.Form.Error != "" })
	if v := m.View(); v.Screen != model.ScreenCheckIn || !strings.Contains(v.Form.Error, "đã được dùng") {
		t.Fatalf("a used code: screen %v, error %q", v.Screen, v.Form.Error)
	}
	tap("Về trang chủ")
	tap("Tôi có lịch hẹn")
	f.keys(t, "ABC")
	tap("Lấy số theo lịch hẹn")
	if v := m.View(); v.Screen != model.ScreenCheckIn || !strings.Contains(v.Form.Error, "6 ký tự") {
		t.Fatalf("a short code: screen %v, error %q", v.Screen, v.Form.Error)
	}
	if n := len(hall.State().Waiting); n != 3 {
		t.Errorf("waiting tickets: %d, want 3", n)
	}
}
