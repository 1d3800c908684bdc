package link

import (
	"encoding/json"
	"fmt"
	"time"

	"hallq/shared/queue"
)

// maxLagDays bounds how many days Status walks to count pending events.
const maxLagDays = 400

// Status is the link's state, for /metrics and the live page.
type Status struct {
	// Pending counts the committed events the province has not
	// acknowledged; OldestAge is the age of the oldest of them on the
	// hall's clock (0 with none).
	Pending   uint64
	OldestAge time.Duration
	// LastOK is when the province last answered a batch (zero: not since
	// the server started); LastError the last failure, "" after a success.
	LastOK    time.Time
	LastError string
	// Down is set when events are pending and the province has answered
	// no batch for DownAfter (counted from the server's start at most);
	// DownFor is how long.
	Down    bool
	DownFor time.Duration
}

// Status reads the watermark and the store and says how far behind the
// link is. It takes no lock of the hall.
func (l *Link) Status() (Status, error) {
	l.mu.Lock()
	s := Status{LastOK: l.lastOK, LastError: l.lastErr}
	since := l.started
	l.mu.Unlock()
	if s.LastOK.After(since) {
		since = s.LastOK
	}
	st := l.cfg.Store
	wm, ok, err := st.LinkWatermark()
	if err != nil {
		return s, err
	}
	day, after := wm.Day, wm.Seq
	if !ok {
		if day, err = st.NextEventDay(""); err != nil {
			return s, err
		}
		after = 0
	}
	for i := 0; day != "" && i < maxLagDays; i++ {
		last, err := st.LastSeq(day)
		if err != nil {
			return s, err
		}
		if last > after {
			if s.Pending == 0 {
				s.OldestAge = l.ageOf(day, after)
			}
			s.Pending += last - after
		}
		if day, err = st.NextEventDay(day); err != nil {
			return s, err
		}
		after = 0
	}
	if s.Pending > 0 {
		if d := time.Since(since); d > l.cfg.DownAfter {
			s.Down, s.DownFor = true, d
		}
	}
	return s, nil
}

// ageOf is the age of day's event after seq, by its "at".
func (l *Link) ageOf(day string, after uint64) time.Duration {
	frames, _, err := l.cfg.Store.EventFrames(day, after, after+1, 1)
	if err != nil || len(frames) == 0 {
		return 0
	}
	var ev struct {
		At queue.Stamp `json:"at"`
	}
	if json.Unmarshal(frames[0], &ev) != nil || ev.At.IsZero() {
		return 0
	}
	return max(l.cfg.Now().Sub(ev.At.Time), 0)
}

// Line is the live page's warning for s, in Vietnamese then English; ""
// when the link is not down.
func (s Status) Line() string {
	if !s.Down {
		return ""
	}
	line := fmt.Sprintf("Mất kết nối với hệ thống của tỉnh %s: %d sự kiện chưa gửi được (province link down)",
		roundText(s.DownFor), s.Pending)
	return line
}

// roundText words a duration as "12 phút", "3 giờ 5 phút".
func roundText(d time.Duration) string {
	m := int(d.Minutes())
	if m < 60 {
		return fmt.Sprintf("đã %d phút", m)
	}
	return fmt.Sprintf("đã %d giờ %d phút", m/60, m%60)
}
