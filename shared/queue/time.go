package queue

import (
	"bytes"
	"time"
)

// StampLayout is the wire layout of every time: RFC 3339 with milliseconds
// and the hall's offset.
const StampLayout = "2006-01-02T15:04:05.000Z07:00"

// DayLayout is the layout of a hall day, as in ticket ids.
const DayLayout = "2006-01-02"

// Stamp is a point in time that marshals as StampLayout, or as null when zero.
type Stamp struct{ time.Time }

// At wraps t as a Stamp.
func At(t time.Time) Stamp { return Stamp{t} }

// MarshalJSON writes the stamp in StampLayout, or null for the zero time.
func (s Stamp) MarshalJSON() ([]byte, error) {
	if s.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, len(StampLayout)+2)
	b = append(b, '"')
	b = s.AppendFormat(b, StampLayout)
	return append(b, '"'), nil
}

// UnmarshalJSON reads an RFC 3339 time or null.
func (s *Stamp) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		s.Time = time.Time{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return &time.ParseError{Layout: time.RFC3339, Value: string(b), Message: ": not a JSON string"}
	}
	// Unquoted RFC 3339 takes time.Parse's fast path.
	t, err := time.Parse(time.RFC3339, string(b[1:len(b)-1]))
	if err != nil {
		return err
	}
	s.Time = t
	return nil
}

// DayOf returns the hall day (YYYY-MM-DD) of t in loc.
func DayOf(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(DayLayout)
}
