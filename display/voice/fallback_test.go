package voice

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestFallback: the first player that works is used and kept; when it
// fails the next is tried; all failing is an error.
func TestFallback(t *testing.T) {
	wav := EncodeWAV(make([]int16, 160))
	inProc, cmd := newFakePlayer(), newFakePlayer()
	f := NewFallback(inProc, cmd)
	count := func(p *fakePlayer) int { p.mu.Lock(); defer p.mu.Unlock(); return len(p.plays) }

	if err := f.Play(context.Background(), wav); err != nil || count(inProc) != 1 || count(cmd) != 0 {
		t.Fatalf("first play: err %v, in-process %d, command %d; want the in-process player once", err, count(inProc), count(cmd))
	}
	inProc.err = errors.New("device gone")
	if err := f.Play(context.Background(), wav); err != nil || count(cmd) != 1 {
		t.Fatalf("after the device failed: err %v, command %d; want the command to play", err, count(cmd))
	}
	if err := f.Play(context.Background(), wav); err != nil || count(inProc) != 2 || count(cmd) != 2 {
		t.Fatalf("third play: in-process %d, command %d; want the command kept (2, 2)", count(inProc), count(cmd))
	}
	cmd.err = errors.New("aplay: no card")
	if err := f.Play(context.Background(), wav); err == nil {
		t.Fatalf("every player failed: got no error")
	}
	if err := NewFallback().Play(context.Background(), wav); !errors.Is(err, ErrNoPlayer) {
		t.Fatalf("no players: got %v, want ErrNoPlayer", err)
	}
}

// TestAnnouncerOnPlayed: each announcement's outcome is passed on.
func TestAnnouncerOnPlayed(t *testing.T) {
	p := newFakePlayer()
	got := make(chan error, 10)
	a, _ := startAnnouncer(t, p, AnnouncerConfig{Chime: true, OnPlayed: func(err error) { got <- err }})
	next := func() error {
		t.Helper()
		select {
		case err := <-got:
			return err
		case <-time.After(5 * time.Second):
			t.Fatal("OnPlayed not called within 5 s")
			return nil
		}
	}
	a.Announce(Call{Number: "A1", Counter: 1})
	if err := next(); err != nil {
		t.Fatalf("played: got %v, want nil", err)
	}
	p.mu.Lock()
	p.err = errors.New("no device")
	p.mu.Unlock()
	a.Announce(Call{Number: "A2", Counter: 1})
	if err := next(); err == nil {
		t.Fatalf("failed play: got nil, want the player's error")
	}
}
