package config

// Retention defaults: the per-day event log is kept DefaultEventDays days,
// at least MinEventDays; everything else is kept for ever.
const (
	DefaultEventDays = 90
	// MinEventDays keeps a week of what happened when, for looking into a
	// complaint; replay itself needs only today's events.
	MinEventDays = 7
)

// Retention is the optional [retention] table: how long the server keeps
// the per-day event log (the frames replayed to a reconnecting device).
// Tickets, ratings, feedback, the daily reports and their rollups and the
// audit log are kept for ever. Like [tls] it is read from hall.toml at
// every start and is not part of the stored configuration.
type Retention struct {
	// EventDays is how many days of events are kept, today included;
	// 0 or absent is DefaultEventDays.
	EventDays int `toml:"event_days,omitempty"`
}

// EventDays returns how many days of events the server keeps.
func (c *Config) EventDays() int {
	if c.Retention.EventDays == 0 {
		return DefaultEventDays
	}
	return c.Retention.EventDays
}

// retention checks event_days.
func (v *validator) retention() {
	if d := v.c.Retention.EventDays; d != 0 && d < MinEventDays {
		v.p.addAt(v.at("retention", 0, "event_days"), "[retention]: event_days %d phải từ %d ngày trở lên, hoặc bỏ dòng này để giữ %d ngày (event_days must be at least %d)",
			d, MinEventDays, DefaultEventDays, MinEventDays)
	}
}
