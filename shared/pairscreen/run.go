package pairscreen

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"

	"fyne.io/fyne/v2"

	"hallq/shared/look"
	"hallq/shared/pairing"
	"hallq/shared/queue"
)

// Options are what Run needs.
type Options struct {
	App fyne.App
	// Name is the app's name and saved file's ("kiosk", "counter",
	// "display"); Role its device role.
	Name, Role string
	// Server is the websocket URL given by -server; ServerSet says it was
	// given (flag or HALL_SERVER) rather than the default. Saved
	// credentials for another server are then not used.
	Server    string
	ServerSet bool
	// Path is the saved credentials' file; "" is pairing.Path(Name).
	Path    string
	Version string
	// Fullscreen and Size shape the pairing window as the app's.
	Fullscreen bool
	Size       fyne.Size
	Logger     *slog.Logger
	// Pairer overrides the pairing requests (tests); its Server and Role
	// are filled in.
	Pairer pairing.Pairer
	// Start builds and shows the app's window for c. It runs on Fyne's
	// goroutine and must not block; revoked (safe from any goroutine) is
	// to be called when the server refuses c's token. stop ends the app's
	// goroutines and waits for them (off Fyne's goroutine).
	Start func(c pairing.Creds, revoked func()) (w fyne.Window, stop func())
}

// Run gives the app credentials and keeps it running until ctx ends: the
// saved ones, or a pairing window until an admin accepts its code; and
// after a revocation, a pairing window again. It runs on its own
// goroutine while the app's event loop runs (App.Run).
func Run(ctx context.Context, o Options) error {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Path == "" {
		p, err := pairing.Path(o.Name)
		if err != nil {
			return err
		}
		o.Path = p
	}
	var old fyne.Window // the window to close once the next one shows
	for {
		creds, err := pairing.Load(o.Path)
		if err == nil && o.ServerSet && creds.Server != o.Server {
			o.Logger.Info("pairing: saved device is for another server; pairing again", "saved", creds.Server, "server", o.Server)
			err = os.ErrNotExist
		}
		if err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				o.Logger.Warn("pairing: saved settings unreadable; pairing again", "err", err)
			}
			creds, old, err = pair(ctx, o, old)
			if err != nil {
				return err
			}
			if err := pairing.Save(o.Path, creds); err != nil {
				o.Logger.Error("pairing: cannot save the token; it lasts until the app closes", "err", err)
			}
		}
		revoked := make(chan struct{})
		var once sync.Once
		var stop func()
		fyne.DoAndWait(func() {
			var w fyne.Window
			w, stop = o.Start(creds, func() { once.Do(func() { close(revoked) }) })
			w.Show()
			if old != nil {
				old.Close()
			}
			old = w
		})
		o.Logger.Info("pairing: started as a paired device", "device", creds.Device, "server", creds.Server)
		select {
		case <-ctx.Done():
			stop()
			return ctx.Err()
		case <-revoked:
		}
		o.Logger.Warn("pairing: the server refused the saved token (revoked); forgetting it", "device", creds.Device)
		if err := pairing.Forget(o.Path); err != nil {
			o.Logger.Error("pairing: forget", "err", err)
		}
		stop()
	}
}

// pair shows the pairing window (closing old once it shows) and waits for
// an admin.
func pair(ctx context.Context, o Options, old fyne.Window) (pairing.Creds, fyne.Window, error) {
	p := o.Pairer
	p.Server, p.Role, p.Logger = o.Server, o.Role, o.Logger
	if p.Host == "" {
		p.Host, _ = os.Hostname()
	}
	if p.Version == "" {
		p.Version = o.Version
	}
	var s *Screen
	var w fyne.Window
	fyne.DoAndWait(func() {
		o.App.Settings().SetTheme(look.Theme())
		s = New(o.Role, p.Host, o.Server)
		w = o.App.NewWindow(Title)
		w.SetContent(s.Root())
		if !o.Size.IsZero() {
			w.Resize(o.Size)
		}
		if o.Fullscreen {
			w.SetFullScreen(true)
		}
		w.Show()
		if old != nil {
			old.Close()
		}
	})
	c, err := p.Pair(ctx, func(st pairing.Status) { fyne.Do(func() { s.Show(st) }) })
	return c, w, err
}

// Unauthorized reports whether a hallclient status error is the server
// refusing the device's token: for a saved token, a revocation.
func Unauthorized(err error) bool {
	var qe *queue.Error
	return errors.As(err, &qe) && qe.Code == queue.EUNAUTHORIZED
}
