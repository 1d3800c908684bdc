package main

import (
	"bytes"
	"fmt"
	"image"
	"testing"
	"time"

	"hallq/display/voice"
	"hallq/shared/protocol"
	"hallq/shared/xtest"
)

// The display under test.
const (
	displayDevice = "display-1"
	displayToken  = "demo-display-1-token-01"
	windowTitle   = "Màn hình phòng chờ"
)

// TestEndToEnd runs the real display binary full screen at 1920x1080
// against the real server. A second client (kiosk-1 issues, counter-1
// signs in as hang.nd and calls) makes a call: counter 1's tile flashes,
// then shows the number, and the announcement reaches the player
// (-player-cmd records it) byte for byte. Then the server stops: the board
// keeps the tiles and shows the offline line; it starts again on the same
// data dir and port: the line goes, a new call appears and is announced,
// and nothing replayed after the reconnect is announced.
//
// HALL_SHOTS=DIR keeps the screenshots.
func TestEndToEnd(t *testing.T) {
	bin := xtest.Build(t, "hallq/display")
	shots := xtest.ShotDir(t)
	h := startHall(t)
	rec := newRecorder(t)
	x, _ := xtest.Launch(t, 1920, 1080, windowTitle, bin, "-server", h.URL(), "-device", displayDevice, "-token", displayToken,
		"-fullscreen", "-player-cmd", rec.cmd)

	kiosk, counter := kioskDevice(t, h), counterDevice(t, h, 1)
	waitConnected(t, kiosk, counter)
	counter.Send(t, protocol.CmdClerkLogin, protocol.ClerkLogin{Username: "hang.nd", PIN: "1111"}, nil)
	issue(t, kiosk, "A", "A", "B")
	header := image.Rect(0, 0, x.W, x.H*11/100)
	online := func() bool { return count(x.Screenshot(t, ""), header, red) == 0 }
	xtest.Eventually(t, 20*time.Second, "the board still shows its connection line", online)
	time.Sleep(time.Second) // the state after the last ticket
	before := x.Screenshot(t, xtest.ShotName(t, shots, "1-before"))

	first, id := callNext(t, counter)
	tile := waitFlash(t, x, xtest.ShotName(t, shots, "2-flash"))
	if tile.Min.X > x.W/3 || tile.Min.Y > x.H/3 {
		t.Errorf("the flashing tile is at %v; counter 1's tile should be the first, top left", tile)
	}
	after := waitShown(t, x, tile, xtest.ShotName(t, shots, "3-after"))
	if f := changed(before, after, tile); f < 0.01 {
		t.Errorf("counter 1's tile changed in %.2f%% of its pixels after the call, want a number", 100*f)
	}
	want := []string{first}
	waitPlayed(t, h, rec, want)

	h.Stop()
	xtest.Eventually(t, 15*time.Second, "no offline line while the server is down", func() bool {
		return !online()
	})
	down := x.Screenshot(t, xtest.ShotName(t, shots, "4-offline"))
	if count(down, tile, yellow) < tile.Dx()*tile.Dy()/200 {
		t.Error("counter 1's number went away while the server was down")
	}

	h.Start()
	xtest.Eventually(t, 30*time.Second, "the offline line stayed after the server came back", online)
	waitConnected(t, kiosk, counter)
	counter.Send(t, protocol.CmdFinish, protocol.TicketRef{TicketID: id}, nil)
	second, _ := callNext(t, counter)
	if again := waitFlash(t, x, xtest.ShotName(t, shots, "5-flash-after-restart")); !sameRect(again, tile) {
		t.Errorf("after the restart the tile at %v flashed, want counter 1's at %v", again, tile)
	}
	waitShown(t, x, tile, xtest.ShotName(t, shots, "6-after-restart"))
	want = append(want, second)
	waitPlayed(t, h, rec, want)
	time.Sleep(time.Second)
	if n := len(rec.played(t)); n != len(want) {
		t.Errorf("%d announcements played, want %d: a call replayed after the reconnect was announced", n, len(want))
	}
}

// waitFlash waits until a tile flashes (lit: one solid yellow patch of at
// least 2% of the screen), saves that screenshot and returns the tile's
// bounds.
func waitFlash(t *testing.T, x *xtest.Display, path string) image.Rectangle {
	t.Helper()
	var tile image.Rectangle
	start := time.Now()
	var seen []string
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("looking for the flash: %v", seen)
		}
	})
	xtest.Eventually(t, 10*time.Second, "no tile flashed after the call", func() bool {
		// A screenshot may take as long as a blink; shift each one by a
		// different delay, so that they do not all fall in the dark half.
		time.Sleep(time.Duration(len(seen)%4) * 130 * time.Millisecond)
		img := x.Screenshot(t, "")
		r, n := largestBlob(img, yellow)
		seen = append(seen, fmt.Sprintf("%.1fs: %d px at %v", time.Since(start).Seconds(), n, r))
		if n < x.W*x.H/50 {
			return false
		}
		savePNG(t, path, img)
		tile = r
		return true
	})
	return tile
}

// waitShown waits for the flash to end and returns the screenshot, in
// which the tile must show its number in yellow.
func waitShown(t *testing.T, x *xtest.Display, tile image.Rectangle, path string) image.Image {
	t.Helper()
	time.Sleep(6 * time.Second) // board.FlashFor
	var img image.Image
	xtest.Eventually(t, 5*time.Second, "the tile kept flashing", func() bool {
		img = x.Screenshot(t, path)
		_, n := largestBlob(img, yellow)
		return n < x.W*x.H/50
	})
	if n := count(img, tile, yellow); n < tile.Dx()*tile.Dy()/200 {
		t.Errorf("counter 1's tile has %d yellow pixels after the flash, want its number", n)
	}
	return img
}

// waitPlayed waits until the player got one announcement per number, each
// the WAV file of that call at counter 1.
func waitPlayed(t *testing.T, h *testHall, rec *recorder, numbers []string) {
	t.Helper()
	xtest.Eventually(t, 10*time.Second, "the call did not reach the player", func() bool {
		return len(rec.played(t)) >= len(numbers)
	})
	ann := voice.NewAnnouncer(voice.AnnouncerConfig{Chime: true})
	ann.SetTemplate(h.Srv.Hall.State().Hall.Announcement)
	for i, got := range rec.played(t) {
		if i >= len(numbers) {
			t.Fatalf("%d announcements played, want %d", i+1, len(numbers))
		}
		if want := ann.Build(voice.Call{Number: numbers[i], Counter: 1}); !bytes.Equal(got, want) {
			t.Errorf("announcement %d: %d bytes played, want the %d of %s at counter 1", i+1, len(got), len(want), numbers[i])
		}
	}
}
