package report

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"hallq/shared/queue"
)

// RollupVersion is the layout of a stored Rollup and of the figures in it.
// Raise it whenever Report, the way Daily counts, or Rollup changes: a
// stored rollup of another version is computed again from the day's
// records before any page reads it.
const RollupVersion = 3 // 2: appointments; 3: file codes

// Rollup is a day's figures, stored once the day is over so that the
// month, year and period pages (and a past day's own page) need not read
// the day's tickets again.
//
// The figures are the day's Report as Daily computes it, without names
// (the pages add today's names, as they do for a live report) and without
// LowRatings, which are stored apart (RollupLow) because only the day's
// own page shows them. A month or a year sums these reports exactly as it
// sums reports computed from the tickets, so its figures are the same.
//
// The pages show no median or percentile over more than one day, so a
// rollup holds no histogram: a day's own p50 and p90 are figures of that
// day (in Report). What does sum is kept as sums and counts: the waits
// and service times of the day and of each service (Wait, Service,
// ByService), exact to the millisecond; the counters' and clerks' service
// seconds are in their Work rows.
type Rollup struct {
	Version int `json:"version"`
	// Final is set when the rollup was computed after the hall had turned
	// to a later day, when nothing but a feedback item's status can
	// change the day's figures any more. The rollup stored at close is not
	// final (a called ticket may still be finished and rated); a page
	// never reads a rollup that is not final.
	Final  bool   `json:"final"`
	Report Report `json:"report"`
	// Wait and Service total the day's waiting and service times.
	Wait    Total `json:"wait"`
	Service Total `json:"service"`
	// ByService totals them for the tickets of each service.
	ByService map[string]ServiceTotals `json:"by_service"`
}

// Total is a sum of durations and their number.
type Total struct {
	N  int   `json:"n"`
	Ms int64 `json:"ms"` // the sum, in milliseconds
}

// ServiceTotals are one service's wait and service-time totals.
type ServiceTotals struct {
	Wait    Total `json:"wait"`
	Service Total `json:"service"`
}

// DailyRollup computes day's rollup (not final) and its low ratings from
// the same records as Daily, which it equals: Report of the result plus
// the low ratings is Daily's report.
func DailyRollup(day string, tickets []queue.Ticket, ratings []queue.Rating, feedback []queue.Feedback) (Rollup, []queue.Rating) {
	b := newBuilder(day, len(tickets))
	for i := range tickets {
		b.addTicket(&tickets[i])
	}
	b.addRatings(ratings)
	b.addFeedback(feedback)
	ru := Rollup{Version: RollupVersion, Wait: totalOf(b.waits), Service: totalOf(b.services),
		ByService: make(map[string]ServiceTotals, len(b.bySvc))}
	for id, acc := range b.bySvc {
		ru.ByService[id] = ServiceTotals{Wait: totalOf(acc.waits), Service: totalOf(acc.services)}
	}
	// totalOf reads the durations before report sorts them in place.
	r := b.report()
	low := r.LowRatings
	r.LowRatings = []queue.Rating{}
	ru.Report = r
	return ru, low
}

// totalOf sums ds, a negative duration counting as zero (as summarize
// counts it).
func totalOf(ds []time.Duration) Total {
	var sum time.Duration
	for _, d := range ds {
		sum += max(d, 0)
	}
	return Total{N: len(ds), Ms: sum.Milliseconds()}
}

// SetFeedback counts the day's feedback items again (a supervisor handled
// one after the day): the only figure of a final rollup that changes.
func (ru *Rollup) SetFeedback(items []queue.Feedback) {
	b := builder{r: Report{Date: ru.Report.Date}}
	b.addFeedback(items)
	ru.Report.Feedback = b.r.Feedback
}

// Full returns the day's report with its low ratings put back.
func (ru *Rollup) Full(low []queue.Rating) Report {
	r := ru.Report
	r.LowRatings = low
	if r.LowRatings == nil {
		r.LowRatings = []queue.Rating{}
	}
	return r
}

// EncodeRollup encodes ru for the store. Names are left out (the pages
// add the names of today's configuration), so ru's rows are copied first.
func EncodeRollup(ru Rollup) ([]byte, error) {
	r := &ru.Report
	r.ByService = slices.Clone(r.ByService)
	for i := range r.ByService {
		r.ByService[i].Name = ""
	}
	r.ByCounter = slices.Clone(r.ByCounter)
	for i := range r.ByCounter {
		r.ByCounter[i].Name = ""
	}
	r.ByClerk = slices.Clone(r.ByClerk)
	for i := range r.ByClerk {
		r.ByClerk[i].Name = ""
	}
	r.LowRatings = []queue.Rating{}
	data, err := json.Marshal(ru)
	if err != nil {
		return nil, fmt.Errorf("report: encode rollup of %s: %w", r.Date, err)
	}
	return data, nil
}

// DecodeRollup decodes a stored rollup; current is false for one of
// another RollupVersion, which must be computed again.
func DecodeRollup(data []byte) (ru Rollup, current bool, err error) {
	if err := json.Unmarshal(data, &ru); err != nil {
		return Rollup{}, false, fmt.Errorf("report: decode rollup: %w", err)
	}
	if ru.Report.LowRatings == nil {
		ru.Report.LowRatings = []queue.Rating{}
	}
	if ru.Report.Files == nil {
		ru.Report.Files = []FileRow{}
	}
	return ru, ru.Version == RollupVersion, nil
}

// EncodeLow and DecodeLow store a day's low ratings.
func EncodeLow(low []queue.Rating) ([]byte, error) { return json.Marshal(low) }

// DecodeLow decodes what EncodeLow wrote.
func DecodeLow(data []byte) ([]queue.Rating, error) {
	low := []queue.Rating{}
	if len(data) == 0 {
		return low, nil
	}
	if err := json.Unmarshal(data, &low); err != nil {
		return nil, fmt.Errorf("report: decode low ratings: %w", err)
	}
	return low, nil
}
