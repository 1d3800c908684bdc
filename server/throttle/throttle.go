// Package throttle slows down guessing. Each key (a username from one
// client address, a clerk at one counter device, all sign-ins from one
// address) may fail Free times within Window; after that every further
// failure makes the key wait before its next attempt, Base at first and
// twice as long after each failure, up to Max. Nothing is locked for good,
// a success clears the key, and other keys are untouched: a stranger's
// failures from one address never keep the owner out from another.
package throttle

import (
	"strings"
	"sync"
	"time"
)

// Rule says how a kind of key is slowed.
type Rule struct {
	Free   int           // failures allowed without a wait
	Base   time.Duration // the first wait
	Max    time.Duration // the longest wait
	Window time.Duration // a key quiet this long starts over
}

// Limiter keeps the failures of keys under one Rule. It is safe for
// concurrent use.
type Limiter struct {
	rule Rule
	now  func() time.Time
	mu   sync.Mutex
	keys map[string]*entry
}

type entry struct {
	fails int
	last  time.Time // the last failure
	until time.Time // no attempt before this
}

// maxKeys bounds the map: beyond it, quiet keys are dropped.
const maxKeys = 10000

// New returns a Limiter for rule on the clock now.
func New(rule Rule, now func() time.Time) *Limiter {
	return &Limiter{rule: rule, now: now, keys: map[string]*entry{}}
}

// Wait returns how long key must still wait before an attempt (0: it may
// try now).
func (l *Limiter) Wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.keys[key]
	if !ok {
		return 0
	}
	if d := e.until.Sub(l.now()); d > 0 {
		return d
	}
	return 0
}

// Fail records a failed attempt of key and returns the wait it now has.
func (l *Limiter) Fail(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	e, ok := l.keys[key]
	if !ok || now.Sub(e.last) >= l.rule.Window {
		if len(l.keys) >= maxKeys {
			l.prune(now)
		}
		e = &entry{}
		l.keys[key] = e
	}
	e.fails++
	e.last = now
	over := e.fails - l.rule.Free
	if over <= 0 {
		return 0
	}
	wait := l.rule.Max
	if over <= 30 && l.rule.Base<<(over-1) < l.rule.Max {
		wait = l.rule.Base << (over - 1)
	}
	e.until = now.Add(wait)
	return wait
}

// Succeed forgets key's failures.
func (l *Limiter) Succeed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.keys, key)
}

// ForgetPrefix forgets the failures of every key that starts with prefix
// (an admin's unlock) and returns how many keys it forgot.
func (l *Limiter) ForgetPrefix(prefix string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for k := range l.keys {
		if strings.HasPrefix(k, prefix) {
			delete(l.keys, k)
			n++
		}
	}
	return n
}

// prune drops keys quiet for a window, under mu.
func (l *Limiter) prune(now time.Time) {
	for k, e := range l.keys {
		if now.Sub(e.last) >= l.rule.Window && !now.Before(e.until) {
			delete(l.keys, k)
		}
	}
}
