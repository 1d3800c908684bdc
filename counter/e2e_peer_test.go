package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hallq/shared/hallclient"
	"hallq/shared/xtest"
)

// peer is another client of the real server (the kiosk, a display): it
// sends commands and keeps every live event it sees.
type peer struct {
	c      *hallclient.Client
	up     chan struct{}
	once   sync.Once
	mu     sync.Mutex
	events []hallclient.Event
}

// connect connects device to the server at addr and waits for its hello.
func connect(t *testing.T, addr, device, token string) *peer {
	t.Helper()
	p := &peer{up: make(chan struct{})}
	p.c = hallclient.New(hallclient.Config{
		URL: "ws://" + addr + "/ws", Device: device, Token: token,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnStatus: func(s hallclient.Status) {
			if s.Connected {
				p.once.Do(func() { close(p.up) })
			}
		},
		OnEvent: func(e hallclient.Event) {
			p.mu.Lock()
			p.events = append(p.events, e)
			p.mu.Unlock()
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = p.c.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case <-p.up:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no hello from the server within 10 s", device)
	}
	return p
}

// send sends a command and fails t when it is refused.
func (p *peer) send(t *testing.T, typ string, data any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := p.c.Send(ctx, typ, data); err != nil {
		t.Fatalf("%s: %v", typ, err)
	}
}

// saw reports whether a live event typ arrived whose data decodes into a
// value of type T that match accepts.
func saw[T any](p *peer, typ string, match func(T) bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.events {
		if e.Type != typ || e.Replayed {
			continue
		}
		var v T
		if json.Unmarshal(e.Data, &v) == nil && match(v) {
			return true
		}
	}
	return false
}

// resizeWindow resizes the window whose name contains title to w×h at the
// screen's top left (Xvfb has no window manager to maximise it).
func resizeWindow(t *testing.T, x *xtest.Display, title string, w, h int) {
	t.Helper()
	env := append(os.Environ(), "DISPLAY="+x.Name)
	cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", title)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil || len(strings.Fields(string(out))) == 0 {
		t.Fatalf("no window %q to resize: %v", title, err)
	}
	id := strings.Fields(string(out))[0]
	for _, args := range [][]string{
		{"windowmove", id, "0", "0"},
		{"windowsize", "--sync", id, strconv.Itoa(w), strconv.Itoa(h)},
	} {
		cmd := exec.Command("xdotool", args...)
		cmd.Env = env
		if err := cmd.Run(); err != nil {
			t.Fatalf("xdotool %v: %v", args, err)
		}
	}
}

// shotDir is where the screenshots go: $HALL_SHOTS if set (to look at
// them), else a temp dir.
func shotDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("HALL_SHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// shotName is a file name for a screenshot of test t.
func shotName(t *testing.T, dir, what string) string {
	name := strings.NewReplacer("/", "-", " ", "_").Replace(t.Name())
	return filepath.Join(dir, name+"-"+what+".png")
}
