package simulate

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Curve is an arrival rate over the day: piecewise linear through its
// knots, zero before the first and after the last. Only its shape counts:
// Times draws as many arrivals as asked.
type Curve struct {
	at   []time.Duration // times of day, rising
	rate []float64
	area []float64 // area[i]: the integral up to at[i]
}

// NewCurve returns the curve through knots, which must be in time order
// with rates of at least 0 and some area under them.
func NewCurve(knots []Knot) (Curve, error) {
	if len(knots) < 2 {
		return Curve{}, errors.New("an arrival curve needs at least two knots")
	}
	var c Curve
	for i, k := range knots {
		at, err := clockTime(k.At)
		if err != nil {
			return Curve{}, err
		}
		if k.Rate < 0 || math.IsNaN(k.Rate) || math.IsInf(k.Rate, 0) {
			return Curve{}, errors.New("arrival rates must be numbers of at least 0")
		}
		if i > 0 && at <= c.at[i-1] {
			return Curve{}, errors.New("arrival knots must be in time order")
		}
		c.at = append(c.at, at)
		c.rate = append(c.rate, k.Rate)
		a := 0.0
		if i > 0 {
			a = c.area[i-1] + c.segment(i-1, at-c.at[i-1])
		}
		c.area = append(c.area, a)
	}
	if c.area[len(c.area)-1] <= 0 {
		return Curve{}, errors.New("an arrival curve needs a rate above 0 somewhere")
	}
	return c, nil
}

// First and Last are the curve's first and last knots.
func (c Curve) First() time.Duration { return c.at[0] }
func (c Curve) Last() time.Duration  { return c.at[len(c.at)-1] }

// segment is the area of segment i (from knot i to i+1) over its first x.
func (c Curve) segment(i int, x time.Duration) float64 {
	l := (c.at[i+1] - c.at[i]).Minutes()
	w0, w1 := c.rate[i], c.rate[i+1]
	xm := x.Minutes()
	return w0*xm + (w1-w0)*xm*xm/(2*l)
}

// cumulative is the area under the curve up to time of day t.
func (c Curve) cumulative(t time.Duration) float64 {
	switch {
	case t <= c.at[0]:
		return 0
	case t >= c.Last():
		return c.area[len(c.area)-1]
	}
	i := sortSearch(c.at, t) - 1
	return c.area[i] + c.segment(i, t-c.at[i])
}

// Share returns the share of the day's arrivals between the times of day
// from and to.
func (c Curve) Share(from, to time.Duration) float64 {
	return (c.cumulative(to) - c.cumulative(from)) / c.area[len(c.area)-1]
}

// Times draws n arrival times of day from the curve, in order, with rnd.
func (c Curve) Times(n int, rnd *rand.Rand) []time.Duration {
	out := make([]time.Duration, n)
	for k := range out {
		out[k] = c.quantile(rnd.Float64())
	}
	slices.Sort(out)
	return out
}

// quantile returns the time of day by which share u of the arrivals came:
// it solves the segment's quadratic area for its length.
func (c Curve) quantile(u float64) time.Duration {
	a := u * c.area[len(c.area)-1]
	i := 0
	for i < len(c.area)-2 && c.area[i+1] < a {
		i++
	}
	a -= c.area[i]
	l := (c.at[i+1] - c.at[i]).Minutes()
	w0, w1 := c.rate[i], c.rate[i+1]
	var x float64 // minutes into the segment
	if k := (w1 - w0) / l; math.Abs(k) < 1e-12 {
		if w0 > 0 {
			x = a / w0
		}
	} else {
		x = (-w0 + math.Sqrt(max(0, w0*w0+2*k*a))) / k
	}
	x = min(max(x, 0), l)
	return c.at[i] + time.Duration(x*float64(time.Minute))
}

// sortSearch returns the index of the first element of at after t.
func sortSearch(at []time.Duration, t time.Duration) int {
	i, _ := slices.BinarySearch(at, t)
	if i < len(at) && at[i] == t {
		i++
	}
	return i
}
