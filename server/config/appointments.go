package config

import (
	"strings"
	"time"

	"hallq/shared/queue"
)

// Defaults of a service's appointment keys.
const (
	DefaultAppointmentSlot      = "30m"
	DefaultAppointmentCapacity  = 1
	DefaultAppointmentDaysAhead = 14
	DefaultCheckInBefore        = "15m"
	DefaultCheckInAfter         = "10m"
	// MaxAppointmentDaysAhead bounds how far ahead a hall may take
	// bookings.
	MaxAppointmentDaysAhead = 90
)

// Weekdays are the appointment_days values, by time.Weekday, with their
// Vietnamese names.
var Weekdays = []struct{ Key, Name string }{
	{"sun", "Chủ nhật"}, {"mon", "Thứ Hai"}, {"tue", "Thứ Ba"}, {"wed", "Thứ Tư"},
	{"thu", "Thứ Năm"}, {"fri", "Thứ Sáu"}, {"sat", "Thứ Bảy"},
}

// defaultDays are the appointment days when none are given.
var defaultDays = []string{"mon", "tue", "wed", "thu", "fri"}

// weekday returns the time.Weekday of an appointment_days value.
func weekday(key string) (time.Weekday, bool) {
	for i, w := range Weekdays {
		if w.Key == key {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// AppointmentDefaults returns sv with the defaults of its absent
// appointment keys filled in (days and hours stay empty: their default
// depends on the hall).
func (sv Service) AppointmentDefaults() Service {
	fill := func(s *string, def string) {
		if *s == "" {
			*s = def
		}
	}
	fill(&sv.AppointmentSlot, DefaultAppointmentSlot)
	fill(&sv.CheckInBefore, DefaultCheckInBefore)
	fill(&sv.CheckInAfter, DefaultCheckInAfter)
	if sv.AppointmentCapacity == 0 {
		sv.AppointmentCapacity = DefaultAppointmentCapacity
	}
	if sv.AppointmentDaysAhead == 0 {
		sv.AppointmentDaysAhead = DefaultAppointmentDaysAhead
	}
	return sv
}

// AppointmentRules returns the service's appointment settings as the queue
// uses them; open and closeAt are the hall's hours, the default span.
// Values that do not parse are left out (Validate refuses them).
func (sv Service) AppointmentRules(open, closeAt time.Duration) queue.AppointmentRules {
	sv = sv.AppointmentDefaults()
	var r queue.AppointmentRules
	days := sv.AppointmentDays
	if len(days) == 0 {
		days = defaultDays
	}
	for _, d := range days {
		if wd, ok := weekday(d); ok {
			r.Days[wd] = true
		}
	}
	for _, h := range sv.AppointmentHours {
		if sp, ok := parseSpan(h); ok {
			r.Hours = append(r.Hours, sp)
		}
	}
	if len(sv.AppointmentHours) == 0 {
		r.Hours = []queue.Span{{From: open, To: closeAt}}
	}
	r.Slot, _ = parseDuration(sv.AppointmentSlot)
	r.Capacity = sv.AppointmentCapacity
	r.Ahead = sv.AppointmentDaysAhead
	r.Before, _ = time.ParseDuration(sv.CheckInBefore)
	r.After, _ = time.ParseDuration(sv.CheckInAfter)
	return r
}

// parseSpan reads "HH:MM-HH:MM" with the start before the end.
func parseSpan(s string) (queue.Span, bool) {
	from, to, ok := strings.Cut(strings.ReplaceAll(s, " ", ""), "-")
	if !ok {
		return queue.Span{}, false
	}
	f, err1 := parseClock(from, false)
	t, err2 := parseClock(to, true)
	if err1 != nil || err2 != nil || f >= t {
		return queue.Span{}, false
	}
	return queue.Span{From: f, To: t}, true
}

// appointments checks the i-th service's appointment keys (l: its label).
// The keys are checked whether or not appointments are on, so that a
// wrong value is caught before it is switched on.
func (v *validator) appointments(i int, s Service, l string) {
	at := func(key string) where { return v.at("service", i, key) }
	for _, d := range s.AppointmentDays {
		if _, ok := weekday(d); !ok {
			v.p.addAt(at("appointment_days"), "%s: appointment_days %q phải là mon, tue, wed, thu, fri, sat hoặc sun (unknown weekday)", l, d)
		}
	}
	open, _ := parseClock(v.c.Hall.withDefaults().Open, false)
	closeAt, _ := parseClock(v.c.Hall.withDefaults().Close, true)
	var spans []queue.Span
	for _, h := range s.AppointmentHours {
		sp, ok := parseSpan(h)
		switch {
		case !ok:
			v.p.addAt(at("appointment_hours"), "%s: khung giờ hẹn %q phải có dạng HH:MM-HH:MM, giờ bắt đầu trước giờ kết thúc (appointment_hours must be HH:MM-HH:MM)", l, h)
			continue
		case sp.From < open || sp.To > closeAt:
			v.p.addAt(at("appointment_hours"), "%s: khung giờ hẹn %q phải nằm trong giờ làm việc %s - %s (appointment_hours must lie within the hall's hours)",
				l, h, queue.FormatClock(open), queue.FormatClock(closeAt))
		}
		for _, o := range spans {
			if sp.From < o.To && o.From < sp.To {
				v.p.addAt(at("appointment_hours"), "%s: khung giờ hẹn %q trùng với khung khác (appointment_hours overlap)", l, h)
			}
		}
		spans = append(spans, sp)
	}
	d := s.AppointmentDefaults()
	slot, err := parseDuration(d.AppointmentSlot)
	switch {
	case err != nil:
		v.p.addAt(at("appointment_slot"), "%s: độ dài mỗi lượt hẹn %q phải là khoảng thời gian dương, ví dụ \"30m\" (appointment_slot must be a positive duration)", l, d.AppointmentSlot)
	case slot < 5*time.Minute || slot > 4*time.Hour:
		v.p.addAt(at("appointment_slot"), "%s: độ dài mỗi lượt hẹn phải từ 5 phút đến 4 giờ (appointment_slot must be 5m to 4h)", l)
	case slot%time.Minute != 0:
		v.p.addAt(at("appointment_slot"), "%s: độ dài mỗi lượt hẹn phải là số phút tròn (appointment_slot must be whole minutes)", l)
	}
	if d.AppointmentCapacity < 1 || d.AppointmentCapacity > 1000 {
		v.p.addAt(at("appointment_capacity"), "%s: số người mỗi lượt phải từ 1 đến 1000 (appointment_capacity must be 1 to 1000)", l)
	}
	if d.AppointmentDaysAhead < 1 || d.AppointmentDaysAhead > MaxAppointmentDaysAhead {
		v.p.addAt(at("appointment_days_ahead"), "%s: số ngày được đặt trước phải từ 1 đến %d (appointment_days_ahead must be 1 to %d)", l, MaxAppointmentDaysAhead, MaxAppointmentDaysAhead)
	}
	for _, k := range []struct{ key, val, vi string }{
		{"appointment_check_in_before", d.CheckInBefore, "trước giờ hẹn"},
		{"appointment_check_in_after", d.CheckInAfter, "sau giờ hẹn"},
	} {
		w, err := time.ParseDuration(k.val)
		if err != nil || w < 0 || w > 2*time.Hour {
			v.p.addAt(at(k.key), "%s: thời gian nhận lịch %s %q phải từ 0 đến 2 giờ, ví dụ \"15m\" (%s must be a duration from 0 to 2h)", l, k.vi, k.val, k.key)
		}
	}
	if s.Appointments && err == nil && len(s.AppointmentRules(open, closeAt).Slots(firstDay(s))) == 0 {
		v.p.addAt(at("appointment_hours"), "%s: không có lượt hẹn nào vừa trong khung giờ đã chọn (no slot fits the appointment hours)", l)
	}
}

// firstDay is a weekday that takes appointments, for checking that a slot
// fits the hours.
func firstDay(s Service) time.Weekday {
	days := s.AppointmentDays
	if len(days) == 0 {
		days = defaultDays
	}
	wd, _ := weekday(days[0])
	return wd
}
