package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"hallq/kiosk/model"
)

// TestVersionShown: the version is at the bottom right of every screen,
// in landscape and portrait, and absent when main gives none.
func TestVersionShown(t *testing.T) {
	for _, size := range []fyne.Size{landscape, portrait} {
		f := newFixture(t, size, fakePrinter{})
		checkVersion(t, f, size, "home")
		test.Tap(f.tile(t, "A"))
		if f.m.View().Screen != model.ScreenPriority {
			t.Fatalf("screen: got %v, want priority", f.m.View().Screen)
		}
		checkVersion(t, f, size, "priority")
	}
	app := test.NewTempApp(t)
	u := New(app, model.New(model.Config{Now: time.Now}), Options{Size: landscape})
	defer u.Window().Close()
	if txt := versionText(u); txt != nil {
		t.Errorf("no version: got %q shown, want nothing", txt.Text)
	}
}

func checkVersion(t *testing.T, f *fixture, size fyne.Size, screen string) {
	t.Helper()
	txt := versionText(f.u)
	if txt == nil {
		t.Fatalf("%v %s: no \"Phiên bản 1.2.0\" shown", size, screen)
	}
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(txt)
	if p.Y < size.Height*0.95 || p.Y+txt.Size().Height > size.Height+0.5 || p.X+txt.Size().Width < size.Width*0.9 {
		t.Errorf("%v %s: version at %v size %v, want it in the bottom right corner", size, screen, p, txt.Size())
	}
}

// versionText returns the visible version text on u's window, or nil.
func versionText(u *UI) *canvas.Text {
	for _, o := range test.LaidOutObjects(u.Window().Content()) {
		if txt, ok := o.(*canvas.Text); ok && txt.Text == "Phiên bản 1.2.0" && txt.Visible() {
			return txt
		}
	}
	return nil
}
