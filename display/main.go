// Command display is the hall screen: a full-screen board of the counters
// and the numbers they serve, with a voice that announces each call.
//
//	go run ./display -server ws://10.0.0.2:8080/ws -device display-1 -token … -fullscreen
//
// Every flag can also come from HALL_<FLAG> (HALL_TOKEN, HALL_VOICE, …).
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
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"
	_ "time/tzdata" // the hall's clock on a PC without zoneinfo

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"hallq/display/model"
	"hallq/display/ui"
	"hallq/display/voice"
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

// The display's FyneApp.toml and icon, for appmeta: a plain go build does
// not read them.
var (
	//go:embed FyneApp.toml
	manifest []byte
	//go:embed Icon.png
	icon []byte
)

// options are the command-line flags.
type options struct {
	hallclient.ConnFlags
	fullscreen  bool
	showVersion bool
	// monthResults shows last month's results as a page of the ticker.
	monthResults bool
	voiceDir     string
	mute, chime  bool
	// playerCmd replaces aplay/paplay: a program that reads each
	// announcement's WAV file on its standard input.
	playerCmd string
}

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	opts, err := parseFlags(os.Args[1:], os.LookupEnv, os.Stderr)
	flagenv.Exit(err)
	if opts.showVersion {
		fmt.Println("hallq display", version.Version)
		return
	}
	if err := run(opts, log); err != nil {
		log.Error("display", "err", err)
		os.Exit(1)
	}
}

// parseFlags reads the flags from args and their HALL_ variables through
// lookup (os.LookupEnv); usage goes to out.
func parseFlags(args []string, lookup func(string) (string, bool), out io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("display", flag.ContinueOnError)
	fs.SetOutput(out)
	o.Register(fs, "")
	fs.BoolVar(&o.fullscreen, "fullscreen", false, "toàn màn hình (cover the whole screen)")
	fs.StringVar(&o.voiceDir, "voice", "", "thư mục tệp giọng đọc riêng của sảnh, xem display/voice (the hall's own voice clips)")
	fs.BoolVar(&o.monthResults, "month-results", false, "hiện kết quả đánh giá tháng trước trên dòng chữ chạy (last month's satisfaction results on the ticker)")
	fs.BoolVar(&o.mute, "mute", false, "không đọc số (no spoken announcements)")
	fs.BoolVar(&o.chime, "chime", true, "phát tiếng chuông trước mỗi lần gọi, cả khi -mute (a chime before each call, also when muted)")
	fs.BoolVar(&o.showVersion, "version", false, "in phiên bản rồi thoát (print the version and exit)")
	fs.StringVar(&o.playerCmd, "player-cmd", "", "lệnh phát âm thanh thay cho aplay/paplay, nhận tệp WAV ở đầu vào chuẩn, ví dụ \"aplay -D plughw:1,0 -q -\" (a player command reading WAV on its standard input)")
	if err := flagenv.Parse(fs, args, lookup); err != nil {
		return o, err
	}
	o.Parsed(fs)
	switch {
	case o.Token != "" && o.Device == "":
		return o, errors.New("display: -token cần đi cùng -device (hoặc HALL_DEVICE); không có token thì màn hình ghép thiết bị\ndisplay: -token needs -device (or HALL_DEVICE); without a token the display pairs")
	case o.mute && o.voiceDir != "":
		return o, errors.New("display: -voice và -mute không dùng cùng nhau\ndisplay: -voice and -mute do not go together")
	}
	return o, nil
}

