package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestVersionInTicker: the version sits small at the ticker's right end,
// clear of the message, when the page leaves it room; a page that takes
// the whole line (the feedback contact on a portrait screen) hides it,
// and the message is laid out as without a version.
func TestVersionInTicker(t *testing.T) {
	tests := []struct {
		w, h   float32
		ticker string // "": the sample's
		want   bool
	}{
		{1920, 1080, "", true},
		{1280, 720, "", true},
		{1080, 1920, "", false},
		{1080, 1920, "Góp ý: ĐT 0274 3822 567", true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%vx%v %q", tt.w, tt.h, tt.ticker), func(t *testing.T) {
			s := newTestScreen(t, tt.w, tt.h)
			v := sampleView()
			if tt.ticker != "" {
				v.Ticker = tt.ticker
			}
			s.render(v)
			s.root.Refresh()
			tk := s.ticker
			if tk.version == nil || tk.version.Text != "Phiên bản 1.2.0" {
				t.Fatalf("version: got %v, want the text \"Phiên bản 1.2.0\"", tk.version)
			}
			if tk.version.Visible() != tt.want {
				t.Fatalf("version shown: got %v, want %v (page %q)", tk.version.Visible(), tt.want, tk.text.Text)
			}
			bar, text, ver := tk.box.Size(), tk.text, tk.version
			if ver.TextSize > bar.Height*0.3 || ver.TextSize < 12 {
				t.Errorf("version text size %v: want small (at most %v) but readable (12)", ver.TextSize, bar.Height*0.3)
			}
			if ver.Position().X+ver.Size().Width > bar.Width || ver.Position().Y < 0 || ver.Position().Y+ver.Size().Height > bar.Height {
				t.Errorf("version at %v size %v leaves the %v ticker", ver.Position(), ver.Size(), bar)
			}
			if tt.want && text.Position().X+text.Size().Width > ver.Position().X {
				t.Errorf("page %q ends at x %v, over the version at %v", text.Text, text.Position().X+text.Size().Width, ver.Position().X)
			}
			plain := newTickerView("")
			plain.box.Resize(bar)
			plain.set(v.Ticker)
			if fmt.Sprint(plain.pages) != fmt.Sprint(tk.pages) || plain.text.Position() != text.Position() {
				t.Errorf("pages %q at %v, want as without a version: %q at %v", tk.pages, text.Position(), plain.pages, plain.text.Position())
			}
		})
	}
}

// TestNoVersionNoText: without a version the ticker holds no version text.
func TestNoVersionNoText(t *testing.T) {
	s := newScreen(test.NewTempApp(t), Options{Size: fyne.NewSize(1280, 720)})
	defer s.win.Close()
	if s.ticker.version != nil || len(s.ticker.box.Objects) != 2 {
		t.Errorf("got version %v and %d objects in the ticker, want none and 2", s.ticker.version, len(s.ticker.box.Objects))
	}
}
