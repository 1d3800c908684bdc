package model_test

import (
	"slices"
	"testing"
	"time"

	"hallq/counter/model"
	"hallq/shared/queue"
)

// numbers lists the numbers of rows.
func numbers(rows []model.Row) []string {
	var ns []string
	for _, r := range rows {
		ns = append(ns, r.Number)
	}
	return ns
}

func current(v model.View) string {
	if v.Current == nil {
		return ""
	}
	return v.Current.Number
}

func TestRealSignIn(t *testing.T) {
	h := startRealHall(t)
	if !h.desk.Login("hang.nd", "9999") {
		t.Fatal("Login with a wrong PIN refused to send")
	}
	v := h.waitSettled(t, "the wrong PIN's reply", func(v model.View) bool { return v.Message.Text != "" })
	if v.Screen != model.ScreenLogin || !v.Message.Error || v.Message.Text != "Sai tên đăng nhập hoặc mã PIN" {
		t.Errorf("wrong PIN: got screen %v, message %+v; want the sign-in screen with %q", v.Screen, v.Message, "Sai tên đăng nhập hoặc mã PIN")
	}
	if !v.CanLogin {
		t.Error("after a wrong PIN the sign-in button stays disabled")
	}
	h.signIn(t)
	v = h.desk.View()
	if v.Message.Text != "Xin chào Nguyễn Diệu Hằng." || v.Message.Error {
		t.Errorf("message after signing in: got %+v, want Xin chào Nguyễn Diệu Hằng.", v.Message)
	}
	if v.ClerkName != "Nguyễn Diệu Hằng" || v.CounterName != "Quầy 1" || v.StatusText != "Đang mở" {
		t.Errorf("top bar: got %q %q %q, want Quầy 1, Nguyễn Diệu Hằng, Đang mở", v.CounterName, v.ClerkName, v.StatusText)
	}
	if c := h.srv.Hall.State().Counters[0]; c.Clerk != "hang.nd" || c.Status != queue.CounterOpen {
		t.Errorf("server's counter 1: got clerk %q status %q, want hang.nd open", c.Clerk, c.Status)
	}
}

func TestRealServeCycle(t *testing.T) {
	h := startRealHall(t)
	h.issue(t, "A", "B", "A", "C") // C is not served at counter 1
	h.signIn(t)
	v := h.waitSettled(t, "the queue", func(v model.View) bool { return len(v.Queue) == 3 })
	if got, want := numbers(v.Queue), []string{"A001", "B001", "A002"}; !slices.Equal(got, want) {
		t.Errorf("queue: got %v, want %v", got, want)
	}

	v = h.do(t, model.ActCallNext)
	if current(v) != "A001" || v.Message.Text != "Đã gọi số A001." {
		t.Errorf("call next: got ticket %q, message %q; want A001, Đã gọi số A001.", current(v), v.Message.Text)
	}
	if got := h.calledAt(1); got != "A001" {
		t.Errorf("server: counter 1 calls %q, want A001", got)
	}
	v = h.waitSettled(t, "A001 to leave the queue", func(v model.View) bool { return len(v.Queue) == 2 })
	if got, want := numbers(v.Queue), []string{"B001", "A002"}; !slices.Equal(got, want) {
		t.Errorf("queue after the call: got %v, want %v", got, want)
	}

	if v.Current.Serving > time.Minute || v.Queue[0].Wait > time.Minute || v.Queue[0].Alert {
		t.Errorf("times on a computer three hours fast: serving %v, first in queue waits %v (alert %v); want under a minute",
			v.Current.Serving, v.Queue[0].Wait, v.Queue[0].Alert)
	}

	v = h.do(t, model.ActRecall)
	if v.Current == nil || v.Current.Recalls != 1 || v.Message.Text != "Đã gọi lại số A001." {
		t.Errorf("recall: got %+v, message %q; want A001 recalled once", v.Current, v.Message.Text)
	}

	v = h.do(t, model.ActFinish)
	if v.Current != nil || v.Message.Text != "Đã hoàn thành số A001." {
		t.Errorf("finish: got ticket %q, message %q; want none, Đã hoàn thành số A001.", current(v), v.Message.Text)
	}
	v = h.waitSettled(t, "the day's figures", func(v model.View) bool { return v.Stats.Finished == 1 })
	if !v.Can(model.ActCallNext) {
		t.Error("after finishing, call next is disabled with two tickets waiting")
	}
	if got := h.calledAt(1); got != "" {
		t.Errorf("server: counter 1 still calls %q after finish", got)
	}
}

