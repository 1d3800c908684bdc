package simulate

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"hallq/shared/hallclient"
	"hallq/shared/pause"
	"hallq/shared/queue"
)

// Limits of one command, in real time: a reply must come within
// replyWait of sending, and a device may stay offline offlineWait before
// the command is counted as lost.
const (
	replyWait   = 30 * time.Second
	offlineWait = 60 * time.Second
	offlineStep = 20 * time.Millisecond
)

// sent is the outcome of one command.
type sent struct {
	code string        // the error code of an expected failed reply, "" on success
	rtt  time.Duration // real time from the first send to the reply
	// clean is true when the command went out once and no blip cut the
	// links meanwhile: its rtt is a round trip, not a reconnect.
	clean bool
	ok    bool // a reply came: success or an expected code
}

// do sends a command as the device's app does: under one id, sent again
// after a dropped link until its reply comes, so the server applies it
// once. A failed reply whose code is in expected is an outcome; any other
// failure is recorded as an error. out, if not nil, receives the reply.
func (s *sim) do(ctx context.Context, c *hallclient.Client, device, typ string, data, out any, expected ...string) sent {
	id := c.NewID()
	start := time.Now()
	blips := s.blips.Load()
	res := sent{clean: true}
	for {
		cctx, cancel := context.WithTimeout(ctx, replyWait)
		raw, err := c.SendID(cctx, id, typ, data)
		cancel()
		if ctx.Err() != nil {
			return res
		}
		if errors.Is(err, hallclient.ErrOffline) {
			res.clean = false
			if time.Since(start) > offlineWait {
				s.st.fail("%s %s: offline for %v, command lost", device, typ, offlineWait)
				return res
			}
			if !pause.For(ctx, offlineStep) {
				return res
			}
			continue
		}
		res.rtt = time.Since(start)
		if s.blips.Load() != blips {
			res.clean = false
		}
		var qe *queue.Error
		switch {
		case errors.As(err, &qe) && slices.Contains(expected, qe.Code):
			res.code, res.ok = qe.Code, true
		case err != nil:
			s.st.fail("%s %s: %v", device, typ, err)
		case out != nil:
			if err := json.Unmarshal(raw, out); err != nil {
				s.st.fail("%s %s: reply %s: %v", device, typ, raw, err)
				return res
			}
			res.ok = true
		default:
			res.ok = true
		}
		if !res.clean {
			s.st.add(func(st *stats) { st.throughBlip++ })
		}
		return res
	}
}
