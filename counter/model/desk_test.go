package model

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

func TestScreen(t *testing.T) {
	noClerk := sampleState()
	noClerk.Counters[0].Clerk, noClerk.Counters[0].ClerkName, noClerk.Counters[0].Status = "", "", queue.CounterClosed
	display := counterHello()
	display.Role, display.Counter = protocol.RoleDisplay, 0
	unknown := counterHello()
	unknown.Counter = 7
	tests := []struct {
		name  string
		hello *protocol.HelloReply
		state *protocol.State
		want  Screen
	}{
		{"nothing yet", nil, nil, ScreenConnecting},
		{"hello without state", ptr(counterHello()), nil, ScreenConnecting},
		{"not a counter device", &display, ptr(sampleState()), ScreenUnbound},
		{"counter not configured", &unknown, ptr(sampleState()), ScreenUnbound},
		{"no clerk signed in", ptr(counterHello()), &noClerk, ScreenLogin},
		{"clerk signed in", ptr(counterHello()), ptr(sampleState()), ScreenServe},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Config{Sender: &fakeSender{}, Now: func() time.Time { return t0 }})
			defer d.Close()
			if tt.hello != nil {
				d.SetHello(*tt.hello)
			}
			if tt.state != nil {
				d.SetState(*tt.state)
			}
			v := d.View()
			if v.Screen != tt.want {
				t.Errorf("screen: got %v, want %v", v.Screen, tt.want)
			}
			if (tt.want == ScreenConnecting || tt.want == ScreenUnbound) && v.Notice == "" {
				t.Errorf("no notice for screen %v", v.Screen)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestEnabledActions(t *testing.T) {
	paused := sampleState()
	paused.Counters[0].Status = queue.CounterPaused
	empty := sampleState()
	empty.Waiting = empty.Waiting[2:3] // only C001, not served here
	oneService := serving(sampleState(), "A007")
	oneService.Services = oneService.Services[:1]
	tests := []struct {
		name   string
		state  protocol.State
		online bool
		want   []Action
	}{
		{"open and idle", sampleState(), true, []Action{ActCallNext, ActPause, ActCallTicket, ActLogout}},
		{"open, nothing waiting", empty, true, []Action{ActPause, ActCallTicket, ActLogout}},
		{"serving", serving(sampleState(), "A007"), true, []Action{ActRecall, ActFinish, ActNoShow, ActTransfer, ActHold, ActPause}},
		{"serving, no other service", oneService, true, []Action{ActRecall, ActFinish, ActNoShow, ActHold, ActPause}},
		{"paused", paused, true, []Action{ActPause, ActLogout}},
		{"paused while serving", serving(paused, "A007"), true, []Action{ActRecall, ActFinish, ActNoShow, ActTransfer, ActHold, ActPause}},
		{"offline", sampleState(), false, nil},
		{"offline while serving", serving(sampleState(), "A007"), false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDesk(t, &fakeSender{}, tt.state)
			d.SetStatus(tt.online, 3, errors.New("dial: refused"))
			v := d.View()
			if got := enabledActions(v); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("enabled: got %v, want %v", got, tt.want)
			}
			if tt.online == (v.Connection != "") {
				t.Errorf("connection line %q while online=%v", v.Connection, tt.online)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	ref := protocol.TicketRef{TicketID: "2026-11-28/A007"}
	tests := []struct {
		name     string
		key      string
		state    protocol.State
		wantTyp  string
		wantData any
	}{
		{"F1 calls next", "F1", sampleState(), protocol.CmdCallNext, nil},
		{"Enter calls next", KeyReturn, sampleState(), protocol.CmdCallNext, nil},
		{"keypad Enter calls next", KeyEnter, sampleState(), protocol.CmdCallNext, nil},
		{"F2 recalls", "F2", serving(sampleState(), "A007"), protocol.CmdRecall, ref},
		{"F3 finishes", "F3", serving(sampleState(), "A007"), protocol.CmdFinish, protocol.Finish{TicketID: ref.TicketID}},
		{"F4 marks no-show", "F4", serving(sampleState(), "A007"), protocol.CmdNoShow, ref},
		{"F6 holds", "F6", serving(sampleState(), "A007"), protocol.CmdHold, ref},
		{"F8 pauses", "F8", sampleState(), protocol.CmdPause, nil},
		{"F8 resumes", "F8", func() protocol.State {
			s := sampleState()
			s.Counters[0].Status = queue.CounterPaused
			return s
		}(), protocol.CmdResume, nil},
		{"F1 while serving does nothing", "F1", serving(sampleState(), "A007"), "", nil},
		{"F3 while idle does nothing", "F3", sampleState(), "", nil},
		{"F7 does nothing", "F7", sampleState(), "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeSender{}
			d := newDesk(t, f, tt.state)
			handled := d.HandleKey(tt.key)
			d.Wait()
			got := f.commands()
			if tt.wantTyp == "" {
				if handled || len(got) != 0 {
					t.Errorf("got handled=%v, sent %v; want nothing", handled, got)
				}
				return
			}
			want := []sent{{tt.wantTyp, tt.wantData}}
			if !handled || !reflect.DeepEqual(got, want) {
				t.Errorf("got handled=%v, sent %v; want %v", handled, got, want)
			}
		})
	}
}

func TestKeysOnLoginScreen(t *testing.T) {
	st := sampleState()
	st.Counters[0].Clerk = ""
	f := &fakeSender{}
	d := newDesk(t, f, st)
	for _, k := range []string{"F1", KeyReturn, "F8"} {
		if d.HandleKey(k) {
			t.Errorf("key %s handled on the sign-in screen", k)
		}
	}
	d.Wait()
	if got := f.commands(); len(got) != 0 {
		t.Errorf("sent %v, want nothing", got)
	}
}

func TestOneCommandInFlight(t *testing.T) {
	called := ticket("A002", 5, true, 5)
	called.State, called.Counter, called.Clerk = queue.Called, 1, "hang.nd"
	f := &fakeSender{gate: make(chan struct{}), answers: map[string]answer{
		protocol.CmdCallNext: {data: protocol.TicketReply{Ticket: called}},
	}}
	d := newDesk(t, f, sampleState())
	after := sampleState()
	after.Waiting = slices.DeleteFunc(after.Waiting, func(t queue.Ticket) bool { return t.ID == called.ID })
	after.Counters[0].Ticket = &called
	f.events, f.desk = map[string]protocol.State{protocol.CmdCallNext: after}, d
	if !d.Do(ActCallNext) {
		t.Fatal("first call next refused")
	}
	v := d.View()
	if !v.Busy || len(enabledActions(v)) != 0 {
		t.Errorf("in flight: busy=%v enabled=%v; want busy, nothing enabled", v.Busy, enabledActions(v))
	}
	if d.Do(ActCallNext) || d.HandleKey("F1") || d.CallTicket("2026-11-28/A001") {
		t.Error("second command accepted while one is in flight")
	}
	close(f.gate)
	d.Wait()
	// The call's event came before its reply (as the server sends them),
	// so when the buttons come back "call next" is disabled.
	v = d.View()
	if v.Current == nil || v.Current.Number != "A002" {
		t.Fatalf("current: got %+v, want A002", v.Current)
	}
	if d.Do(ActCallNext) {
		t.Error("call next accepted while serving")
	}
	if got := len(f.commands()); got != 1 {
		t.Errorf("sent %d commands, want 1", got)
	}
	if v.Message.Text != "Đã gọi số A002." || v.Message.Error {
		t.Errorf("message: got %+v", v.Message)
	}
	for _, r := range v.Queue {
		if r.Number == "A002" {
			t.Error("called ticket still in the queue")
		}
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		name   string
		typ    string
		err    error
		online bool
		want   string
	}{
		{"server conflict message", protocol.CmdCallNext, &queue.Error{Code: queue.ECONFLICT, Message: "Quầy 1 đang phục vụ số A004"}, true, "Quầy 1 đang phục vụ số A004"},
		{"conflict without message", protocol.CmdFinish, &queue.Error{Code: queue.ECONFLICT}, true, "Thao tác không phù hợp với trạng thái hiện tại của quầy hoặc của số."},
		{"queue empty", protocol.CmdCallNext, &queue.Error{Code: queue.EQUEUEEMPTY}, true, "Không còn số nào đang chờ."},
		{"wrong PIN", protocol.CmdClerkLogin, &queue.Error{Code: queue.EUNAUTHORIZED}, true, "Sai tên đăng nhập hoặc mã PIN."},
		{"rate limited", protocol.CmdClerkLogin, &queue.Error{Code: queue.ERATELIMITED, Message: "Tài khoản tạm khóa 5 phút"}, true, "Tài khoản tạm khóa 5 phút"},
		{"rate limited without message", protocol.CmdClerkLogin, &queue.Error{Code: queue.ERATELIMITED}, true, "Nhập sai quá nhiều lần. Vui lòng thử lại sau 5 phút."},
		{"offline", protocol.CmdCallNext, errors.New("hallclient: offline"), false, "Mất kết nối máy chủ, thao tác chưa được thực hiện. Vui lòng thử lại khi có kết nối."},
		{"timeout", protocol.CmdCallNext, context.DeadlineExceeded, true, "Máy chủ không phản hồi. Vui lòng thử lại."},
		{"other failure", protocol.CmdCallNext, errors.New("boom"), true, "Không gửi được thao tác tới máy chủ. Vui lòng thử lại."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errorText(tt.typ, tt.err, tt.online); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestConflictShown(t *testing.T) {
	f := &fakeSender{answers: map[string]answer{
		protocol.CmdCallNext: {err: &queue.Error{Code: queue.ECONFLICT, Message: "Quầy 1 đang tạm nghỉ"}},
	}}
	d := newDesk(t, f, sampleState())
	d.Do(ActCallNext)
	d.Wait()
	v := d.View()
	if want := (Message{Text: "Quầy 1 đang tạm nghỉ", Error: true}); v.Message != want {
		t.Errorf("message: got %+v, want %+v", v.Message, want)
	}
	if !v.Can(ActCallNext) {
		t.Error("call next disabled after a refusal")
	}
}

func TestConnectionLine(t *testing.T) {
	tests := []struct {
		name    string
		attempt int
		err     error
		want    string
	}{
		{"first attempt", 0, nil, "Mất kết nối máy chủ. Đang kết nối lại… Các nút thao tác tạm khóa."},
		{"retrying", 4, errors.New("dial tcp: refused"), "Mất kết nối máy chủ. Đang kết nối lại (lần 4)… Các nút thao tác tạm khóa."},
		{"token refused", 2, &queue.Error{Code: queue.EUNAUTHORIZED, Message: "sai token"}, "Thiết bị chưa được cấp quyền (sai mã thiết bị hoặc token). Vui lòng báo quản trị hệ thống."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDesk(t, &fakeSender{}, sampleState())
			d.SetStatus(false, tt.attempt, tt.err)
			if got := d.View().Connection; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			d.SetStatus(true, 0, tt.err)
			if got := d.View().Connection; got != "" {
				t.Errorf("online: got %q, want none", got)
			}
		})
	}
}
