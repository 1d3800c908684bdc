package report

import (
	"cmp"
	"maps"
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
	// ByService sums the days' service rows: tickets and ratings (for the
	// public page's results by service).
	ByService []MonthServiceRow `json:"by_service"`
}

// MonthServiceRow is one service's month: tickets issued and finished, and
// its ratings.
type MonthServiceRow struct {
	ID                string   `json:"id"`
	Name              string   `json:"name,omitempty"`
	Issued            int      `json:"issued"`
	Finished          int      `json:"finished"`
	Ratings           Levels   `json:"ratings"`
	SatisfactionIndex *float64 `json:"satisfaction_index"`
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
	counters, clerks := workSum[int, CounterRow, *CounterRow]{}, workSum[string, ClerkRow, *ClerkRow]{}
	services := map[string]*MonthServiceRow{}
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
			counters.add(r.ID, &r, &CounterRow{ID: r.ID})
		}
		for _, r := range d.ByClerk {
			clerks.add(r.Username, &r, &ClerkRow{Username: r.Username})
		}
		for _, r := range d.ByService {
			acc := services[r.ID]
			if acc == nil {
				acc = &MonthServiceRow{ID: r.ID, Ratings: NewLevels()}
				services[r.ID] = acc
			}
			acc.Name = cmp.Or(r.Name, acc.Name)
			acc.Issued += r.Issued
			acc.Finished += r.Finished
			acc.Ratings.plus(r.Ratings)
		}
	}
	m.ByCounter = counters.rows()
	m.ByClerk = clerks.rows()
	m.ByService = make([]MonthServiceRow, 0, len(services))
	for _, id := range slices.Sorted(maps.Keys(services)) {
		services[id].SatisfactionIndex = services[id].Ratings.SatisfactionIndex()
		m.ByService = append(m.ByService, *services[id])
	}
	slices.SortFunc(m.Days, func(a, b DayRow) int { return cmp.Compare(a.Date, b.Date) })
	m.SatisfactionIndex = m.Ratings.SatisfactionIndex()
	return m
}

// workSum sums the rows of several days by key (a counter's id, a clerk's
// username); R is CounterRow or ClerkRow.
type workSum[K cmp.Ordered, R any, P workRow[R]] map[K]P

// workRow is a pointer to a row with a name and its work.
type workRow[R any] interface {
	*R
	parts() (name *string, work *Work)
}

func (r *CounterRow) parts() (*string, *Work) { return &r.Name, &r.Work }
func (r *ClerkRow) parts() (*string, *Work)   { return &r.Name, &r.Work }

// add adds a day's row to the sum of key, starting from fresh (the row
// with only its key) the first time.
func (s workSum[K, R, P]) add(key K, day P, fresh P) {
	acc := s[key]
	if acc == nil {
		acc = fresh
		_, w := acc.parts()
		w.Ratings = NewLevels()
		s[key] = acc
	}
	name, w := acc.parts()
	dayName, dayWork := day.parts()
	*name = cmp.Or(*dayName, *name)
	w.plus(*dayWork)
}

// rows returns the sums in key order, their index and mean computed.
func (s workSum[K, R, P]) rows() []R {
	keys := slices.Sorted(maps.Keys(s))
	out := make([]R, 0, len(keys))
	for _, k := range keys {
		_, w := s[k].parts()
		w.finish()
		out = append(out, *s[k])
	}
	return out
}
