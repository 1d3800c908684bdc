package report

import "hallq/shared/queue"

// Report is one day's report, as served at /api/reports/daily (SPEC section
// 7). Slices are never nil, so that they encode as [] rather than null.
type Report struct {
	Date     string `json:"date"`
	Issued   int    `json:"issued"`
	Called   int    `json:"called"`
	Finished int    `json:"finished"`
	NoShow   int    `json:"no_show"`
	Expired  int    `json:"expired"`

	// WaitS runs from issue to the first call, ServiceS from the call under
	// which a ticket was finished to its finish.
	WaitS    Durations `json:"wait_s"`
	ServiceS Durations `json:"service_s"`

	Ratings Levels `json:"ratings"`
	// RatedShare is the percentage of finished tickets that were rated,
	// nil when nothing was finished.
	RatedShare *float64 `json:"rated_share"`
	// SatisfactionIndex is the percentage of ratings at levels 4 and 5,
	// nil when there is no rating.
	SatisfactionIndex *float64 `json:"satisfaction_index"`

	ByService []ServiceRow `json:"by_service"`
	ByCounter []CounterRow `json:"by_counter"`
	ByClerk   []ClerkRow   `json:"by_clerk"`

	Feedback FeedbackCount `json:"feedback"`

	// Appointments counts the day's appointments and their waits.
	Appointments Appointments `json:"appointments"`

	// Hourly covers every hour from the first to the last hour in which a
	// ticket was issued, for the supervisor's charts.
	Hourly []HourRow `json:"hourly"`
	// LowRatings lists the ratings of 1 to 3, newest first.
	LowRatings []queue.Rating `json:"low_ratings"`
	// Files lists the day's tickets that carry file codes (mã hồ sơ), in
	// issue order, with their rating: a rating rates those files (added to
	// SPEC section 7).
	Files []FileRow `json:"files"`
}

// FileRow is one ticket with the file codes the clerk attached to it.
type FileRow struct {
	TicketID   string            `json:"ticket_id"`
	Number     string            `json:"number"`
	Service    string            `json:"service"`
	State      queue.TicketState `json:"state"`
	Counter    queue.OptInt      `json:"counter"`
	Clerk      queue.OptString   `json:"clerk"`
	FinishedAt queue.Stamp       `json:"finished_at"`
	FileCodes  []string          `json:"file_codes"`
	// Rating is the ticket's rating level, null when not rated.
	Rating queue.OptInt `json:"rating"`
}

// FileCodeCount is the number of file codes over the rows.
func FileCodeCount(rows []FileRow) int {
	n := 0
	for _, f := range rows {
		n += len(f.FileCodes)
	}
	return n
}

// Durations summarises durations in whole seconds, rounded half up. Each
// field is nil when there is no duration.
type Durations struct {
	Mean *int `json:"mean"`
	P50  *int `json:"p50"`
	P90  *int `json:"p90"`
}

// ServiceRow counts the tickets issued for one service; a transferred ticket
// stays under the service it was issued for.
type ServiceRow struct {
	ID       string    `json:"id"`
	Name     string    `json:"name,omitempty"`
	Issued   int       `json:"issued"`
	Called   int       `json:"called"`
	Finished int       `json:"finished"`
	NoShow   int       `json:"no_show"`
	Expired  int       `json:"expired"`
	WaitS    Durations `json:"wait_s"`
	ServiceS Durations `json:"service_s"`
	// Ratings and SatisfactionIndex count the ratings of the service's
	// tickets (added to SPEC section 7, for the public page by service).
	Ratings           Levels   `json:"ratings"`
	SatisfactionIndex *float64 `json:"satisfaction_index"`
	// Appointments counts the service's appointments (added).
	Appointments Appointments `json:"appointments"`
}

// CounterRow is one counter's work: calls made there, and the finishes,
// no-shows and ratings of tickets finished or marked there.
type CounterRow struct {
	ID   int    `json:"id"`
	Name string `json:"name,omitempty"`
	Work
}

// ClerkRow is one clerk's work, counted as CounterRow is.
type ClerkRow struct {
	Username string `json:"username"`
	Name     string `json:"name,omitempty"`
	Work
}

// Work is what a counter or a clerk did: its fields sit flat in the JSON of
// CounterRow and ClerkRow.
type Work struct {
	Called            int      `json:"called"`
	Finished          int      `json:"finished"`
	NoShow            int      `json:"no_show"`
	Ratings           Levels   `json:"ratings"`
	SatisfactionIndex *float64 `json:"satisfaction_index"`
	// ServiceSeconds sums the service times of the tickets finished there;
	// MeanServiceS is that over Finished, in whole seconds (nil: none).
	// Both are added to SPEC section 7.
	ServiceSeconds float64 `json:"service_seconds"`
	MeanServiceS   *int    `json:"mean_service_s"`
}

// plus adds o's counts to w (a month summing its days).
func (w *Work) plus(o Work) {
	w.Called += o.Called
	w.Finished += o.Finished
	w.NoShow += o.NoShow
	w.ServiceSeconds += o.ServiceSeconds
	w.Ratings.plus(o.Ratings)
}

// finish computes the index and the mean service time from the counts.
func (w *Work) finish() {
	w.SatisfactionIndex = w.Ratings.SatisfactionIndex()
	w.MeanServiceS = meanOf(w.ServiceSeconds, w.Finished)
}

// FeedbackCount counts the day's feedback items, those opened by ratings of
// 1 or 2 included.
type FeedbackCount struct {
	Received int `json:"received"`
	Handled  int `json:"handled"`
}

// HourRow is one hour of the day (0 to 23, in the time zone of the tickets'
// issue stamps): the tickets issued in it and their mean waiting time in
// whole seconds (nil when none of them was called).
type HourRow struct {
	Hour      int  `json:"hour"`
	Issued    int  `json:"issued"`
	MeanWaitS *int `json:"mean_wait_s"`
}
