package hub

import "sync"

// outbox holds the frames waiting for one connection's writer, and the
// signals it must act on, so that the writer waits on one channel (wake)
// as a bare writer would: a broadcast to many connections wakes each
// writer at the cost of one channel receive. push never blocks; past
// maxPending frames the connection is marked dropped. A replay's batches
// go through pushReplay, and the replay waits until each is written.
type outbox struct {
	mu      sync.Mutex
	frames  [][]byte
	written chan struct{} // closed once the frames queued by pushReplay are written
	dropped bool
	signals signal
	wake    chan struct{} // to the writer: frames queued, a signal, or dropped
	gone    chan struct{} // closed when the connection is dropped or its writer ends
}

// signal is a set of things the writer must do besides writing frames.
type signal uint8

const (
	sigPing  signal = 1 << iota // time to ping
	sigEnded                    // a refused hello or an ended session: send what is queued, close with 1008
	sigAway                     // the server shuts down: close with 1001
	sigDone                     // the reader ended: stop
)

// raise sets sig and wakes the writer.
func (o *outbox) raise(sig signal) {
	o.mu.Lock()
	o.signals |= sig
	o.mu.Unlock()
	notify(o.wake)
}

func newOutbox() *outbox {
	return &outbox{wake: make(chan struct{}, 1), gone: make(chan struct{})}
}

// push adds frames and reports false if the connection is (now) dropped.
func (o *outbox) push(frames ...[]byte) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.dropped {
		return false
	}
	if len(o.frames)+len(frames) > maxPending {
		o.dropLocked()
		return false
	}
	o.frames = append(o.frames, frames...)
	notify(o.wake)
	return true
}

// pushReplay adds a replay's frames and returns a channel that the
// writer closes once it has written them (conn.EnqueueReplay waits on
// it), or false if the connection is dropped. One replay batch at a time.
func (o *outbox) pushReplay(frames [][]byte) (chan struct{}, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.dropped {
		return nil, false
	}
	written := make(chan struct{})
	o.frames = append(o.frames, frames...)
	o.written = written
	notify(o.wake)
	return written, true
}

// take returns the queued frames, a channel for the writer to close once
// it has written them (nil when no replay batch is among them), whether the
// connection was dropped, and the signals raised since the last take.
func (o *outbox) take() (frames [][]byte, written chan struct{}, dropped bool, sig signal) {
	o.mu.Lock()
	defer o.mu.Unlock()
	frames, written, sig = o.frames, o.written, o.signals
	o.frames, o.written, o.signals = nil, nil, 0
	return frames, written, o.dropped, sig
}

// drop marks the connection dropped: its queued frames are forgotten, the
// writer closes it, and pushes fail from now on. The writer also calls it
// when it ends, so that a replay waiting for it stops.
func (o *outbox) drop() {
	o.mu.Lock()
	o.dropLocked()
	o.mu.Unlock()
}

func (o *outbox) dropLocked() {
	if o.dropped {
		return
	}
	o.dropped = true
	o.frames, o.written = nil, nil
	close(o.gone)
	notify(o.wake)
}

func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
