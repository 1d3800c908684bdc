// Package screenfit sizes a window that is not full screen to the monitor
// it opens on: a kiosk started at its default 1920x1080 on a portrait
// 1080x1920 screen would otherwise be cut off. It is the only package that
// imports GLFW directly (Fyne's desktop driver is built on it); without cgo
// (the headless test driver) there is no monitor and windows keep their
// size.
package screenfit

import "fyne.io/fyne/v2"

// margin is the share of the work area a window fitted to it may take, so
// that its title bar and borders stay on screen.
const margin = 0.96

// Size returns the size for a window that asks for want on a monitor whose
// work area is area (in the window's units): want when it fits, else the
// work area less a margin.
func Size(want, area fyne.Size) fyne.Size {
	if area.Width <= 0 || area.Height <= 0 || (want.Width <= area.Width && want.Height <= area.Height) {
		return want
	}
	return fyne.NewSize(area.Width*margin, area.Height*margin)
}

// OnStart makes w fit the monitor once the app runs: it sets the app's
// Lifecycle OnStarted, which then calls Fit on Fyne's main thread after the
// window is made (so that its canvas knows its scale).
func OnStart(a fyne.App, w fyne.Window, want fyne.Size, then func()) {
	a.Lifecycle().SetOnStarted(func() {
		go fyne.Do(func() { Fit(w, want) })
		if then != nil {
			then()
		}
	})
}

// Fit resizes w to Size(want, the primary monitor's work area) and centres
// it. Call it on Fyne's main thread; it does nothing when no monitor can
// be asked.
func Fit(w fyne.Window, want fyne.Size) {
	px, ok := workArea()
	if !ok {
		return
	}
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	area := fyne.NewSize(float32(px.Width)/scale, float32(px.Height)/scale)
	if got := Size(want, area); got != want {
		w.Resize(got)
		w.CenterOnScreen()
	}
}

// pixels is a size in screen pixels.
type pixels struct{ Width, Height int }
