package model_test

import (
	"slices"
	"strings"
	"testing"

	"hallq/counter/model"
)

// serverCodes returns the file codes the server holds for number among
// its recent calls.
func (h *realHall) serverCodes(number string) []string {
	for _, t := range h.srv.Hall.State().RecentCalls {
		if t.Number == number {
			return t.FileCodes
		}
	}
	return nil
}

// TestRealFileCodes types file codes for the ticket being served against
// the real server: checked as typed, added, removed, and a code typed but
// not added goes with finish.
func TestRealFileCodes(t *testing.T) {
	h := startRealHall(t)
	h.issue(t, "A", "A")
	h.signIn(t)
	h.waitSettled(t, "the queue", func(v model.View) bool { return len(v.Queue) == 2 })
	v := h.do(t, model.ActCallNext)
	if !v.CanEditFileCodes || len(v.Current.FileCodes) != 0 {
		t.Fatalf("serving A001: can edit %v, codes %v; want editable, none", v.CanEditFileCodes, v.Current.FileCodes)
	}

	tests := []struct{ typed, hint string }{
		{"", ""},
		{"H12.34-251128-0001", ""},
		{"  H12/7  ", ""},
		{"H12 34", "ký tự ' ' không hợp lệ"},
		{"HỒ-SƠ", "không hợp lệ"},
		{strings.Repeat("9", 33), "tối đa 32"},
	}
	for _, tt := range tests {
		h.desk.SetFileCodeInput(tt.typed)
		v = h.desk.View()
		if (tt.hint == "") != (v.FileCodeHint == "") || !strings.Contains(v.FileCodeHint, tt.hint) {
			t.Errorf("typed %q: hint %q, want one with %q", tt.typed, v.FileCodeHint, tt.hint)
		}
	}
	if h.desk.AddFileCode() {
		t.Fatal("AddFileCode sent a code 33 characters long")
	}
	if v = h.desk.View(); !v.Message.Error || !strings.Contains(v.Message.Text, "Mã hồ sơ") {
		t.Errorf("refused code: message %+v, want an error naming the file code", v.Message)
	}

	add := func(code string) model.View {
		t.Helper()
		h.desk.SetFileCodeInput(code)
		if !h.desk.AddFileCode() {
			t.Fatalf("AddFileCode(%q) refused: %+v", code, h.desk.View().Message)
		}
		h.desk.Wait()
		return h.waitSettled(t, code+" on the ticket", func(v model.View) bool {
			return v.Current != nil && slices.Contains(v.Current.FileCodes, strings.TrimSpace(code))
		})
	}
	add("H12.34-251128-0001")
	v = add(" B/2025/7 ")
	if v.FileCodeInput != "" || v.Message.Text != "Đã lưu mã hồ sơ của số A001." {
		t.Errorf("after adding: field %q, message %q; want the field cleared and the codes saved", v.FileCodeInput, v.Message.Text)
	}
	h.desk.SetFileCodeInput("h12.34-251128-0001")
	if v = h.desk.View(); !strings.Contains(v.FileCodeHint, "trùng") {
		t.Errorf("a repeated code: hint %q, want trùng", v.FileCodeHint)
	}
	if !h.desk.RemoveFileCode("H12.34-251128-0001") {
		t.Fatal("RemoveFileCode refused")
	}
	h.desk.Wait()
	v = h.waitSettled(t, "the code removed", func(v model.View) bool { return len(v.Current.FileCodes) == 1 })
	if v.FileCodeInput != "h12.34-251128-0001" {
		t.Errorf("removing a code cleared the field: %q", v.FileCodeInput)
	}

	// A bad code typed stops the finish; a good one goes with it.
	h.desk.SetFileCodeInput("bad code")
	if h.desk.Do(model.ActFinish) {
		t.Fatal("finish sent with a bad code typed")
	}
	if v = h.desk.View(); !v.Message.Error || v.Current == nil {
		t.Errorf("finish with a bad code: message %+v, ticket %v; want an error, still serving", v.Message, v.Current)
	}
	h.desk.SetFileCodeInput("000.00.12.H12-251128-0009")
	v = h.do(t, model.ActFinish)
	if v.Current != nil || v.FileCodeInput != "" {
		t.Errorf("after finish: serving %v, field %q; want none, cleared", v.Current, v.FileCodeInput)
	}
	if got, want := h.serverCodes("A001"), []string{"B/2025/7", "000.00.12.H12-251128-0009"}; !slices.Equal(got, want) {
		t.Errorf("server's A001 codes: got %v, want %v", got, want)
	}

	// The next ticket starts with none; finish with an empty field sends none.
	v = h.do(t, model.ActCallNext)
	if len(v.Current.FileCodes) != 0 {
		t.Errorf("A002 starts with codes %v", v.Current.FileCodes)
	}
	h.do(t, model.ActFinish)
	if got := h.serverCodes("A002"); len(got) != 0 {
		t.Errorf("server's A002 codes: got %v, want none", got)
	}
}
