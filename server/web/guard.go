package web

import (
	"sync"
	"time"
)

// Sign-in lock-out: lockFailures failed sign-ins of one username within
// lockWindow lock it for lockFor, whatever password comes next.
const (
	lockFailures = 5
	lockWindow   = 5 * time.Minute
	lockFor      = 5 * time.Minute
)

// guard counts failed sign-ins by username. It is safe for concurrent use.
type guard struct {
	now   func() time.Time
	mu    sync.Mutex
	fails map[string][]time.Time // failures within lockWindow, oldest first
	until map[string]time.Time   // locked until
}

func newGuard(now func() time.Time) *guard {
	return &guard{now: now, fails: map[string][]time.Time{}, until: map[string]time.Time{}}
}

// locked reports whether user is locked out now, and until when.
func (g *guard) locked(user string) (time.Time, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	until, ok := g.until[user]
	if !ok {
		return time.Time{}, false
	}
	if !g.now().Before(until) {
		delete(g.until, user)
		return time.Time{}, false
	}
	return until, true
}

// fail records a failed sign-in of user and reports whether it locked the
// user.
func (g *guard) fail(user string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	recent := g.fails[user][:0]
	for _, t := range g.fails[user] {
		if now.Sub(t) < lockWindow {
			recent = append(recent, t)
		}
	}
	recent = append(recent, now)
	if len(recent) < lockFailures {
		g.fails[user] = recent
		g.prune(now)
		return false
	}
	delete(g.fails, user)
	g.until[user] = now.Add(lockFor)
	return true
}

// succeed forgets user's failures.
func (g *guard) succeed(user string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.fails, user)
}

// prune drops stale entries so that guessed usernames cannot grow the maps
// without bound. It runs under mu.
func (g *guard) prune(now time.Time) {
	if len(g.fails) < 1000 {
		return
	}
	for u, ts := range g.fails {
		if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= lockWindow {
			delete(g.fails, u)
		}
	}
	for u, t := range g.until {
		if !now.Before(t) {
			delete(g.until, u)
		}
	}
}
