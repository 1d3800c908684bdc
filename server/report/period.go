package report

import (
	"slices"
	"strconv"
)

// Period sums the daily reports of the days From to To (YYYY-MM-DD, both
// included): the totals and tables of a Month, for any run of days (a
// year, a quarter), and one row per calendar month.
type Period struct {
	// Year is set ("2026") when the period is a calendar year (Yearly).
	Year     string     `json:"year,omitempty"`
	From     string     `json:"from"`
	To       string     `json:"to"`
	Months   []MonthRow `json:"months"`
	Days     []DayRow   `json:"days"`
	Issued   int        `json:"issued"`
	Finished int        `json:"finished"`
	Ratings  Levels     `json:"ratings"`
	// SatisfactionIndex is computed from the period's summed rating
	// counts, not averaged over days or months; nil with no rating.
	SatisfactionIndex *float64          `json:"satisfaction_index"`
	ByCounter         []CounterRow      `json:"by_counter"`
	ByClerk           []ClerkRow        `json:"by_clerk"`
	ByService         []MonthServiceRow `json:"by_service"`
}

// MonthRow is one calendar month of a Period: its days with a report, the
// tickets issued and finished, and its ratings and index.
type MonthRow struct {
	Month             string   `json:"month"` // YYYY-MM
	Days              int      `json:"days"`
	Issued            int      `json:"issued"`
	Finished          int      `json:"finished"`
	Ratings           int      `json:"ratings"`
	SatisfactionIndex *float64 `json:"satisfaction_index"`
	levels            Levels
}

// Summed sums the reports in days dated from from to to (YYYY-MM-DD, both
// included), as Monthly sums a month: reports of other dates are ignored,
// and of two reports of one date only the first counts. Months lists the
// months that have a report, in order.
func Summed(from, to string, days []Report) Period {
	s := newDaySum()
	months := map[string]*MonthRow{}
	var order []string
	for _, d := range days {
		if d.Date < from || d.Date > to || !s.add(d) {
			continue
		}
		key := d.Date[:len("2006-01")]
		m := months[key]
		if m == nil {
			m = &MonthRow{Month: key, levels: NewLevels()}
			months[key] = m
			order = append(order, key)
		}
		m.Days++
		m.Issued += d.Issued
		m.Finished += d.Finished
		m.levels.plus(d.Ratings)
	}
	p := Period{
		From: from, To: to, Months: []MonthRow{}, Days: s.days, Issued: s.issued, Finished: s.finished,
		Ratings: s.ratings, SatisfactionIndex: s.ratings.SatisfactionIndex(),
		ByCounter: s.counters.rows(), ByClerk: s.clerks.rows(), ByService: s.serviceRows(),
	}
	slices.Sort(order)
	for _, k := range order {
		m := months[k]
		m.Ratings, m.SatisfactionIndex = m.levels.Total(), m.levels.SatisfactionIndex()
		p.Months = append(p.Months, *m)
	}
	return p
}

// Yearly sums the reports of the days of year (a calendar year, 2026).
func Yearly(year int, days []Report) Period {
	y := strconv.Itoa(year)
	p := Summed(y+"-01-01", y+"-12-31", days)
	p.Year = y
	return p
}
