package web

import (
	"net/http"

	"hallq/server/report"
	"hallq/shared/queue"
)

// The supervisor's appointments page (/lich-hen): a day's bookings (today
// by default, ?date= another), counted by service (booked, checked in,
// missed, cancelled) and listed by slot with the citizen's name and phone
// number, which only supervisors see.

func (s *Server) appointmentPages() {
	s.mux.HandleFunc("GET /lich-hen", s.page(s.appointmentsPage))
}

// apptView is the page's data.
type apptView struct {
	Date     string // YYYY-MM-DD
	Input    string // dd/mm/yyyy, for the form
	Problem  string
	Total    report.Appointments
	Services []apptService
	Rows     []apptRow
}

// apptService is one service's counts.
type apptService struct {
	ID, Name string
	report.Appointments
}

// apptRow is one booking as the list shows it.
type apptRow struct {
	queue.Booking
	ServiceName string
	StateText   string
	Missed      bool
	Number      string // the ticket's number
}

// appointmentsPage serves GET /lich-hen.
func (s *Server) appointmentsPage(w http.ResponseWriter, r *http.Request, user string) {
	set := s.hall.Settings()
	now := s.hall.Now()
	v := apptView{Date: queue.DayOf(now, set.Location)}
	if d := r.URL.Query().Get("date"); d != "" {
		if day, ok := parseDay(d); ok {
			v.Date = day
		} else {
			v.Problem = "Ngày không hợp lệ (cần dd/mm/yyyy); đang xem hôm nay."
		}
	}
	v.Input = displayDate(v.Date)
	bookings, err := s.appts.Bookings(v.Date, v.Date)
	if err != nil {
		s.errorPage(w, r, user, http.StatusInternalServerError, "Lỗi hệ thống: không đọc được lịch hẹn (internal error).")
		return
	}
	rep := report.Report{Date: v.Date}
	missed := func(b queue.Booking) bool { return s.appts.BookingMissed(b, now) }
	report.AddBookings(&rep, bookings, missed)
	v.Total = rep.Appointments
	for _, row := range rep.ByService {
		sv, _ := set.Service(row.ID)
		v.Services = append(v.Services, apptService{ID: row.ID, Name: sv.Name, Appointments: row.Appointments})
	}
	for _, b := range bookings {
		sv, _ := set.Service(b.Service)
		row := apptRow{Booking: b, ServiceName: sv.Name, Missed: missed(b)}
		if i := len(b.TicketID) - 1; b.TicketID != "" {
			for i > 0 && b.TicketID[i-1] != '/' {
				i--
			}
			row.Number = b.TicketID[i:]
		}
		switch {
		case b.State == queue.Cancelled:
			row.StateText = "Đã hủy"
		case b.State == queue.CheckedIn && b.CheckIn == queue.CheckInOnTime:
			row.StateText = "Đã lấy số (đúng giờ)"
		case b.State == queue.CheckedIn && b.CheckIn == queue.CheckInEarly:
			row.StateText = "Đã lấy số (đến sớm, số thường)"
		case b.State == queue.CheckedIn:
			row.StateText = "Đã lấy số (đến muộn, số thường)"
		case row.Missed:
			row.StateText = "Vắng (quá giờ nhận lịch)"
		default:
			row.StateText = "Chờ đến"
		}
		v.Rows = append(v.Rows, row)
	}
	s.render(w, http.StatusOK, "appointments", s.view(r, user, "appointments", "Lịch hẹn "+v.Input, v))
}
