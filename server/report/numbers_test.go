package report

import (
	"reflect"
	"testing"
	"time"
)

// secs turns seconds (halves allowed) into durations.
func secs(vs ...float64) []time.Duration {
	ds := make([]time.Duration, len(vs))
	for i, v := range vs {
		ds[i] = time.Duration(v * float64(time.Second))
	}
	return ds
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name string
		in   []time.Duration
		want Durations
	}{
		{"none", nil, Durations{}},
		// n = 1: every rank is 1; 0.5 rounds up.
		{"one half", secs(0.5), dur(1, 1, 1)},
		{"one just under half", []time.Duration{499 * time.Millisecond}, dur(0, 0, 0)},
		// Unsorted input; mean 10/4 = 2.5 -> 3; p50 rank 2 -> 2; p90 rank
		// ceil(3.6) = 4 -> 4.
		{"mean half up", secs(4, 1, 3, 2), dur(3, 2, 4)},
		// Sorted 0.9 1.5; mean 2.4/2 = 1.2 -> 1; p50 rank 1 -> 0.9 -> 1;
		// p90 rank ceil(1.8) = 2 -> 1.5 -> 2.
		{"two", secs(1.5, 0.9), dur(1, 1, 2)},
		// n = 10: p50 rank 5, p90 rank 9 (exact products take no ceiling).
		{"ten", secs(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), dur(55, 50, 90)},
		// n = 11: p50 rank ceil(5.5) = 6, p90 rank ceil(9.9) = 10.
		{"eleven", secs(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), dur(6, 6, 10)},
		// Ties: ranks 2 to 4 hold 7; p50 rank ceil(2.5) = 3 -> 7.
		{"ties", secs(1, 7, 7, 7, 100), dur(24, 7, 100)},
		// A clock stepped back counts as zero: (0 + 3) / 2 = 1.5 -> 2.
		{"negative", secs(-5, 3), dur(2, 0, 3)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := summarize(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %s, want %s", dump(t, got), dump(t, tc.want))
			}
		})
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		name        string
		part, whole int
		want        *float64
	}{
		{"nothing", 0, 0, nil},
		{"zero", 0, 5, fp(0)},
		{"all", 7, 7, fp(100)},
		// 8100/88 = 92.045... -> 92.05 (the brief's example).
		{"81 of 88", 81, 88, fp(92.05)},
		// 10000/32 = 312.5 hundredths: exactly half, rounds up to 3.13.
		{"half up", 1, 32, fp(3.13)},
		// 20000/3 = 6666.67 -> 66.67; 10000/3 = 3333.3 -> 33.33.
		{"two thirds", 2, 3, fp(66.67)},
		{"one third", 1, 3, fp(33.33)},
		// 10000·97/110 = 8818.18 -> 88.18 (the SPEC's rated_share).
		{"spec example", 97, 110, fp(88.18)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := percent(tc.part, tc.whole)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %s, want %s", dump(t, got), dump(t, tc.want))
			}
		})
	}
}

func TestSeconds(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want int
	}{
		{0, 0},
		{499 * time.Millisecond, 0},
		{500 * time.Millisecond, 1},
		{1500 * time.Millisecond, 2},
		{2499 * time.Millisecond, 2},
	}
	for _, tc := range tests {
		t.Run(tc.in.String(), func(t *testing.T) {
			if got := seconds(tc.in); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}
