package hub

import (
	"runtime"
	"time"

	"hallq/shared/protocol"
)

// replayHold is how long a replay batch keeps its turn while its client
// is slow to take it; then the turn passes on, and the batch is written
// without one, so that one stalled display does not hold up the others.
const replayHold = 500 * time.Millisecond

// replayTurns is how many connections may write a replay batch at once:
// half the cores, at least one, so that a storm of reconnects (every
// display after a switch reboot) leaves the other half to commands.
func replayTurns() int { return max(1, runtime.GOMAXPROCS(0)/2) }

var _ protocol.Replayer = (*conn)(nil)

// EnqueueReplay implements protocol.Replayer. It waits for one of the
// hub's replay turns, queues frames, and waits until the writer has
// written them. However many connections replay at once, at most
// replayTurns of them write; the others wait parked, so that the
// scheduler's queue stays short and a clerk's command gets a core at
// once. Turns pass in the order asked (a channel's waiters are served
// first come, first served), so every replay moves on: a batch about
// every (connections / replayTurns) batch writes.
func (c *conn) EnqueueReplay(frames [][]byte) bool {
	select {
	case c.hub.replays <- struct{}{}:
	case <-c.out.gone:
		return false
	}
	written, ok := c.out.pushReplay(frames)
	if !ok {
		<-c.hub.replays
		return false
	}
	hold := time.NewTimer(replayHold)
	defer hold.Stop()
	select {
	case <-written:
		<-c.hub.replays
		return true
	case <-c.out.gone:
		<-c.hub.replays
		return false
	case <-hold.C:
		<-c.hub.replays // a slow client: the others go on meanwhile
	}
	select {
	case <-written:
		return true
	case <-c.out.gone:
		return false
	}
}
