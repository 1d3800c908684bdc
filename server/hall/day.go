package hall

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"hallq/server/report"
	"hallq/shared/queue"
)

// replyDays is how many days of stored replies are kept for retries.
const replyDays = 2

// CloseDay expires the current day's waiting and held tickets, stores the
// day's report and its rollup (not final: a called ticket may still be
// finished and rated before midnight) and, with a report directory, writes
// it as DIR/YYYY-MM-DD.xlsx. It returns how many tickets expired. It may
// run more than once a day (after a restart past close); later runs expire
// nothing.
func (h *Hall) CloseDay() (int, error) {
	h.mu.Lock()
	n := h.eng.ExpireWaiting(h.now())
	err := h.commitLocked(nil)
	day := h.eng.Day()
	h.mu.Unlock()
	if err != nil {
		return 0, err
	}
	return n, h.storeReport(day, false)
}

// storeReport stores day's report and its rollup (final when nothing but
// feedback answers can change the day any more) and, with a report
// directory, writes it as DIR/YYYY-MM-DD.xlsx.
func (h *Hall) storeReport(day string, final bool) error {
	ru, low, err := h.compute(day)
	if err != nil {
		return err
	}
	ru.Final = final
	if err := h.saveRollup(&ru, low); err != nil {
		return err
	}
	r := ru.Full(low)
	r.AddNames(h.snapshot())
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

// TurnDay starts the new day if the clock has passed midnight, stores the
// final rollup of the day before the hall's day (unless it has one), and
// forgets stored replies older than replyDays.
func (h *Hall) TurnDay() error {
	h.mu.Lock()
	h.turnDayIfDueLocked()
	now := h.now()
	open := h.eng.Day()
	h.mu.Unlock()
	var errs []error
	if t, err := time.Parse(queue.DayLayout, open); err == nil {
		_, _, err = h.finalRollup(t.AddDate(0, 0, -1).Format(queue.DayLayout), false)
		errs = append(errs, err)
	}
	keep := now.In(h.snapshot().Location).AddDate(0, 0, -replyDays+1).Format(queue.DayLayout)
	errs = append(errs, h.st.PruneReplies(keep))
	return errors.Join(errs...)
}

// Backup writes the nightly backup to dir, keeping 30 days.
func (h *Hall) Backup(dir string) (string, error) {
	return h.st.Backup(dir, h.now().In(h.snapshot().Location), 30*24*time.Hour)
}
