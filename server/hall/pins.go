package hall

import (
	"sync"
	"time"
)

// PIN guard numbers: after maxPinFailures wrong PINs within pinWindow, the
// clerk is refused for pinLockout.
const (
	maxPinFailures = 5
	pinWindow      = 5 * time.Minute
	pinLockout     = 5 * time.Minute
)

// pinGuard counts wrong PINs per clerk. It is safe for concurrent use.
type pinGuard struct {
	mu       sync.Mutex
	failures map[string][]time.Time
	locked   map[string]time.Time
}

func newPinGuard() *pinGuard {
	return &pinGuard{failures: map[string][]time.Time{}, locked: map[string]time.Time{}}
}

// lockedUntil returns when username's lock-out ends, or the zero time.
func (g *pinGuard) lockedUntil(username string, now time.Time) time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	until, ok := g.locked[username]
	if !ok || !now.Before(until) {
		delete(g.locked, username)
		return time.Time{}
	}
	return until
}

// fail records a wrong PIN and reports whether the clerk is now locked.
func (g *pinGuard) fail(username string, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	recent := g.failures[username][:0]
	for _, t := range g.failures[username] {
		if now.Sub(t) < pinWindow {
			recent = append(recent, t)
		}
	}
	recent = append(recent, now)
	if len(recent) >= maxPinFailures {
		g.locked[username] = now.Add(pinLockout)
		delete(g.failures, username)
		return true
	}
	g.failures[username] = recent
	return false
}

// succeed forgets username's wrong PINs.
func (g *pinGuard) succeed(username string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.failures, username)
}
