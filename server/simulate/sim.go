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
