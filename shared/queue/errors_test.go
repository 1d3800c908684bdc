package queue

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorCodeAndMessage(t *testing.T) {
	tests := []struct {
		name        string
		err         error
		wantCode    string
		wantMessage string
	}{
		{"domain error", Errorf(ECONFLICT, "Quầy %d đang tạm nghỉ", 2), ECONFLICT, "Quầy 2 đang tạm nghỉ"},
		{"wrapped domain error", fmt.Errorf("hall: %w", Errorf(ENOTFOUND, "Không tìm thấy số A009")), ENOTFOUND, "Không tìm thấy số A009"},
		{"other error", errors.New("disk full"), EINTERNAL, "Lỗi hệ thống, vui lòng thử lại"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.wantCode {
				t.Errorf("got code %q, want %q", got, tt.wantCode)
			}
			if got := ErrorMessage(tt.err); got != tt.wantMessage {
				t.Errorf("got message %q, want %q", got, tt.wantMessage)
			}
		})
	}
}

// TestCommandErrorsSpeakVietnamese checks that a refusal a person sees
// names the ticket or counter in Vietnamese.
func TestCommandErrorsSpeakVietnamese(t *testing.T) {
	f := newFixture(t)
	f.issue("A", false)
	f.login(1, "hang.nd")
	f.callNext(1)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"closed", errOf(f.e.CallNext(f.now, 2)), "Quầy 2 chưa có công chức đăng nhập"},
		{"busy", errOf(f.e.CallNext(f.now, 1)), "Quầy 1 đang phục vụ số A001"},
		{"logout while serving", f.e.Logout(f.now, 1), "Quầy 1 đang phục vụ số A001; hãy hoàn thành trước khi đăng xuất"},
		{"clerk elsewhere", errOf(f.e.Login(f.now, 2, "hang.nd")), "Nguyễn Diệu Hằng đang đăng nhập tại Quầy 1; hãy đăng xuất ở đó trước"},
		{"after close", func() error { _, _, _, err := f.e.Issue(clock(t, "17:00"), "A", false); return err }(),
			"Ngoài giờ cấp số. Bộ phận Một cửa cấp số từ 07:30 đến 17:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorMessage(tt.err); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
