package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// TestVersionShown: the version shows once on every screen: under the
// hall's name on the serve screen (whose height is all taken at
// 1366x768), at the bottom right of the sign-in screen.
func TestVersionShown(t *testing.T) {
	tests := []struct {
		name       string
		prep       func(h *harness)
		minY, maxY float32 // where the text's top may lie
	}{
		{"serve", func(h *harness) { h.setState(serving(sampleState())) }, 0, 60},
		{"sign-in", func(h *harness) { h.setState(signedOut(sampleState())) }, 720, 768},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, sampleState(), nil)
			tt.prep(h)
			h.ui.Window().Resize(fyne.NewSize(1366, 768))
			var shown []*canvas.Text
			for _, o := range test.LaidOutObjects(h.ui.Window().Content()) {
				if txt, ok := o.(*canvas.Text); ok && txt.Text == "Phiên bản 1.2.0" && visible(h, o) {
					shown = append(shown, txt)
				}
			}
			if len(shown) != 1 {
				t.Fatalf("got the version shown %d times, want once", len(shown))
			}
			// Aligned right: its text ends where its box does.
			txt := shown[0]
			p := fyne.CurrentApp().Driver().AbsolutePositionForObject(txt)
			if p.Y < tt.minY || p.Y > tt.maxY || p.X+txt.Size().Width < 1366*0.75 || txt.Alignment != fyne.TextAlignTrailing {
				t.Errorf("version at %v size %v, want its top between y %v and %v, aligned right in the right quarter", p, txt.Size(), tt.minY, tt.maxY)
			}
		})
	}
}

// visible reports whether o and every container holding it are visible.
func visible(h *harness, o fyne.CanvasObject) bool {
	var walk func(c fyne.CanvasObject) (found, vis bool)
	walk = func(c fyne.CanvasObject) (bool, bool) {
		if c == o {
			return true, c.Visible()
		}
		var kids []fyne.CanvasObject
		switch c := c.(type) {
		case *fyne.Container:
			kids = c.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(c).Objects()
		}
		for _, k := range kids {
			if found, vis := walk(k); found {
				return true, vis && c.Visible()
			}
		}
		return false, false
	}
	_, vis := walk(h.ui.Window().Content())
	return vis
}
