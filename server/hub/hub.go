// Package hub serves the hall's websocket endpoint (SPEC section 4): one
// reader and one writer goroutine per connection, deadlines on every read
// and write, a read limit, ping/pong keep-alive, and an outbox per
// connection so that a slow client is dropped, never waited for.
package hub

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"hallq/server/throttle"
	"hallq/shared/protocol"

	"github.com/gorilla/websocket"
)

// Connection timing and limits.
const (
	writeWait  = 10 * time.Second
	helloWait  = 10 * time.Second
	pongWait   = 60 * time.Second
	pingPeriod = 25 * time.Second
	// maxPending is how many live frames may wait for a slow client
	// before it is dropped.
	maxPending = 1024
	// maxHelloFailures failed hellos close a connection (1008).
	maxHelloFailures = 3
	// logValueMax cuts client-supplied values in logs.
	logValueMax = 64
)

// HelloRule slows guessing from one address: past Free failed hellos
// within Window, a hello is refused (rate_limited) and its connection
// closed without looking at the token, for a wait that doubles from Base
// to Max.
var HelloRule = throttle.Rule{Free: 30, Base: time.Second, Max: time.Minute, Window: time.Minute}

// Hall is what the hub needs of the hall's application service
// (server/hall satisfies it): who a device is, its events, its commands.
type Hall interface {
	Authenticate(id, token string) (protocol.Device, error)
	// AuthenticateTicket checks a citizen's phone: a ticket id and its
	// token (role citizen).
	AuthenticateTicket(ticket, token string) (protocol.Device, error)
	Subscribe(s protocol.Subscriber, dev protocol.Device, id string, hello protocol.Hello) bool
	Unsubscribe(s protocol.Subscriber)
	Do(dev protocol.Device, typ, id string, data json.RawMessage) []byte
	Now() time.Time
}

// ConnMetrics counts authenticated connections by role.
type ConnMetrics interface {
	Connected(role string, delta int)
}

// Options are the Hub's dependencies.
type Options struct {
	Logger *slog.Logger
	// Session returns the supervisor signed in on r's session cookie.
	Session func(r *http.Request) (username string, ok bool)
	Metrics ConnMetrics
}

// Hub accepts websocket connections and runs them until Shutdown.
type Hub struct {
	hall     Hall
	log      *slog.Logger
	session  func(*http.Request) (string, bool)
	metrics  ConnMetrics
	upgrader websocket.Upgrader
	guesses  *throttle.Limiter // failed hellos by client address
	replays  chan struct{}     // a token per connection writing a replay batch

	mu     sync.Mutex
	conns  map[*conn]struct{}
	links  map[string]link // by device id
	closed bool
	wg     sync.WaitGroup
}

// New returns a Hub serving h.
func New(h Hall, o Options) *Hub {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Session == nil {
		o.Session = func(*http.Request) (string, bool) { return "", false }
	}
	if o.Metrics == nil {
		o.Metrics = nopMetrics{}
	}
	return &Hub{
		hall: h, log: o.Logger, session: o.Session, metrics: o.Metrics,
		upgrader: websocket.Upgrader{
			// The read buffer is the HTTP server's own (size 0: reused);
			// write buffers come from a pool, held only while a frame is
			// written. A big hall keeps thousands of idle connections
			// (every waiting citizen's phone), so each costs less.
			ReadBufferSize: 0, WriteBufferSize: 4096, WriteBufferPool: &sync.Pool{},
			// Any origin may open the socket: devices are not browsers
			// and prove themselves with a token. A hello that rests on
			// the supervisor's cookie must come from this server's own
			// pages (conn.authenticate checks the Origin).
			CheckOrigin: func(r *http.Request) bool { return true },
		},
		guesses: throttle.New(HelloRule, h.Now),
		replays: make(chan struct{}, replayTurns()),
		conns:   map[*conn]struct{}{},
		links:   map[string]link{},
	}
}

// EndSessions closes the supervisors' connections whose session cookie no
// longer signs anyone in (signed out or expired). The web server calls it
// on sign-out; each connection also checks at every ping.
func (hb *Hub) EndSessions() {
	hb.mu.Lock()
	defer hb.mu.Unlock()
	for c := range hb.conns {
		c.recheck()
	}
}

// ServeHTTP upgrades the request and starts the connection, which runs
// until it ends or Shutdown.
func (hb *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ws, err := hb.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered
	}
	c := newConn(hb, ws, r)
	if !hb.add(c) {
		ws.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(websocket.CloseGoingAway, "server shutting down"), time.Now().Add(writeWait))
		ws.Close()
		return
	}
	// The connection runs on its own goroutine and the handler returns:
	// net/http then lets go of its request's buffers and the handler's
	// stack, which a connection open all day (a citizen's phone, a
	// display) would otherwise keep.
	go func() {
		defer hb.remove(c)
		c.run()
	}()
}

func (hb *Hub) add(c *conn) bool {
	hb.mu.Lock()
	defer hb.mu.Unlock()
	if hb.closed {
		return false
	}
	hb.conns[c] = struct{}{}
	hb.wg.Add(1)
	return true
}

func (hb *Hub) remove(c *conn) {
	hb.mu.Lock()
	delete(hb.conns, c)
	hb.mu.Unlock()
	hb.wg.Done()
}

// Shutdown closes every connection with 1001 (going away) and waits for
// their goroutines, or for ctx.
func (hb *Hub) Shutdown(ctx context.Context) error {
	hb.mu.Lock()
	hb.closed = true
	for c := range hb.conns {
		c.goAway()
	}
	hb.mu.Unlock()
	done := make(chan struct{})
	go func() { hb.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Count returns the number of open connections.
func (hb *Hub) Count() int {
	hb.mu.Lock()
	defer hb.mu.Unlock()
	return len(hb.conns)
}

type nopMetrics struct{}

func (nopMetrics) Connected(string, int) {}

// clip cuts a client-supplied value for a log line.
func clip(v string) string {
	if len(v) <= logValueMax {
		return v
	}
	r := []rune(v)
	if len(r) > logValueMax {
		r = r[:logValueMax]
	}
	return string(r) + "…"
}
