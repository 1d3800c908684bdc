package throttle

import (
	"testing"
	"time"
)

func TestBucket(t *testing.T) {
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	b := NewBucket(2, 5, func() time.Time { return now })
	for i := 0; i < 5; i++ {
		if !b.Allow("10.0.0.5") {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	if b.Allow("10.0.0.5") {
		t.Fatal("the 6th request at once allowed, want refused")
	}
	if !b.Allow("10.0.0.6") {
		t.Fatal("another address refused")
	}
	now = now.Add(time.Second)
	for i := 0; i < 2; i++ {
		if !b.Allow("10.0.0.5") {
			t.Fatalf("request %d after a second refused, want 2 allowed", i+1)
		}
	}
	if b.Allow("10.0.0.5") {
		t.Fatal("a 3rd request after one second allowed, want refused")
	}
	now = now.Add(time.Hour)
	for i := 0; i < 5; i++ {
		if !b.Allow("10.0.0.5") {
			t.Fatalf("after an hour, request %d refused: the bucket must not fill past its burst… but must refill", i+1)
		}
	}
	if b.Allow("10.0.0.5") {
		t.Fatal("an hour's rest gave more than the burst")
	}
}
