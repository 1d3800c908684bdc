// Command kiosk is the citizen's touch screen in the hall: it issues
// tickets and prints them, takes ratings and feedback, and shows the
// procedures. See kiosk/README.md.
package main

import (
	"cmp"
	"context"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"hallq/kiosk/exitpin"
	"hallq/kiosk/model"
	"hallq/kiosk/printer"
	"hallq/kiosk/ui"
	"hallq/shared/appmeta"
	"hallq/shared/devstatus"
	"hallq/shared/flagenv"
	"hallq/shared/hallclient"
	_ "hallq/shared/langenv" // a language for Fyne when LANG is unset or C
	"hallq/shared/pairing"
	"hallq/shared/pairscreen"
	"hallq/shared/protocol"
	"hallq/shared/version"
)

// The kiosk's FyneApp.toml and icon, for appmeta: a plain go build does
// not read them.
var (
	//go:embed FyneApp.toml
	manifest []byte
	//go:embed Icon.png
	icon []byte
)

// config is the kiosk's flags.
type config struct {
	hallclient.ConnFlags
	printer, exitPINHash string
	fullscreen           bool
	showVersion          bool
}

func main() {
	c, err := parseFlags(os.Args[1:], os.LookupEnv, os.Stderr)
	flagenv.Exit(err)
	if c.showVersion {
		fmt.Println("hallq kiosk", version.Version)
		return
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(c, log); err != nil {
		log.Error("kiosk: stopped", "err", err)
		os.Exit(1)
	}
}

// parseFlags reads the flags from args, each also from HALL_<FLAG> through
// lookup (os.LookupEnv in production); usage goes to out.
func parseFlags(args []string, lookup func(string) (string, bool), out io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("kiosk", flag.ContinueOnError)
	c.Register(fs, "kiosk-1")
	fs.StringVar(&c.printer, "printer", "file:./data/tickets", "máy in phiếu: tcp:HOST:9100, dev:/dev/usb/lp0 hoặc file:DIR (ticket printer)")
	fs.BoolVar(&c.fullscreen, "fullscreen", false, "khóa màn hình: toàn màn hình, chỉ thoát bằng mã PIN của cán bộ (lock the screen: full screen, staff PIN to leave)")
	fs.StringVar(&c.exitPINHash, "exit-pin-hash", "", "mã băm bcrypt (`hash`) của PIN cán bộ để thoát ki-ốt toàn màn hình (bcrypt hash of the staff PIN)")
	fs.BoolVar(&c.showVersion, "version", false, "in phiên bản rồi thoát (print the version and exit)")
	fs.SetOutput(out)
	err := flagenv.Parse(fs, args, lookup)
	c.Parsed(fs)
	return c, err
}

// run wires the client, the printer, the model and the window, and blocks
// until the window closes.
// The client chooses command ids, so a retry of an issue given up keeps its id.
var _ model.IDSender = (*hallclient.Client)(nil)

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

	meta, err := appmeta.Set(manifest, icon, version.Version)
	if err != nil {
		return err
	}
	a := app.NewWithID(meta.ID)
	a.SetIcon(meta.Icon)
	d := deps{prn: prn, checkPIN: checkPIN, log: log}
	return pairscreen.Launch(pairscreen.Options{
		App: a, Name: "kiosk", Role: "kiosk", Server: c.Server, ServerSet: c.ServerSet, Version: version.Version,
		Pairer:     pairing.Pairer{HTTP: c.CA.HTTPClient(pairing.RequestTimeout)},
		Fullscreen: c.fullscreen, Size: ui.DefaultSize, Logger: log,
	}, pairing.Creds{Server: c.Server, Device: c.Device, Token: c.Token},
		func(cr pairing.Creds, revoked func()) (fyne.Window, func(), func()) {
			log.Info("kiosk: started", "server", cr.Server, "device", cr.Device, "printer", c.printer)
			w, stop := start(a, c, d, cr, revoked)
			return w, nil, stop
		})
}

// deps are what every start of the kiosk's window shares.
type deps struct {
	prn      *printer.Printer
	checkPIN func(string) bool
	log      *slog.Logger
}

// start builds the kiosk for creds: client, model and window (not yet
// shown), and starts their goroutines. revoked, when not nil, is called
// when the server refuses the token. stop ends the goroutines and waits.
func start(a fyne.App, c config, d deps, creds pairing.Creds, revoked func()) (fyne.Window, func()) {
	log, prn, checkPIN := d.log, d.prn, d.checkPIN
	var m *model.Model
	var u *ui.UI
	var devices *devstatus.Reporter
	client := hallclient.New(hallclient.Config{
		URL: creds.Server, CAPEM: []byte(cmp.Or(c.CA.PEM, creds.CAPEM)), Device: creds.Device, Token: creds.Token, Version: version.Version, Logger: log,
		OnStatus: func(s hallclient.Status) {
			m.SetLink(s.Connected, s.Err)
			if s.Connected {
				devices.Connected()
			}
			if revoked != nil && pairscreen.Unauthorized(s.Err) {
				revoked()
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
	u = ui.New(a, m, ui.Options{Fullscreen: c.fullscreen, Version: version.Version})

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); _ = client.Run(ctx) }()
	go func() { defer wg.Done(); devices.Run(ctx) }()
	go func() { defer wg.Done(); u.Run(ctx) }()
	return u.Window(), func() { cancel(); wg.Wait() }
}
