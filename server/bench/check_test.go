package bench

import (
	"flag"
	"os"
	"testing"
)

// TestMain removes the year of history the start-up benchmarks built.
func TestMain(m *testing.M) {
	code := m.Run()
	if history.dir != "" {
		os.RemoveAll(history.dir)
	}
	os.Exit(code)
}

// check turns the README's targets into failures: with -check, a benchmark
// whose figure misses its target by more than checkMargin fails. Use it on
// a quiet machine (CI does not: its machines are shared):
//
//	go test -run '^$' -bench . -benchtime 300x ./server/bench -args -check
var check = flag.Bool("check", false, "fail a benchmark that misses its README target by a wide margin")

// checkMargin is how far past its target a figure may be before -check
// fails it: wide, so that only a real regression fails.
const checkMargin = 1.5

// target reports got (named what) against its target, and with -check fails
// b when got exceeds target × checkMargin.
func target(b *testing.B, what string, got, want float64) {
	b.Helper()
	if *check && got > want*checkMargin {
		b.Errorf("%s = %.2f, target %.2f (fails past %.2f with -check)", what, got, want, want*checkMargin)
	}
}
