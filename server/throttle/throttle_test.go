package throttle

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	l := New(Rule{Free: 3, Base: 2 * time.Second, Max: 10 * time.Second, Window: time.Minute}, func() time.Time { return now })
	for i := 1; i <= 3; i++ {
		if w := l.Fail("a"); w != 0 {
			t.Fatalf("failure %d: wait %v, want none (free)", i, w)
		}
	}
	if w := l.Wait("a"); w != 0 {
		t.Fatalf("after the free failures: wait %v", w)
	}
	for i, want := range []time.Duration{2, 4, 8, 10, 10} {
		if w := l.Fail("a"); w != want*time.Second {
			t.Fatalf("failure %d over: wait %v, want %v", i+1, w, want*time.Second)
		}
		if w := l.Wait("a"); w != want*time.Second {
			t.Fatalf("Wait %v, want %v", w, want*time.Second)
		}
		if w := l.Wait("b"); w != 0 {
			t.Fatalf("another key waits %v", w)
		}
		now = now.Add(want * time.Second)
		if w := l.Wait("a"); w != 0 {
			t.Fatalf("after the wait: %v", w)
		}
	}
	l.Succeed("a")
	if w := l.Fail("a"); w != 0 {
		t.Fatalf("after a success: wait %v, want a fresh start", w)
	}
	for range 5 {
		l.Fail("c")
	}
	now = now.Add(time.Minute)
	if w := l.Fail("c"); w != 0 {
		t.Fatalf("after a quiet window: wait %v, want a fresh start", w)
	}
}

func TestLimiterBounded(t *testing.T) {
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	l := New(Rule{Free: 1, Base: time.Second, Max: time.Second, Window: time.Minute}, func() time.Time { return now })
	for i := range 3 * maxKeys {
		if i%maxKeys == 0 {
			now = now.Add(2 * time.Minute)
		}
		l.Fail(string(rune(i)) + "k")
	}
	if n := len(l.keys); n > maxKeys+1 {
		t.Fatalf("%d keys kept, want at most %d", n, maxKeys+1)
	}
}
