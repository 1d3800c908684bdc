package hallclient

import (
	"errors"
	"log/slog"
	"time"

	"hallq/shared/protocol"
)

// ErrOffline is returned by Send when the client is not connected at the
// moment of the call; nothing is queued.
var ErrOffline = errors.New("hallclient: offline")

// Config is what a Client needs. URL, Device and Token are required; the
// callbacks are optional and run on Run's goroutine, one at a time: after a
// hello OnStatus (connected), OnHello, then OnState if the reply carried a
// state; for each event OnEvent, then OnState. A slow callback holds up the
// reading of the connection, so hand the values over (fyne.Do) and return.
type Config struct {
	// URL is the server's websocket endpoint, e.g. ws://10.0.0.2:8080/ws.
	URL string
	// CAPEM, when set, is the PEM certificate authority (the hall's
	// ca.pem) a wss:// server's certificate must chain to; the system's
	// authorities are then not trusted. See TLSConfig.
	CAPEM []byte
	// Device and Token identify the device in hello.
	Device, Token string
	// Version is the app's version, sent in hello for the admin's devices
	// page; "" sends none.
	Version string
	// Logger gets connection events; nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock, used for the logs; nil means time.Now.
	Now func() time.Time

	// OnStatus is called whenever the connection comes up, or a connection
	// or an attempt ends (not when Run stops because its ctx is done).
	OnStatus func(Status)
	// OnHello is called after each successful hello; its State may be nil.
	OnHello func(protocol.HelloReply)
	// OnEvent is called for every event, in seq order, never twice for the
	// same (day, seq).
	OnEvent func(Event)
	// OnState is called with the mirrored state after every change (a full
	// state in a hello reply, or an event). The value is a deep copy the
	// receiver may keep.
	OnState func(protocol.State)

	// MinBackoff and MaxBackoff bound the wait between connection attempts
	// (defaults 500ms and 10s): attempt n waits a random time in
	// [0, min(MaxBackoff, MinBackoff·2^(n-1))]. An unauthorized hello waits
	// MaxBackoff.
	MinBackoff, MaxBackoff time.Duration

	// PingPeriod is how often the client sends a websocket ping (default
	// 3s); PongWait is how long it waits for the pong, or any other frame,
	// before it drops the link as dead and reconnects (default 7s). A link
	// that stops passing data without closing is thus noticed within
	// PongWait. A PingPeriod not below PongWait is set to half of it.
	PingPeriod, PongWait time.Duration
}

// Status is the connection's state, as OnStatus reports it.
type Status struct {
	// Connected is true once a hello succeeded, until the link drops.
	Connected bool
	// Err is the last error when not connected: a *queue.Error with code
	// unauthorized when the server refused the device's token, or a network
	// error.
	Err error
	// Attempt counts the failed attempts since the last successful hello.
	Attempt int
}

// Event is one event of the day, as OnEvent reports it.
type Event struct {
	protocol.Message
	// Replayed is true for events with seq <= the seq of the hello reply
	// that preceded them: catch-up after a reconnect, not live. A display
	// should not announce a replayed call.
	Replayed bool
}

// Timings of the link. They are fields of the Client so that tests can
// shorten them.
type timings struct {
	dial      time.Duration // websocket handshake
	hello     time.Duration // from sending hello to its reply
	write     time.Duration // each frame
	read      time.Duration // silence (no frame, no pong) after which the link is dead
	wsPing    time.Duration // how often the client sends a websocket ping
	ping      time.Duration // how often the client sends a ping command
	closeWait time.Duration // the close frame on shutdown
}

func defaultTimings() timings {
	return timings{
		dial:      10 * time.Second,
		hello:     15 * time.Second,
		write:     10 * time.Second,
		read:      defaultPongWait,
		wsPing:    defaultPingPeriod,
		ping:      20 * time.Second,
		closeWait: time.Second,
	}
}

const (
	defaultMinBackoff = 500 * time.Millisecond
	defaultMaxBackoff = 10 * time.Second
	defaultPingPeriod = 3 * time.Second
	defaultPongWait   = 7 * time.Second
	// maxServerMessage caps one server frame; a full state of a busy day is
	// far below it.
	maxServerMessage = 32 << 20
	// outQueue is how many commands may wait for the writer.
	outQueue = 64
)
