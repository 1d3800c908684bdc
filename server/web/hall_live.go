package web

import (
	"strconv"
	"time"

	"hallq/server/report"
	"hallq/shared/protocol"
)

// dayFigures are the day's totals on the live hall: tickets issued (every
// service's count), served (every clerk's finished tickets), and the
// ratings so far with their satisfaction index. hall.js computes the same
// from the state it keeps.
type dayFigures struct {
	Issued, Finished, Ratings int
	Index                     *float64
}

// figuresOf sums st's services and clerks.
func figuresOf(st protocol.State) dayFigures {
	var f dayFigures
	for _, sv := range st.Services {
		f.Issued += sv.Issued
	}
	all := report.NewLevels()
	for _, c := range st.Clerks {
		f.Finished += c.Finished
		for level := 1; level <= 5; level++ {
			all[strconv.Itoa(level)] += c.Ratings[level]
		}
	}
	f.Ratings = all.Total()
	f.Index = all.SatisfactionIndex()
	return f
}

// clerkToday is a clerk's day on a counter's card: tickets served, their
// mean service time and the satisfaction index of the clerk's ratings.
type clerkToday struct {
	Served  int
	Mean    string // "7 phút 30 giây"; "—" before the first
	Index   *float64
	Ratings int
}

// clerkTodayOf returns the figures of username in st (zeros when the clerk
// has none yet).
func clerkTodayOf(st protocol.State, username string) clerkToday {
	ct := clerkToday{Mean: "—"}
	for _, c := range st.Clerks {
		if c.Username != username {
			continue
		}
		ct.Served = c.Finished
		if c.Finished > 0 {
			ct.Mean = durText(int(c.ServiceSeconds/float64(c.Finished) + 0.5))
		}
		l := report.NewLevels()
		for level := 1; level <= 5; level++ {
			l[strconv.Itoa(level)] = c.Ratings[level]
		}
		ct.Index, ct.Ratings = l.SatisfactionIndex(), l.Total()
	}
	return ct
}

// longServiceLine is the red line of a ticket served longer than the
// service alert: "Quầy 1: số A001 đã phục vụ 35 phút (quá 30 phút)".
func longServiceLine(counter, number string, served, limit time.Duration) string {
	return counter + ": số " + number + " đã phục vụ " + durText(int(served/time.Second)) +
		" (quá " + durText(int(limit/time.Second)) + ")"
}