func TestRealTransferAndHold(t *testing.T) {
	h := startRealHall(t)
	h.issue(t, "A", "B")
	h.signIn(t)
	h.waitSettled(t, "the queue", func(v model.View) bool { return len(v.Queue) == 2 })
	h.do(t, model.ActCallNext)

	if !h.desk.Do(model.ActTransfer) {
		t.Fatal("transfer did not open the picker")
	}
	v := h.desk.View()
	if v.Picker == nil || v.Picker.Number != "A001" || len(v.Picker.Options) == 0 {
		t.Fatalf("picker: got %+v, want one for A001 with options", v.Picker)
	}
	if !h.desk.HandleKey("4") { // services B C D E F: the 4th is E
		t.Fatal("key 4 in the picker did nothing")
	}
	h.desk.Wait()
	v = h.waitSettled(t, "the transfer", func(v model.View) bool { return v.Current == nil && len(v.Queue) == 1 })
	if v.Message.Error || v.Picker != nil {
		t.Errorf("transfer: got message %+v, picker %+v; want success, picker closed", v.Message, v.Picker)
	}
	st := h.srv.Hall.State()
	if i := slices.IndexFunc(st.Waiting, func(t queue.Ticket) bool { return t.Number == "A001" }); i < 0 || st.Waiting[i].Service != "E" {
		t.Errorf("server: A001 is not waiting in E: %+v", st.Waiting)
	}

	v = h.do(t, model.ActCallNext)
	if current(v) != "B001" {
		t.Fatalf("call next after the transfer: got %q, want B001", current(v))
	}
	v = h.do(t, model.ActHold)
	if v.Current != nil || !slices.Equal(numbers(v.Held), []string{"B001"}) {
		t.Errorf("hold: got ticket %q, held %v; want none, [B001]", current(v), numbers(v.Held))
	}
	if n := len(h.srv.Hall.State().Held); n != 1 {
		t.Errorf("server: %d tickets held, want 1", n)
	}

	if !h.desk.CallTicket(v.Held[0].TicketID) {
		t.Fatal("calling the held ticket back refused")
	}
	h.desk.Wait()
	v = h.waitSettled(t, "the held ticket called back", func(v model.View) bool { return len(v.Held) == 0 })
	if current(v) != "B001" || v.Message.Error {
		t.Errorf("call back: got ticket %q, message %+v; want B001", current(v), v.Message)
	}
	if got := h.calledAt(1); got != "B001" {
		t.Errorf("server: counter 1 calls %q, want B001", got)
	}
	h.do(t, model.ActFinish)
}

// TestRealCutDuringCall cuts the link after the server applied call_next
// and before its reply reached the counter: the command is re-sent after
// the reconnect and exactly one ticket is called.
func TestRealCutDuringCall(t *testing.T) {
	h := startRealHall(t)
	h.issue(t, "A", "A", "A")
	h.signIn(t)
	h.waitSettled(t, "the queue", func(v model.View) bool { return len(v.Queue) == 3 })

	h.proxy.Mute(true)
	if !h.desk.Do(model.ActCallNext) {
		t.Fatal("call next refused")
	}
	waitFor(t, "the server to apply call_next", func() bool { return h.calledAt(1) != "" })
	h.proxy.Cut()
	h.proxy.Mute(false)
	waitFor(t, "the desk to show the call in flight while offline", h.offlineBusy.Load)

	v := h.waitSettled(t, "the reply after the reconnect", func(v model.View) bool { return v.Online && v.Current != nil })
	if current(v) != "A001" || v.Message.Error || v.Message.Text != "Đã gọi số A001." {
		t.Errorf("after the reconnect: got ticket %q, message %+v; want A001 called without error", current(v), v.Message)
	}
	v = h.waitSettled(t, "the queue to follow", func(v model.View) bool { return len(v.Queue) == 2 })
	if got, want := numbers(v.Queue), []string{"A002", "A003"}; !slices.Equal(got, want) {
		t.Errorf("queue: got %v, want %v", got, want)
	}
	st := h.srv.Hall.State()
	if len(st.RecentCalls) != 1 || st.RecentCalls[0].Number != "A001" || len(st.Waiting) != 2 {
		t.Errorf("server: recent calls %v, %d waiting; want exactly A001 called, 2 waiting", st.RecentCalls, len(st.Waiting))
	}
}

// TestRealDoubleClick presses "call next" twice in quick succession, by
// click and by key: one ticket is called.
func TestRealDoubleClick(t *testing.T) {
	h := startRealHall(t)
	h.issue(t, "A", "A", "A")
	h.signIn(t)
	h.waitSettled(t, "the queue", func(v model.View) bool { return len(v.Queue) == 3 })

	if !h.desk.Do(model.ActCallNext) {
		t.Fatal("the first call next refused")
	}
	if h.desk.Do(model.ActCallNext) {
		t.Error("a second click while the first call is in flight sent again")
	}
	if h.desk.HandleKey("F1") || h.desk.HandleKey("Return") {
		t.Error("F1 or Enter while the first call is in flight sent again")
	}
	h.desk.Wait()
	if h.desk.Do(model.ActCallNext) || h.desk.HandleKey("F1") {
		t.Error("call next right after the reply sent again while a ticket is called")
	}
	h.desk.Wait()
	v := h.waitSettled(t, "the queue to follow", func(v model.View) bool { return len(v.Queue) == 2 })
	if current(v) != "A001" || v.Message.Error {
		t.Errorf("got ticket %q, message %+v; want A001 without error", current(v), v.Message)
	}
	st := h.srv.Hall.State()
	if len(st.RecentCalls) != 1 || len(st.Waiting) != 2 {
		t.Errorf("server: %d calls, %d waiting; want 1 call, 2 waiting", len(st.RecentCalls), len(st.Waiting))
	}
}
