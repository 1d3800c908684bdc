package model

import (
	"strings"
	"testing"

	"hallq/shared/protocol"
)

func TestFeedback(t *testing.T) {
	tests := []struct {
		name, msg, phone string
		wantErr          string
		wantSent         bool
	}{
		{"ok", "Phòng chờ thiếu ghế", "0912 345 678", "", true},
		{"no phone", "Cần thêm quạt", "", "", true},
		{"empty", "   ", "", "Vui lòng nhập nội dung phản ánh, kiến nghị", false},
		{"too long", strings.Repeat("ạ", MaxFeedback+1), "", "Nội dung tối đa 2000 ký tự", false},
		{"bad phone", "Cần thêm quạt", "abc", "Số điện thoại chưa đúng", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.m.OpenFeedback()
			f.m.SendFeedback(tc.msg, " Nguyễn Văn A ", tc.phone)
			v := f.m.View()
			if got := f.sender.count(protocol.CmdFeedback) == 1; got != tc.wantSent {
				t.Fatalf("sent got %v, want %v", got, tc.wantSent)
			}
			if !tc.wantSent {
				if v.Screen != ScreenFeedback || v.Form.Error != tc.wantErr {
					t.Errorf("got screen %v error %q, want form with %q", v.Screen, v.Form.Error, tc.wantErr)
				}
				return
			}
			want := protocol.FeedbackMsg{Message: tc.msg, Name: "Nguyễn Văn A", Phone: tc.phone}
			if got := f.sender.last().data; got != want {
				t.Errorf("sent %+v, want %+v", got, want)
			}
			if v.Screen != ScreenDone || !strings.Contains(v.Done.Text, "số 12") || !strings.Contains(v.Done.Text, "Phòng Tổng hợp") {
				t.Errorf("done got %v %q, want thanks with id and contact", v.Screen, v.Done.Text)
			}
		})
	}
}

func TestExit(t *testing.T) {
	f := newFixture(t)
	quit := 0
	f.m.cfg.CheckPIN = func(pin string) bool { return pin == "2468" }
	f.m.cfg.Quit = func() { quit++ }
	f.m.RequestExit()
	f.m.SubmitExitPIN("1111")
	if v := f.m.View(); v.Screen != ScreenExit || v.ExitError == "" || quit != 0 {
		t.Fatalf("wrong PIN got screen %v error %q quit %d", v.Screen, v.ExitError, quit)
	}
	f.m.SubmitExitPIN("2468")
	if quit != 1 {
		t.Errorf("right PIN quit got %d, want 1", quit)
	}
}

func TestNoExitWithoutPIN(t *testing.T) {
	f := newFixture(t)
	f.m.RequestExit()
	if got := f.m.View().Screen; got != ScreenHome {
		t.Errorf("screen got %v, want home (no PIN configured)", got)
	}
}
