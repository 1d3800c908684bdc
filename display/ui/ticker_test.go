package ui

import (
	"slices"
	"testing"
	"time"
)

func TestPaginate(t *testing.T) {
	// Each character is 1 unit wide.
	measure := func(s string) float32 { return float32(len([]rune(s))) }
	tests := []struct {
		name  string
		msg   string
		width float32
		want  []string
	}{
		{"empty", "  ", 20, nil},
		{"fits", "Góp ý: ĐT 0274", 20, []string{"Góp ý: ĐT 0274"}},
		{"parts", "Góp ý: ĐT 0274" + tickerSep + "Giờ làm việc 7:30", 20, []string{"Góp ý: ĐT 0274", "Giờ làm việc 7:30"}},
		{"words", "một hai ba bốn năm sáu bảy", 10, []string{"một hai ba", "bốn năm", "sáu bảy"}},
		{"a word longer than the line", "nghiêngnghiêng ba", 5, []string{"nghiêngnghiêng", "ba"}},
		{"a phone number stays whole", "Phòng Tổng hợp, ĐT 0274 3822 513, email", 22, []string{"Phòng Tổng hợp,", "ĐT 0274 3822 513,", "email"}},
		{"pages end with sentences", "Một hai ba. Bốn năm sáu bảy. Tám.", 22, []string{"Một hai ba.", "Bốn năm sáu bảy. Tám."}},
		{"but not when too short", "Một. Hai ba bốn năm sáu bảy", 16, []string{"Một. Hai ba bốn", "năm sáu bảy"}},
		{"hours stay whole", "làm việc 07:30 - 17:00 hằng ngày", 16, []string{"làm việc", "07:30 - 17:00", "hằng ngày"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := paginate(tt.msg, tt.width, measure); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTickerTurnsPages(t *testing.T) {
	s := newTestScreen(t, 1280, 720)
	v := sampleView()
	s.render(v)
	tk := s.ticker
	if len(tk.pages) < 2 {
		t.Fatalf("pages = %q, want the long sample cut in several", tk.pages)
	}
	seen := map[string]bool{}
	for i := range len(tk.pages) {
		s.tick(time.Unix(0, 0).Add(time.Duration(i) * tickerPage))
		seen[tk.text.Text] = true
	}
	if len(seen) != len(tk.pages) {
		t.Errorf("showed %d distinct pages of %d", len(seen), len(tk.pages))
	}
}
