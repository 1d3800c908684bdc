// Package hall runs the hall's commands: it owns the queue Engine and the
// store, applies one command at a time, commits its effect before replying,
// and hands each event, in seq order, to every subscribed connection.
package hall

import (
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"hallq/server/config"
	"hallq/server/store"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Subscriber is a connection that receives events. Enqueue must not block:
// a subscriber that cannot take a frame returns false and closes itself.
type Subscriber = protocol.Subscriber

// Metrics receives the hall's counts; server/metrics implements it.
type Metrics interface {
	Command(typ string, result string, d time.Duration)
	TicketIssued(service string)
	Events(n int)
	// DeviceStatus sets the health of a device's printer or sound.
	DeviceStatus(device, kind string, ok bool)
}

// Options are a Hall's dependencies besides the config and the store.
type Options struct {
	Now     func() time.Time
	Rand    io.Reader
	Logger  *slog.Logger
	Metrics Metrics
	// ReportDir receives the daily xlsx written at close; empty: none.
	ReportDir string
	// EventDays is how many days of events Retain keeps, today included;
	// 0 keeps them all.
	EventDays int
	// SeedHash is the sha256 of the hall.toml the config was read from;
	// a stored configuration seeded from another file is kept, with a
	// warning.
	SeedHash string
}

// Hall is the running hall. It is safe for concurrent use: commands are
// applied one at a time under mu, and events are handed to the live
// subscribers under the same lock, so every subscriber sees them in seq
// order. A reconnecting subscriber's replay is read without the lock and
// joins the live ones under it (catchUp).
type Hall struct {
	cfg atomic.Pointer[config.Config] // the configuration in force
	// settings is cfg as the queue uses it; the Engine points at it. It is
	// replaced under mu and smu: read it under mu, or through snapshot.
	settings  queue.Settings
	smu       sync.RWMutex
	st        *store.Store
	now       func() time.Time
	log       *slog.Logger
	metrics   Metrics
	pins      *pinGuard
	decoy     func() string // newDecoy, made on the first unknown username
	reportDir string
	eventDays int
	devices   *deviceBoard
	// rand draws booking codes outside the command lock, under rmu.
	rand io.Reader
	rmu  sync.Mutex

	mu   sync.Mutex
	eng  *queue.Engine
	subs map[Subscriber]struct{} // the live subscribers
	// citizens are the phones following one ticket each (citizens.go).
	citizens *citizens
}

// New loads today's state from st and returns the running hall. A day turn
// or a close missed while the server was down is done now.
func New(cfg *config.Config, st *store.Store, o Options) (*Hall, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Rand == nil {
		o.Rand = rand.Reader
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Metrics == nil {
		o.Metrics = nopMetrics{}
	}
	stored, err := loadConfig(st, cfg, o.SeedHash, o.Now(), o.Logger)
	if err != nil {
		return nil, err
	}
	h := &Hall{
		settings: stored.Settings(), st: st, now: o.Now, log: o.Logger,
		metrics: o.Metrics, pins: newPinGuard(o.Now), reportDir: o.ReportDir, eventDays: o.EventDays, devices: newDeviceBoard(), rand: o.Rand, subs: map[Subscriber]struct{}{}, citizens: newCitizens(),
	}
	h.cfg.Store(stored)
	h.decoy = sync.OnceValue(func() string { return newDecoy(h.settings.Clerks) })
	h.eng = queue.NewEngine(&h.settings, o.Rand)
	now := h.now()
	if err := h.closeMissedDay(now); err != nil {
		return nil, err
	}
	if err := h.start(now); err != nil {
		return nil, err
	}
	if h.pastClose(now) {
		// The close job may have been missed while the server was down.
		if _, err := h.CloseDay(); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// start loads today from disk and starts the day if it has not started.
func (h *Hall) start(now time.Time) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.loadLocked(queue.DayOf(now, h.settings.Location)); err != nil {
		return err
	}
	if !h.eng.NeedsNewDay(now) {
		return nil
	}
	h.eng.StartDay(now)
	return h.commitLocked(nil)
}

// loadLocked rebuilds the Engine from the store's copy of day.
func (h *Hall) loadLocked(day string) error {
	d, err := h.st.LoadDay(day)
	if err != nil {
		return fmt.Errorf("hall: load: %w", err)
	}
	if d.Seq == 0 {
		// The day has not started on disk: load no day, so that
		// start begins it with day_started.
		d.Day = ""
	}
	h.eng.Load(d)
	return nil
}

func (h *Hall) pastClose(now time.Time) bool {
	set := h.snapshot()
	t := now.In(set.Location)
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, set.Location)
	return t.Sub(midnight) >= set.Close
}

// Settings returns a copy of the hall's settings in force.
func (h *Hall) Settings() *queue.Settings {
	s := h.snapshot()
	return &s
}

// Supervisor returns the supervisor account with username, for sign-in.
func (h *Hall) Supervisor(username string) (config.Supervisor, bool) {
	return h.config().Supervisor(username)
}

// StoredReport returns the closing report stored for day (JSON, SPEC
// section 8), and whether the day has been closed.
func (h *Hall) StoredReport(day string) ([]byte, bool, error) { return h.st.Report(day) }

// Now returns the hall's clock reading.
func (h *Hall) Now() time.Time { return h.now() }

// Day returns the current day and its last seq.
func (h *Hall) Day() (string, uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.eng.Day(), h.eng.Seq()
}

type nopMetrics struct{}

func (nopMetrics) Command(string, string, time.Duration) {}
func (nopMetrics) TicketIssued(string)                   {}
func (nopMetrics) Events(int)                            {}
func (nopMetrics) DeviceStatus(string, string, bool)     {}
