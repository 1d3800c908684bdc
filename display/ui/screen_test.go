package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"hallq/display/model"
	"hallq/shared/protocol"
	"hallq/shared/queue"
	"hallq/shared/xtest"
)

var t0 = time.Date(2026, 11, 28, 9, 15, 0, 0, time.FixedZone("ICT", 7*3600))

// called returns a ticket called at counter c.
func called(number string, c int) queue.Ticket {
	return queue.Ticket{ID: "2026-11-28/" + number, Number: number, Service: number[:1],
		State: queue.Called, Counter: queue.OptInt(c)}
}

// sampleState is a busy morning in a hall of six counters.
func sampleState() protocol.State {
	s := protocol.State{
		Day: "2026-11-28", Seq: 40,
		Hall: protocol.HallInfo{
			Name:            "Sở Công Thương tỉnh Bình Dương",
			FeedbackContact: "Phòng Kế hoạch - Tài chính - Tổng hợp, ĐT 0274 3822 567",
			Ticker:          "Giờ làm việc: sáng 7:30–11:30, chiều 13:00–17:00, từ thứ Hai đến thứ Sáu",
		},
		Services: []protocol.ServiceInfo{
			{ID: "A", Name: "Lưu thông hàng hóa trong nước", Waiting: 7},
			{ID: "B", Name: "Điện lực, năng lượng", Waiting: 2},
			{ID: "C", Name: "Hóa chất, vật liệu nổ công nghiệp", Waiting: 0},
			{ID: "D", Name: "Xúc tiến thương mại", Waiting: 12},
		},
	}
	tickets := []*queue.Ticket{nil, nil, nil, nil, nil, nil}
	for i, n := range []string{"A105", "B021", "", "D1005", "A104", ""} {
		if n != "" {
			t := called(n, i+1)
			tickets[i] = &t
		}
	}
	for i := range 6 {
		st := queue.CounterOpen
		switch i {
		case 2:
			st = queue.CounterPaused
		case 5:
			st = queue.CounterClosed
		}
		s.Counters = append(s.Counters, queue.Counter{ID: i + 1, Name: "Quầy " + string(rune('1'+i)), Status: st, Ticket: tickets[i]})
	}
	for _, c := range []struct {
		n string
		c int
	}{{"A105", 1}, {"B021", 2}, {"A104", 5}, {"D1005", 4}, {"A103", 1}, {"C003", 3}, {"A102", 5}, {"B020", 2}, {"D1004", 4}, {"A101", 1}} {
		s.RecentCalls = append(s.RecentCalls, called(c.n, c.c))
	}
	return s
}

// newTestScreen makes a screen in the test app at the given size.
func newTestScreen(t *testing.T, w, h float32) *screen {
	t.Helper()
	app := test.NewTempApp(t)
	s := newScreen(app, Options{Size: fyne.NewSize(w, h), Version: "1.2.0"})
	t.Cleanup(s.win.Close)
	return s
}

// capture saves the window's image under $DISPLAY_SHOTS, for a person to
// look at; it does nothing when the variable is unset.
func capture(t *testing.T, s *screen, name string) {
	t.Helper()
	dir := os.Getenv("DISPLAY_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, s.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// sampleView is the sample state's view, connected, at t0.
func sampleView() model.View {
	b := model.New(func() time.Time { return t0 })
	b.SetState(sampleState())
	b.SetStatus(model.Status{Connected: true})
	return b.View()
}

func TestScreenSizes(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h float32
	}{{"1920x1080", 1920, 1080}, {"1280x720", 1280, 720}, {"1080x1920", 1080, 1920}} {
		t.Run(sz.name, func(t *testing.T) {
			s := newTestScreen(t, sz.w, sz.h)
			c := xtest.NewClock(t0)
			b := model.New(c.Now)
			b.SetState(sampleState())
			b.SetStatus(model.Status{Connected: true})
			ev := calledMessage(t, "A105", 1, t0)
			b.Event(ev, false)
			s.render(b.View())
			nothingCutOff(t, s, sz.w, sz.h)
			capture(t, s, "display-"+sz.name+".png")
			b.SetStatus(model.Status{Known: true})
			c.Set(t0.Add(700 * time.Millisecond))
			s.render(b.View())
			nothingCutOff(t, s, sz.w, sz.h)
			capture(t, s, "display-"+sz.name+"-offline.png")
		})
	}
}

// nothingCutOff checks that every visible text on s lies inside the w×h
// window and has the room its words need (texts are not clipped: one
// wider than its place runs into its neighbour).
func nothingCutOff(t *testing.T, s *screen, w, h float32) {
	t.Helper()
	n := 0
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if !o.Visible() {
			return
		}
		p := at.Add(o.Position())
		switch o := o.(type) {
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c, p)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c, p)
			}
			return
		case *canvas.Text:
			if o.Text == "" {
				return
			}
			n++
			size := o.Size()
			if p.X < -1 || p.Y < -1 || p.X+size.Width > w+1 || p.Y+size.Height > h+1 {
				t.Errorf("%q at %v size %v lies outside the %vx%v screen", o.Text, p, size, w, h)
			}
			// The fitting layouts size text by their own measure, a
			// few per cent off the canvas's: more than 3 % is a cut.
			if need := o.MinSize(); need.Width > size.Width*1.03+1 {
				t.Errorf("%q needs %v px wide, has %v: cut off", o.Text, need.Width, size.Width)
			}
		}
	}
	walk(s.win.Content(), fyne.Position{})
	if n < 10 {
		t.Fatalf("only %d texts on the screen: the walk found nothing to check", n)
	}
}
