package province

import (
	"cmp"
	"slices"
	"time"

	"hallq/server/province/pgstore"
	"hallq/server/report"
)

// Row is one hall's (or one service's, or the province's) figures over a
// period, as the dashboard and its JSON show them.
type Row struct {
	Rank   int    `json:"rank,omitempty"`
	HallID string `json:"hall_id,omitempty"`
	Name   string `json:"name,omitempty"`
	// SatisfactionIndex is the share of ratings at levels 4 and 5 in
	// percent with two decimals, as the hall's report computes it (nil
	// when there is no rating).
	SatisfactionIndex *float64      `json:"satisfaction_index"`
	Ratings           report.Levels `json:"ratings"`
	Rated             int           `json:"rated"`
	// RatedShare is the share of finished tickets that were rated.
	RatedShare *float64 `json:"rated_share"`
	Issued     int      `json:"issued"`
	Called     int      `json:"called"`
	Finished   int      `json:"finished"`
	NoShow     int      `json:"no_show"`
	Expired    int      `json:"expired"`
	// WaitMeanS and ServiceMeanS are whole seconds, rounded half up.
	WaitMeanS    *int `json:"wait_mean_s"`
	ServiceMeanS *int `json:"service_mean_s"`
	Days         int  `json:"days"`
	// LastDay is the latest day with figures in the period.
	LastDay  string    `json:"last_day,omitempty"`
	Feedback *Feedback `json:"feedback,omitempty"`
	Link     *Link     `json:"link,omitempty"`
}

// Feedback counts a hall's feedback items received in the period.
type Feedback struct {
	Received     int `json:"received"`
	Handled      int `json:"handled"`
	HandledLate  int `json:"handled_late"`
	Overdue      int `json:"overdue"`
	DeadlineDays int `json:"deadline_days"`
}

// Link is the state of a hall's link to the province.
type Link struct {
	LastBatchAt *time.Time `json:"last_batch_at"`
	// Silent: no batch for more than SilentAfter during the hall's hours
	// (or ever).
	Silent  bool   `json:"silent"`
	Version string `json:"version,omitempty"`
}

// SilentAfter is how long a hall's link may stay quiet during its hours.
const SilentAfter = 10 * time.Minute

// rowOf turns summed rollups into a Row.
func rowOf(f pgstore.Figures) Row {
	r := Row{Ratings: report.NewLevels(), Issued: f.Issued, Called: f.Called, Finished: f.Finished,
		NoShow: f.NoShow, Expired: f.Expired, Days: f.Days}
	for level := 1; level <= 5; level++ {
		r.Ratings[string(rune('0'+level))] = f.Ratings[level]
	}
	r.Rated = r.Ratings.Total()
	r.SatisfactionIndex = r.Ratings.SatisfactionIndex()
	r.RatedShare = percent(f.RatedFinished, f.Finished)
	r.WaitMeanS = meanSeconds(f.WaitMs, f.WaitN)
	r.ServiceMeanS = meanSeconds(f.ServiceMs, f.ServiceN)
	return r
}

// plus adds f to the sum s.
func plus(s *pgstore.Figures, f pgstore.Figures) {
	s.Days = max(s.Days, f.Days)
	s.Issued += f.Issued
	s.Called += f.Called
	s.Finished += f.Finished
	s.NoShow += f.NoShow
	s.Expired += f.Expired
	s.WaitN += f.WaitN
	s.ServiceN += f.ServiceN
	s.WaitMs += f.WaitMs
	s.ServiceMs += f.ServiceMs
	for i := range s.Ratings {
		s.Ratings[i] += f.Ratings[i]
	}
	s.RatedFinished += f.RatedFinished
}

// percent is part/whole in percent, rounded half up to two decimals in
// integers as the hall's report rounds, or nil when whole is zero.
func percent(part, whole int) *float64 {
	if whole <= 0 {
		return nil
	}
	h := (20000*int64(part) + int64(whole)) / (2 * int64(whole))
	v := float64(h) / 100
	return &v
}

// meanSeconds is ms/n in whole seconds, rounded half up, or nil for n 0.
func meanSeconds(ms int64, n int) *int {
	if n == 0 {
		return nil
	}
	v := int((2*ms + int64(n)*1000) / (2 * int64(n) * 1000))
	return &v
}

// rank orders rows by satisfaction index (highest first, halls without a
// rating last), then by number of ratings, then by name, and numbers them.
func rank(rows []Row) {
	slices.SortStableFunc(rows, func(a, b Row) int {
		switch {
		case a.SatisfactionIndex == nil && b.SatisfactionIndex != nil:
			return 1
		case a.SatisfactionIndex != nil && b.SatisfactionIndex == nil:
			return -1
		case a.SatisfactionIndex != nil && *a.SatisfactionIndex != *b.SatisfactionIndex:
			return cmp.Compare(*b.SatisfactionIndex, *a.SatisfactionIndex)
		case a.Rated != b.Rated:
			return cmp.Compare(b.Rated, a.Rated)
		}
		return cmp.Compare(a.Name, b.Name)
	})
	for i := range rows {
		rows[i].Rank = i + 1
	}
}

// silent reports whether a hall's link counts as silent at now: no batch
// for more than SilentAfter (or none ever) while the hall is open (Monday
// to Friday, between its opening and closing time in its time zone).
func silent(h pgstore.Hall, now time.Time) bool {
	if h.LastBatchAt.IsZero() {
		return true
	}
	if now.Sub(h.LastBatchAt) <= SilentAfter {
		return false
	}
	loc, err := time.LoadLocation(h.Timezone)
	if err != nil {
		return true
	}
	local := now.In(loc)
	if wd := local.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	hm := local.Format("15:04")
	return hm >= h.Open && hm < h.Close
}
