package model

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// counterLocked returns this device's counter in the state, or nil.
func (d *Desk) counterLocked() *queue.Counter {
	if d.hello == nil || d.state == nil || d.hello.Counter == 0 {
		return nil
	}
	for i := range d.state.Counters {
		if d.state.Counters[i].ID == d.hello.Counter {
			return &d.state.Counters[i]
		}
	}
	return nil
}

// currentLocked returns the ticket called at this counter, or nil.
func (d *Desk) currentLocked() *queue.Ticket {
	c := d.counterLocked()
	if c == nil || c.Clerk == "" {
		return nil
	}
	return c.Ticket
}

func (d *Desk) viewLocked() View {
	v := View{Online: d.online, Busy: d.busy, Message: d.msg}
	if !d.online {
		v.Connection = connectionText(d.attempt, d.linkErr)
	}
	v.Screen, v.Notice = d.screenLocked()
	if d.state != nil {
		v.HallName = d.state.Hall.Name
	}
	if d.hello != nil {
		v.CounterID = d.hello.Counter
		v.CounterName = "Quầy " + strconv.Itoa(d.hello.Counter)
	}
	c := d.counterLocked()
	if c == nil {
		return v
	}
	if c.Name != "" {
		v.CounterName = c.Name
	}
	v.CanLogin = v.Screen == ScreenLogin && d.online && !d.busy
	v.CanChangePIN = v.Screen == ScreenChangePIN && d.online && !d.busy
	if v.Screen == ScreenChangePIN {
		v.ClerkUser, v.ClerkName = string(c.Clerk), string(c.ClerkName)
		if v.ClerkName == "" {
			v.ClerkName = v.ClerkUser
		}
	}
	if v.Screen != ScreenServe {
		return v
	}
	now := d.cfg.Now().Add(d.skew)
	v.ClerkUser, v.ClerkName = string(c.Clerk), string(c.ClerkName)
	if v.ClerkName == "" {
		v.ClerkName = v.ClerkUser
	}
	v.Paused = c.Status == queue.CounterPaused
	v.StatusText = statusText(c.Status)
	if t := c.Ticket; t != nil {
		v.Current = d.ticketView(t, now)
	}
	v.Queue = d.queueRows(c, now)
	v.Held = d.heldRows(c, now)
	v.Stats = d.statsFor(v.ClerkUser)
	if d.picker != nil {
		p := *d.picker
		v.Picker = &p
	}
	d.enable(&v, c)
	v.FileCodeInput = d.codeInput
	v.FileCodeHint = d.fileCodeHintLocked(c.Ticket)
	return v
}

// screenLocked decides the screen, and why when it is not a working one.
func (d *Desk) screenLocked() (Screen, string) {
	if d.hello == nil || d.state == nil {
		if !d.online && queue.IsUnauthorized(d.linkErr) {
			return ScreenConnecting, queue.UnauthorizedText + " " + queue.UnauthorizedHint
		}
		return ScreenConnecting, "Đang kết nối máy chủ…"
	}
	if d.hello.Role != protocol.RoleCounter || d.hello.Counter == 0 {
		return ScreenUnbound, "Thiết bị " + d.hello.Device + " không được gắn với quầy nào. Vui lòng báo quản trị hệ thống."
	}
	c := d.counterLocked()
	if c == nil {
		return ScreenUnbound, "Không tìm thấy Quầy " + strconv.Itoa(d.hello.Counter) + " trong cấu hình. Vui lòng báo quản trị hệ thống."
	}
	if c.Clerk == "" {
		return ScreenLogin, ""
	}
	if d.mustChange != "" && string(c.Clerk) == d.mustChange {
		return ScreenChangePIN, ""
	}
	return ScreenServe, ""
}

// enable fills v's enabled actions for the serve screen.
func (d *Desk) enable(v *View, c *queue.Counter) {
	if !d.online || d.busy || v.Picker != nil {
		return
	}
	open := c.Status == queue.CounterOpen
	serving := v.Current != nil
	e := &v.enabled
	e[ActCallNext] = open && !serving && len(v.Queue) > 0
	e[ActCallTicket] = open && !serving
	e[ActRecall] = serving
	e[ActFinish] = serving
	e[ActNoShow] = serving
	e[ActHold] = serving
	e[ActTransfer] = serving && len(d.transferOptions(v.Current.Service)) > 0
	e[ActPause] = c.Status == queue.CounterOpen || c.Status == queue.CounterPaused
	e[ActLogout] = !serving
	v.CanEditFileCodes = serving
}

