package simulate

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func hm(h, m int) time.Duration { return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute }

// TestCurveShare: the share of arrivals between two times is the area
// under the curve there: a flat curve spreads them evenly, a triangle puts
// a quarter in its first half of the rise.
func TestCurveShare(t *testing.T) {
	flat, err := NewCurve([]Knot{{"08:00", 1}, {"10:00", 1}})
	if err != nil {
		t.Fatal(err)
	}
	ramp, err := NewCurve([]Knot{{"08:00", 0}, {"10:00", 2}, {"12:00", 0}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		c        Curve
		from, to time.Duration
		want     float64
	}{
		{"flat, first hour", flat, hm(8, 0), hm(9, 0), 0.5},
		{"flat, before and after", flat, hm(6, 0), hm(12, 0), 1},
		{"flat, before it starts", flat, hm(6, 0), hm(8, 0), 0},
		{"triangle, rise", ramp, hm(8, 0), hm(10, 0), 0.5},
		{"triangle, first hour", ramp, hm(8, 0), hm(9, 0), 0.125},
		{"triangle, middle two hours", ramp, hm(9, 0), hm(11, 0), 0.75},
	}
	for _, tc := range cases {
		if got := tc.c.Share(tc.from, tc.to); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: got %.4f, want %.4f", tc.name, got, tc.want)
		}
	}
}

// TestCurveTimes: drawn arrivals are n, in order, within the curve, the
// same for the same seed, and each hour gets about its share.
func TestCurveTimes(t *testing.T) {
	c, err := NewCurve(Province().Arrivals)
	if err != nil {
		t.Fatal(err)
	}
	const n = 20000
	times := c.Times(n, rand.New(rand.NewPCG(1, 2)))
	if len(times) != n {
		t.Fatalf("got %d times, want %d", len(times), n)
	}
	perHour := map[int]int{}
	for i, x := range times {
		if x < c.First() || x > c.Last() {
			t.Fatalf("time %v outside the curve's %v–%v", x, c.First(), c.Last())
		}
		if i > 0 && x < times[i-1] {
			t.Fatalf("times out of order at %d: %v after %v", i, x, times[i-1])
		}
		perHour[int(x/time.Hour)]++
	}
	again := c.Times(n, rand.New(rand.NewPCG(1, 2)))
	for i := range again {
		if again[i] != times[i] {
			t.Fatalf("same seed, time %d: got %v, then %v", i, times[i], again[i])
		}
	}
	for h := 7; h < 17; h++ {
		want := c.Share(hm(h, 0), hm(h+1, 0)) * n
		// A binomial count's standard deviation is at most sqrt(n)/2
		// = 71; allow four of them.
		if got := float64(perHour[h]); math.Abs(got-want) > 4*71 {
			t.Errorf("hour %02d: got %v arrivals, want about %.0f", h, got, want)
		}
	}
}

// TestMorningPeak: the built-in curve is a working day's: its busiest
// hour is in the morning (08:00 to 11:00), holding at least twice the
// share of the lunch hour, and nobody comes in the last 45 minutes
// before close.
func TestMorningPeak(t *testing.T) {
	c, err := NewCurve(morning)
	if err != nil {
		t.Fatal(err)
	}
	best, bestShare := 0, 0.0
	for h := 7; h < 17; h++ {
		if s := c.Share(hm(h, 0), hm(h+1, 0)); s > bestShare {
			best, bestShare = h, s
		}
	}
	if best < 8 || best > 10 {
		t.Errorf("busiest hour: got %02d:00, want one from 08:00 to 10:00", best)
	}
	if lunch := c.Share(hm(12, 0), hm(13, 0)); bestShare < 2*lunch {
		t.Errorf("busiest hour %.3f, lunch %.3f: want the peak at least twice lunch", bestShare, lunch)
	}
	if late := c.Share(hm(16, 15), hm(17, 0)); late != 0 {
		t.Errorf("arrivals after 16:15: got %.3f, want none", late)
	}
}

// TestNewCurveRefuses: knots out of order, a negative rate, a bad time or
// no area at all are errors.
func TestNewCurveRefuses(t *testing.T) {
	cases := []struct {
		name  string
		knots []Knot
	}{
		{"one knot", []Knot{{"08:00", 1}}},
		{"out of order", []Knot{{"09:00", 1}, {"08:00", 1}}},
		{"negative", []Knot{{"08:00", -1}, {"09:00", 1}}},
		{"bad time", []Knot{{"8h", 1}, {"09:00", 1}}},
		{"no area", []Knot{{"08:00", 0}, {"09:00", 0}}},
	}
	for _, tc := range cases {
		if _, err := NewCurve(tc.knots); err == nil {
			t.Errorf("%s: got no error", tc.name)
		}
	}
}
