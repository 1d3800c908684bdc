package simulate

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"hallq/shared/pause"
	"hallq/shared/protocol"
)

// watchHello returns a hall client's OnHello: a reconnect must be
// answered with a replay, never a full state (which would mean events
// were lost); then it calls then, if set.
func (s *sim) watchHello(device string, then func(protocol.HelloReply)) func(protocol.HelloReply) {
	n := &atomic.Int64{}
	s.hellos.Store(device, n)
	return func(r protocol.HelloReply) {
		if n.Add(1) > 1 && r.State != nil {
			s.st.fail("%s: reconnect got a full state (seq %d), not a replay", device, r.Seq)
		}
		if then != nil {
			then(r)
		}
	}
}

// allConnected waits until every device is connected.
func (s *sim) allConnected(ctx context.Context) bool {
	deadline := time.Now().Add(connectWait)
	for time.Now().Before(deadline) {
		if s.connected() == s.devices() {
			return true
		}
		if !pause.For(ctx, 10*time.Millisecond) {
			return false
		}
	}
	return false
}

// devices is how many devices the hall has.
func (s *sim) devices() int { return len(s.h.Displays) + len(s.h.Kiosks) + len(s.h.Counters) }

// connected counts the devices connected now.
func (s *sim) connected() int {
	n := 0
	for _, d := range s.displays {
		if _, _, _, _, ok := d.snapshot(); ok {
			n++
		}
	}
	for _, c := range s.kiosks {
		if c.Connected() {
			n++
		}
	}
	for _, a := range s.counters {
		if a.c.Connected() {
			n++
		}
	}
	return n
}

// commandDevicesBack waits (at most connectWait) until every kiosk and
// counter is connected.
func (s *sim) commandDevicesBack(ctx context.Context) {
	deadline := time.Now().Add(connectWait)
	for time.Now().Before(deadline) {
		back := true
		for _, c := range s.kiosks {
			back = back && c.Connected()
		}
		for _, a := range s.counters {
			back = back && a.c.Connected()
		}
		if back || !pause.For(ctx, 5*time.Millisecond) {
			return
		}
	}
}

// blip cuts every link at the profile's blip time and measures how long
// the devices take to be back.
func (s *sim) blip(ctx context.Context) {
	if s.p.Blip == "" || !s.sleepUntil(ctx, s.at(s.p.Blip)) {
		return
	}
	off := max(s.clock.Real(blipOff), blipOffReal)
	at := time.Now()
	s.blips.Add(1)
	n := s.proxy.Cut(off)
	s.st.add(func(st *stats) { st.blipAt, st.blipLinks = at, n })
	pause.For(ctx, off)
	for ctx.Err() == nil && s.connected() < s.devices() {
		if time.Since(at) > connectWait+off {
			s.st.fail("after the blip, only %d of %d devices reconnected within %v", s.connected(), s.devices(), connectWait)
			return
		}
		pause.For(ctx, 5*time.Millisecond)
	}
	s.st.add(func(st *stats) { st.blipBackAt = time.Now() })
}

// sampleRSS reads the server's memory every ten minutes of the fast day
// (and at least every 30 s of real time).
func (s *sim) sampleRSS(ctx context.Context) {
	step := min(10*time.Minute, s.clock.Fast(30*time.Second))
	for {
		if v, err := s.rss(ctx); err == nil && v > 0 {
			at := s.clock.Now()
			s.st.add(func(st *stats) { st.rss = append(st.rss, rssSample{at: at, bytes: v}) })
		}
		if !s.sleepFor(ctx, step) {
			return
		}
	}
}

// progress writes a line at each full hour of the fast day.
func (s *sim) progress(ctx context.Context) {
	if s.o.Progress == nil {
		return
	}
	for {
		now := s.clock.Now()
		next := now.Truncate(time.Hour).Add(time.Hour)
		if !s.sleepUntil(ctx, next) {
			return
		}
		var issued, calls, finished, errs int
		var rss float64
		s.st.add(func(st *stats) {
			issued, calls, finished, errs = st.issued, st.calls, st.finished, st.errorCount
			if len(st.rss) > 0 {
				rss = st.rss[len(st.rss)-1].bytes
			}
		})
		waiting := len(s.kiosks[0].State().Waiting)
		fmt.Fprintf(s.o.Progress, "%s  số phát (issued) %d, đang chờ (waiting) %d, lượt gọi (calls) %d, xong (finished) %d, RSS %.0f MB, lỗi (errors) %d\n",
			next.Format("15:04"), issued, waiting, calls, finished, rss/1e6, errs)
	}
}
