package apptest

import (
	"net"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/shared/xtest"
)

// InPlace is the real server with the demo hall on a fixed loopback port and
// data dir of its own, so that it can be stopped and started again in the
// same place (a restart keeps the data and the address).
type InPlace struct {
	t testing.TB
	// Dir is the data dir; its hall.toml may be edited before Start.
	Dir string
	// Addr is the server's host:port.
	Addr string
	// Now is the server's clock (nil: the real one), read at each Start.
	Now func() time.Time
	// Srv is the running server, nil while stopped.
	Srv *app.Server
}

// NewInPlace picks a free loopback port and writes the demo config into a
// temp data dir; the server is not started yet.
func NewInPlace(t testing.TB) *InPlace {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := &InPlace{t: t, Dir: t.TempDir(), Addr: l.Addr().String()}
	l.Close()
	WriteDemo(t, h.Dir)
	return h
}

// StartInPlace is NewInPlace with the clock now (nil: the real one), started.
func StartInPlace(t testing.TB, now func() time.Time) *InPlace {
	t.Helper()
	h := NewInPlace(t)
	h.Now = now
	h.Start()
	return h
}

// Start starts the server on the hall's address and data dir; it stops
// when the test ends at the latest.
func (h *InPlace) Start() {
	h.t.Helper()
	h.Srv = Start(h.t, app.Options{Addr: h.Addr, Data: h.Dir, Now: h.Now})
}

// Stop shuts the server down, failing the test if it cannot.
func (h *InPlace) Stop() {
	h.t.Helper()
	if err := h.Srv.Close(); err != nil {
		h.t.Fatalf("stop server: %v", err)
	}
	h.Srv = nil
}

// Restart stops the server and starts it again in the same place.
func (h *InPlace) Restart() {
	h.t.Helper()
	h.Stop()
	h.Start()
}

// URL is the server's websocket URL.
func (h *InPlace) URL() string { return "ws://" + h.Addr + "/ws" }

// Clock is the settable test clock (xtest.Clock): it stands still until
// moved.
type Clock = xtest.Clock

// NewClock returns a clock that reads t.
func NewClock(t time.Time) *Clock { return xtest.NewClock(t) }
