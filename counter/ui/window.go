// Package ui is the counter app's window: it builds the Fyne widgets and
// renders a model.View into them. It holds no logic of its own; every click
// and key goes to the Desk, and every change comes back as a new View.
package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hallq/counter/model"
	"hallq/shared/look"
)

// Desk is what the window needs of the counter's logic; *model.Desk is it.
type Desk interface {
	View() model.View
	Do(a model.Action) bool
	CallTicket(id string) bool
	Transfer(service string) bool
	ClosePicker()
	Login(username, pin string) bool
	ChangePIN(pin, again string) bool
	LogoutFromChangePIN() bool
	HandleKey(key string) bool
	SetFileCodeInput(s string)
	AddFileCode() bool
	RemoveFileCode(code string) bool
}

// Options configure the window.
type Options struct {
	// Fullscreen makes the window cover the screen.
	Fullscreen bool
	// Size is the window's size when not fullscreen (default DefaultSize).
	Size fyne.Size
	// Version is the counter's release, shown small under the hall's name
	// on the serve screen and at the bottom right of the others; none when
	// empty.
	Version string
}

// DefaultSize is the window's starting size when none is given: a common
// counter screen; main shrinks it to a smaller monitor (shared/screenfit).
var DefaultSize = fyne.NewSize(1366, 768)

// UI is the counter's window. Its methods must run on the Fyne goroutine
// (inside fyne.Do when called from elsewhere).
type UI struct {
	win  fyne.Window
	desk Desk

	content    *fyne.Container
	banner     *fyne.Container
	bannerText *canvas.Text
	// footer holds the version on every screen but the serve screen,
	// which has no height to spare at 1366x768 and shows it in its top
	// bar; nil without a version.
	footer     fyne.CanvasObject
	notice     *fyne.Container
	noticeText *widget.Label
	login      *loginScreen
	serve      *serveScreen
	pin        *pinScreen
	picker     *pickerPopup
	screen     model.Screen
	rendered   bool
}

// New builds the counter's window in app, showing d's view (d is a
// *model.Desk in the program). It sets the counter theme on app. Call
// Window().Show (or ShowAndRun) to display it, and Refresh whenever d
// changes.
func New(app fyne.App, d Desk, opts Options) *UI {
	if opts.Size.IsZero() {
		opts.Size = DefaultSize
	}
	app.Settings().SetTheme(Theme())
	u := &UI{win: app.NewWindow("Quầy phục vụ — Bộ phận Một cửa"), desk: d}
	u.bannerText = canvas.NewText("", color.White)
	u.bannerText.TextStyle = fyne.TextStyle{Bold: true}
	bg := canvas.NewRectangle(look.Color(look.ToneAlert))
	u.banner = container.NewStack(bg, container.NewPadded(container.NewCenter(u.bannerText)))
	u.noticeText = widget.NewLabel("")
	u.noticeText.Alignment = fyne.TextAlignCenter
	u.noticeText.Wrapping = fyne.TextWrapWord
	u.noticeText.SizeName = theme.SizeNameSubHeadingText
	u.notice = container.NewVBox(layout.NewSpacer(), u.noticeText, layout.NewSpacer()) // full width, so it wraps by words
	u.login = newLoginScreen(d, u.win.Canvas().Focus)
	u.serve = newServeScreen(d, u.typedKey, opts.Version)
	u.pin = newPINScreen(d, u.win.Canvas().Focus)
	u.picker = newPickerPopup(d, u.win.Canvas())
	u.banner.Hide()
	body := container.NewStack(u.notice, u.login.root, u.serve.root, u.pin.root)
	u.footer = look.VersionFooter(opts.Version)
	u.content = container.NewBorder(u.banner, u.footer, nil, nil, body)
	u.win.SetContent(u.content)
	u.win.Resize(opts.Size)
	if opts.Fullscreen {
		u.win.SetFullScreen(true)
	}
	u.win.Canvas().SetOnTypedKey(u.typedKey)
	u.Refresh()
	return u
}

// Window returns the window.
func (u *UI) Window() fyne.Window { return u.win }

// Refresh renders the desk's current view.
func (u *UI) Refresh() { u.render(u.desk.View()) }

func (u *UI) render(v model.View) {
	u.bannerText.Text = v.Connection
	u.bannerText.Refresh()
	if v.Connection != "" != u.banner.Visible() {
		show(u.banner, v.Connection != "")
		u.content.Refresh() // the body takes or gives back the banner's room
	}
	switched := !u.rendered || v.Screen != u.screen
	u.screen, u.rendered = v.Screen, true
	if u.footer != nil && u.footer.Visible() != (v.Screen != model.ScreenServe) {
		show(u.footer, v.Screen != model.ScreenServe)
		u.content.Refresh()
	}
	show(u.notice, v.Screen == model.ScreenConnecting || v.Screen == model.ScreenUnbound)
	show(u.login.root, v.Screen == model.ScreenLogin)
	show(u.serve.root, v.Screen == model.ScreenServe)
	show(u.pin.root, v.Screen == model.ScreenChangePIN)
	switch v.Screen {
	case model.ScreenConnecting, model.ScreenUnbound:
		u.noticeText.SetText(v.Notice)
	case model.ScreenLogin:
		u.login.render(v)
	case model.ScreenServe:
		u.serve.render(v, u.win.Canvas().Size().Height)
	case model.ScreenChangePIN:
		u.pin.render(v)
	}
	u.picker.render(v.Picker)
	if switched {
		u.focusFor(v.Screen)
	}
}

// focusFor puts the keyboard where the screen wants it: in the username on
// the sign-in screen, nowhere on the serve screen, so that the window's
// key handler gets the function keys.
func (u *UI) focusFor(s model.Screen) {
	c := u.win.Canvas()
	if s == model.ScreenLogin {
		u.login.clear()
		c.Focus(u.login.user)
		return
	}
	if s == model.ScreenChangePIN {
		u.pin.clear()
		c.Focus(u.pin.pin)
		return
	}
	c.Unfocus()
}

// typedKey handles a key that no entry took: Enter signs in on the sign-in
// screen; everything else goes to the desk.
func (u *UI) typedKey(ev *fyne.KeyEvent) {
	if u.screen == model.ScreenLogin {
		if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
			u.login.submit()
		}
		return
	}
	if u.screen == model.ScreenChangePIN {
		if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
			u.pin.submit()
		}
		return
	}
	u.desk.HandleKey(string(ev.Name))
}

func show(o fyne.CanvasObject, on bool) {
	if on && !o.Visible() {
		o.Show()
	} else if !on && o.Visible() {
		o.Hide()
	}
}
