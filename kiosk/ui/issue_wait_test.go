package ui

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hallq/kiosk/model"
)

// stalled is a server behind a dead link: a command waits until its ctx
// ends.
type stalled struct{ calls int }

func (s *stalled) Send(ctx context.Context, _ string, _ any) (json.RawMessage, error) {
	s.calls++
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestIssueWaitShowsFailureWithWayHome: when no ticket comes within
// model.IssueWait the citizen sees the failure in red at once, with the
// "Về trang chủ" button, which goes home.
func TestIssueWaitShowsFailureWithWayHome(t *testing.T) {
	app := test.NewTempApp(t)
	s := &stalled{}
	var queued []func()
	var fire func()
	var wait time.Duration
	var u *UI
	m := model.New(model.Config{
		Sender: s, Now: func() time.Time { return time.Date(2026, 11, 28, 9, 15, 0, 0, zone) },
		Go: func(fn func()) { queued = append(queued, fn) },
		AfterFunc: func(d time.Duration, fn func()) func() bool {
			wait, fire = d, fn
			return func() bool { return true }
		},
		OnChange: func() {
			if u != nil {
				u.Render()
			}
		},
	})
	u = New(app, m, Options{Size: landscape})
	t.Cleanup(func() { u.Window().Close() })
	m.SetState(testState())
	m.SetStatus(true)
	f := &fixture{m: m, u: u}

	test.Tap(f.tile(t, "A"))
	test.Tap(u.screens[model.ScreenPriority].(*priority).no)
	if got := m.View().Screen; got != model.ScreenIssuing || len(queued) != 1 || fire == nil || wait != model.IssueWait {
		t.Fatalf("after the tap: screen %v, %d sends, wait %v; want issuing, one send, IssueWait", got, len(queued), wait)
	}
	fire() // 5 s later
	queued[0]()
	d := u.screens[model.ScreenDone].(*done)
	if got := m.View().Screen; got != model.ScreenDone || d.text.Text != model.IssueFailText || d.text.Importance != widget.DangerImportance {
		t.Fatalf("after IssueWait: screen %v, text %q (importance %v); want %q in red", got, d.text.Text, d.text.Importance, model.IssueFailText)
	}
	f.tap(t, "Về trang chủ")
	if got := m.View().Screen; got != model.ScreenHome {
		t.Errorf("after Về trang chủ: screen %v, want home", got)
	}
	if s.calls != 1 {
		t.Errorf("sends: got %d, want 1", s.calls)
	}
}
