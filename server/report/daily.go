package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"hallq/shared/queue"
)

// Daily computes the report of day (YYYY-MM-DD) from all tickets of that day
// (ids "day/…"), the ratings of those tickets and the feedback received that
// day.
//
// A rating counts when its ticket is among tickets or its ticket id belongs
// to day, and only the first rating of a ticket counts. A feedback item
// counts unless its Day names another day. Daily does not modify its
// arguments.
func Daily(day string, tickets []queue.Ticket, ratings []queue.Rating, feedback []queue.Feedback) Report {
	b := newBuilder(day, len(tickets))
	for i := range tickets {
		b.addTicket(&tickets[i])
	}
	b.addRatings(ratings)
	b.addFeedback(feedback)
	return b.report()
}

// builder accumulates one day's report.
type builder struct {
	r        Report
	waits    []time.Duration
	services []time.Duration
	bySvc    map[string]*serviceAcc
	counters map[int]*CounterRow
	clerks   map[string]*ClerkRow
	hours    map[int]*hourAcc
	// tickets holds each of the day's tickets by id.
	tickets map[string]*queue.Ticket
	// rated holds the level of each ticket whose rating has been counted.
	rated map[string]int
	appt  apptAcc
	// files holds the tickets with file codes.
	files []FileRow
}

// serviceAcc is a by_service row and the durations behind it.
type serviceAcc struct {
	row      ServiceRow
	waits    []time.Duration
	services []time.Duration
	appt     apptAcc
}

// hourAcc counts the tickets issued in one hour and their waits.
type hourAcc struct {
	issued int
	waited int
	sum    time.Duration
}

func newBuilder(day string, n int) *builder {
	return &builder{
		r: Report{
			Date:       day,
			Ratings:    NewLevels(),
			LowRatings: []queue.Rating{},
			Files:      []FileRow{},
		},
		waits:    make([]time.Duration, 0, n),
		services: make([]time.Duration, 0, n),
		bySvc:    map[string]*serviceAcc{},
		counters: map[int]*CounterRow{},
		clerks:   map[string]*ClerkRow{},
		hours:    map[int]*hourAcc{},
		tickets:  make(map[string]*queue.Ticket, n),
		rated:    map[string]int{},
	}
}

// addTicket counts one ticket in every table it belongs to.
func (b *builder) addTicket(t *queue.Ticket) {
	b.tickets[t.ID] = t
	if len(t.FileCodes) > 0 {
		b.files = append(b.files, FileRow{TicketID: t.ID, Number: t.Number, Service: issuedService(t), State: t.State,
			Counter: t.Counter, Clerk: t.Clerk, FinishedAt: t.FinishedAt,
			FileCodes: append([]string{}, t.FileCodes...)})
	}
	svc := b.service(issuedService(t))
	b.r.Issued++
	svc.row.Issued++

	wait, called := waitTime(t)
	if called {
		b.r.Called++
		svc.row.Called++
		b.waits = append(b.waits, wait)
		svc.waits = append(svc.waits, wait)
	}
	b.addHour(t, wait, called)
	b.addAppointment(t, svc, wait, called)
	for _, c := range t.Calls {
		if row := b.counter(c.Counter); row != nil {
			row.Called++
		}
		if row := b.clerk(c.Clerk); row != nil {
			row.Called++
		}
	}

	switch t.State {
	case queue.Finished:
		b.r.Finished++
		svc.row.Finished++
		d, timed := serviceTime(t)
		if timed {
			b.services = append(b.services, d)
			svc.services = append(svc.services, d)
		}
		if row := b.counter(int(t.Counter)); row != nil {
			row.Finished++
			row.ServiceSeconds += d.Seconds()
		}
		if row := b.clerk(string(t.Clerk)); row != nil {
			row.Finished++
			row.ServiceSeconds += d.Seconds()
		}
	case queue.NoShow:
		b.r.NoShow++
		svc.row.NoShow++
		if row := b.counter(int(t.Counter)); row != nil {
			row.NoShow++
		}
		if row := b.clerk(string(t.Clerk)); row != nil {
			row.NoShow++
		}
	case queue.Expired:
		b.r.Expired++
		svc.row.Expired++
	}
}

// addHour counts t in the hour it was issued.
func (b *builder) addHour(t *queue.Ticket, wait time.Duration, called bool) {
	if t.IssuedAt.IsZero() {
		return
	}
	h := b.hours[t.IssuedAt.Hour()]
	if h == nil {
		h = &hourAcc{}
		b.hours[t.IssuedAt.Hour()] = h
	}
	h.issued++
	if called {
		h.waited++
		h.sum += max(wait, 0)
	}
}

