package voice

import (
	"context"
	"errors"
	"sync"
)

// Fallback plays with the first of its players that works and keeps to
// it; when that one fails, the others are tried in turn, in their order.
// It is safe for concurrent use.
type Fallback struct {
	players []Player
	mu      sync.Mutex
	cur     int
}

// NewFallback returns a Fallback over players, best first.
func NewFallback(players ...Player) *Fallback {
	return &Fallback{players: players}
}

// Play plays wav with the current player, or else with the next one that
// can; it fails only when every player failed (or ctx is done).
func (f *Fallback) Play(ctx context.Context, wav []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.players) == 0 {
		return ErrNoPlayer
	}
	var errs []error
	for i := range f.players {
		n := (f.cur + i) % len(f.players)
		err := f.players[n].Play(ctx, wav)
		if err == nil {
			f.cur = n
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
