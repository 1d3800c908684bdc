package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"hallq/display/model"
	"hallq/display/ui"
	"hallq/display/voice"
	"hallq/shared/protocol"
)

// fakePlayer plays or fails with err.
type fakePlayer struct{ err error }

func (p fakePlayer) Play(context.Context, []byte) error { return p.err }

func TestChoosePlayer(t *testing.T) {
	noCard := errors.New("oto: ALSA error at snd_pcm_open: no such device")
	card := func() (voice.Player, error) { return fakePlayer{}, nil }
	nocard := func() (voice.Player, error) { return nil, noCard }
	onPath := func(names ...string) func(string) (string, error) {
		return func(n string) (string, error) {
			for _, m := range names {
				if m == n {
					return "/usr/bin/" + n, nil
				}
			}
			return "", exec.ErrNotFound
		}
	}
	tests := []struct {
		name        string
		cmd         string
		paths       soundPaths
		want        string // the player's type
		wantProblem bool
		wantErr     bool
	}{
		{"player command", "aplay -q -", soundPaths{card, onPath("aplay")}, "voice.CommandPlayer", false, false},
		{"player command missing", "mpv -", soundPaths{card, onPath("aplay")}, "", false, true},
		{"sound card", "", soundPaths{card, onPath()}, "*voice.Fallback", false, false},
		{"no card, aplay", "", soundPaths{nocard, onPath("aplay")}, "*voice.Fallback", false, false},
		{"nothing works", "", soundPaths{nocard, onPath()}, "voice.Silent", true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, problem, err := choosePlayer(tc.cmd, tc.paths)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if got := typeName(p); got != tc.want {
				t.Errorf("player %s, want %s", got, tc.want)
			}
			if (problem != nil) != tc.wantProblem {
				t.Errorf("problem = %v, want one: %v", problem, tc.wantProblem)
			}
			if tc.wantProblem && !strings.Contains(problem.Error(), "ALSA") {
				t.Errorf("problem %q does not say why the card failed", problem)
			}
		})
	}
}

func typeName(p voice.Player) string {
	switch p.(type) {
	case voice.CommandPlayer:
		return "voice.CommandPlayer"
	case *voice.Fallback:
		return "*voice.Fallback"
	case voice.Silent:
		return "voice.Silent"
	}
	return "?"
}

// fakeDevices records device_status reports.
type fakeDevices struct {
	mu  sync.Mutex
	got []protocol.DeviceStatus
}

func (d *fakeDevices) Report(kind string, ok bool, detail string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.got = append(d.got, protocol.DeviceStatus{Kind: kind, OK: ok, Detail: detail})
}

func (d *fakeDevices) last() (protocol.DeviceStatus, int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.got) == 0 {
		return protocol.DeviceStatus{}, 0
	}
	return d.got[len(d.got)-1], len(d.got)
}

// shown reports whether the screen draws text anywhere.
func shown(w fyne.Window, text string) bool {
	for _, o := range test.LaidOutObjects(w.Content()) {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() && tx.Text == text {
			return true
		}
	}
	return false
}

// TestNoSoundMarker: when the player fails, the board's header shows "Không
// có âm thanh" and the staff are told; a play that works again clears both.
func TestNoSoundMarker(t *testing.T) {
	hall := ui.New(test.NewTempApp(t), model.New(nil), ui.Options{Size: fyne.NewSize(1920, 1080)})
	t.Cleanup(hall.Window().Close)
	hall.SetState(protocol.State{Day: "2026-11-28", Hall: protocol.HallInfo{Name: "Sở Công Thương"}})
	dev := &fakeDevices{}
	sound := soundWatch{screen: hall, devices: dev}

	// The player is the one the display would use: the card, then aplay,
	// both failing.
	cardGone := fakePlayer{err: errors.New("oto: ALSA error: device unplugged")}
	aplay := &switchPlayer{err: errors.New("aplay: main:831: audio open error: No such file or directory")}
	// The test driver runs fyne.Do at once on the caller's goroutine, so
	// the outcomes come to the test's goroutine, which alone touches the
	// widgets (the real driver does that with fyne.Do).
	played := make(chan error, 10)
	ann := voice.NewAnnouncer(voice.AnnouncerConfig{
		Player: voice.NewFallback(cardGone, aplay), Chime: true,
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnPlayed: func(err error) { played <- err },
	})
	next := func() {
		t.Helper()
		select {
		case err := <-played:
			sound.set(err)
		case <-time.After(5 * time.Second):
			t.Fatal("no announcement played within 5 s")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); ann.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	sound.set(nil) // a sound path was found at start
	if shown(hall.Window(), model.NoSoundText) {
		t.Fatalf("marker shown while the sound works")
	}
	ann.Announce(voice.Call{Number: "A001", Counter: 1})
	next()
	if !shown(hall.Window(), model.NoSoundText) {
		t.Fatalf("no %q marker after a failed play", model.NoSoundText)
	}
	if st, _ := dev.last(); st.Kind != protocol.DeviceSound || st.OK || !strings.Contains(st.Detail, "không có âm thanh") {
		t.Errorf("reported %+v, want sound not ok with the reason", st)
	}

	aplay.set(nil) // someone installed alsa-utils or plugged the speakers
	_, n := dev.last()
	ann.Announce(voice.Call{Number: "A002", Counter: 1})
	next()
	if shown(hall.Window(), model.NoSoundText) {
		t.Errorf("marker still shown after a play that worked")
	}
	if st, m := dev.last(); m <= n || !st.OK {
		t.Errorf("reported %+v (%d reports), want sound ok after %d", st, m, n)
	}
}

// switchPlayer fails with err until set(nil).
type switchPlayer struct {
	mu  sync.Mutex
	err error
}

func (p *switchPlayer) Play(context.Context, []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

func (p *switchPlayer) set(err error) { p.mu.Lock(); p.err = err; p.mu.Unlock() }
