// Package pause holds the cancellable sleep that the apps' reconnecting
// loops (the hall client, pairing) share.
package pause

import (
	"context"
	"time"
)

// For waits d or until ctx is done, and reports whether ctx is still
// live.
func For(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
