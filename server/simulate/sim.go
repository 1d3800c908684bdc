package simulate

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"hallq/server/config"
	"hallq/server/fastclock"
	"hallq/shared/hallclient"
	"hallq/shared/pause"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Target is the server a simulation plays against.
type Target struct {
	// URL is the server's base, http://HOST:PORT (plain HTTP: the
	// simulation does not speak TLS).
	URL string
	// DataDir is the server's data folder when it is on this machine:
	// the summary gives hall.db's size and checks the close's xlsx. ""
	// for a server elsewhere.
	DataDir string
}

// Options tune a run.
type Options struct {
	// Seed makes the day's draws (arrivals, services, outcomes, ratings)
	// repeatable; the server's own randomness (ticket tokens) is not.
	Seed uint64
	// Logger receives the simulated devices' connection logs; nil
	// discards them.
	Logger *slog.Logger
	// Progress, if set, gets a line at each hour of the fast day.
	Progress io.Writer
}

// blipOff is how long (in the hall's time) the network stays down at the
// blip; at least blipOffReal of real time, so that every client sees it.
const (
	blipOff     = 30 * time.Second
	blipOffReal = 200 * time.Millisecond
	// connectWait bounds, in real time, the wait for every device to
	// connect at the start and after the blip.
	connectWait = 30 * time.Second
)

// sim is one running simulation.
type sim struct {
	p         Profile
	h         *Hall
	t         Target
	o         Options
	loc       *time.Location
	clock     *fastclock.Clock // the server's clock, as read from /healthz
	day       string
	midnight  time.Time
	wsURL     string // the server's /ws through the proxy
	proxy     *proxy
	http      *http.Client
	st        *stats
	log       *slog.Logger
	clientLog *slog.Logger
	blips     atomic.Int64 // how many times the links were cut

	kiosks      []*hallclient.Client
	counters    []*counterAgent
	displays    []*displayAgent
	tokens      sync.Map // ticket id -> its rating token
	transferred sync.Map // ticket ids transferred once
	ratings     sync.WaitGroup
	hellos      sync.Map // device -> *atomic.Int64, successful hellos
}

// Run plays h's day against the server at t and returns what it saw.
// The server must be on h's configuration and its clock before the
// clerks' sign-in (ten minutes before opening); a fast clock (-fast-clock)
// makes the day take a fraction of its length. An error means the
// simulation could not run; the day's errors are in the Result.
func Run(ctx context.Context, t Target, h *Hall, o Options) (*Result, error) {
	loc, err := time.LoadLocation(hallTimezone(h))
	if err != nil {
		return nil, err
	}
	s := &sim{p: h.Profile, h: h, t: t, o: o, loc: loc, st: newStats(),
		http: &http.Client{Timeout: 30 * time.Second}, log: o.Logger, clientLog: o.Logger}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
		s.clientLog = s.log
	}
	hz, now, err := s.serverClock(ctx)
	if err != nil {
		return nil, fmt.Errorf("simulate: the server at %s: %w", t.URL, err)
	}
	s.clock = fastclock.New(now.In(loc), hz.ClockSpeed)
	s.day = hz.Day
	if s.midnight, err = time.ParseInLocation(queue.DayLayout, hz.Day, loc); err != nil {
		return nil, fmt.Errorf("simulate: the server's day %q: %w", hz.Day, err)
	}
	if latest := s.at(s.p.Open).Add(-11 * time.Minute); now.After(latest) {
		return nil, fmt.Errorf("simulate: the server's clock reads %s, past %s: start it earlier in the day (e.g. -fast-clock-start %sT%s)",
			now.Format("15:04:05"), latest.Format("15:04"), s.day, latest.Add(-10*time.Minute).Format("15:04"))
	}
	u, err := url.Parse(t.URL)
	if err != nil || u.Scheme != "http" {
		return nil, fmt.Errorf("simulate: the server's URL must be http://HOST:PORT: %q", t.URL)
	}
	if s.proxy, err = newProxy(u.Host); err != nil {
		return nil, err
	}
	defer s.proxy.Close()
	s.wsURL = "ws://" + s.proxy.Addr() + "/ws"
	return s.play(ctx, time.Now())
}

// hallTimezone is the hall's time zone: the config's, or the default.
func hallTimezone(h *Hall) string {
	if h.Config != nil && h.Config.Hall.Timezone != "" {
		return h.Config.Hall.Timezone
	}
	return config.DefaultTimezone
}

// play connects every device, runs the day, then checks the end.
func (s *sim) play(ctx context.Context, realStart time.Time) (*Result, error) {
	start := s.clock.Now()
	devCtx, stopDevices := context.WithCancel(ctx)
	var devices sync.WaitGroup
	defer func() { stopDevices(); devices.Wait() }()
	run := func(f func(context.Context)) {
		devices.Add(1)
		go func() { defer devices.Done(); f(devCtx) }()
	}
	for _, d := range s.h.Displays {
		a := &displayAgent{s: s, dev: d}
		s.displays = append(s.displays, a)
		run(a.run)
	}
	for _, d := range s.h.Kiosks {
		c := s.newClient(d, nil, s.watchHello(d.ID, nil))
		s.kiosks = append(s.kiosks, c)
		run(func(ctx context.Context) { c.Run(ctx) })
	}
	for i := range s.h.Counters {
		a := newCounterAgent(s, i, s.rand(uint64(1000+i)))
		s.counters = append(s.counters, a)
		run(func(ctx context.Context) { a.c.Run(ctx) })
	}
	if !s.allConnected(ctx) {
		return nil, fmt.Errorf("simulate: not every device connected within %v", connectWait)
	}
	arrivals, err := s.planArrivals(s.rand(1))
	if err != nil {
		return nil, err
	}
	var day sync.WaitGroup
	work := func(f func(context.Context)) {
		day.Add(1)
		go func() { defer day.Done(); f(devCtx) }()
	}
	for i := range s.kiosks {
		work(func(ctx context.Context) { s.runKiosk(ctx, i, arrivals) })
	}
	for _, a := range s.counters {
		work(a.run)
	}
	work(func(ctx context.Context) { s.runFeedback(ctx, s.rand(2)) })
	watchCtx, stopWatch := context.WithCancel(devCtx)
	var watchers sync.WaitGroup
	for _, f := range []func(context.Context){s.sampleRSS, s.blip, s.progress} {
		watchers.Add(1)
		go func() { defer watchers.Done(); f(watchCtx) }()
	}
	day.Wait()
	s.ratings.Wait()
	s.sleepUntil(ctx, s.at(s.p.Close).Add(time.Minute))
	stopWatch()
	watchers.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return s.result(ctx, start, realStart)
}

// rand returns the random source of stream n of the run's seed.
func (s *sim) rand(n uint64) *rand.Rand { return rand.New(rand.NewPCG(s.o.Seed, n)) }

// at returns the day's time hh:mm.
func (s *sim) at(hhmm string) time.Time { return s.midnight.Add(mustClock(hhmm)) }

// sleepUntil waits until the fast time t; false if ctx ended first.
func (s *sim) sleepUntil(ctx context.Context, t time.Time) bool {
	return s.sleepFor(ctx, s.clock.Until(t))
}

// sleepFor waits fast duration d; false if ctx ended first.
func (s *sim) sleepFor(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(s.clock.Real(d))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func (s *sim) debug(msg string, args ...any) { s.log.Debug(msg, args...) }

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
