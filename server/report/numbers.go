package report

import (
	"slices"
	"time"
)

// percent returns part/whole in percent, rounded half up to two decimals on
// the exact fraction (81/88 gives 92.05), or nil when whole is zero.
func percent(part, whole int) *float64 {
	if whole <= 0 {
		return nil
	}
	// Hundredths of a percent: 10000·part/whole, rounded half up in integers
	// so that no binary fraction tips a tie.
	h := (20000*int64(part) + int64(whole)) / (2 * int64(whole))
	v := float64(h) / 100
	return &v
}

// seconds returns d (not negative) in whole seconds, rounded half up.
func seconds(d time.Duration) int {
	return int((d + time.Second/2) / time.Second)
}

// summarize returns the mean, p50 and p90 of ds (which it sorts). Negative
// durations, which only a clock stepped backwards could make, count as zero.
func summarize(ds []time.Duration) Durations {
	if len(ds) == 0 {
		return Durations{}
	}
	var sum time.Duration
	for i, d := range ds {
		if d < 0 {
			ds[i] = 0
		}
		sum += ds[i]
	}
	slices.Sort(ds)
	mean := meanSeconds(sum, len(ds))
	p50 := seconds(nearestRank(ds, 50))
	p90 := seconds(nearestRank(ds, 90))
	return Durations{Mean: &mean, P50: &p50, P90: &p90}
}

// meanSeconds returns sum/n in whole seconds, rounded half up on the exact
// quotient: (2·sum + n·1s) / (2·n·1s). n must be positive.
func meanSeconds(sum time.Duration, n int) int {
	d := time.Duration(n)
	return int((2*sum + d*time.Second) / (2 * d * time.Second))
}

// nearestRank returns the value at rank ⌈p·n/100⌉ (1-based) of sorted.
func nearestRank(sorted []time.Duration, p int) time.Duration {
	n := len(sorted)
	rank := (p*n + 99) / 100
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

// meanOf returns sum seconds over n in whole seconds (half up), nil when n
// is 0.
func meanOf(sum float64, n int) *int {
	if n == 0 {
		return nil
	}
	m := meanSeconds(time.Duration(sum*float64(time.Second)), n)
	return &m
}
