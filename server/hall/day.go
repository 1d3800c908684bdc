package hall

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"hallq/server/report"
	"hallq/server/store"
	"hallq/shared/queue"
)

// replyDays is how many days of stored replies are kept for retries.
const replyDays = 2

// CloseDay expires the current day's waiting and held tickets, stores the
// day's report and, with a report directory, writes it as
// DIR/YYYY-MM-DD.xlsx. It returns how many tickets expired. It may run more
// than once a day (after a restart past close); later runs expire nothing.
func (h *Hall) CloseDay() (int, error) {
	h.mu.Lock()
	n := h.eng.ExpireWaiting(h.now())
	err := h.commitLocked(nil)
	day := h.eng.Day()
	h.mu.Unlock()
	if err != nil {
		return 0, err
	}
	return n, h.storeReport(day)
}

// storeReport stores day's report and, with a report directory, writes it
// as DIR/YYYY-MM-DD.xlsx.
func (h *Hall) storeReport(day string) error {
	r, err := h.Report(day)
	if err != nil {
		return err
	}
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("hall: encode report: %w", err)
	}
	if err := h.st.SaveReport(day, data); err != nil {
		return err
	}
	if h.reportDir == "" {
		return nil
	}
	return h.writeXLSX(r)
}

func (h *Hall) writeXLSX(r report.Report) error {
	if err := os.MkdirAll(h.reportDir, 0o755); err != nil {
		return fmt.Errorf("hall: report dir: %w", err)
	}
	path := filepath.Join(h.reportDir, r.Date+".xlsx")
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("hall: report file: %w", err)
	}
	err = report.WriteDailyXLSX(f, r, h.snapshot().Name)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("hall: write %s: %w", path, err)
	}
	return nil
}

// TurnDay starts the new day if the clock has passed midnight, and forgets
// stored replies older than replyDays.
func (h *Hall) TurnDay() error {
	h.mu.Lock()
	h.turnDayIfDueLocked()
	now := h.now()
	h.mu.Unlock()
	keep := now.In(h.snapshot().Location).AddDate(0, 0, -replyDays+1).Format(queue.DayLayout)
	return h.st.PruneReplies(keep)
}

// Backup writes the nightly backup to dir, keeping 30 days.
func (h *Hall) Backup(dir string) (string, error) {
	return h.st.Backup(dir, h.now().In(h.snapshot().Location), 30*24*time.Hour)
}

// Report computes the report of day from the store, with the names of the
// hall's services, counters and clerks. The day's feedback is found by its
// id range, so a day costs the same in a year-old file as in a new one.
func (h *Hall) Report(day string) (report.Report, error) {
	tickets, err := h.st.Tickets(day)
	if err != nil {
		return report.Report{}, fmt.Errorf("hall: report %s: %w", day, err)
	}
	ratings, err := h.st.Ratings(day)
	if err != nil {
		return report.Report{}, fmt.Errorf("hall: report %s: %w", day, err)
	}
	fb, _, err := h.st.FeedbackPage(store.FeedbackFilter{From: day, To: day}, 0)
	if err != nil {
		return report.Report{}, fmt.Errorf("hall: report %s: %w", day, err)
	}
	r := report.Daily(day, tickets, ratings, fb)
	r.AddNames(h.snapshot())
	return r, nil
}
