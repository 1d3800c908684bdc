// Command counter is the clerk's app at a counter: sign-in, the ticket being
// served with its actions on F-keys, the counter's queue and held tickets,
// and the clerk's figures of the day. It talks to the hall server through
// hallclient; main only parses flags and wires.
package main

import (
	"cmp"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"hallq/counter/model"
	"hallq/counter/ui"
	"hallq/shared/appmeta"
	"hallq/shared/flagenv"
	"hallq/shared/hallclient"
	_ "hallq/shared/langenv" // a language for Fyne when LANG is unset or C
	"hallq/shared/pairing"
	"hallq/shared/pairscreen"
	"hallq/shared/protocol"
	"hallq/shared/version"
)

// tick is how often the window refreshes its clocks (waiting and service
// times) when nothing else changes.
const tick = time.Second

func main() {
	if err := run(); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "counter:", err)
		os.Exit(2)
	}
}

// The counter's FyneApp.toml and icon, for appmeta: a plain go build does
// not read them.
var (
	//go:embed FyneApp.toml
	manifest []byte
	//go:embed Icon.png
	icon []byte
)

// options are the command-line flags (SPEC section 1).
type options struct {
	hallclient.ConnFlags
	showVersion bool
}

// parseFlags reads the flags from args, each also from HALL_<FLAG> through
// lookup (os.LookupEnv in production); usage and flag errors go to out.
func parseFlags(args []string, lookup func(string) (string, bool), out io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("counter", flag.ContinueOnError)
	fs.SetOutput(out)
	o.Register(fs, "")
	fs.BoolVar(&o.showVersion, "version", false, "in phiên bản rồi thoát (print the version and exit)")
	if err := flagenv.Parse(fs, args, lookup); err != nil {
		return o, err
	}
	o.Parsed(fs)
	if o.Token != "" && o.Device == "" {
		return o, errors.New("-token cần đi cùng -device (hoặc HALL_DEVICE); không có token thì máy quầy ghép thiết bị\n-token needs -device (or HALL_DEVICE); without a token the counter pairs")
	}
	return o, nil
}

func run() error {
	o, err := parseFlags(os.Args[1:], os.LookupEnv, os.Stderr)
	if err != nil {
		return err
	}
	if o.showVersion {
		fmt.Println("hallq counter", version.Version)
		return nil
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))

	meta, err := appmeta.Set(manifest, icon, version.Version)
	if err != nil {
		return err
	}
	a := app.NewWithID(meta.ID)
	a.SetIcon(meta.Icon)
	return pairscreen.Launch(pairscreen.Options{
		App: a, Name: "counter", Role: "counter", Server: o.Server, ServerSet: o.ServerSet, Version: version.Version,
		Pairer: pairing.Pairer{HTTP: o.CA.HTTPClient(pairing.RequestTimeout)},
		Size:   ui.DefaultSize, Logger: logger,
	}, pairing.Creds{Server: o.Server, Device: o.Device, Token: o.Token},
		func(cr pairing.Creds, revoked func()) (fyne.Window, func(), func()) {
			return start(a, o, logger, cr, revoked)
		})
}

// start builds the counter for creds: client, desk and window (not yet
// shown). begin starts the connection and the clock (once Fyne runs);
// revoked, when not nil, is called when the server refuses the token; stop
// ends it all and waits.
func start(a fyne.App, o options, logger *slog.Logger, creds pairing.Creds, revoked func()) (w fyne.Window, begin, stop func()) {
	var (
		d *model.Desk
		u *ui.UI
	)
	refresh := func() { fyne.Do(func() { u.Refresh() }) }
	client := hallclient.New(hallclient.Config{
		URL: creds.Server, CAPEM: []byte(cmp.Or(o.CA.PEM, creds.CAPEM)), Device: creds.Device, Token: creds.Token, Version: version.Version, Logger: logger,
		OnStatus: func(s hallclient.Status) {
			d.SetStatus(s.Connected, s.Attempt, s.Err)
			if revoked != nil && pairscreen.Unauthorized(s.Err) {
				revoked()
			}
		},
		OnHello: func(h protocol.HelloReply) { d.SetHello(h) },
		OnState: func(s protocol.State) { d.SetState(s) },
		OnEvent: func(e hallclient.Event) {
			if !e.Replayed && e.At != nil {
				d.SetServerTime(e.At.Time)
			}
		},
	})
	d = model.New(model.Config{Sender: client, OnChange: refresh, Logger: logger})
	u = ui.New(a, d, ui.Options{Version: version.Version})

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	begin = func() {
		go func() {
			defer close(done)
			_ = client.Run(ctx)
		}()
		go ticker(ctx, tick, refresh)
	}
	stop = func() {
		cancel()
		d.Close()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			logger.Warn("counter: the connection did not close in time")
		}
	}
	return u.Window(), begin, stop
}

// ticker calls f every period until ctx is done.
func ticker(ctx context.Context, period time.Duration, f func()) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			f()
		case <-ctx.Done():
			return
		}
	}
}
