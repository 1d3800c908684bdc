package fastclock

import (
	"testing"
	"time"
)

var ict = time.FixedZone("ICT", 7*3600)

// TestNowRunsFaster: after 50 ms of real time a 600× clock has moved about
// 30 s, never less, and keeps the start's zone.
func TestNowRunsFaster(t *testing.T) {
	start := time.Date(2026, 12, 3, 7, 0, 0, 0, ict)
	c := New(start, 600)
	time.Sleep(50 * time.Millisecond)
	got := c.Since(start)
	if got < 30*time.Second || got > 5*time.Minute {
		t.Errorf("after 50ms at 600×: got %v, want at least 30s (and not minutes more)", got)
	}
	if c.Now().Location() != ict {
		t.Errorf("zone: got %v, want ICT", c.Now().Location())
	}
	if c.Speed() != 600 {
		t.Errorf("Speed: got %v, want 600", c.Speed())
	}
}

// TestRealAndFast converts durations both ways; Real rounds up so that a
// timer never fires before its fast time.
func TestRealAndFast(t *testing.T) {
	c := New(time.Time{}, 20)
	cases := []struct {
		name string
		got  time.Duration
		want time.Duration
	}{
		{"real of 10 fast minutes", c.Real(10 * time.Minute), 30 * time.Second},
		{"real rounds up", c.Real(21 * time.Nanosecond), 2 * time.Nanosecond},
		{"real of a past time", c.Real(-time.Second), 0},
		{"fast of 3 real seconds", c.Fast(3 * time.Second), time.Minute},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

// TestTimerFiresAtFastTime: a timer, After and AfterFunc fire once their
// fast duration has passed on the fast clock, not before, and in about
// duration/speed of real time.
func TestTimerFiresAtFastTime(t *testing.T) {
	c := New(time.Date(2026, 12, 3, 16, 59, 0, 0, ict), 1200)
	deadline := c.Now().Add(time.Minute) // 50 ms real
	realStart := time.Now()
	tm := c.NewTimer(time.Minute)
	got := <-tm.Chan()
	if got.Before(deadline) {
		t.Errorf("timer: sent %v, before its fast deadline %v", got, deadline)
	}
	if d := time.Since(realStart); d < 40*time.Millisecond || d > 2*time.Second {
		t.Errorf("timer: fired after %v of real time, want about 50ms", d)
	}
	if at := <-c.After(time.Minute); at.Before(deadline.Add(time.Minute)) {
		t.Errorf("After: sent %v, want at least %v", at, deadline.Add(time.Minute))
	}
	done := make(chan time.Time, 1)
	want := c.Now().Add(30 * time.Second)
	c.AfterFunc(30*time.Second, func() { done <- c.Now() })
	select {
	case at := <-done:
		if at.Before(want) {
			t.Errorf("AfterFunc: ran at %v, before %v", at, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("AfterFunc: did not run")
	}
}

// TestTimerStopAndReset: a stopped timer sends nothing; a reset one fires
// at its new fast duration.
func TestTimerStopAndReset(t *testing.T) {
	c := New(time.Now(), 1000)
	tm := c.NewTimer(time.Hour) // 3.6 s real
	if !tm.Stop() {
		t.Error("Stop of an active timer: got false, want true")
	}
	from := c.Now()
	if tm.Reset(10 * time.Second) {
		t.Error("Reset of a stopped timer: got true, want false")
	}
	select {
	case at := <-tm.Chan():
		if at.Sub(from) < 10*time.Second {
			t.Errorf("reset timer: fired %v after the reset, want at least 10s", at.Sub(from))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reset timer did not fire")
	}
	stopped := c.NewTimer(time.Second)
	stopped.Stop()
	select {
	case <-stopped.Chan():
		t.Error("stopped timer fired")
	case <-time.After(20 * time.Millisecond):
	}
}

// TestTicker: a ticker of 10 fast seconds at 1000× ticks every 10 ms real:
// tick i comes no earlier than 10·i fast seconds after the start, and each
// after the previous one. (Like time.Ticker's, one tick delayed by a busy
// machine leaves a shorter gap to the next, so the gaps are not checked.)
func TestTicker(t *testing.T) {
	c := New(time.Now(), 1000)
	start := c.Now()
	tk := c.NewTicker(10 * time.Second)
	defer tk.Stop()
	prev := start
	for i := range 3 {
		select {
		case at := <-tk.Chan():
			if due := start.Add(time.Duration(i+1) * 10 * time.Second); at.Before(due.Add(-time.Second)) || !at.After(prev) {
				t.Errorf("tick %d at +%v (previous +%v), want +%v or later", i+1, at.Sub(start), prev.Sub(start), due.Sub(start))
			}
			prev = at
		case <-time.After(5 * time.Second):
			t.Fatalf("tick %d did not come", i)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		speed float64
		ok    bool
	}{{20, true}, {0.5, true}, {MaxSpeed, true}, {0, false}, {-2, false}, {MaxSpeed + 1, false}} {
		if err := Check(tc.speed); (err == nil) != tc.ok {
			t.Errorf("Check(%v): got %v, want ok=%v", tc.speed, err, tc.ok)
		}
	}
}

func TestParseStart(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-12-03T07:00", time.Date(2026, 12, 3, 7, 0, 0, 0, ict), true},
		{"2026-12-03 07:00:30", time.Date(2026, 12, 3, 7, 0, 30, 0, ict), true},
		{"2026-12-03", time.Date(2026, 12, 3, 0, 0, 0, 0, ict), true},
		{"2026-12-03T00:00:00Z", time.Date(2026, 12, 3, 7, 0, 0, 0, ict), true},
		{"7:00", time.Time{}, false},
	}
	for _, tc := range cases {
		got, err := ParseStart(tc.in, ict)
		if (err == nil) != tc.ok || tc.ok && !got.Equal(tc.want) {
			t.Errorf("ParseStart(%q): got %v, %v, want %v (ok=%v)", tc.in, got, err, tc.want, tc.ok)
		}
	}
}
