package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"hallq/shared/queue"
)

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"date":       displayDate,
		"dict":       dict,
		"inputMonth": inputMonth,
		"month":      displayMonth,
		"stamp":      displayStamp,
		"clock":      displayClock,
		"dur":        displayDur,
		"mmss":       displayMMSS,
		"pct":        displayPct,
		"grade":      indexGrade,
		"count":      displayCount,
		"level":      func(n int) string { return queue.RatingLabels[n] },
		"reasons":    queue.ReasonLabels,
		"state":      queue.StateLabel,
		"optLevel":   func(n queue.OptInt) string { return queue.RatingLabels[int(n)] },
		"status":     statusLabel,
		"statusList": func() []statusOption { return statusOptions },
		"waited":     waited,
	}
}

// displayDate writes a YYYY-MM-DD day as 28/11/2026.
func displayDate(day string) string {
	t, err := time.Parse(queue.DayLayout, day)
	if err != nil {
		return day
	}
	return t.Format("02/01/2006")
}

// displayMonth writes a YYYY-MM month as "tháng 11/2026".
func displayMonth(month string) string {
	t, err := time.Parse(monthLayout, month)
	if err != nil {
		return month
	}
	return fmt.Sprintf("tháng %02d/%d", t.Month(), t.Year())
}

// displayStamp writes a stamp as 28/11/2026 09:15, or "" for none.
func displayStamp(s queue.Stamp) string {
	if s.IsZero() {
		return ""
	}
	return s.Format("02/01/2006 15:04")
}

// displayClock writes a stamp's time of day, 09:15.
func displayClock(s queue.Stamp) string {
	if s.IsZero() {
		return ""
	}
	return s.Format("15:04")
}

// displayDur writes whole seconds as Vietnamese readers say them:
// "45 giây", "6 phút 52 giây", "1 giờ 5 phút"; "—" for no value.
func displayDur(p *int) string {
	if p == nil {
		return "—"
	}
	return durText(*p)
}

// displayMMSS writes whole seconds as m:ss (h:mm:ss from an hour), for
// tables; "—" for no value.
func displayMMSS(p *int) string {
	if p == nil {
		return "—"
	}
	s := *p
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s%3600/60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func durText(s int) string {
	switch {
	case s < 60:
		return strconv.Itoa(s) + " giây"
	case s < 3600:
		if s%60 == 0 {
			return strconv.Itoa(s/60) + " phút"
		}
		return fmt.Sprintf("%d phút %d giây", s/60, s%60)
	}
	return fmt.Sprintf("%d giờ %d phút", s/3600, s%3600/60)
}

// displayPct writes a percentage with a decimal comma, as Vietnamese
// readers write it: 88,02; "—" for no value.
func displayPct(p *float64) string {
	if p == nil {
		return "—"
	}
	return decimalComma(*p)
}

// indexGrade is the class that colours a satisfaction index: idx-none
// (grey) with no rating, idx-high (green) from 80 %, idx-mid (amber) from
// 50 %, idx-low (red) below, so that 0,00 % is never green.
func indexGrade(p *float64) string {
	switch {
	case p == nil:
		return "idx-none"
	case *p >= 80:
		return "idx-high"
	case *p >= 50:
		return "idx-mid"
	}
	return "idx-low"
}

func decimalComma(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', 2, 64), ".", ",", 1)
}

// displayCount writes an integer with dots between thousands: 1.234.
func displayCount(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + displayCount(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// statusOption is a feedback status with its Vietnamese label.
type statusOption struct{ Value, Label string }

var statusOptions = []statusOption{
	{queue.FeedbackNew, "Mới"},
	{queue.FeedbackInProgress, "Đang xử lý"},
	{queue.FeedbackHandled, "Đã xử lý"},
}

// statusLabel names a feedback status in Vietnamese.
func statusLabel(status string) string {
	for _, o := range statusOptions {
		if o.Value == status {
			return o.Label
		}
	}
	return status
}

// waited returns how long ago since was, relative to now, in words.
func waited(now time.Time, since queue.Stamp) string {
	if since.IsZero() {
		return ""
	}
	return durText(max(int(now.Sub(since.Time)/time.Second), 0))
}

// monthLayout is the layout of a month, as in ?month=2026-11.
const monthLayout = "2006-01"

// parseDay reads a day typed as 28/11/2026 (also 8/1/2026) or sent as
// 2026-11-28 and returns it as YYYY-MM-DD.
func parseDay(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{queue.DayLayout, "2/1/2006", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(queue.DayLayout), true
		}
	}
	return "", false
}

// parseMonth reads a month typed as 11/2026 (also 1/2026) or sent as
// 2026-11 and returns it as YYYY-MM.
func parseMonth(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{monthLayout, "1/2006", "01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(monthLayout), true
		}
	}
	return "", false
}

// inputMonth writes a YYYY-MM month as typed in the month field: 11/2026.
func inputMonth(month string) string {
	t, err := time.Parse(monthLayout, month)
	if err != nil {
		return month
	}
	return t.Format("01/2006")
}
