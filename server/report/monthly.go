package report

import (
	"cmp"
	"slices"
	"strings"
)

// Month sums the daily reports of one month (YYYY-MM).
type Month struct {
	Month    string   `json:"month"`
	Days     []DayRow `json:"days"`
	Issued   int      `json:"issued"`
	Finished int      `json:"finished"`
	Ratings  Levels   `json:"ratings"`
	// SatisfactionIndex is computed from the month's summed rating counts,
	// not averaged over days; nil when there is no rating.
	SatisfactionIndex *float64 `json:"satisfaction_index"`
	// ByCounter and ByClerk sum the days' rows (added for the monthly
	// evaluation of each official, Decree 118 Art. 9.3 and 34).
	ByCounter []CounterRow `json:"by_counter"`
	ByClerk   []ClerkRow   `json:"by_clerk"`
}

// DayRow is one day of a Month. Ratings is the day's number of ratings.
type DayRow struct {
	Date              string   `json:"date"`
	Issued            int      `json:"issued"`
	Finished          int      `json:"finished"`
	Ratings           int      `json:"ratings"`
	SatisfactionIndex *float64 `json:"satisfaction_index"`
}

// Monthly sums the reports of the days of month (YYYY-MM) found in days,
// one row per day in date order; reports of other months are ignored, and
// of two reports of one date only the first counts.
func Monthly(month string, days []Report) Month {
	m := Month{Month: month, Days: []DayRow{}, Ratings: NewLevels()}
	seen := map[string]bool{}
	counters, clerks := map[int]*CounterRow{}, map[string]*ClerkRow{}
	for _, d := range days {
		if !strings.HasPrefix(d.Date, month+"-") || seen[d.Date] {
			continue
		}
		seen[d.Date] = true
		m.Days = append(m.Days, DayRow{
			Date:              d.Date,
			Issued:            d.Issued,
			Finished:          d.Finished,
			Ratings:           d.Ratings.Total(),
			SatisfactionIndex: d.Ratings.SatisfactionIndex(),
		})
		m.Issued += d.Issued
		m.Finished += d.Finished
		m.Ratings.plus(d.Ratings)
		for _, r := range d.ByCounter {
			acc := counters[r.ID]
			if acc == nil {
				acc = &CounterRow{ID: r.ID, Work: Work{Ratings: NewLevels()}}
				counters[r.ID] = acc
			}
			acc.Name = cmp.Or(r.Name, acc.Name)
			acc.plus(r.Work)
		}
		for _, r := range d.ByClerk {
			acc := clerks[r.Username]
			if acc == nil {
				acc = &ClerkRow{Username: r.Username, Work: Work{Ratings: NewLevels()}}
				clerks[r.Username] = acc
			}
			acc.Name = cmp.Or(r.Name, acc.Name)
			acc.plus(r.Work)
		}
	}
	m.ByCounter = make([]CounterRow, 0, len(counters))
	for _, r := range counters {
		r.finish()
		m.ByCounter = append(m.ByCounter, *r)
	}
	slices.SortFunc(m.ByCounter, func(a, b CounterRow) int { return cmp.Compare(a.ID, b.ID) })
	m.ByClerk = make([]ClerkRow, 0, len(clerks))
	for _, r := range clerks {
		r.finish()
		m.ByClerk = append(m.ByClerk, *r)
	}
	slices.SortFunc(m.ByClerk, func(a, b ClerkRow) int { return cmp.Compare(a.Username, b.Username) })
	slices.SortFunc(m.Days, func(a, b DayRow) int { return cmp.Compare(a.Date, b.Date) })
	m.SatisfactionIndex = m.Ratings.SatisfactionIndex()
	return m
}
