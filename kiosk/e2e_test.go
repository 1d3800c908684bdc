package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"hallq/kiosk/model"
	"hallq/kiosk/ui"
	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/shared/look"
	"hallq/shared/protocol"
	"hallq/shared/queue"
	"hallq/shared/xtest"
)

// ShotsEnv names a directory for the screenshots of the end-to-end test.
// When it is set, the test also runs the hall kiosk in portrait and the
// rating pad in landscape, so that every screen is shot at both sizes.
const ShotsEnv = "KIOSK_E2E_SHOTS"

// TestEndToEnd runs the real kiosk binary under Xvfb against the real
// server: the hall kiosk issues and prints a ticket from a click on a tile,
// the rating pad rates a ticket that counter 1 finished, and a kiosk behind
// a stalled link tells the citizen at once and issues one ticket when the
// link heals (e2e_deadlink_test.go). Where to click
// comes from the same UI laid out by Fyne's test driver (e2e_layout_test.go);
// when a screen is up is read from the screenshot's pixels.
func TestEndToEnd(t *testing.T) {
	xtest.Need(t, "Xvfb", "xdotool", "import")
	bin := xtest.Build(t, "hallq/kiosk")
	shots := os.Getenv(ShotsEnv)
	type scenario func(t *testing.T, bin string, size fyne.Size, shots string)
	tests := []struct {
		name  string
		size  fyne.Size
		run   scenario
		extra bool // only with ShotsEnv set
	}{
		{"hall kiosk 1920x1080", fyne.NewSize(1920, 1080), runHall, false},
		{"rating pad 1080x1920", fyne.NewSize(1080, 1920), runPad, false},
		{"dead link 1920x1080", fyne.NewSize(1920, 1080), runDeadLink, false},
		{"rating pad low ratings 1080x1920", fyne.NewSize(1080, 1920), runPadLow, false},
		{"hall kiosk 1080x1920", fyne.NewSize(1080, 1920), runHall, true},
		{"rating pad 1920x1080", fyne.NewSize(1920, 1080), runPad, true},
	}
	for _, tc := range tests {
		if tc.extra && shots == "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) { tc.run(t, bin, tc.size, shots) })
	}
}

// runHall: a click on tile A and on "KHÔNG" issues A001, which a display
// sees as ticket_issued and the file printer writes as a PNG.
func runHall(t *testing.T, bin string, size fyne.Size, shots string) {
	s := startServer(t)
	watch := apptest.Connect(t, s.Addr, "display-1", "demo-display-1-token-01")
	st := s.Hall.State()
	home := layoutOf(t, size, st, 0, nil)
	tileA := home.button(t, "A. "+serviceName(t, st, "A"))

	tickets := t.TempDir()
	d := launch(t, bin, size, "-server", "ws://"+s.Addr+"/ws", "-device", "kiosk-1", "-token", "demo-kiosk-1-token-0001",
		"-printer", "file:"+tickets, "-fullscreen")
	homeUp := func(img image.Image) bool { return xtest.Share(img, tileA, 12, buttonColors()...) > 0.4 }
	waitScreen(t, d, "home with tile A enabled", homeUp)
	shot(t, d, shots, "home")

	click(d, t, tileA)
	prio := layoutOf(t, size, st, 0, func(m *model.Model) { m.ChooseService("A") })
	no := prio.button(t, ui.AnswerNo)
	waitScreen(t, d, "priority question", func(img image.Image) bool { return xtest.Share(img, no, 40, primary()) > 0.4 })
	shot(t, d, shots, "priority")

	click(d, t, no)
	xtest.Eventually(t, 10*time.Second, "a second client saw no ticket_issued of A001", func() bool {
		return apptest.Saw(watch, protocol.EvTicketIssued, func(e protocol.TicketEvent) bool {
			return e.Ticket.Number == "A001" && e.Ticket.Service == "A" && !e.Ticket.Priority
		})
	})
	xtest.Eventually(t, 10*time.Second, "the printer wrote no PNG", func() bool {
		files, _ := filepath.Glob(filepath.Join(tickets, "*.png"))
		return len(files) == 1
	})
	slip := checkPNG(t, tickets)
	if shots != "" {
		os.WriteFile(filepath.Join(shots, "slip_"+strconv.Itoa(d.W)+"x"+strconv.Itoa(d.H)+".png"), slip, 0o644)
	}
	tk := layoutOf(t, size, st, 0, func(m *model.Model) { m.ChooseService("A"); m.AnswerPriority(false) })
	number := tk.text(t, "A001")
	waitScreen(t, d, "ticket A001 on screen", func(img image.Image) bool {
		return xtest.Pixels(img, number, 30, look.Color(look.ToneAccent)) > 2000
	})
	shot(t, d, shots, "ticket")

	click(d, t, tk.button(t, "Xong"))
	waitScreen(t, d, "home after Xong", homeUp)
	click(d, t, home.button(t, "Đánh giá sự hài lòng"))
	code := layoutOf(t, size, st, 0, func(m *model.Model) { m.OpenRateCode() })
	next := code.button(t, "Tiếp tục")
	waitScreen(t, d, "rating code entry", func(img image.Image) bool { return xtest.Share(img, next, 40, primary()) > 0.4 })
	shot(t, d, shots, "rate_code")

	click(d, t, code.button(t, "Về trang chủ"))
	waitScreen(t, d, "home after the rating code", homeUp)
	click(d, t, home.button(t, "Phản ánh, kiến nghị"))
	waitFeedback(t, d, layoutOf(t, size, st, 0, func(m *model.Model) { m.OpenFeedback() }))
	shot(t, d, shots, "feedback")
}

