package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hallq/counter/model"
	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
)

// TestFileCodesOnRealServer types file codes in the counter's window
// (Fyne's test driver) against the real server: a code with a space is
// refused as typed, Enter adds a good one, the ✕ on a code removes it, a
// code left in the field goes with F3 (finish), and the server holds them.
func TestFileCodesOnRealServer(t *testing.T) {
	test.NewTempApp(t)
	base := time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	start := time.Now()
	srv := apptest.Start(t, app.Options{Now: func() time.Time { return base.Add(time.Since(start)) }})
	kiosk := apptest.Connect(t, srv.Addr, "kiosk-1", "demo-kiosk-1-token-0001")
	kiosk.Send(t, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "A"}, nil)

	var d *model.Desk
	// The test renders on its own goroutine (settle): the test driver's
	// fyne.Do would run a render on the network's goroutine.
	client, run := apptest.NewClient(t, hallclient.Config{URL: "ws://" + srv.Addr + "/ws",
		Device: "counter-1", Token: "demo-counter-1-token-01",
		OnStatus: func(s hallclient.Status) { d.SetStatus(s.Connected, s.Attempt, s.Err) },
		OnHello:  func(r protocol.HelloReply) { d.SetHello(r) },
		OnState:  func(s protocol.State) { d.SetState(s) },
	})
	d = model.New(model.Config{Sender: client, Timeout: 30 * time.Second})
	t.Cleanup(d.Close)
	u := New(fyne.CurrentApp(), d, Options{})
	t.Cleanup(u.Window().Close)
	run()
	settle := func(what string, ok func(model.View) bool) {
		t.Helper()
		apptest.WaitFor(t, 15*time.Second, what, func() bool { v := d.View(); return !v.Busy && ok(v) })
		u.Refresh()
	}
	settle("the sign-in screen", func(v model.View) bool { return v.CanLogin })
	if !d.Login("hang.nd", "1111") {
		t.Fatal("sign-in refused")
	}
	settle("the serve screen", func(v model.View) bool { return v.Screen == model.ScreenServe && len(v.Queue) == 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := client.Send(ctx, protocol.CmdCallNext, nil); err != nil {
		t.Fatal(err)
	}
	settle("A001 served", func(v model.View) bool { return v.Current != nil })

	p := u.serve.codes
	test.Type(p.entry, "H12 34")
	u.Refresh()
	if msg := u.serve.msg.Text; !strings.Contains(msg, "không hợp lệ") || !p.add.Disabled() {
		t.Errorf("typed a space: message %q, add disabled %v; want the refusal and the button off", msg, p.add.Disabled())
	}
	p.entry.SetText("")
	test.Type(p.entry, "H12.34-251128-0001")
	u.Refresh()
	if p.add.Disabled() || strings.Contains(u.serve.msg.Text, "hồ sơ") {
		t.Errorf("a good code: add disabled %v, message %q", p.add.Disabled(), u.serve.msg.Text)
	}
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle("the code stored", func(v model.View) bool { return v.Current != nil && len(v.Current.FileCodes) == 1 })
	if p.entry.Text != "" {
		t.Errorf("field after adding: %q, want empty", p.entry.Text)
	}
	test.Type(p.entry, "B/2025/7")
	u.Refresh()
	test.Tap(p.add)
	settle("two codes", func(v model.View) bool { return v.Current != nil && len(v.Current.FileCodes) == 2 })

	var chip *widget.Button
	for _, o := range p.chips.Objects {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "H12.34-251128-0001") {
			chip = b
		}
	}
	if chip == nil {
		t.Fatalf("no chip for H12.34-251128-0001 among %d", len(p.chips.Objects))
	}
	test.Tap(chip)
	settle("the code removed", func(v model.View) bool { return v.Current != nil && len(v.Current.FileCodes) == 1 })

	test.Type(p.entry, "000.00.12.H12-251128-0009")
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3}) // F3 works from the field
	settle("finished", func(v model.View) bool { return v.Current == nil })
	var got []string
	for _, tk := range srv.Hall.State().RecentCalls {
		if tk.Number == "A001" {
			got = tk.FileCodes
		}
	}
	if want := []string{"B/2025/7", "000.00.12.H12-251128-0009"}; !slices.Equal(got, want) {
		t.Errorf("server's A001: codes %v, want %v", got, want)
	}
	if len(p.chips.Objects) != 0 || p.entry.Text != "" {
		t.Errorf("after finish: %d chips, field %q; want none, empty", len(p.chips.Objects), p.entry.Text)
	}
}
