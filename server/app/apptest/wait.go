package apptest

import (
	"testing"
	"time"
)

// WaitFor polls ok every 5 ms until it holds, failing t with "timed out
// waiting for what" once within has passed.
func WaitFor(t testing.TB, within time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
