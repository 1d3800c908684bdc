package hallclient

import (
	"context"
	crand "crypto/rand"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"hallq/shared/pause"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Client is a reconnecting connection to the hall server. Create it with
// New, start it with Run; Send, Connected and State are safe to call from
// any goroutine.
type Client struct {
	cfg      Config
	log      *slog.Logger
	t        timings
	idPrefix string
	nextID   atomic.Uint64
	randN    func(n int64) int64 // [0, n), for the jitter

	mu        sync.Mutex // guards the fields below
	connected bool
	out       chan []byte   // the live session's write queue
	sessDone  chan struct{} // closed when the live session ends
	pending   map[string]*pending
	sendSeq   uint64
	mirror    *Mirror

	// Owned by Run's goroutine.
	resync   bool   // the next hello asks for a full state
	helloSeq uint64 // seq of the last hello reply, for Event.Replayed
}

// New returns a Client for cfg, filling in the defaults. It does not
// connect; call Run.
func New(cfg Config) *Client {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = defaultMinBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = defaultMaxBackoff
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = cfg.MinBackoff
	}
	if cfg.PongWait <= 0 {
		cfg.PongWait = defaultPongWait
	}
	if cfg.PingPeriod <= 0 {
		cfg.PingPeriod = defaultPingPeriod
	}
	if cfg.PingPeriod >= cfg.PongWait {
		cfg.PingPeriod = cfg.PongWait / 2
	}
	t := defaultTimings()
	t.read, t.wsPing = cfg.PongWait, cfg.PingPeriod
	return &Client{
		cfg:      cfg,
		log:      cfg.Logger.With("device", cfg.Device),
		t:        t,
		idPrefix: idPrefix(),
		randN:    rand.Int64N,
		pending:  make(map[string]*pending),
		mirror:   NewMirror(),
	}
}

// idAlphabet spells the random id prefix.
const idAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"

// idPrefix returns 8 random characters, so that command ids stay unique per
// device and day across process restarts.
func idPrefix() string {
	b := make([]byte, 8)
	_, _ = crand.Read(b) // never fails (crypto/rand panics instead)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}

// Run connects, says hello, follows the events and reconnects with backoff
// until ctx is done; then it closes the connection, waits for its goroutines
// and returns ctx.Err(). An unauthorized hello is reported through OnStatus
// and retried every MaxBackoff. Run must not be called twice at once.
func (c *Client) Run(ctx context.Context) error {
	attempt := 0
	for {
		helloOK, err := c.session(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if helloOK {
			attempt = 0
		}
		attempt++
		wait := c.backoff(attempt)
		var qe *queue.Error
		if errors.As(err, &qe) && qe.Code == queue.EUNAUTHORIZED {
			wait = c.cfg.MaxBackoff
		}
		c.log.Warn("hallclient: disconnected", "err", err, "attempt", attempt, "retry_in", wait)
		c.status(Status{Err: err, Attempt: attempt})
		if !pause.For(ctx, wait) {
			return ctx.Err()
		}
	}
}

// backoff returns the wait before attempt n (1, 2, ...): exponential with
// full jitter, capped at MaxBackoff.
func (c *Client) backoff(n int) time.Duration {
	ceil := c.cfg.MinBackoff
	for i := 1; i < n && ceil < c.cfg.MaxBackoff; i++ {
		ceil *= 2
	}
	ceil = min(ceil, c.cfg.MaxBackoff)
	return time.Duration(c.randN(int64(ceil) + 1))
}

// Connected reports whether a hello succeeded on the live connection, that
// is whether Send would try now.
func (c *Client) Connected() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.connected
}

// State returns a deep copy of the mirrored state.
func (c *Client) State() protocol.State {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.mirror.State()
}

// status reports s to OnStatus.
func (c *Client) status(s Status) {
	if c.cfg.OnStatus != nil {
		c.cfg.OnStatus(s)
	}
}