func (d *Desk) serviceName(id string) string {
	for _, s := range d.state.Services {
		if s.ID == id {
			return s.Name
		}
	}
	return id
}

func (d *Desk) ticketView(t *queue.Ticket, now time.Time) *TicketView {
	tv := &TicketView{
		ID: t.ID, Number: t.Number, Service: t.Service, ServiceName: d.serviceName(t.Service),
		Priority: t.Priority, Recalls: t.Recalls,
	}
	first := t.FirstCalledAt.Time
	if first.IsZero() {
		first = t.CalledAt.Time
	}
	if !first.IsZero() && !t.IssuedAt.IsZero() {
		tv.Waited = nonNegative(first.Sub(t.IssuedAt.Time))
	}
	if !t.CalledAt.IsZero() {
		tv.Serving = nonNegative(now.Sub(t.CalledAt.Time))
	}
	if t.IssuedService != "" && t.IssuedService != t.Service {
		tv.TransferredFrom = t.IssuedService
	}
	tv.FileCodes = append([]string(nil), t.FileCodes...)
	return tv
}

// queueRows lists the waiting tickets of c's services, priority first, then
// appointments, then in issue order, as call_next takes them
// (priority_streak aside).
func (d *Desk) queueRows(c *queue.Counter, now time.Time) []Row {
	serves := map[string]bool{}
	for _, s := range c.Services {
		serves[s] = true
	}
	var ts []queue.Ticket
	for _, t := range d.state.Waiting {
		if serves[t.Service] && t.State == queue.Waiting {
			ts = append(ts, t)
		}
	}
	sort.SliceStable(ts, func(i, j int) bool { return queue.TakenBefore(ts[i], ts[j]) })
	alert := time.Duration(d.state.Hall.WaitAlertS) * time.Second
	rows := make([]Row, 0, len(ts))
	for i := range ts {
		r := d.row(&ts[i], nonNegative(now.Sub(ts[i].IssuedAt.Time)))
		r.Alert = alert > 0 && r.Wait > alert
		rows = append(rows, r)
	}
	return rows
}

// heldRows lists the tickets held at c, oldest first.
func (d *Desk) heldRows(c *queue.Counter, now time.Time) []Row {
	var rows []Row
	for i := range d.state.Held {
		t := &d.state.Held[i]
		if int(t.Counter) != c.ID || t.State != queue.Held {
			continue
		}
		rows = append(rows, d.row(t, nonNegative(now.Sub(t.CalledAt.Time))))
	}
	return rows
}

func (d *Desk) row(t *queue.Ticket, wait time.Duration) Row {
	r := Row{
		TicketID: t.ID, Number: t.Number, Service: t.Service,
		ServiceName: d.serviceName(t.Service), Priority: t.Priority, Wait: wait,
	}
	if t.IssuedService != "" && t.IssuedService != t.Service {
		r.Note = "chuyển từ " + t.IssuedService
	}
	if t.Appointment {
		r.Note = strings.TrimPrefix(r.Note+", lịch hẹn", ", ")
	}
	return r
}

// statsFor returns the day's figures of clerk user.
func (d *Desk) statsFor(user string) Stats {
	var s Stats
	for _, cs := range d.state.Clerks {
		if cs.Username != user {
			continue
		}
		s.Finished = cs.Finished
		if cs.Finished > 0 {
			s.MeanService = time.Duration(math.Round(cs.ServiceSeconds/float64(cs.Finished))) * time.Second
		}
		s.Ratings = cs.Ratings
		for lvl := 1; lvl <= 5; lvl++ {
			s.Rated += cs.Ratings[lvl]
		}
		if s.Rated > 0 {
			good := cs.Ratings[4] + cs.Ratings[5]
			s.Satisfaction = math.Round(float64(good)*10000/float64(s.Rated)) / 100
		}
	}
	return s
}

// transferOptions lists the services a ticket of service from can go to.
func (d *Desk) transferOptions(from string) []Option {
	var opts []Option
	for _, s := range d.state.Services {
		if s.ID == from {
			continue
		}
		o := Option{Service: s.ID, Name: s.Name}
		if len(opts) < 9 {
			o.Key = strconv.Itoa(len(opts) + 1)
		}
		opts = append(opts, o)
	}
	return opts
}

func nonNegative(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return d
}
