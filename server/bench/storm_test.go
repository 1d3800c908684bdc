package bench

import (
	"bytes"
	"encoding/json"
	"flag"
	"sync"
	"testing"
	"time"

	"hallq/server/app"
	"hallq/server/hall"
)

// The storm's size: flags, so that a loaded machine can run a smaller one
// (go test ... -args -storm-displays 250).
var (
	stormDisplays = flag.Int("storm-displays", 1000, "displays reconnecting at once in BenchmarkReplayStorm")
	stormBehind   = flag.Int("storm-behind", 5000, "events each display is behind when it reconnects in BenchmarkReplayStorm")
	stormQuiet    = flag.Int("storm-quiet", 300, "call_next round trips timed before the storm in BenchmarkReplayStorm")
)

// stormWait bounds how long the displays may take to end with every event.
const stormWait = 5 * time.Minute

// BenchmarkReplayStorm is a switch reboot: every display of the hall
// reconnects at once, each -storm-behind events behind, while a clerk
// runs call_next round trips. It reports the clerk's round trip (send to
// reply) p50 and p99 before the storm, with the same displays connected
// and live, and during it (until every display has the events up to its
// hello's seq), and checks that each display ends with every event of the
// day after its since exactly once, in seq order. The storm runs once per
// test process, whatever b.N (go test calls a benchmark with b.N = 1
// before the -benchtime count; the second call reports the same figures).
func BenchmarkReplayStorm(b *testing.B) {
	stormRun.once.Do(func() { stormRun.figures = replayStorm(b) })
	for _, f := range stormRun.figures {
		b.ReportMetric(f.value, f.unit)
	}
	b.ReportMetric(0, "ns/op")
}

var stormRun struct {
	once    sync.Once
	figures []figure
}

type figure struct {
	value float64
	unit  string
}

func replayStorm(b *testing.B) []figure {
	n, behind := *stormDisplays, *stormBehind
	s := startServer(b)
	// The history the displays will be behind, and tickets to call,
	// before the counter connects (it would not read them).
	c := &clerk{s: s}
	c.issue(b, 2*behind)
	c.counter = dial(b, s.Addr, "counter-1", "demo-counter-1-token-01")
	c.counter.do(b, "clerk_login", map[string]any{"username": "hang.nd", "pin": "1111"})

	// The displays follow the hall live (a hello at the current seq:
	// nothing to replay, no state).
	_, now := s.Hall.Day()
	live := mustFollow(b, s.Addr, n, now)
	quiet := c.rounds(b, *stormQuiet, nil)
	_, seq := s.Hall.Day()
	waitComplete(b, live, seq)
	for _, f := range live {
		f.close() // the switch reboots: every link drops at once
	}
	for _, f := range live {
		<-f.done
	}

	since := seq - uint64(behind)
	start := time.Now()
	// The clerk works while the displays dial in.
	dialed := make(chan dialResult, 1)
	go func() {
		fs, err := followers(s.Addr, n, since)
		dialed <- dialResult{fs, err}
	}()
	var storm []*follower
	during := c.rounds(b, 0, func() bool {
		if storm == nil {
			select {
			case r := <-dialed:
				if r.err != nil {
					b.Fatal(r.err)
				}
				storm = r.fs
				for _, f := range storm {
					b.Cleanup(f.close)
				}
			default:
				return false
			}
		}
		return caughtUp(b, storm, start)
	})
	catchUp := time.Since(start)
	_, final := s.Hall.Day()
	waitComplete(b, storm, final)

	var drops int64
	for _, f := range storm {
		drops += f.drops.Load()
	}
	q50, q99 := percentiles(quiet)
	s50, s99 := percentiles(during)
	target(b, "storm-p99-ms", s99, 100)
	target(b, "storm-p50/quiet", s50/q50, 3)
	return []figure{
		{q50, "quiet-p50-ms"}, {q99, "quiet-p99-ms"},
		{s50, "storm-p50-ms"}, {s99, "storm-p99-ms"}, {s50 / q50, "storm-p50/quiet"},
		{float64(len(during)), "storm-calls"}, {catchUp.Seconds(), "catch-up-s"}, {float64(drops), "drops"},
	}
}

