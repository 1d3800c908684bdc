package main

import (
	"context"
	"encoding/json"
	"image"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
	"hallq/kiosk/ui"
	"hallq/shared/protocol"
	"hallq/shared/queue"
	"hallq/shared/version"
)

// The end-to-end test clicks the real window where this file says. It builds
// the same window (ui.New) with Fyne's test driver at the screen's size, fed
// the server's own state, brings the model to the screen the real kiosk shows
// and reads where the widget with a given text was laid out. Both drivers lay
// out with the same theme and measure text with the same fonts at scale 1
// (xtest sets FYNE_SCALE=1 and Xvfb's 96 dpi detects no more), so the
// positions agree to the pixel.

// screenMap is one screen laid out by the test driver.
type screenMap struct {
	objs []fyne.CanvasObject
	pos  map[fyne.CanvasObject]fyne.Position
}

// layoutOf lays out the kiosk at size with state st, as the rating pad of
// counter (0: the hall kiosk), after drive has brought the model to a
// screen. Ticket numbers come out as A001, the first of the day.
func layoutOf(t *testing.T, size fyne.Size, st protocol.State, counter int, drive func(*model.Model)) *screenMap {
	t.Helper()
	a := test.NewTempApp(t)
	var u *ui.UI
	m := model.New(model.Config{
		Sender: replies{day: st.Day}, Now: time.Now, Go: func(f func()) { f() },
		NoPaper: true,
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
	if counter != 0 {
		m.SetHello(protocol.HelloReply{Role: protocol.RoleKiosk, Counter: counter, Day: st.Day})
	}
	if drive != nil {
		drive(m)
	}
	u.Render()
	content := u.Window().Content()
	content.Resize(size)
	sm := &screenMap{pos: map[fyne.CanvasObject]fyne.Position{}}
	drv := a.Driver()
	for _, o := range test.LaidOutObjects(content) {
		if !o.Visible() {
			continue
		}
		sm.objs = append(sm.objs, o)
		sm.pos[o] = drv.AbsolutePositionForObject(o)
	}
	return sm
}

// rectOf returns where o lies on the screen.
func (sm *screenMap) rectOf(o fyne.CanvasObject) image.Rectangle {
	p, s := sm.pos[o], o.Size()
	return image.Rect(int(p.X), int(p.Y), int(p.X+s.Width), int(p.Y+s.Height))
}

// text returns the rectangle of the first text, label or button showing s.
func (sm *screenMap) text(t *testing.T, s string) image.Rectangle {
	t.Helper()
	for _, o := range sm.objs {
		if textOf(o) == s {
			return sm.rectOf(o)
		}
	}
	t.Fatalf("no %q on the screen laid out by the test driver", s)
	return image.Rectangle{}
}

// button returns the rectangle of the smallest tappable object (a button,
// a tile's tap area) under the text s: the tile, answer or level that a
// tap on s reaches.
func (sm *screenMap) button(t *testing.T, s string) image.Rectangle {
	t.Helper()
	r := sm.text(t, s)
	c := center(r)
	best := image.Rectangle{}
	for _, o := range sm.objs {
		if _, ok := o.(fyne.Tappable); !ok {
			continue
		}
		br := sm.rectOf(o)
		if c.In(br) && (best.Empty() || br.Dx()*br.Dy() < best.Dx()*best.Dy()) {
			best = br
		}
	}
	if best.Empty() {
		t.Fatalf("no button under %q", s)
	}
	return best
}

func textOf(o fyne.CanvasObject) string {
	switch o := o.(type) {
	case *canvas.Text:
		return o.Text
	case *widget.Label:
		return o.Text
	case *widget.Button:
		return o.Text
	}
	return ""
}

func center(r image.Rectangle) image.Point {
	return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
}

// replies answers the commands of the laid-out model as the server would
// the first ticket of the day.
type replies struct{ day string }

func (r replies) Send(_ context.Context, typ string, data any) (json.RawMessage, error) {
	var v any = protocol.Empty{}
	if req, ok := data.(protocol.IssueTicket); ok && typ == protocol.CmdIssueTicket {
		num := req.Service + "001"
		v = protocol.IssueReply{Ticket: queue.Ticket{ID: r.day + "/" + num, Number: num, Service: req.Service,
			Priority: req.Priority, Token: "7KQ2M9XH", IssuedAt: queue.At(time.Now())}, EstimatedWaitS: 0}
	}
	return json.Marshal(v)
}

// finished is a live ticket_finished of ticket A001 at counter, which turns
// a rating pad to the five levels.
func finished(m *model.Model, day string, counter int) {
	data, _ := json.Marshal(protocol.TicketEvent{Ticket: queue.Ticket{ID: day + "/A001", Number: "A001",
		Service: "A", State: queue.Finished, Counter: queue.OptInt(counter)}})
	m.HandleEvent(protocol.EvTicketFinished, data, false)
}

// textPrefix returns the rectangle of the first text, label or button
// whose text starts with prefix.
func (sm *screenMap) textPrefix(t *testing.T, prefix string) image.Rectangle {
	t.Helper()
	for _, o := range sm.objs {
		if strings.HasPrefix(textOf(o), prefix) {
			return sm.rectOf(o)
		}
	}
	t.Fatalf("no text starting %q on the screen laid out by the test driver", prefix)
	return image.Rectangle{}
}
