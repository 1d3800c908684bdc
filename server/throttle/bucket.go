package throttle

import (
	"sync"
	"time"
)

// Bucket limits the rate of requests per key (a client address): each key
// may make Burst requests at once and Rate more every second after. It is
// safe for concurrent use.
type Bucket struct {
	rate  float64
	burst float64
	now   func() time.Time
	mu    sync.Mutex
	keys  map[string]*fill
}

type fill struct {
	tokens float64
	at     time.Time
}

// NewBucket returns a Bucket of burst requests refilled at rate a second,
// on the clock now.
func NewBucket(rate float64, burst int, now func() time.Time) *Bucket {
	return &Bucket{rate: rate, burst: float64(burst), now: now, keys: map[string]*fill{}}
}

// Allow takes one request of key and reports whether it may go ahead.
func (b *Bucket) Allow(key string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	f, ok := b.keys[key]
	if !ok {
		if len(b.keys) >= maxKeys {
			b.prune(now)
		}
		f = &fill{tokens: b.burst, at: now}
		b.keys[key] = f
	}
	f.tokens = min(b.burst, f.tokens+now.Sub(f.at).Seconds()*b.rate)
	f.at = now
	if f.tokens < 1 {
		return false
	}
	f.tokens--
	return true
}

// prune drops keys that are full again, under mu.
func (b *Bucket) prune(now time.Time) {
	for k, f := range b.keys {
		if f.tokens+now.Sub(f.at).Seconds()*b.rate >= b.burst {
			delete(b.keys, k)
		}
	}
}
