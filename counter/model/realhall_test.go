package model_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"hallq/counter/model"
	"hallq/server/app"
	"hallq/server/app/apptest"
	"hallq/shared/hallclient"
	"hallq/shared/protocol"
)

// These tests drive the counter's logic wired to a real hallclient.Client,
// as counter/main.go wires it, against the real server (server/app) on
// loopback, through a TCP proxy the test can mute and cut.

// realHall is a running server, a kiosk client to issue tickets and a
// counter-1 Desk connected through a proxy.
type realHall struct {
	srv   *app.Server
	proxy *apptest.Proxy
	kiosk *hallclient.Client
	desk  *model.Desk
	// offlineBusy is set when the desk ever showed a command in flight
	// while offline (the cut test waits for it).
	offlineBusy atomic.Bool
}

// hallNow returns a clock that starts at 09:00 in the hall's zone (inside
// opening hours) and runs with the real one.
func hallNow() func() time.Time {
	base := time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	start := time.Now()
	return func() time.Time { return base.Add(time.Since(start)) }
}

func startRealHall(t *testing.T) *realHall {
	t.Helper()
	now := hallNow()
	h := &realHall{srv: apptest.Start(t, app.Options{Now: now})}
	h.proxy = apptest.StartProxy(t, h.srv.Addr)
	h.kiosk = apptest.RunClient(t, hallclient.Config{URL: "ws://" + h.srv.Addr + "/ws",
		Device: "kiosk-1", Token: "demo-kiosk-1-token-0001"})

	var d *model.Desk
	client, start := apptest.NewClient(t, hallclient.Config{URL: h.proxy.URL(),
		Device: "counter-1", Token: "demo-counter-1-token-01",
		OnStatus: func(s hallclient.Status) { d.SetStatus(s.Connected, s.Attempt, s.Err) },
		OnHello:  func(r protocol.HelloReply) { d.SetHello(r) },
		OnState:  func(s protocol.State) { d.SetState(s) },
		OnEvent: func(e hallclient.Event) {
			if !e.Replayed && e.At != nil {
				d.SetServerTime(e.At.Time)
			}
		},
	})
	// The counter's computer runs three hours fast: its waiting and
	// service times must count on the server's clock all the same.
	fast := func() time.Time { return now().Add(3 * time.Hour) }
	d = model.New(model.Config{Sender: client, Now: fast, Timeout: 30 * time.Second,
		OnChange: func() {
			if v := d.View(); !v.Online && v.Busy {
				h.offlineBusy.Store(true)
			}
		}})
	t.Cleanup(d.Close) // runs before the client stops (cleanups are LIFO)
	start()
	h.desk = d
	waitFor(t, "the kiosk to connect", h.kiosk.Connected)
	h.waitView(t, "the sign-in screen", func(v model.View) bool { return v.Screen == model.ScreenLogin && v.CanLogin })
	return h
}

// issue issues one ticket of each service in order at the kiosk.
func (h *realHall) issue(t *testing.T, services ...string) {
	t.Helper()
	for _, s := range services {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := h.kiosk.Send(ctx, protocol.CmdIssueTicket, protocol.IssueTicket{Service: s})
		cancel()
		if err != nil {
			t.Fatalf("issue a ticket of %s: %v", s, err)
		}
	}
}

// signIn signs hang.nd in at counter 1 and waits for the serve screen.
func (h *realHall) signIn(t *testing.T) {
	t.Helper()
	if !h.desk.Login("hang.nd", "1111") {
		t.Fatal("Login refused to send")
	}
	h.waitView(t, "the serve screen", func(v model.View) bool { return v.Screen == model.ScreenServe && !v.Busy })
}

// waitView waits until the desk's view satisfies ok and returns it.
func (h *realHall) waitView(t *testing.T, what string, ok func(model.View) bool) model.View {
	t.Helper()
	var v model.View
	waitFor(t, what, func() bool { v = h.desk.View(); return ok(v) })
	return v
}

// waitSettled waits until no command is in flight and the desk's state has
// caught up with the server's events.
func (h *realHall) waitSettled(t *testing.T, what string, ok func(model.View) bool) model.View {
	t.Helper()
	return h.waitView(t, what, func(v model.View) bool { return !v.Busy && ok(v) })
}

// do performs a, which must apply now, and waits for its reply.
func (h *realHall) do(t *testing.T, a model.Action) model.View {
	t.Helper()
	if !h.desk.Do(a) {
		t.Fatalf("Do(%s) refused; view %+v", a.Label(false), h.desk.View())
	}
	h.desk.Wait()
	v := h.desk.View()
	if v.Message.Error {
		t.Fatalf("Do(%s): %s", a.Label(false), v.Message.Text)
	}
	return v
}

// calledAt returns the number called at counter 1 on the server, or "".
func (h *realHall) calledAt(id int) string {
	for _, c := range h.srv.Hall.State().Counters {
		if c.ID == id && c.Ticket != nil {
			return c.Ticket.Number
		}
	}
	return ""
}

// waitFor waits up to 15 s for ok.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	apptest.WaitFor(t, 15*time.Second, what, ok)
}