// addRatings counts each rating of the day's tickets once, at the counter
// and clerk the rating record names (or, where it names none, those of its
// ticket).
func (b *builder) addRatings(ratings []queue.Rating) {
	prefix := b.r.Date + "/"
	for _, rt := range ratings {
		tk := b.tickets[rt.TicketID]
		if tk == nil && !strings.HasPrefix(rt.TicketID, prefix) {
			continue
		}
		if b.rated[rt.TicketID] > 0 || rt.Rating < 1 || rt.Rating > 5 {
			continue
		}
		b.rated[rt.TicketID] = rt.Rating
		if tk != nil && rt.Counter == 0 {
			rt.Counter = int(tk.Counter)
		}
		if tk != nil && rt.Clerk == "" {
			rt.Clerk = string(tk.Clerk)
		}
		b.r.Ratings.add(rt.Rating, 1)
		if tk != nil {
			b.service(issuedService(tk)).row.Ratings.add(rt.Rating, 1)
		}
		if row := b.counter(rt.Counter); row != nil {
			row.Ratings.add(rt.Rating, 1)
		}
		if row := b.clerk(rt.Clerk); row != nil {
			row.Ratings.add(rt.Rating, 1)
		}
		if rt.Rating <= queue.Neutral {
			rt.Reasons = append([]string{}, rt.Reasons...)
			b.r.LowRatings = append(b.r.LowRatings, rt)
		}
	}
}

// addFeedback counts the feedback items of the day.
func (b *builder) addFeedback(items []queue.Feedback) {
	for _, f := range items {
		if f.Day != "" && f.Day != b.r.Date {
			continue
		}
		b.r.Feedback.Received++
		if f.Status == queue.FeedbackHandled {
			b.r.Feedback.Handled++
		}
	}
}

// report finishes the sums: durations, shares, sorted tables.
func (b *builder) report() Report {
	r := b.r
	r.WaitS = summarize(b.waits)
	r.ServiceS = summarize(b.services)
	r.Appointments.WaitS = summarize(b.appt.waits)
	r.SatisfactionIndex = r.Ratings.SatisfactionIndex()
	ratedFinished := 0
	for id := range b.rated {
		if tk := b.tickets[id]; tk != nil && tk.State == queue.Finished {
			ratedFinished++
		}
	}
	r.RatedShare = percent(ratedFinished, r.Finished)

	r.ByService = make([]ServiceRow, 0, len(b.bySvc))
	for _, acc := range b.bySvc {
		acc.row.WaitS = summarize(acc.waits)
		acc.row.ServiceS = summarize(acc.services)
		acc.row.SatisfactionIndex = acc.row.Ratings.SatisfactionIndex()
		acc.row.Appointments.WaitS = summarize(acc.appt.waits)
		r.ByService = append(r.ByService, acc.row)
	}
	slices.SortFunc(r.ByService, func(a, b ServiceRow) int { return cmp.Compare(a.ID, b.ID) })

	r.ByCounter = make([]CounterRow, 0, len(b.counters))
	for _, row := range b.counters {
		row.finish()
		r.ByCounter = append(r.ByCounter, *row)
	}
	slices.SortFunc(r.ByCounter, func(a, b CounterRow) int { return cmp.Compare(a.ID, b.ID) })

	r.ByClerk = make([]ClerkRow, 0, len(b.clerks))
	for _, row := range b.clerks {
		row.finish()
		r.ByClerk = append(r.ByClerk, *row)
	}
	slices.SortFunc(r.ByClerk, func(a, b ClerkRow) int { return cmp.Compare(a.Username, b.Username) })

	r.Hourly = b.hourly()
	slices.SortFunc(r.LowRatings, newestFirst) // ticket ids are unique: a total order
	r.Files = b.fileRows()
	return r
}

// fileRows returns the tickets with file codes in issue order, each with
// its rating.
func (b *builder) fileRows() []FileRow {
	rows := make([]FileRow, len(b.files))
	copy(rows, b.files)
	for i := range rows {
		rows[i].Rating = queue.OptInt(b.rated[rows[i].TicketID])
	}
	slices.SortFunc(rows, func(x, y FileRow) int {
		return cmp.Or(cmp.Compare(b.tickets[x.TicketID].Order, b.tickets[y.TicketID].Order), cmp.Compare(x.TicketID, y.TicketID))
	})
	return rows
}
