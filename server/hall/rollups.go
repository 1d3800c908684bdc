package hall

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"hallq/server/report"
	"hallq/server/store"
	"hallq/shared/queue"
)

// A day's rollup (report.Rollup) holds its report's figures once the day
// is over, so that a month or a year is read from a few hundred small
// records rather than computed from every ticket. The day's own records
// stay the truth: a day without a final rollup of the current version is
// computed from them and its rollup stored; today is always computed
// live. After the turn nothing changes a day's tickets or ratings; a
// supervisor's answer to one of its feedback items is counted into its
// rollup in the answer's own transaction (AnswerFeedback).

// openDay returns the hall's current day: every day before it is over.
func (h *Hall) openDay() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.eng.Day()
}

// compute reads day's records and computes its rollup (not final) and its
// low ratings. The day's feedback is found by its id range, so a day costs
// the same in a year-old file as in a new one.
func (h *Hall) compute(day string) (report.Rollup, []queue.Rating, error) {
	tickets, err := h.st.Tickets(day)
	if err != nil {
		return report.Rollup{}, nil, fmt.Errorf("hall: report %s: %w", day, err)
	}
	ratings, err := h.st.Ratings(day)
	if err != nil {
		return report.Rollup{}, nil, fmt.Errorf("hall: report %s: %w", day, err)
	}
	fb, _, err := h.st.FeedbackPage(store.FeedbackFilter{From: day, To: day}, 0)
	if err != nil {
		return report.Rollup{}, nil, fmt.Errorf("hall: report %s: %w", day, err)
	}
	ru, low := report.DailyRollup(day, tickets, ratings, fb)
	return ru, low, nil
}

// newRollup makes ru and low into a record to store as day's rollup; its
// feedback counts are taken again inside the write, into *ru.
func newRollup(ru *report.Rollup, low []queue.Rating) (store.NewRollup, error) {
	lowData, err := report.EncodeLow(low)
	if err != nil {
		return store.NewRollup{}, fmt.Errorf("hall: rollup %s: %w", ru.Report.Date, err)
	}
	return store.NewRollup{Day: ru.Report.Date, Low: lowData, Fill: func(items []queue.Feedback) ([]byte, error) {
		ru.SetFeedback(items)
		return report.EncodeRollup(*ru)
	}}, nil
}

// saveRollup stores *ru and low as day's rollup.
func (h *Hall) saveRollup(ru *report.Rollup, low []queue.Rating) error {
	nr, err := newRollup(ru, low)
	if err != nil {
		return err
	}
	return h.st.SaveRollups(nr)
}

// refreshRollup counts a day's feedback items into its stored figures
// again: store.UpdateFeedback calls it in the answer's transaction.
func refreshRollup(old []byte, items []queue.Feedback) ([]byte, error) {
	ru, _, err := report.DecodeRollup(old)
	if err != nil {
		return nil, err
	}
	ru.SetFeedback(items)
	return report.EncodeRollup(ru)
}

// finalRollup returns the final rollup of day, which is over, and with
// withLow its low ratings: the stored one, or else one computed now and
// stored.
func (h *Hall) finalRollup(day string, withLow bool) (report.Rollup, []queue.Rating, error) {
	figures, lowData, ok, err := h.st.Rollup(day)
	if err != nil {
		return report.Rollup{}, nil, err
	}
	if ok {
		ru, current, err := report.DecodeRollup(figures)
		if err == nil && current && ru.Final {
			var low []queue.Rating
			if withLow {
				low, err = report.DecodeLow(lowData)
			}
			if err == nil {
				return ru, low, nil
			}
		}
		if err != nil {
			h.log.Warn("stored rollup unreadable; computing it again", "day", day, "err", err)
		}
	}
	return h.rollUp(day)
}

// rollUp computes the final rollup of day, which is over, and stores it.
func (h *Hall) rollUp(day string) (report.Rollup, []queue.Rating, error) {
	ru, low, err := h.compute(day)
	if err != nil {
		return report.Rollup{}, nil, err
	}
	ru.Final = true
	if err := h.saveRollup(&ru, low); err != nil {
		return report.Rollup{}, nil, err
	}
	return ru, low, nil
}

