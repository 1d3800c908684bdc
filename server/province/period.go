package province

import (
	"fmt"
	"time"
)

// Period is the days a ranking covers: the day, month, quarter or year
// holding Date.
type Period struct {
	Kind  string `json:"period"` // day, month, quarter, year
	Date  string `json:"date"`
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
	// Prev and Next are a date in the period before and after.
	Prev string `json:"-"`
	Next string `json:"-"`
}

// periodKinds names each kind in Vietnamese.
var periodKinds = []struct{ Kind, Label string }{
	{"day", "Ngày"}, {"month", "Tháng"}, {"quarter", "Quý"}, {"year", "Năm"},
}

// periodOf returns the period of kind ("" is month) holding date ("" is
// today).
func periodOf(kind, date string, today time.Time) (Period, error) {
	if kind == "" {
		kind = "month"
	}
	d := today
	if date != "" {
		var err error
		if d, err = time.Parse("2006-01-02", date); err != nil {
			return Period{}, fmt.Errorf("ngày %q không đúng dạng YYYY-MM-DD (bad date)", date)
		}
	}
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	var from, to time.Time
	var label string
	switch kind {
	case "day":
		from, to = d, d
		label = "Ngày " + d.Format("02/01/2006")
	case "month":
		from = time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(0, 1, -1)
		label = fmt.Sprintf("Tháng %d/%d", d.Month(), d.Year())
	case "quarter":
		q := (int(d.Month()) - 1) / 3
		from = time.Date(d.Year(), time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(0, 3, -1)
		label = fmt.Sprintf("Quý %d/%d", q+1, d.Year())
	case "year":
		from = time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(1, 0, -1)
		label = fmt.Sprintf("Năm %d", d.Year())
	default:
		return Period{}, fmt.Errorf("kỳ %q không rõ: day, month, quarter hoặc year (unknown period)", kind)
	}
	const layout = "2006-01-02"
	return Period{Kind: kind, Date: d.Format(layout), From: from.Format(layout), To: to.Format(layout),
		Label: label, Prev: from.AddDate(0, 0, -1).Format(layout), Next: to.AddDate(0, 0, 1).Format(layout)}, nil
}