// runPad: counter 1 (clerk hang.nd) finishes A001; the pad shows the five
// levels, and a click on "Rất hài lòng" reaches counter 1 as ticket_rated.
func runPad(t *testing.T, bin string, size fyne.Size, shots string) {
	s := startServer(t)
	st := s.Hall.State()
	home := layoutOf(t, size, st, 1, nil)
	feedback := home.button(t, "Phản ánh, kiến nghị")
	welcome := home.textPrefix(t, "Kính chào ông/bà!")

	d := launch(t, bin, size, "-server", "ws://"+s.Addr+"/ws", "-device", "pad-1", "-token", "demo-pad-1-token-000001",
		"-printer", "file:"+t.TempDir(), "-fullscreen")
	homeUp := func(img image.Image) bool {
		return xtest.Share(img, welcome, 4, background()) > 0.5 && xtest.Share(img, feedback, 12, buttonColors()...) > 0.4
	}
	waitScreen(t, d, "the pad's welcome", homeUp)
	shot(t, d, shots, "pad_home")

	kiosk := apptest.Connect(t, s.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
	counter := apptest.Connect(t, s.Addr, "counter-1", "demo-counter-1-token-01")
	counter.Send(t, protocol.CmdClerkLogin, protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"}, nil)
	kiosk.Send(t, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"}, nil)
	var called protocol.TicketReply
	counter.Send(t, protocol.CmdCallNext, nil, &called)
	counter.Send(t, protocol.CmdFinish, protocol.TicketRef{TicketID: called.Ticket.ID}, nil)

	levels := layoutOf(t, size, st, 1, func(m *model.Model) { finished(m, st.Day, 1) })
	best := queue.RatingLabels[5]
	waitScreen(t, d, "the five levels", func(img image.Image) bool {
		return xtest.Pixels(img, levels.text(t, best), 30, look.Color(look.ToneCalled)) > 300
	})
	shot(t, d, shots, "rate")

	click(d, t, levels.button(t, best))
	xtest.Eventually(t, 10*time.Second, "counter 1 saw no ticket_rated of "+called.Ticket.ID+" at 5", func() bool {
		return apptest.Saw(counter, protocol.EvTicketRated, func(e protocol.RatedEvent) bool {
			return e.TicketID == called.Ticket.ID && e.Rating == 5 && e.Counter == 1 && e.Clerk == "hang.nd"
		})
	})
	thanks := layoutOf(t, size, st, 1, func(m *model.Model) { finished(m, st.Day, 1); m.ChooseLevel(5) })
	waitScreen(t, d, "the thank-you", func(img image.Image) bool {
		return xtest.Pixels(img, thanks.text(t, model.ThanksRate), 30, look.Color(look.ToneCalled)) > 500
	})
	shot(t, d, shots, "pad_thanks")

	click(d, t, thanks.button(t, "Về trang chủ"))
	waitScreen(t, d, "the pad's welcome after the thank-you", homeUp)
	click(d, t, feedback)
	waitFeedback(t, d, layoutOf(t, size, st, 1, func(m *model.Model) { m.OpenFeedback() }))
	shot(t, d, shots, "pad_feedback")
	if shots == "" {
		return
	}

	// For the screenshots: the reasons that a level below 4 asks for.
	click(d, t, layoutOf(t, size, st, 1, func(m *model.Model) { m.OpenFeedback() }).button(t, "Về trang chủ"))
	waitScreen(t, d, "the pad's welcome after the feedback form", homeUp)
	kiosk.Send(t, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"}, nil)
	counter.Send(t, protocol.CmdCallNext, nil, &called)
	counter.Send(t, protocol.CmdFinish, protocol.TicketRef{TicketID: called.Ticket.ID}, nil)
	waitScreen(t, d, "the five levels again", func(img image.Image) bool {
		return xtest.Pixels(img, levels.text(t, best), 30, look.Color(look.ToneCalled)) > 300
	})
	click(d, t, levels.button(t, queue.RatingLabels[2]))
	reasons := layoutOf(t, size, st, 1, func(m *model.Model) { finished(m, st.Day, 1); m.ChooseLevel(2) })
	send := reasons.button(t, "Gửi đánh giá")
	waitScreen(t, d, "the reasons", func(img image.Image) bool { return xtest.Share(img, send, 40, primary()) > 0.4 })
	shot(t, d, shots, "pad_reasons")
}

// launch starts Xvfb at size and the kiosk on it with args, and waits for
// its window (xtest.Launch starts over on a fresh display if the app dies
// before its window shows).
func launch(t *testing.T, bin string, size fyne.Size, args ...string) *xtest.Display {
	t.Helper()
	d, _ := xtest.Launch(t, int(size.Width), int(size.Height), "Cấp số thứ tự", bin, args...)
	return d
}

// startServer starts the real server on a clock at 09:00 today in the hall's
// time zone, running from the start of the test.
func startServer(t *testing.T) *app.Server {
	t.Helper()
	ict := time.FixedZone("ICT", 7*3600)
	y, mo, dd := time.Now().In(ict).Date()
	base, start := time.Date(y, mo, dd, 9, 0, 0, 0, ict), time.Now()
	return apptest.Start(t, app.Options{Now: func() time.Time { return base.Add(time.Since(start)) }})
}

func serviceName(t *testing.T, st protocol.State, id string) string {
	t.Helper()
	for _, s := range st.Services {
		if s.ID == id {
			return s.Name
		}
	}
	t.Fatalf("no service %s in the demo hall", id)
	return ""
}

// waitFeedback waits for the feedback form's send button.
func waitFeedback(t *testing.T, d *xtest.Display, form *screenMap) {
	t.Helper()
	send := form.button(t, "Gửi phản ánh, kiến nghị")
	waitScreen(t, d, "feedback form", func(img image.Image) bool { return xtest.Share(img, send, 40, primary()) > 0.4 })
}

// waitScreen takes screenshots until up accepts one. On failure the last
// one is kept as failed_<w>x<h>.png in $KIOSK_E2E_SHOTS.
func waitScreen(t *testing.T, d *xtest.Display, what string, up func(image.Image) bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if up(d.Screenshot(t, "")) {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	shot(t, d, os.Getenv(ShotsEnv), "failed")
	t.Fatalf("%s did not show within 15 s", what)
}

// shot saves a screenshot as dir/<name>_<w>x<h>.png when dir is set.
func shot(t *testing.T, d *xtest.Display, dir, name string) {
	t.Helper()
	if dir == "" {
		return
	}
	time.Sleep(300 * time.Millisecond) // let the last frame settle
	d.Screenshot(t, filepath.Join(dir, name+"_"+strconv.Itoa(d.W)+"x"+strconv.Itoa(d.H)+".png"))
}

func click(d *xtest.Display, t *testing.T, r image.Rectangle) {
	t.Helper()
	c := center(r)
	d.Click(t, c.X, c.Y)
}

// checkPNG decodes the one ticket the file printer wrote and returns its
// bytes.
func checkPNG(t *testing.T, dir string) []byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("ticket %s: %v", files[0], err)
	}
	if r := img.Bounds(); r.Dx() < 300 || r.Dy() < 300 {
		t.Errorf("ticket %s is %v, too small for a slip", files[0], r)
	}
	return b
}

func themeColor(n fyne.ThemeColorName) color.NRGBA {
	return color.NRGBAModel.Convert(look.Theme().Color(n, theme.VariantDark)).(color.NRGBA)
}

func primary() color.NRGBA    { return themeColor(theme.ColorNamePrimary) }
func background() color.NRGBA { return themeColor(theme.ColorNameBackground) }

// buttonColors are an enabled button's colours, with and without the
// pointer over it.
func buttonColors() []color.NRGBA {
	b := themeColor(theme.ColorNameButton)
	return []color.NRGBA{b, xtest.Hovered(b, look.Theme().Color(theme.ColorNameHover, theme.VariantDark))}
}
