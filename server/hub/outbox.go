package hub

import "sync"

// outbox holds the frames waiting for one connection's writer. Enqueue
// never blocks; past the limit the connection is marked dropped.
type outbox struct {
	mu      sync.Mutex
	frames  [][]byte
	limit   int // 0: no limit (while a replay is queued)
	dropped bool
	wake    chan struct{}
}

func newOutbox() *outbox {
	return &outbox{limit: maxPending, wake: make(chan struct{}, 1)}
}

// push adds frame and reports false if the connection is (now) dropped.
func (o *outbox) push(frame []byte) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.dropped {
		return false
	}
	if o.limit > 0 && len(o.frames) >= o.limit {
		o.dropped = true
		o.frames = nil
		o.signal()
		return false
	}
	o.frames = append(o.frames, frame)
	o.signal()
	return true
}

func (o *outbox) signal() {
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// unlimited lifts the limit while a replay is queued; limited restores it
// on top of what is queued.
func (o *outbox) unlimited() {
	o.mu.Lock()
	o.limit = 0
	o.mu.Unlock()
}

func (o *outbox) limited() {
	o.mu.Lock()
	o.limit = len(o.frames) + maxPending
	o.mu.Unlock()
}

// take returns the queued frames and whether the connection was dropped.
func (o *outbox) take() ([][]byte, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	f := o.frames
	o.frames = nil
	return f, o.dropped
}
