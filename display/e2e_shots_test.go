package main

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"testing"
	"time"

	"hallq/server/app/apptest"
	"hallq/shared/protocol"
	"hallq/shared/xtest"
)

// TestBusyHallScreens takes screenshots of the real display, full screen,
// at 1920x1080, 1280x720 and portrait 1080x1920, in a busy hall: five
// counters (one paused), calls made, people waiting for every service. It
// runs only with HALL_SHOTS=DIR, where it leaves the pictures for a person
// to look at; each size gets one picture during a live call and one after.
func TestBusyHallScreens(t *testing.T) {
	if os.Getenv("HALL_SHOTS") == "" {
		t.Skip("set HALL_SHOTS=DIR to take screenshots of the busy hall")
	}
	shots := xtest.ShotDir(t)
	bin := xtest.Build(t, "hallq/display")
	h := startHall(t)
	kiosk := kioskDevice(t, h)
	counters := busyHall(t, h, kiosk)
	for _, size := range []image.Point{{1920, 1080}, {1280, 720}, {1080, 1920}} {
		t.Run(fmt.Sprintf("%dx%d", size.X, size.Y), func(t *testing.T) {
			x, _ := xtest.Launch(t, size.X, size.Y, windowTitle, bin, "-server", h.URL(), "-device", displayDevice, "-token", displayToken,
				"-fullscreen", "-mute", "-chime=false")
			header := image.Rect(0, 0, x.W, min(x.W, x.H)*11/100)
			xtest.Eventually(t, 20*time.Second, "the board did not connect", func() bool {
				return count(x.Screenshot(t, ""), header, red) == 0
			})
			issue(t, kiosk, "C")
			counters[3].Send(t, protocol.CmdRecall, protocol.TicketRef{TicketID: h.serving(t, 4)}, nil)
			time.Sleep(1500 * time.Millisecond)
			x.Screenshot(t, xtest.ShotName(t, shots, "calling"))
			time.Sleep(6 * time.Second)
			x.Screenshot(t, xtest.ShotName(t, shots, "steady"))
		})
	}
}

// busyHall signs a clerk in at each of the five demo counters, issues
// tickets for every service and serves some, so that every counter but the
// paused third serves a number and the "vừa gọi" list is full.
func busyHall(t *testing.T, h *testHall, kiosk *apptest.Peer) []*apptest.Peer {
	t.Helper()
	clerks := []protocol.ClerkLogin{{Username: "hang.nd", PIN: "1111"}, {Username: "minh.tq", PIN: "2222"},
		{Username: "lan.ptn", PIN: "3333"}, {Username: "tuan.lv", PIN: "4444"}, {Username: "thao.vtp", PIN: "5555"}}
	var cs []*apptest.Peer
	for i := range clerks {
		cs = append(cs, counterDevice(t, h, i+1))
	}
	waitConnected(t, append([]*apptest.Peer{kiosk}, cs...)...)
	for i, c := range cs {
		c.Send(t, protocol.CmdClerkLogin, clerks[i], nil)
	}
	for range 4 {
		issue(t, kiosk, "A", "B", "C", "D", "E", "F", "A", "E")
	}
	kiosk.Send(t, protocol.CmdIssueTicket, protocol.IssueTicket{Service: "D", Priority: true}, nil)
	for round := range 3 {
		for i, c := range cs {
			_, id := callNext(t, c)
			if round < 2 || i == 2 {
				c.Send(t, protocol.CmdFinish, protocol.TicketRef{TicketID: id}, nil)
			}
		}
	}
	cs[2].Send(t, protocol.CmdPause, nil, nil)
	return cs
}

// serving returns the id of the ticket counter n serves.
func (h *testHall) serving(t *testing.T, n int) string {
	t.Helper()
	for _, c := range h.Srv.Hall.State().Counters {
		if c.ID == n && c.Ticket != nil {
			return c.Ticket.ID
		}
	}
	t.Fatalf("counter %d serves no ticket", n)
	return ""
}

// savePNG writes img to path.
func savePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