// run wires the client, the board, the screen and the announcer, and
// returns when the window closes.
func run(o options, log *slog.Logger) error {
	clips := voice.Default()
	if o.voiceDir != "" {
		var err error
		if clips, err = voice.LoadDir(o.voiceDir); err != nil {
			return err
		}
	}
	player, problem, err := choosePlayer(o.playerCmd, soundPaths{inProcess: voice.NewInProcessPlayer, lookPath: exec.LookPath})
	if err != nil {
		return err
	}
	if problem != nil {
		log.Warn("display: no sound; the board works without it", "err", problem)
	}

	meta, err := appmeta.Set(manifest, icon, version.Version)
	if err != nil {
		return err
	}
	a := app.NewWithID(meta.ID)
	a.SetIcon(meta.Icon)
	d := deps{clips: clips, player: player, problem: problem, log: log}
	return pairscreen.Launch(pairscreen.Options{
		App: a, Name: "display", Role: "display", Server: o.Server, ServerSet: o.ServerSet, Version: version.Version,
		Pairer:     pairing.Pairer{HTTP: o.CA.HTTPClient(pairing.RequestTimeout)},
		Fullscreen: o.fullscreen, Size: ui.DefaultSize, Logger: log,
	}, pairing.Creds{Server: o.Server, Device: o.Device, Token: o.Token},
		func(cr pairing.Creds, revoked func()) (fyne.Window, func(), func()) {
			w, stop := start(a, o, d, cr, revoked)
			return w, nil, stop
		})
}

// deps are what every start of the display's window shares.
type deps struct {
	clips   voice.Clips
	player  voice.Player
	problem error
	log     *slog.Logger
}

// start builds the display for creds: client, board, announcer and window
// (not yet shown), and starts their goroutines. revoked, when not nil, is
// called when the server refuses the token. stop ends the goroutines and
// waits.
func start(a fyne.App, o options, d deps, creds pairing.Creds, revoked func()) (fyne.Window, func()) {
	clips, player, problem, log := d.clips, d.player, d.problem, d.log
	hall := ui.New(a, model.New(nil), ui.Options{Fullscreen: o.fullscreen, Version: version.Version})
	var devices *devstatus.Reporter
	var ann *voice.Announcer
	client := hallclient.New(hallclient.Config{
		URL: creds.Server, CAPEM: []byte(cmp.Or(o.CA.PEM, creds.CAPEM)), Device: creds.Device, Token: creds.Token, Version: version.Version, Logger: log,
		OnStatus: func(s hallclient.Status) {
			hall.SetStatus(model.StatusOf(s.Connected, s.Err, s.Attempt))
			if s.Connected {
				devices.Connected()
			}
			if revoked != nil && pairscreen.Unauthorized(s.Err) {
				revoked()
			}
		},
		OnEvent: func(ev hallclient.Event) { hall.Event(ev.Message, ev.Replayed) },
		OnState: func(s protocol.State) {
			ann.SetTemplate(s.Hall.Announcement)
			hall.SetState(s)
		},
	})

	hall.OnCall(func(c model.Call) { announce(ann, c) })
	devices = devstatus.New(client, log)
	sound := soundWatch{screen: hall, devices: devices}
	ann = voice.NewAnnouncer(voice.AnnouncerConfig{
		Player: player, Clips: clips, Mute: o.mute, Chime: o.chime, Logger: log,
		OnPlayed: func(err error) {
			if problem == nil {
				sound.set(err)
			}
		},
	})

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { _ = client.Run(ctx) })
	wg.Go(func() { devices.Run(ctx) })
	wg.Go(func() { ann.Run(ctx) })
	wg.Go(func() { hall.Run(ctx) })
	wg.Go(func() { sound.set(problem) }) // fyne.Do inside: not before the loop runs
	if o.monthResults {
		if addr, err := resultsURL(creds.Server); err != nil {
			log.Warn("display: no month results", "err", err)
		} else {
			// Under TLS the results come from the same server, trusted
			// through the same CA as the websocket.
			httpc := &http.Client{Timeout: 20 * time.Second}
			if tc, err := hallclient.TLSConfig([]byte(cmp.Or(o.CA.PEM, creds.CAPEM))); err == nil && tc != nil {
				httpc.Transport = &http.Transport{TLSClientConfig: tc}
			}
			wg.Go(func() {
				pollResults(ctx, httpc, addr, hall.SetResults, func(err error) { log.Warn("display: month results", "err", err) })
			})
		}
	}
	return hall.Window(), func() { cancel(); wg.Wait() }
}

// announce queues a call the board took for the voice; the announcer drops
// replayed and stale ones.
func announce(ann *voice.Announcer, c model.Call) {
	ann.Announce(voice.Call{Number: c.Number, Counter: c.Counter, Recall: c.Recall, At: c.At, Replayed: c.Replayed})
}
