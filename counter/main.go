// Command counter is the clerk's app at a counter: sign-in, the ticket being
// served with its actions on F-keys, the counter's queue and held tickets,
// and the clerk's figures of the day. It talks to the hall server through
// hallclient; main only parses flags and wires.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"hallq/counter/desk"
	"hallq/counter/ui"
	"hallq/shared/flagenv"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
)

// tick is how often the window refreshes its clocks (waiting and service
// times) when nothing else changes.
const tick = time.Second

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "counter:", err)
		os.Exit(2)
	}
}

func run() error {
	fs := flag.NewFlagSet("counter", flag.ContinueOnError)
	server := fs.String("server", "ws://localhost:8080/ws", "the hall server's websocket `URL` (HALL_SERVER)")
	device := fs.String("device", "", "this device's `id` in hall.toml (HALL_DEVICE)")
	token := fs.String("token", "", "this device's `token` in hall.toml (HALL_TOKEN)")
	if err := flagenv.ParseOS(fs); err != nil {
		return err
	}
	if *device == "" || *token == "" {
		return errors.New("-device and -token are required (or HALL_DEVICE and HALL_TOKEN)")
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))

	var (
		d *desk.Desk
		u *ui.UI
	)
	refresh := func() { fyne.Do(func() { u.Refresh() }) }
	client := hallclient.New(hallclient.Config{
		URL: *server, Device: *device, Token: *token, Logger: logger,
		OnStatus: func(s hallclient.Status) { d.SetStatus(s.Connected, s.Attempt, s.Err) },
		OnHello:  func(h protocol.HelloReply) { d.SetHello(h) },
		OnState:  func(s protocol.State) { d.SetState(s) },
	})
	d = desk.New(desk.Config{Sender: client, OnChange: refresh})
	a := app.NewWithID("vn.gov.hallq.counter")
	u = ui.New(a, d)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			defer close(done)
			_ = client.Run(ctx)
		}()
		go ticker(ctx, tick, refresh)
	})
	u.Window().ShowAndRun()
	cancel()
	d.Close()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		logger.Warn("counter: the connection did not close in time")
	}
	return nil
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
