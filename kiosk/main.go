// Command kiosk is the citizen's touch screen in the hall: it issues
// tickets and prints them, takes ratings and feedback, and shows the
// procedures. See kiosk/README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"hallq/kiosk/exitpin"
	"hallq/kiosk/model"
	"hallq/kiosk/printer"
	"hallq/kiosk/ui"
	"hallq/shared/devstatus"
	"hallq/shared/flagenv"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
)

// config is the kiosk's flags.
type config struct {
	server, device, token, printer, exitPINHash string
	fullscreen                                  bool
}

func main() {
	var c config
	fs := flag.NewFlagSet("kiosk", flag.ExitOnError)
	fs.StringVar(&c.server, "server", "ws://localhost:8080/ws", "the hall server's websocket `URL`")
	fs.StringVar(&c.device, "device", "kiosk-1", "this kiosk's device `id` in hall.toml")
	fs.StringVar(&c.token, "token", "", "this kiosk's device `token` (better from HALL_TOKEN)")
	fs.StringVar(&c.printer, "printer", "file:./data/tickets", "ticket printer: tcp:HOST:9100, dev:/dev/usb/lp0 or file:DIR")
	fs.BoolVar(&c.fullscreen, "fullscreen", false, "lock the screen: full screen, no way out but the staff PIN")
	fs.StringVar(&c.exitPINHash, "exit-pin-hash", "", "bcrypt `hash` of the staff PIN that leaves a fullscreen kiosk")
	if err := flagenv.ParseOS(fs); err != nil {
		fmt.Fprintln(os.Stderr, "kiosk:", err)
		os.Exit(2)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(c, log); err != nil {
		log.Error("kiosk: stopped", "err", err)
		os.Exit(1)
	}
}

// run wires the client, the printer, the model and the window, and blocks
// until the window closes.
func run(c config, log *slog.Logger) error {
	target, err := printer.Parse(c.printer)
	if err != nil {
		return err
	}
	prn, err := printer.New(target, theme.DefaultTextFont().Content(), theme.DefaultTextBoldFont().Content())
	if err != nil {
		return err
	}
	checkPIN, err := exitpin.Checker(c.exitPINHash)
	if err != nil {
		return err
	}
	if c.fullscreen && checkPIN == nil {
		log.Warn("kiosk: fullscreen without -exit-pin-hash: staff cannot leave from the screen")
	}

	a := app.NewWithID("vn.hallq.kiosk")
	var m *model.Model
	var u *ui.UI
	var devices *devstatus.Reporter
	client := hallclient.New(hallclient.Config{
		URL: c.server, Device: c.device, Token: c.token, Logger: log,
		OnStatus: func(s hallclient.Status) {
			m.SetStatus(s.Connected)
			if s.Connected {
				devices.Connected()
			}
		},
		OnHello: func(r protocol.HelloReply) { m.SetHello(r) },
		OnEvent: func(e hallclient.Event) { m.HandleEvent(e.Type, e.Data, e.Replayed) },
		OnState: func(s protocol.State) { m.SetState(s) },
	})
	devices = devstatus.New(client, log)
	m = model.New(model.Config{
		Sender: client, Printer: prn, NoPaper: strings.HasPrefix(c.printer, "file:"),
		Now: time.Now, Logger: log,
		CheckPIN: checkPIN, Quit: a.Quit,
		OnChange: func() { u.Changed() },
		Devices:  devices,
	})
	u = ui.New(a, m, ui.Options{Fullscreen: c.fullscreen})

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); _ = client.Run(ctx) }()
	go func() { defer wg.Done(); devices.Run(ctx) }()
	go func() { defer wg.Done(); u.Run(ctx) }()
	log.Info("kiosk: started", "server", c.server, "device", c.device, "printer", c.printer)
	u.Window().ShowAndRun()
	cancel()
	wg.Wait()
	return nil
}
