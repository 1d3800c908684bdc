package hall

import (
	"fmt"
	"time"

	"hallq/shared/queue"
)

// Retain deletes the per-day event log of the days before the last
// EventDays (today included) and returns how many days it pruned. Events
// are what a reconnecting device is replayed, from today only; no report,
// rating or feedback case is built from them, and nothing else is deleted
// (store.PruneEvents). The nightly job runs it, and the server at start.
func (h *Hall) Retain() (int, error) {
	if h.eventDays <= 0 {
		return 0, nil
	}
	open, err := time.Parse(queue.DayLayout, h.openDay())
	if err != nil {
		return 0, fmt.Errorf("hall: retain: %w", err)
	}
	n, err := h.st.PruneEvents(open.AddDate(0, 0, 1-h.eventDays).Format(queue.DayLayout))
	if n > 0 {
		h.log.Info("old events deleted", "days", n, "keep_days", h.eventDays)
	}
	return n, err
}
