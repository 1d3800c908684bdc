package main

import (
	"context"
	"encoding/json"
	"image"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"hallq/kiosk/model"
	"hallq/kiosk/ui"
	"hallq/server/app/apptest"
	"hallq/shared/look"
	"hallq/shared/protocol"
	"hallq/shared/version"
	"hallq/shared/xtest"
)

// runDeadLink: the kiosk talks to the server through a proxy that stalls
// (nothing passes, nothing closes). A click on tile A and on "KHÔNG" shows,
// within IssueWait, the failure in red with "Về trang chủ"; the kiosk drops
// the dead link and dials again within 10 s; once the link heals (the held
// command reaches the server, which issues A001), the same clicks print
// A001, the one ticket the server issued.
func runDeadLink(t *testing.T, bin string, size fyne.Size, shots string) {
	s := startServer(t)
	p := apptest.StartProxy(t, s.Addr)
	st := s.Hall.State()
	home := layoutOf(t, size, st, 0, nil)
	tileA := home.button(t, "A. "+serviceName(t, st, "A"))
	tickets := t.TempDir()
	d := launch(t, bin, size, "-server", p.URL(), "-device", "kiosk-1", "-token", "demo-kiosk-1-token-0001",
		"-printer", "file:"+tickets, "-fullscreen")
	homeUp := func(img image.Image) bool { return xtest.Share(img, tileA, 12, buttonColors()...) > 0.4 }
	waitScreen(t, d, "home with tile A enabled", homeUp)

	p.Stall(true)
	stalled := time.Now()
	click(d, t, tileA)
	prio := layoutOf(t, size, st, 0, func(m *model.Model) { m.ChooseService("A") })
	no := prio.button(t, ui.AnswerNo)
	waitScreen(t, d, "priority question", func(img image.Image) bool { return xtest.Share(img, no, 40, primary()) > 0.4 })
	click(d, t, no)
	clicked := time.Now()
	failed := failedLayout(t, size, st)
	alert := failed.text(t, model.IssueFailText)
	red := themeColor(theme.ColorNameError)
	// The 5 s and 10 s figures are held to the tenth of a second by
	// kiosk/model TestDeadLinkIssuesOnce and hallclient's stalled-link
	// test; here, under Xvfb and a loaded CI machine (screenshots take
	// seconds), the real kiosk must show the failure and dial again, with
	// room for the load.
	xtest.Eventually(t, model.IssueWait+15*time.Second, "no failure in red after the click", func() bool {
		return xtest.Pixels(d.Screenshot(t, ""), alert, 40, red) > 300
	})
	t.Logf("failure on screen %v after the click", time.Since(clicked).Round(100*time.Millisecond))
	shot(t, d, shots, "issue_failed")
	xtest.Eventually(t, 30*time.Second-time.Since(stalled), "the kiosk did not dial again after the stall", func() bool {
		return p.Accepted() >= 2
	})
	t.Logf("dialled again %v after the stall", time.Since(stalled).Round(100*time.Millisecond))
	click(d, t, failed.button(t, "Về trang chủ"))

	p.Stall(false) // the held issue_ticket reaches the server: A001, for nobody yet
	xtest.Eventually(t, 5*time.Second, "the stalled issue_ticket did not reach the server", func() bool {
		return s.Hall.State().Services[0].Issued == 1
	})
	waitScreen(t, d, "home with tile A enabled after the heal", homeUp)
	click(d, t, tileA)
	waitScreen(t, d, "priority question again", func(img image.Image) bool { return xtest.Share(img, no, 40, primary()) > 0.4 })
	click(d, t, no)
	tk := layoutOf(t, size, st, 0, func(m *model.Model) { m.ChooseService("A"); m.AnswerPriority(false) })
	number := tk.text(t, "A001")
	waitScreen(t, d, "ticket A001 on screen", func(img image.Image) bool {
		return xtest.Pixels(img, number, 30, look.Color(look.ToneAccent)) > 2000
	})
	time.Sleep(time.Second) // room for a second slip, if there were one
	if files, _ := filepath.Glob(filepath.Join(tickets, "*.png")); len(files) != 1 {
		t.Errorf("slips: got %v, want one", files)
	}
	now := s.Hall.State()
	if len(now.Waiting) != 1 || now.Waiting[0].Number != "A001" || now.Services[0].Issued != 1 {
		t.Errorf("server after the heal: waiting %v, A issued %d; want A001 only", now.Waiting, now.Services[0].Issued)
	}
}

// failedLayout lays out the screen of an issue given up after IssueWait.
func failedLayout(t *testing.T, size fyne.Size, st protocol.State) *screenMap {
	t.Helper()
	a := test.NewTempApp(t)
	var u *ui.UI
	m := model.New(model.Config{
		Sender: stalledSender{}, Now: time.Now, Go: func(f func()) { f() },
		AfterFunc: func(_ time.Duration, f func()) func() bool { f(); return func() bool { return false } },
		OnChange: func() {
			if u != nil {
				u.Render()
			}
		},
	})
	u = ui.New(a, m, ui.Options{Size: size, Version: version.Version})
	t.Cleanup(func() { u.Window().Close() })
	m.SetStatus(true)
	m.SetState(st)
	m.ChooseService("A")
	m.AnswerPriority(false) // IssueWait passes at once
	if v := m.View(); v.Screen != model.ScreenDone || v.Done.Text != model.IssueFailText {
		t.Fatalf("laid-out model: screen %v %+v, want the failure", v.Screen, v.Done)
	}
	u.Render()
	content := u.Window().Content()
	content.Resize(size)
	sm := &screenMap{pos: map[fyne.CanvasObject]fyne.Position{}}
	for _, o := range test.LaidOutObjects(content) {
		if o.Visible() {
			sm.objs = append(sm.objs, o)
			sm.pos[o] = a.Driver().AbsolutePositionForObject(o)
		}
	}
	return sm
}

// stalledSender is a dead link: a command ends with its ctx.
type stalledSender struct{}

func (stalledSender) Send(ctx context.Context, _ string, _ any) (json.RawMessage, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}