// clerk is counter 1's clerk calling the waiting tickets of service A.
type clerk struct {
	s       *app.Server
	counter *client
	waiting int // tickets left to call; topped up in the server
	issued  int
}

// rounds runs rounds of call_next (timed: the clerk's send to its reply)
// and finish, count of them, or with count 0 until stop reports true (at
// least one round), and returns the call_next times. No kiosk takes part:
// what is timed is the clerk's command alone.
func (c *clerk) rounds(b *testing.B, count int, stop func() bool) []time.Duration {
	b.Helper()
	var samples []time.Duration
	for i := 0; count > 0 && i < count || count == 0 && (i == 0 || !stop()); i++ {
		if c.waiting == 0 {
			c.issue(b, 1000)
		}
		start := time.Now()
		var rep struct{ Ticket struct{ ID string } }
		json.Unmarshal(c.counter.do(b, "call_next", nil), &rep)
		samples = append(samples, time.Since(start))
		c.waiting--
		c.counter.do(b, "finish", map[string]any{"ticket_id": rep.Ticket.ID})
	}
	return samples
}

// issue issues n tickets of service A through Hall.Do.
func (c *clerk) issue(b *testing.B, n int) {
	b.Helper()
	kiosk := hall.Device{ID: "kiosk-1", Role: "kiosk"}
	data := json.RawMessage(`{"service":"A"}`)
	for i := 0; i < n; i++ {
		c.issued++
		if reply := c.s.Hall.Do(kiosk, "issue_ticket", "fill-"+itoa(c.issued), data); !bytes.Contains(reply, []byte(`"ok":true`)) {
			b.Fatalf("issue: %s", reply)
		}
	}
	c.waiting += n
}

type dialResult struct {
	fs  []*follower
	err error
}

// followers dials n display connections at once (from a few goroutines),
// each saying hello with since (0: a full state).
func followers(addr string, n int, since uint64) ([]*follower, error) {
	out := make([]*follower, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	const dialers = 8
	for d := 0; d < dialers; d++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := d; i < n; i += dialers {
				f, err := newFollower(addr, "display-1", "demo-display-1-token-01", since)
				if err != nil {
					errs <- err
					return
				}
				out[i] = f
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		for _, f := range out {
			if f != nil {
				f.close()
			}
		}
		return nil, err
	}
	return out, nil
}

// mustFollow is followers that fails b, closing them when b ends.
func mustFollow(b *testing.B, addr string, n int, since uint64) []*follower {
	b.Helper()
	fs, err := followers(addr, n, since)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range fs {
		b.Cleanup(f.close)
	}
	return fs
}

// caughtUp reports whether every follower has the events up to its
// hello's seq, failing b when one failed or stormWait has passed since
// start (a benchmark has no -timeout).
func caughtUp(b *testing.B, fs []*follower, start time.Time) bool {
	for _, f := range fs {
		if msg := f.failure(); msg != "" {
			b.Fatalf("a display: %s", msg)
		}
		if h := f.helloSeq.Load(); h == 0 || f.last.Load() < h {
			if time.Since(start) > stormWait {
				b.Fatalf("a display still behind after %v: at seq %d, its hello's %d", stormWait, f.last.Load(), h)
			}
			return false
		}
	}
	return true
}

// waitComplete waits until every follower has every event up to seq
// exactly once and in order, and fails b otherwise.
func waitComplete(b *testing.B, fs []*follower, seq uint64) {
	b.Helper()
	deadline := time.Now().Add(stormWait)
	for _, f := range fs {
		for f.last.Load() < seq && f.failure() == "" && time.Now().Before(deadline) {
			select {
			case <-f.done:
			case <-time.After(10 * time.Millisecond):
			}
		}
		if msg := f.failure(); msg != "" {
			b.Fatalf("a display: %s", msg)
		}
		if got := f.last.Load(); got != seq {
			b.Fatalf("a display ended at seq %d, want %d", got, seq)
		}
	}
}
