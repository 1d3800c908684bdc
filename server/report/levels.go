package report

import (
	"encoding/json"
	"strconv"
)

// Levels counts ratings by level; the keys are "1" to "5". Levels made by
// this package always hold all five keys, and every Levels encodes with all
// five, so a reader never meets a missing level.
type Levels map[string]int

// NewLevels returns Levels with every level at zero.
func NewLevels() Levels {
	return Levels{"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}
}

// levelKeys are the keys of Levels, index level-1.
var levelKeys = [5]string{"1", "2", "3", "4", "5"}

// Count returns the number of ratings at level (1 to 5).
func (l Levels) Count(level int) int {
	if level < 1 || level > 5 {
		return 0
	}
	return l[levelKeys[level-1]]
}

// Total returns the number of ratings at every level.
func (l Levels) Total() int {
	n := 0
	for _, k := range levelKeys {
		n += l[k]
	}
	return n
}

// add counts one rating at level; levels outside 1 to 5 are ignored.
func (l Levels) add(level, n int) {
	if level < 1 || level > 5 {
		return
	}
	l[levelKeys[level-1]] += n
}

// plus adds every level of o to l.
func (l Levels) plus(o Levels) {
	for i := range levelKeys {
		l.add(i+1, o.Count(i+1))
	}
}

// SatisfactionIndex returns the share of ratings at levels 4 and 5 in
// percent with two decimals, or nil when there is no rating.
func (l Levels) SatisfactionIndex() *float64 {
	return percent(l.Count(4)+l.Count(5), l.Total())
}

// MarshalJSON writes the five levels in order, zeros included.
func (l Levels) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 48)
	b = append(b, '{')
	for i, k := range levelKeys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, '"', ':')
		b = strconv.AppendInt(b, int64(l[k]), 10)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads an object of counts and fills in missing levels.
func (l *Levels) UnmarshalJSON(b []byte) error {
	var m map[string]int
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	out := NewLevels()
	for k, v := range m {
		out[k] = v
	}
	*l = out
	return nil
}
