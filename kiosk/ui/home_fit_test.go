package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"hallq/kiosk/model"
	"hallq/shared/queue"
)

// TestOfflineBannerKeepsTilesOnScreen: with the offline banner and a
// notice shown, every tile stays whole on the screen, in landscape and
// portrait, and the home screen has no scroll area for them to hide in.
func TestOfflineBannerKeepsTilesOnScreen(t *testing.T) {
	for _, size := range []fyne.Size{landscape, portrait} {
		f := newFixture(t, size, fakePrinter{})
		f.m.SetStatus(false)
		f.u.Window().Content().Refresh()
		h := f.u.screens[model.ScreenHome].(*home)
		d := fyne.CurrentApp().Driver()
		canvas := f.u.Window().Canvas().Size()
		for i, tl := range h.tiles {
			p, s := d.AbsolutePositionForObject(tl.root), tl.root.Size()
			if p.Y < 0 || p.Y+s.Height > canvas.Height+0.5 || p.X+s.Width > canvas.Width+0.5 {
				t.Errorf("%v: tile %d at %v size %v leaves the %v screen", size, i+1, p, s, canvas)
			}
			if s.Height < 2*48 {
				t.Errorf("%v: tile %d is %v high, too small to tap", size, i+1, s.Height)
			}
		}
		if scrollIn(h.root()) {
			t.Errorf("%v: the home screen has a scroll area", size)
		}
	}
}

func scrollIn(o fyne.CanvasObject) bool {
	switch o := o.(type) {
	case *container.Scroll:
		return true
	case *fyne.Container:
		for _, c := range o.Objects {
			if scrollIn(c) {
				return true
			}
		}
	}
	return false
}

// TestTileHasNoHoverOrFocus: a tile cannot keep a hover colour or a focus
// ring after a tap on a touch screen, and a tap still issues.
func TestTileHasNoHoverOrFocus(t *testing.T) {
	f := newFixture(t, landscape, fakePrinter{})
	var tile fyne.CanvasObject = f.tile(t, "A")
	if _, ok := tile.(desktop.Hoverable); ok {
		t.Error("a tile is Hoverable: it keeps the hover colour where a finger left the pointer")
	}
	if _, ok := tile.(fyne.Focusable); ok {
		t.Error("a tile is Focusable: it keeps a focus ring after a tap")
	}
	test.Tap(f.tile(t, "A"))
	if got := f.m.View().Screen; got != model.ScreenPriority {
		t.Errorf("after a tap: screen %v, want the priority question", got)
	}
}

// TestRefusedTokenSaysSo: a kiosk whose token the server refused shows the
// installer what is wrong, not an empty hall.
func TestRefusedTokenSaysSo(t *testing.T) {
	f := newFixture(t, landscape, fakePrinter{})
	f.m.SetLink(false, &queue.Error{Code: queue.EUNAUTHORIZED, Message: "Sai mã thiết bị"})
	h := f.u.screens[model.ScreenHome].(*home)
	if !h.notice.Visible() || h.notice.Text != queue.UnauthorizedText+" "+queue.UnauthorizedHint {
		t.Errorf("home notice: got %q (shown %v), want %q", h.notice.Text, h.notice.Visible(), queue.UnauthorizedText)
	}
	if f.u.header.banner.Text != model.RefusedText || !f.u.header.box.Visible() {
		t.Errorf("banner: got %q (shown %v), want %q", f.u.header.banner.Text, f.u.header.box.Visible(), model.RefusedText)
	}
	if h.prompt.Visible() {
		t.Error("the prompt to choose a service stays while the device is refused")
	}
	f.m.SetLink(true, nil)
	if h.notice.Visible() || !h.prompt.Visible() {
		t.Errorf("after the token was accepted the notice %q stays", h.notice.Text)
	}
}
