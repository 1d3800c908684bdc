package pairscreen

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"

	"hallq/shared/pairing"
	"hallq/shared/screenfit"
)

// StartFunc builds an app's window for c (not yet shown). begin, which may
// be nil, starts what needs Fyne running (a clock, the connection); revoked
// (nil with a token from the flags) is to be called when the server refuses
// c's token; stop ends the app's goroutines and waits.
type StartFunc func(c pairing.Creds, revoked func()) (w fyne.Window, begin, stop func())

// Launch runs an app until it quits, as kiosk, counter and display do. With
// creds holding a token (-token or HALL_TOKEN) the window starts at once, as
// before pairing existed; without, Run uses the saved credentials or shows
// the pairing window (README, "Ghép thiết bị"). A window not full screen is
// fitted to the monitor's work area (o.Size at most).
func Launch(o Options, creds pairing.Creds, start StartFunc) error {
	if creds.Token != "" {
		w, begin, stop := start(creds, nil)
		switch {
		case !o.Fullscreen:
			screenfit.OnStart(o.App, w, o.Size, begin)
		case begin != nil:
			o.App.Lifecycle().SetOnStarted(begin)
		}
		w.ShowAndRun()
		stop()
		return nil
	}
	o.Start = func(c pairing.Creds, revoked func()) (fyne.Window, func()) {
		w, begin, stop := start(c, revoked)
		if !o.Fullscreen {
			screenfit.Fit(w, o.Size)
		}
		if begin != nil {
			begin()
		}
		return w, stop
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		err := Run(ctx, o)
		if err != nil && ctx.Err() == nil {
			// No credentials can be had (no config folder, say): the app
			// cannot do anything, so it ends with the error.
			fyne.Do(o.App.Quit)
		}
		done <- err
	}()
	o.App.Run()
	cancel()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
