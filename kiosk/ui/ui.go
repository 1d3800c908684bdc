// Package ui builds the kiosk's Fyne window and renders the model's View.
// It only builds widgets: every tap goes to the model, and the model's
// changes come back through Render, inside fyne.Do.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"hallq/kiosk/model"
	"hallq/shared/look"
)

// Options tune the window.
type Options struct {
	// Fullscreen locks the kiosk: no title bar, no close for the public.
	Fullscreen bool
	// Size is the window's size when not fullscreen (default 1920x1080).
	Size fyne.Size
	// ExitHold is how long staff press the top-left corner to reach the
	// exit PIN (default 3 s).
	ExitHold time.Duration
	// AfterFunc runs f after d unless stopped (default time.AfterFunc);
	// tests replace it to hold the corner without a real timer.
	AfterFunc func(d time.Duration, f func()) (stop func() bool)
	// Version is the kiosk's release, shown small at the bottom right of
	// every screen for staff; none when empty.
	Version string
}

// screen is one of the kiosk's screens: built once, updated on each render.
type screen interface {
	root() fyne.CanvasObject
	// enter runs when the screen becomes visible (clears forms).
	enter(v model.View)
	update(v model.View)
}

// UI is the kiosk's window. Its methods run on Fyne's goroutine.
type UI struct {
	m       *model.Model
	w       fyne.Window
	header  *header
	center  *fyne.Container
	screens map[model.Screen]screen
	current model.Screen
	shown   bool
	scan    []rune
}

// New builds the window for app and m. Call Changed when m changes (from
// any goroutine), and Run to drive the model's clock.
func New(app fyne.App, m *model.Model, opts Options) *UI {
	if opts.Size.IsZero() {
		opts.Size = DefaultSize
	}
	if opts.ExitHold == 0 {
		opts.ExitHold = 3 * time.Second
	}
	if opts.AfterFunc == nil {
		opts.AfterFunc = func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
	}
	app.Settings().SetTheme(look.Theme())
	u := &UI{m: m, w: app.NewWindow("Cấp số thứ tự")}
	u.header = newHeader()
	u.screens = map[model.Screen]screen{
		model.ScreenHome:       newHome(m),
		model.ScreenPriority:   newPriority(m),
		model.ScreenIssuing:    newIssuing(),
		model.ScreenTicket:     newTicket(m),
		model.ScreenProcedures: newProcedures(m),
		model.ScreenProcedure:  newProcedure(m),
		model.ScreenFeedback:   newFeedback(m),
		model.ScreenRateCode:   newRateCode(m),
		model.ScreenRate:       newRate(m),
		model.ScreenReasons:    newReasons(m),
		model.ScreenDone:       newDone(m),
		model.ScreenExit:       newExit(m),
		model.ScreenCheckIn:    newCheckIn(m),
	}
	u.center = container.NewStack()
	corner := newCornerPress(opts.ExitHold, opts.AfterFunc, m.RequestExit)
	page := container.NewBorder(u.header.root, look.VersionFooter(opts.Version), nil, nil, u.center)
	u.w.SetContent(container.NewStack(page, container.NewWithoutLayout(corner)))
	corner.Resize(fyne.NewSquareSize(look.MinTouch * 1.5))
	u.w.SetPadded(false)
	u.w.Resize(opts.Size)
	if opts.Fullscreen {
		u.w.SetFullScreen(true)
		u.w.SetCloseIntercept(func() {}) // the public cannot close it
	}
	u.w.Canvas().SetOnTypedRune(u.typedRune)
	u.w.Canvas().SetOnTypedKey(u.typedKey)
	u.Render()
	return u
}

// DefaultSize is the window's size when not fullscreen and none is given;
// main shrinks it to a smaller or portrait monitor (shared/screenfit).
var DefaultSize = fyne.NewSize(1920, 1080)

// Window returns the kiosk's window.
func (u *UI) Window() fyne.Window { return u.w }

// Changed schedules a render; it is the model's OnChange.
func (u *UI) Changed() { fyne.Do(u.Render) }

// Render shows the model's current view.
func (u *UI) Render() {
	v := u.m.View()
	u.header.update(v)
	s := u.screens[v.Screen]
	if !u.shown || v.Screen != u.current {
		u.current, u.shown = v.Screen, true
		u.scan = u.scan[:0]
		u.w.Canvas().Unfocus()
		s.enter(v)
		u.center.Objects = []fyne.CanvasObject{s.root()}
	}
	s.update(v)
	// Shown and hidden lines change the layout of their containers.
	u.w.Content().Refresh()
}

// Run ticks the model's clock every second until ctx is done.
func (u *UI) Run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			u.m.Tick()
		}
	}
}

// typedRune collects what a USB scanner types outside any field.
func (u *UI) typedRune(r rune) {
	if len(u.scan) < 128 {
		u.scan = append(u.scan, r)
	}
}

// typedKey ends a scanned line on Enter.
func (u *UI) typedKey(e *fyne.KeyEvent) {
	if e.Name != fyne.KeyReturn && e.Name != fyne.KeyEnter {
		return
	}
	line := string(u.scan)
	u.scan = u.scan[:0]
	u.m.Scan(line)
}
