package model

import (
	"reflect"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

func TestQueueRows(t *testing.T) {
	st := sampleState() // A003 was transferred from A to B: it keeps its place
	d := newDesk(t, &fakeSender{}, st)
	v := d.View()
	type row struct {
		Number   string
		Priority bool
		Wait     time.Duration
		Alert    bool
		Note     string
	}
	var got []row
	for _, r := range v.Queue {
		got = append(got, row{r.Number, r.Priority, r.Wait, r.Alert, r.Note})
	}
	want := []row{
		{"A002", true, 4 * time.Minute, false, ""},
		{"A001", false, 25 * time.Minute, true, ""},
		{"B001", false, 12 * time.Minute, false, ""},
		{"A003", false, 31 * time.Minute, true, "chuyển từ A"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("queue:\n got %+v\nwant %+v", got, want)
	}
	if len(v.Held) != 1 || v.Held[0].Number != "B002" || v.Held[0].Wait != 10*time.Minute {
		t.Errorf("held: got %+v, want B002 held 10 minutes", v.Held)
	}
}

func TestCurrentTicket(t *testing.T) {
	d := newDesk(t, &fakeSender{}, serving(sampleState(), "A007"))
	got := d.View().Current
	want := &TicketView{
		ID: "2026-11-28/A007", Number: "A007", Service: "A", ServiceName: "Lưu thông hàng hóa trong nước",
		Priority: true, Recalls: 2, Waited: 22 * time.Minute, Serving: 3*time.Minute + 25*time.Second,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("current:\n got %+v\nwant %+v", got, want)
	}
}

func TestStatsLive(t *testing.T) {
	st := sampleState()
	d := newDesk(t, &fakeSender{}, st)
	got := d.View().Stats
	want := Stats{Finished: 14, MeanService: 263 * time.Second, Ratings: [6]int{0, 1, 0, 2, 5, 6}, Rated: 14, Satisfaction: 78.57}
	if got != want {
		t.Errorf("stats: got %+v, want %+v", got, want)
	}
	// A rating arrives through the mirror: the panel follows.
	st = sampleState()
	st.Clerks[0].Ratings[5]++
	st.Clerks[0].Finished++
	st.Clerks[0].ServiceSeconds += 290
	d.SetState(st)
	got = d.View().Stats
	want = Stats{Finished: 15, MeanService: 265 * time.Second, Ratings: [6]int{0, 1, 0, 2, 5, 7}, Rated: 15, Satisfaction: 80}
	if got != want {
		t.Errorf("stats after rating: got %+v, want %+v", got, want)
	}
	st.Clerks = nil
	d.SetState(st)
	if got := d.View().Stats; got != (Stats{}) {
		t.Errorf("stats with no figures: got %+v, want zero", got)
	}
}

func TestTransferPicker(t *testing.T) {
	f := &fakeSender{answers: map[string]answer{
		protocol.CmdTransfer: {data: protocol.TicketReply{Ticket: queue.Ticket{ID: "2026-11-28/A007", Number: "A007", Service: "C", State: queue.Waiting}}},
	}}
	d := newDesk(t, f, serving(sampleState(), "A007"))
	f.events, f.desk = map[string]protocol.State{protocol.CmdTransfer: sampleState()}, d
	if !d.HandleKey("F5") {
		t.Fatal("F5 did not open the picker")
	}
	v := d.View()
	want := &Picker{TicketID: "2026-11-28/A007", Number: "A007", Options: []Option{
		{Service: "B", Name: "Công nghiệp, hóa chất", Key: "1"},
		{Service: "C", Name: "Điện lực, năng lượng", Key: "2"},
	}}
	if !reflect.DeepEqual(v.Picker, want) {
		t.Fatalf("picker: got %+v, want %+v", v.Picker, want)
	}
	if len(enabledActions(v)) != 0 || d.HandleKey("F3") {
		t.Error("buttons work while the picker is open")
	}
	if !d.HandleKey(KeyEscape) || d.View().Picker != nil {
		t.Fatal("Escape did not close the picker")
	}
	d.HandleKey("F5")
	if !d.HandleKey("2") {
		t.Fatal("digit 2 did not pick")
	}
	d.Wait()
	got := f.commands()
	wantSent := []sent{{protocol.CmdTransfer, protocol.Transfer{TicketID: "2026-11-28/A007", Service: "C"}}}
	if !reflect.DeepEqual(got, wantSent) {
		t.Errorf("sent %v, want %v", got, wantSent)
	}
	v = d.View()
	if v.Picker != nil || v.Current != nil || v.Message.Text != "Đã chuyển số A007 sang lĩnh vực Điện lực, năng lượng." {
		t.Errorf("after transfer: picker=%v current=%v message=%q", v.Picker, v.Current, v.Message.Text)
	}
}

func TestLogin(t *testing.T) {
	st := sampleState()
	st.Counters[0].Clerk, st.Counters[0].ClerkName, st.Counters[0].Status = "", "", queue.CounterClosed
	f := &fakeSender{answers: map[string]answer{
		protocol.CmdClerkLogin: {data: protocol.ClerkReply{Clerk: protocol.ClerkInfo{Username: "hang.nd", Name: "Nguyễn Diệu Hằng", Counter: 1}}},
	}}
	d := newDesk(t, f, st)
	f.events, f.desk = map[string]protocol.State{protocol.CmdClerkLogin: sampleState()}, d
	if d.Login(" ", "1234") {
		t.Error("sent with an empty username")
	}
	if v := d.View(); !v.Message.Error || v.Message.Text == "" {
		t.Errorf("empty username: message %+v", v.Message)
	}
	if !d.Login(" hang.nd ", "1234") {
		t.Fatal("login refused")
	}
	d.Wait()
	want := []sent{{protocol.CmdClerkLogin, protocol.ClerkLogin{Username: "hang.nd", PIN: "1234"}}}
	if got := f.commands(); !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
	v := d.View()
	if v.Screen != ScreenServe || v.ClerkName != "Nguyễn Diệu Hằng" || v.Message.Text != "Xin chào Nguyễn Diệu Hằng." {
		t.Errorf("after login: screen %v clerk %q message %q", v.Screen, v.ClerkName, v.Message.Text)
	}
	d.SetStatus(false, 1, nil)
	if d.View().CanLogin {
		t.Error("login possible offline")
	}
}

func TestLogout(t *testing.T) {
	f := &fakeSender{}
	d := newDesk(t, f, sampleState())
	out := sampleState()
	out.Counters[0].Clerk, out.Counters[0].ClerkName, out.Counters[0].Status = "", "", queue.CounterClosed
	f.events, f.desk = map[string]protocol.State{protocol.CmdClerkLogout: out}, d
	if !d.Do(ActLogout) {
		t.Fatal("logout refused")
	}
	d.Wait()
	if v := d.View(); v.Screen != ScreenLogin {
		t.Errorf("screen after logout: got %v, want login", v.Screen)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"clock seconds", FormatClock(65 * time.Second), "1:05"},
		{"clock hours", FormatClock(time.Hour + 2*time.Minute + 3*time.Second), "1:02:03"},
		{"wait under a minute", FormatWait(59 * time.Second), "dưới 1 phút"},
		{"wait minutes", FormatWait(12*time.Minute + 59*time.Second), "12 phút"},
		{"wait hours", FormatWait(65 * time.Minute), "1 giờ 05 phút"},
		{"percent", FormatPercent(85.71), "85,71%"},
		{"percent whole", FormatPercent(100), "100,00%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

// TestQueueRowsAppointment: an appointment ticket stands after the
// priority ones and before the others, marked "lịch hẹn".
func TestQueueRowsAppointment(t *testing.T) {
	st := sampleState()
	for i := range st.Waiting {
		if st.Waiting[i].Number == "B001" {
			st.Waiting[i].Appointment = true
		}
	}
	d := newDesk(t, &fakeSender{}, st)
	var got []string
	for _, r := range d.View().Queue {
		got = append(got, r.Number+" "+r.Note)
	}
	want := []string{"A002 ", "B001 lịch hẹn", "A001 ", "A003 chuyển từ A"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("queue: got %q, want %q", got, want)
	}
}
