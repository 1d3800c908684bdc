package hall

import (
	"time"

	"hallq/shared/queue"
)

// closeMissedDay closes the last day on disk when the server was down at
// its end: a start on a later day would otherwise leave that day's waiting
// and held tickets waiting for ever and its report unwritten. The tickets
// expire at that day's close; a day whose report is stored was closed.
func (h *Hall) closeMissedDay(now time.Time) error {
	last, err := h.st.LastDay()
	if err != nil {
		return err
	}
	if last == "" || last >= queue.DayOf(now, h.snapshot().Location) {
		return nil
	}
	if _, closed, err := h.st.Report(last); err != nil || closed {
		return err
	}
	at, err := h.closeTime(last)
	if err != nil {
		return err
	}
	h.mu.Lock()
	err = h.loadLocked(last)
	if err == nil {
		h.eng.ExpireWaiting(at)
		err = h.commitLocked(nil)
	}
	h.mu.Unlock()
	if err != nil {
		return err
	}
	h.log.Info("closed a day missed while the server was down", "day", last)
	// Nothing but feedback answers can change last any more: its rollup
	// is final.
	return h.storeReport(last, true)
}

// closeTime is day's close in the hall's zone; a midnight close is a
// second before the turn, as the close job runs it.
func (h *Hall) closeTime(day string) (time.Time, error) {
	d, err := time.ParseInLocation(queue.DayLayout, day, h.snapshot().Location)
	if err != nil {
		return time.Time{}, err
	}
	c := h.snapshot().Close
	if c >= 24*time.Hour {
		c = 24*time.Hour - time.Second
	}
	return d.Add(c), nil
}
