// Package fastclock is a clock that runs a set number of times faster than
// the real one, from a chosen start: the server's -fast-clock, for tests
// and demos only, and the clock of `server simulate`.
//
// Clock implements clockwork.Clock, which is what gocron takes
// (server/jobs Options.Clock), so the daily jobs fire at the hall's close,
// at midnight and at the backup time of the fast day. The package imports
// clockwork only for the Timer and Ticker interfaces it implements.
package fastclock

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"
)

// MaxSpeed bounds the speed: at a million times, a millisecond of real time
// is a quarter of an hour of hall time, finer than nothing can be seen.
const MaxSpeed = 100000

// Clock runs speed times faster than the real clock from start. It is safe
// for concurrent use.
type Clock struct {
	start     time.Time // the fast time at realStart
	realStart time.Time // with its monotonic reading
	speed     float64
}

var _ clockwork.Clock = (*Clock)(nil)

// New returns a clock that reads start now and then runs speed times
// faster than the real clock. Its times are in start's location. speed
// must be in (0, MaxSpeed]; Check says so.
func New(start time.Time, speed float64) *Clock {
	return &Clock{start: start, realStart: time.Now(), speed: speed}
}

// Check says, in Vietnamese then English, what is wrong with a speed.
func Check(speed float64) error {
	if math.IsNaN(speed) || speed <= 0 || speed > MaxSpeed {
		return fmt.Errorf("tốc độ đồng hồ nhanh phải lớn hơn 0 và không quá %d (the fast clock's speed must be above 0 and at most %d): %v",
			MaxSpeed, MaxSpeed, speed)
	}
	return nil
}

// Speed returns how many times faster than the real clock c runs.
func (c *Clock) Speed() float64 { return c.speed }

// Now returns the fast time.
func (c *Clock) Now() time.Time {
	return c.start.Add(c.Fast(time.Since(c.realStart)))
}

// Fast returns the fast duration that passes in real duration d.
func (c *Clock) Fast(d time.Duration) time.Duration {
	return time.Duration(float64(d) * c.speed)
}

// Real returns the real duration in which fast duration d passes, rounded
// up, so that a timer never fires before its fast time.
func (c *Clock) Real(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return time.Duration(math.Ceil(float64(d) / c.speed))
}

// Since returns the fast time elapsed since t.
func (c *Clock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// Until returns the fast duration until t.
func (c *Clock) Until(t time.Time) time.Duration { return t.Sub(c.Now()) }

// Sleep blocks for fast duration d.
func (c *Clock) Sleep(d time.Duration) { time.Sleep(c.Real(d)) }

// After sends the fast time on the channel once fast duration d has passed.
func (c *Clock) After(d time.Duration) <-chan time.Time { return c.NewTimer(d).Chan() }

// NewTimer returns a timer that sends the fast time on its channel once fast
// duration d has passed.
func (c *Clock) NewTimer(d time.Duration) clockwork.Timer {
	t := &timer{c: c, ch: make(chan time.Time, 1)}
	t.t = time.AfterFunc(c.Real(d), t.fire)
	return t
}

// AfterFunc calls f in its own goroutine once fast duration d has passed.
// The timer's Chan is nil.
func (c *Clock) AfterFunc(d time.Duration, f func()) clockwork.Timer {
	return &timer{c: c, t: time.AfterFunc(c.Real(d), f)}
}

// NewTicker returns a ticker that sends the fast time every fast duration d.
// It panics if d <= 0, as time.NewTicker does.
func (c *Clock) NewTicker(d time.Duration) clockwork.Ticker {
	if d <= 0 {
		panic("fastclock: non-positive interval for NewTicker")
	}
	t := &ticker{c: c, ch: make(chan time.Time, 1), t: time.NewTicker(max(c.Real(d), 1)), stop: make(chan struct{})}
	go t.run()
	return t
}

// timer is a clockwork.Timer on a real time.Timer. Stop and Reset drop a
// value sent and not yet received, so a stopped timer is not read late.
type timer struct {
	c  *Clock
	t  *time.Timer
	ch chan time.Time // nil for AfterFunc
	mu sync.Mutex     // orders fire against Stop and Reset's drain
}

func (t *timer) fire() {
	t.mu.Lock()
	defer t.mu.Unlock()
	select {
	case t.ch <- t.c.Now():
	default:
	}
}

func (t *timer) Chan() <-chan time.Time { return t.ch }

func (t *timer) Stop() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	active := t.t.Stop()
	t.drain()
	return active
}

func (t *timer) Reset(d time.Duration) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	active := t.t.Stop()
	t.drain()
	t.t.Reset(t.c.Real(d))
	return active
}

func (t *timer) drain() {
	if t.ch == nil {
		return
	}
	select {
	case <-t.ch:
	default:
	}
}

// ticker is a clockwork.Ticker on a real time.Ticker; a goroutine turns its
// real ticks into fast times, dropping a tick nobody took, as time.Ticker
// does.
type ticker struct {
	c    *Clock
	t    *time.Ticker
	ch   chan time.Time
	stop chan struct{}
	once sync.Once
}

func (t *ticker) run() {
	for {
		select {
		case <-t.stop:
			return
		case <-t.t.C:
			select {
			case t.ch <- t.c.Now():
			default:
			}
		}
	}
}

func (t *ticker) Chan() <-chan time.Time { return t.ch }

func (t *ticker) Reset(d time.Duration) { t.t.Reset(max(t.c.Real(d), 1)) }

func (t *ticker) Stop() {
	t.t.Stop()
	t.once.Do(func() { close(t.stop) })
}

// startLayouts are the forms ParseStart takes without a zone.
var startLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02"}

// ParseStart reads a fast clock's start: "2026-12-03T07:00" (seconds
// optional, a space for the T, or a date alone for its midnight) in the
// hall's time zone loc, or RFC 3339 with its own offset.
func ParseStart(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(loc), nil
	}
	for _, layout := range startLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("giờ bắt đầu của đồng hồ nhanh phải có dạng 2026-12-03T07:00 (the fast clock's start must look like 2026-12-03T07:00): " + s)
}
