package web

import (
	"net/http"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// hallView is the live hall as first drawn by the server; the page's
// script then keeps it current from the websocket.
type hallView struct {
	Day   string
	NowMS int64 // the server's clock, so the script can correct the browser's
	// Speed is how fast the server's clock runs (1, or -fast-clock's
	// speed), so the script's timers keep up with a fast day.
	Speed    float64
	AlertS   int
	AlertMin int
	Counters []counterCard
	Services []serviceLine
	Waiting  []waitLine
	Held     []waitLine
	Recent   []waitLine
	// Problems are the devices' faults, one line each (GET /api/devices
	// keeps them current).
	Problems []string
	// Totals for the strip at the top.
	WaitingN, LateN, OpenN int
	Today                  dayFigures
	// ServiceAlertS is how long a ticket may be served before it shows
	// in red ([hall] service_alert); LongService are those lines.
	ServiceAlertS int
	LongService   []string
	// Extras are the open feedback and the last hour's low ratings
	// (GET /api/live keeps them current).
	Extras liveExtras
}

// counterCard is one counter's tile.
type counterCard struct {
	ID          int
	Name        string
	Status      string
	StatusLabel string
	Clerk       string
	Ticket      string
	Service     string
	Since       string // how long the ticket has been served
	Long        bool   // served longer than the service alert
	// Today is the clerk's day so far (with a clerk signed in).
	Today clerkToday
}

// serviceLine is one service's waiting count.
type serviceLine struct {
	ID, Name        string
	Waiting, Issued int
	Longest         string
	Late            int
}

// waitLine is one ticket in a list.
type waitLine struct {
	Number, Service string
	Priority        bool
	At              string // issued (or called, for recent calls) at
	Waited          string
	Counter         int
	Late            bool
}

// counterLabels names the counter statuses.
var counterLabels = map[queue.CounterStatus]string{
	queue.CounterOpen:   "Đang mở",
	queue.CounterPaused: "Tạm dừng",
	queue.CounterClosed: "Đóng",
}

// hallPage serves GET /: the live hall.
func (s *Server) hallPage(w http.ResponseWriter, r *http.Request, user string) {
	st := s.hall.State()
	now := s.hall.Now()
	v := buildHallView(st, now)
	v.Problems = problemLines(s.hall.Devices(), now.In(s.hall.Settings().Location))
	v.Speed = max(s.clockSpeed, 1)
	extras, err := s.liveExtras()
	if err != nil {
		s.log.Error("live extras", "err", err) // the page's poll tries again
	}
	v.Extras = extras
	s.render(w, http.StatusOK, "hall", s.view(r, user, "hall", "Sảnh chờ trực tiếp", v))
}

func buildHallView(st protocol.State, now time.Time) hallView {
	alert := time.Duration(st.Hall.WaitAlertS) * time.Second
	v := hallView{Day: st.Day, NowMS: now.UnixMilli(), AlertS: st.Hall.WaitAlertS, AlertMin: st.Hall.WaitAlertS / 60,
		Today: figuresOf(st), ServiceAlertS: st.Hall.ServiceAlertS}
	limit := time.Duration(st.Hall.ServiceAlertS) * time.Second
	for _, c := range st.Counters {
		card := counterCard{ID: c.ID, Name: c.Name, Status: string(c.Status), StatusLabel: counterLabels[c.Status], Clerk: string(c.ClerkName)}
		if card.Clerk == "" {
			card.Clerk = string(c.Clerk)
		}
		if c.Clerk != "" {
			card.Today = clerkTodayOf(st, string(c.Clerk))
		}
		if c.Ticket != nil {
			card.Ticket, card.Service = c.Ticket.Number, c.Ticket.Service
			card.Since = waited(now, c.Ticket.CalledAt)
			if served := now.Sub(c.Ticket.CalledAt.Time); limit > 0 && !c.Ticket.CalledAt.IsZero() && served > limit {
				card.Long = true
				v.LongService = append(v.LongService, longServiceLine(c.Name, c.Ticket.Number, served, limit))
			}
		}
		if c.Status != queue.CounterClosed {
			v.OpenN++
		}
		v.Counters = append(v.Counters, card)
	}
	lines := map[string]*serviceLine{}
	for _, sv := range st.Services {
		v.Services = append(v.Services, serviceLine{ID: sv.ID, Name: sv.Name, Waiting: sv.Waiting, Issued: sv.Issued})
	}
	for i := range v.Services {
		lines[v.Services[i].ID] = &v.Services[i]
	}
	oldest := map[string]queue.Stamp{}
	for _, t := range st.Waiting {
		l := ticketLine(t, now, alert)
		v.Waiting = append(v.Waiting, l)
		v.WaitingN++
		if o, ok := oldest[t.Service]; !ok || t.IssuedAt.Before(o.Time) {
			oldest[t.Service] = t.IssuedAt
		}
		if !l.Late {
			continue
		}
		v.LateN++
		if sl := lines[t.Service]; sl != nil {
			sl.Late++
		}
	}
	for id, at := range oldest {
		if sl := lines[id]; sl != nil {
			sl.Longest = waited(now, at)
		}
	}
	for _, t := range st.Held {
		v.Held = append(v.Held, ticketLine(t, now, 0))
	}
	for _, t := range st.RecentCalls {
		l := ticketLine(t, now, 0)
		l.At = displayClock(t.CalledAt)
		v.Recent = append(v.Recent, l)
	}
	return v
}

func ticketLine(t queue.Ticket, now time.Time, alert time.Duration) waitLine {
	return waitLine{
		Number: t.Number, Service: t.Service, Priority: t.Priority, Counter: int(t.Counter),
		At: displayClock(t.IssuedAt), Waited: waited(now, t.IssuedAt),
		Late: alert > 0 && now.Sub(t.IssuedAt.Time) > alert,
	}
}
