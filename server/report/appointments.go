package report

import (
	"cmp"
	"slices"
	"time"

	"hallq/shared/queue"
)

// Appointments counts a day's appointments (added to SPEC section 7): from
// the tickets, the appointment tickets issued (checked in inside their
// window) and their waits; from the bookings (AddBookings), those booked
// for the day (cancelled ones apart), checked in (on time, early or late),
// missed (not checked in by the end of their window) and cancelled.
type Appointments struct {
	Tickets   int       `json:"tickets"`
	Called    int       `json:"called"`
	WaitS     Durations `json:"wait_s"`
	Booked    int       `json:"booked"`
	CheckedIn int       `json:"checked_in"`
	OnTime    int       `json:"on_time"`
	Early     int       `json:"early"`
	Late      int       `json:"late"`
	Missed    int       `json:"missed"`
	Cancelled int       `json:"cancelled"`
}

// any reports whether there is anything to show.
func (a Appointments) any() bool { return a.Tickets+a.Booked+a.Cancelled > 0 }

// apptAcc gathers the appointment tickets of one table.
type apptAcc struct {
	waits []time.Duration
}

// addAppointment counts t if it is an appointment ticket.
func (b *builder) addAppointment(t *queue.Ticket, svc *serviceAcc, wait time.Duration, called bool) {
	if !t.Appointment {
		return
	}
	for _, a := range []*Appointments{&b.r.Appointments, &svc.row.Appointments} {
		a.Tickets++
		if called {
			a.Called++
		}
	}
	if called {
		b.appt.waits = append(b.appt.waits, wait)
		svc.appt.waits = append(svc.appt.waits, wait)
	}
}

// AddBookings counts the day's bookings into r and its service rows (a
// service with bookings and no ticket gets a row); missed tells whether a
// booking not checked in is past its window.
func AddBookings(r *Report, bookings []queue.Booking, missed func(queue.Booking) bool) {
	for _, bk := range bookings {
		if bk.Day != r.Date {
			continue
		}
		i := slices.IndexFunc(r.ByService, func(s ServiceRow) bool { return s.ID == bk.Service })
		if i < 0 {
			r.ByService = append(r.ByService, ServiceRow{ID: bk.Service, Ratings: NewLevels()})
			i = len(r.ByService) - 1
		}
		for _, a := range []*Appointments{&r.Appointments, &r.ByService[i].Appointments} {
			countBooking(a, bk, missed)
		}
	}
	slices.SortFunc(r.ByService, func(a, b ServiceRow) int { return cmp.Compare(a.ID, b.ID) })
}

func countBooking(a *Appointments, bk queue.Booking, missed func(queue.Booking) bool) {
	if bk.State == queue.Cancelled {
		a.Cancelled++
		return
	}
	a.Booked++
	switch {
	case bk.State == queue.CheckedIn:
		a.CheckedIn++
		switch bk.CheckIn {
		case queue.CheckInOnTime:
			a.OnTime++
		case queue.CheckInEarly:
			a.Early++
		case queue.CheckInLate:
			a.Late++
		}
	case missed(bk):
		a.Missed++
	}
}

// appointmentsTable is the daily workbook's appointments, by service and
// in total; none when the day had none.
func appointmentsTable(r Report) []table {
	if !r.Appointments.any() {
		return nil
	}
	t := table{
		sheet: sheetAppointments,
		header: []string{"Mã", "Lĩnh vực", "Đã đặt", "Đã lấy số", "Đúng giờ", "Đến sớm", "Đến muộn", "Vắng (quá giờ)", "Đã hủy",
			"Số phiếu lịch hẹn", "Chờ trung bình (giây)", "Chờ trung vị (giây)", "Chờ phân vị 90 (giây)"},
		total: true,
	}
	row := func(id, name string, a Appointments) []any {
		return []any{id, name, a.Booked, a.CheckedIn, a.OnTime, a.Early, a.Late, a.Missed, a.Cancelled,
			a.Tickets, num(a.WaitS.Mean), num(a.WaitS.P50), num(a.WaitS.P90)}
	}
	for _, s := range r.ByService {
		if s.Appointments.any() {
			t.rows = append(t.rows, row(s.ID, s.Name, s.Appointments))
		}
	}
	t.rows = append(t.rows, row("", "Tổng cộng", r.Appointments))
	return []table{t}
}
