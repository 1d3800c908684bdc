package main

import (
	"context"
	"encoding/json"
	"image"
	"image/color"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"hallq/shared/hallclient"
)

// peer is a second client of the real server: it sends commands and keeps
// every live event it sees.
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

// send sends a command and returns its reply's data.
func (p *peer) send(t *testing.T, typ string, data any, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	raw, err := p.c.Send(ctx, typ, data)
	if err != nil {
		t.Fatalf("%s: %v", typ, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s reply: %v", typ, err)
		}
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

// share is the part of r's pixels (inset by 4) within tol of one of cs on
// every channel: for backgrounds.
func share(img image.Image, r image.Rectangle, tol int, cs ...color.NRGBA) float64 {
	r = r.Inset(4).Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	return float64(pixels(img, r, tol, cs...)) / float64(r.Dx()*r.Dy())
}

// pixels counts r's pixels within tol of one of cs on every channel: for
// text, which fills little of its box.
func pixels(img image.Image, r image.Rectangle, tol int, cs ...color.NRGBA) int {
	r = r.Intersect(img.Bounds())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			for _, c := range cs {
				if near(p.R, c.R, tol) && near(p.G, c.G, tol) && near(p.B, c.B, tol) {
					n++
					break
				}
			}
		}
	}
	return n
}

func near(a, b uint8, tol int) bool {
	d := int(a) - int(b)
	return d <= tol && d >= -tol
}

// hovered is c under the theme's hover colour, as a button under the
// pointer draws it.
func hovered(c color.NRGBA, hover color.Color) color.NRGBA {
	h := color.NRGBAModel.Convert(hover).(color.NRGBA)
	mix := func(a, b uint8) uint8 { return uint8((int(a)*(255-int(h.A)) + int(b)*int(h.A)) / 255) }
	return color.NRGBA{R: mix(c.R, h.R), G: mix(c.G, h.G), B: mix(c.B, h.B), A: 0xff}
}
