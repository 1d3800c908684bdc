// Package link is the hall side of the province link (issue 14): it ships
// every committed event of every day, in seq order, to the province
// service (package wire's contract), with each closed day's report and the
// feedback items created or changed, and keeps a durable watermark in the
// store so that an outage or a restart loses and doubles nothing.
//
// One goroutine (Run) does all the shipping; the command path only calls
// Wake, which never blocks. Events are read from the store in short read
// transactions (store.EventFrames), never under the hall's lock.
package link

import (
	"context"
	"encoding/json"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"hallq/server/province/wire"
	"hallq/server/store"
)

// Store is what the link reads and writes (*store.Store).
type Store interface {
	LinkWatermark() (store.Watermark, bool, error)
	SetLinkWatermark(w store.Watermark, acked map[int64]uint64) error
	MarkAllFeedbackDirty() error
	DirtyFeedback(max int) ([]json.RawMessage, map[int64]uint64, error)
	NextEventDay(day string) (string, error)
	LastDay() (string, error)
	LastSeq(day string) (uint64, error)
	EventFrames(day string, after, until uint64, max int) ([][]byte, uint64, error)
}

// Defaults of Config.
const (
	DefaultPoll       = 5 * time.Second
	DefaultMinBackoff = time.Second
	DefaultMaxBackoff = time.Minute
	DefaultDownAfter  = 10 * time.Minute
	DefaultTimeout    = 30 * time.Second
	// maxFeedback is the most feedback items one batch carries.
	maxFeedback = 200
)

// Config holds a Link's settings and dependencies.
type Config struct {
	// URL is the province service's base address; batches go to URL +
	// wire.Path.
	URL      string
	HallID   string
	Key      []byte
	HallName string
	Version  string
	// CAPEM, when set, is the only certificate authority trusted for the
	// province's TLS certificate.
	CAPEM []byte
	Store Store
	// Report returns a day's closing report (the JSON of the report API).
	Report func(day string) (json.RawMessage, error)
	// Now is the hall's clock, for the age of the oldest event; time.Now
	// when nil. Signatures always use the real clock.
	Now func() time.Time
	// Poll is how often an idle link looks for work it was not woken for
	// (a feedback answered on a page, a day turned); DefaultPoll when 0.
	Poll time.Duration
	// MinBackoff and MaxBackoff bound the wait after a failed batch; it
	// doubles from the least to the most, with jitter.
	MinBackoff, MaxBackoff time.Duration
	// DownAfter is how long without an acknowledgement, while events are
	// pending, before Status reports the link down; DefaultDownAfter
	// when 0.
	DownAfter time.Duration
	// Timeout bounds one batch's request; DefaultTimeout when 0.
	Timeout time.Duration
	// Client sends the batches; one trusting CAPEM (or the system's
	// roots) when nil.
	Client *http.Client
	Logger *slog.Logger
}

// Link ships the hall's events to the province. Its methods are safe for
// concurrent use.
type Link struct {
	cfg  Config
	url  string
	wake chan struct{}

	mu      sync.Mutex
	started time.Time // real time
	lastOK  time.Time // real time of the last acknowledged batch
	lastErr string
}

// New returns a Link for cfg; Run starts it.
func New(cfg Config) (*Link, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.Poll = orDefault(cfg.Poll, DefaultPoll)
	cfg.MinBackoff = orDefault(cfg.MinBackoff, DefaultMinBackoff)
	cfg.MaxBackoff = orDefault(cfg.MaxBackoff, DefaultMaxBackoff)
	cfg.DownAfter = orDefault(cfg.DownAfter, DefaultDownAfter)
	cfg.Timeout = orDefault(cfg.Timeout, DefaultTimeout)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Client == nil {
		c, err := newClient(cfg.CAPEM)
		if err != nil {
			return nil, err
		}
		cfg.Client = c
	}
	return &Link{cfg: cfg, url: strings.TrimRight(cfg.URL, "/") + wire.Path,
		wake: make(chan struct{}, 1), started: time.Now()}, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Wake tells the link that events were committed. It never blocks.
func (l *Link) Wake() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// Run ships until ctx is done.
func (l *Link) Run(ctx context.Context) {
	attempt := 0
	for ctx.Err() == nil {
		worked, err := l.step(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			l.noteError(err)
			wait := l.backoff(attempt)
			attempt++
			l.cfg.Logger.Warn("province link: batch failed", "err", err, "retry_in", wait.Round(time.Millisecond))
			sleep(ctx, wait, nil)
			continue
		}
		attempt = 0
		if !worked {
			sleep(ctx, l.cfg.Poll, l.wake)
		}
	}
}

// backoff is the wait after attempt failures in a row: MinBackoff doubled
// each time up to MaxBackoff, then between half and all of it at random,
// so that many halls coming back after a province outage do not all call
// at once.
func (l *Link) backoff(attempt int) time.Duration {
	d := float64(l.cfg.MinBackoff) * math.Pow(2, float64(min(attempt, 30)))
	d = min(d, float64(l.cfg.MaxBackoff))
	return time.Duration(d/2 + rand.Float64()*d/2)
}

// sleep waits d, or until wake (when not nil) or ctx.
func sleep(ctx context.Context, d time.Duration, wake <-chan struct{}) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	case <-wake:
	}
}

func (l *Link) noteError(err error) {
	l.mu.Lock()
	l.lastErr = err.Error()
	l.mu.Unlock()
}

func (l *Link) noteOK() {
	l.mu.Lock()
	l.lastOK, l.lastErr = time.Now(), ""
	l.mu.Unlock()
}
