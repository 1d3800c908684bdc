package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"hallq/display/model"
)

func TestFitWrapped(t *testing.T) {
	_ = newTestScreen(t, 1280, 720) // a test app, for measuring text
	style := fyne.TextStyle{}
	tests := []struct {
		name      string
		text      string
		box       fyne.Size
		lo, hi    float32
		wantLines []string
		wantSize  func(float32) bool
	}{
		{"short stays on one line at the top size", "B · Điện lực", fyne.NewSize(400, 80), 10, 30,
			[]string{"B · Điện lực"}, func(s float32) bool { return s == 30 }},
		{"long breaks in two to be larger", "A · Lưu thông hàng hóa trong nước", fyne.NewSize(300, 80), 10, 40,
			[]string{"A · Lưu thông hàng", "hóa trong nước"}, func(s float32) bool { return s > 20 }},
		{"one word cannot break", "Supercalifragilistic", fyne.NewSize(100, 80), 5, 40,
			[]string{"Supercalifragilistic"}, func(s float32) bool { return s < 20 }},
		{"cut at the bottom size", "một hai ba bốn năm sáu bảy tám chín mười", fyne.NewSize(60, 30), 12, 12,
			nil, func(s float32) bool { return s == 12 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, size := fitWrapped(tt.text, style, tt.box, tt.lo, tt.hi)
			if tt.wantLines != nil && !slices.Equal(lines, tt.wantLines) {
				t.Errorf("lines = %q, want %q", lines, tt.wantLines)
			}
			if !tt.wantSize(size) {
				t.Errorf("size = %v", size)
			}
			for _, l := range lines {
				if w := fyne.MeasureText(l, size, style).Width; w > tt.box.Width*1.05 { // sizes scale text almost, not exactly, linearly
					t.Errorf("line %q is %v wide in a box of %v", l, w, tt.box.Width)
				}
			}
		})
	}
}

// TestServiceNamesShareOneSize checks that the waiting strip shows every
// service's whole name, in one text size, at the three screen sizes.
func TestServiceNamesShareOneSize(t *testing.T) {
	services := []model.Service{
		{ID: "A", Name: "Lưu thông hàng hóa trong nước", Waiting: 4},
		{ID: "B", Name: "Xúc tiến thương mại", Waiting: 2},
		{ID: "C", Name: "Điện lực và năng lượng"},
		{ID: "D", Name: "Hóa chất và vật liệu nổ công nghiệp", Waiting: 12},
		{ID: "E", Name: "An toàn thực phẩm", Waiting: 5},
		{ID: "F", Name: "Công nghiệp địa phương", Waiting: 2},
	}
	for _, sz := range []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1280, Height: 720}, {Width: 1080, Height: 1920}} {
		s := newTestScreen(t, sz.Width, sz.Height)
		v := sampleView()
		v.Services = services
		s.render(v)
		s.root.Refresh()
		size := s.waiting.chips[0].name.Max
		for i, c := range s.waiting.chips {
			if c.name.Min != size || c.name.Max != size {
				t.Errorf("%v: chip %d name size [%v, %v], chip 1 %v", sz, i+1, c.name.Min, c.name.Max, size)
			}
			lines, _ := fitWrapped(c.name.Text, c.name.textStyle(), c.name.Size(), c.name.Min, c.name.Max)
			for _, l := range lines {
				if len(l) > 0 && l[len(l)-len("…"):] == "…" {
					t.Errorf("%v: chip %d name cut: %q", sz, i+1, lines)
				}
			}
		}
		if size < 20*min(sz.Width, sz.Height)/1080 {
			t.Errorf("%v: names at size %v, too small to read", sz, size)
		}
	}
}