// Report returns the report of day with the names of the hall's services,
// counters and clerks: a past day's from its rollup, today's live.
func (h *Hall) Report(day string) (report.Report, error) {
	var r report.Report
	if day < h.openDay() {
		ru, low, err := h.finalRollup(day, true)
		if err != nil {
			return report.Report{}, err
		}
		r = ru.Full(low)
	} else {
		ru, low, err := h.compute(day)
		if err != nil {
			return report.Report{}, err
		}
		r = ru.Full(low)
	}
	bookings, err := h.st.Bookings(day, day)
	if err != nil {
		return report.Report{}, err
	}
	now := h.now()
	report.AddBookings(&r, bookings, func(b queue.Booking) bool { return h.BookingMissed(b, now) })
	r.AddNames(h.snapshot())
	return r, nil
}

// DayReports returns the reports of the days from from to to (YYYY-MM-DD,
// both included) up to today that have a ticket or a rating, in date
// order, with names and without low ratings: past days from their
// rollups, today live. Days without a final rollup of the current
// version are computed (on GOMAXPROCS goroutines) and their rollups
// stored, so only the first page over a span pays for them.
func (h *Hall) DayReports(from, to string) ([]report.Report, error) {
	days, err := dayRange(from, min(to, queue.DayOf(h.now(), h.snapshot().Location)))
	if err != nil {
		return nil, err
	}
	if len(days) == 0 {
		return []report.Report{}, nil
	}
	open := h.openDay()
	stored := map[string]report.Report{}
	err = h.st.Rollups(days[0], days[len(days)-1], func(day string, figures []byte) error {
		if day >= open {
			return nil
		}
		if ru, current, err := report.DecodeRollup(figures); err == nil && current && ru.Final {
			stored[day] = ru.Report
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	reports := make([]report.Report, len(days))
	var missing []int
	for i, day := range days {
		r, ok := stored[day]
		if !ok {
			missing = append(missing, i)
			continue
		}
		reports[i] = r
	}
	if err := h.fillReports(days, missing, open, reports); err != nil {
		return nil, err
	}
	set := h.snapshot()
	kept := reports[:0]
	for _, r := range reports {
		if r.Issued > 0 || r.Ratings.Total() > 0 {
			r.AddNames(set)
			kept = append(kept, r)
		}
	}
	return kept, nil
}

// fillReports computes the reports of days[i] for i in missing (on
// GOMAXPROCS goroutines: decoding a day's records is what a first page
// over a span costs): past days as final rollups, stored together in one
// transaction, the open day and later ones live.
func (h *Hall) fillReports(days []string, missing []int, open string, reports []report.Report) error {
	errs := make([]error, len(missing))
	rollups := make([]report.Rollup, len(missing))
	toStore := make([]store.NewRollup, len(missing))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(missing)) {
		wg.Go(func() {
			for j := range next {
				day := days[missing[j]]
				var low []queue.Rating
				rollups[j], low, errs[j] = h.compute(day)
				if errs[j] == nil && day < open {
					rollups[j].Final = true
					toStore[j], errs[j] = newRollup(&rollups[j], low)
				}
			}
		})
	}
	for j := range missing {
		next <- j
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	past := make([]store.NewRollup, 0, len(toStore))
	for _, nr := range toStore {
		if nr.Day != "" {
			past = append(past, nr)
		}
	}
	if err := h.st.SaveRollups(past...); err != nil {
		return err
	}
	for j, i := range missing {
		reports[i] = rollups[j].Report
	}
	return nil
}

// dayRange lists the days from from to to, both included.
func dayRange(from, to string) ([]string, error) {
	first, err := time.Parse(queue.DayLayout, from)
	if err != nil {
		return nil, fmt.Errorf("hall: day %q: %w", from, err)
	}
	var days []string
	for d := first; d.Format(queue.DayLayout) <= to; d = d.AddDate(0, 0, 1) {
		days = append(days, d.Format(queue.DayLayout))
	}
	return days, nil
}
