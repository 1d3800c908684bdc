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
	"io"
	"log/slog"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"hallq/counter/model"
	"hallq/counter/ui"
	"hallq/shared/flagenv"
	"hallq/shared/hallclient"
	_ "hallq/shared/langenv"
	"hallq/shared/protocol"
	"hallq/shared/screenfit" // a language for Fyne when LANG is unset or C
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

// options are the command-line flags (SPEC section 1).
type options struct {
	server, device, token string
	ca                    hallclient.CAFlag
}

// parseFlags reads the flags from args, each also from HALL_<FLAG> through
// lookup (os.LookupEnv in production); usage and flag errors go to out.
func parseFlags(args []string, lookup func(string) (string, bool), out io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("counter", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&o.server, "server", "ws://localhost:8080/ws", "`URL` websocket của máy chủ (the hall server's websocket URL)")
	fs.StringVar(&o.device, "device", "", "mã thiết bị (`id`) trong hall.toml (this device's id)")
	fs.StringVar(&o.token, "token", "", "`token` của thiết bị, nên đặt qua HALL_TOKEN (this device's token)")
	fs.Var(&o.ca, "ca", "tệp PEM chứng chỉ gốc (CA) của sảnh để tin khi dùng wss://, ví dụ ca.pem tải ở trang /admin/tls (the hall CA to trust for wss://)")
	if err := flagenv.Parse(fs, args, lookup); err != nil {
		return o, err
	}
	if o.device == "" || o.token == "" {
		return o, errors.New("cần -device và -token (hoặc HALL_DEVICE, HALL_TOKEN)\n-device and -token are required (or HALL_DEVICE and HALL_TOKEN)")
	}
	return o, nil
}

func run() error {
	o, err := parseFlags(os.Args[1:], os.LookupEnv, os.Stderr)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))

	var (
		d *model.Desk
		u *ui.UI
	)
	refresh := func() { fyne.Do(func() { u.Refresh() }) }
	client := hallclient.New(hallclient.Config{
		URL: o.server, CAPEM: []byte(o.ca.PEM), Device: o.device, Token: o.token, Logger: logger,
		OnStatus: func(s hallclient.Status) { d.SetStatus(s.Connected, s.Attempt, s.Err) },
		OnHello:  func(h protocol.HelloReply) { d.SetHello(h) },
		OnState:  func(s protocol.State) { d.SetState(s) },
		OnEvent: func(e hallclient.Event) {
			if !e.Replayed && e.At != nil {
				d.SetServerTime(e.At.Time)
			}
		},
	})
	d = model.New(model.Config{Sender: client, OnChange: refresh, Logger: logger})
	a := app.NewWithID("vn.gov.hallq.counter")
	u = ui.New(a, d, ui.Options{})

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	screenfit.OnStart(a, u.Window(), ui.DefaultSize, func() {
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
