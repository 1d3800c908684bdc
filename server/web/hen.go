package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"hallq/server/throttle"
	"hallq/shared/qr"
	"hallq/shared/queue"
)

// The citizens' booking page /hen (đặt lịch hẹn), public, for a phone on
// the hall's guest Wi-Fi: pick a service, a day and a free slot, give a
// name and a mobile number, get a booking code and its QR code to print or
// keep; look a booking up or cancel it with the code. Plain forms, no
// script but the print button's. The name and the phone number are shown
// to no one but the supervisors (the phone masked on this page).

// Appointments is what the booking page needs of the hall.
type Appointments interface {
	Book(in queue.BookingRequest) (queue.Booking, error)
	Booking(code string) (queue.Booking, error)
	CancelBooking(code string) (queue.Booking, error)
	OpenSlots(service string) ([]queue.DaySlots, error)
	Bookings(from, to string) ([]queue.Booking, error)
	BookingMissed(b queue.Booking, now time.Time) bool
}

// HenRule limits the booking page per client address: every booking or
// cancellation and every code looked up that is not found counts; 30 are
// free within 10 minutes (a hall's guest Wi-Fi may put many phones behind
// one address), then each waits 10 s, 20 s… up to 10 minutes.
var HenRule = throttle.Rule{Free: 30, Base: 10 * time.Second, Max: 10 * time.Minute, Window: 10 * time.Minute}

// henBodyMax bounds a booking form.
const henBodyMax = 8 << 10

func (s *Server) henRoutes() {
	s.henIP = throttle.New(HenRule, s.hall.Now)
	s.mux.HandleFunc("GET /hen", s.henPage)
	s.mux.HandleFunc("POST /hen", s.form(henBodyMax, s.henBook))
	s.mux.HandleFunc("POST /hen/huy", s.form(henBodyMax, s.henCancel))
}

// henView is the booking page's data.
type henView struct {
	Hall     string
	Services []queue.Service // the services that take appointments
	Service  queue.Service   // the one chosen (step 2)
	Days     []henDay
	Form     map[string]string // the form's values, kept on an error
	Error    string
	Notice   string
	Booking  *henBooking // a booking shown (after booking, or looked up)
	Code     string      // the code looked up
}

// henDay is a day of slots on the page.
type henDay struct {
	Day   string
	Label string // "Thứ Hai 30/11"
	Slots []queue.SlotInfo
}

// henBooking is a booking as the page shows it.
type henBooking struct {
	queue.Booking
	ServiceName string
	Date        string // "Thứ Hai, 30/11/2026"
	Phone       string // masked
	From, To    string // the check-in window
	QR          template.HTML
	QRText      string
	Cancellable bool
	StateText   string
}

// weekdayNames are the Vietnamese weekday names, by time.Weekday.
var weekdayNames = []string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// henPage serves GET /hen: ?dv=A a service's slots, ?ma=CODE a booking.
func (s *Server) henPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := s.henBase()
	if code := strings.TrimSpace(q.Get("ma")); code != "" {
		if s.henLimited(w, r, &v) {
			return
		}
		b, err := s.appts.Booking(code)
		if err != nil {
			s.henIP.Fail(clientIP(r))
			v.Code, v.Error = clip(code, 20), queue.ErrorMessage(err)
			s.henRender(w, http.StatusNotFound, v)
			return
		}
		v.Booking = s.henBookingView(r, b)
		if q.Get("moi") == "1" {
			v.Notice = "Đặt lịch thành công. Xin giữ mã lịch hẹn hoặc in phiếu này (booked)."
		}
		s.henRender(w, http.StatusOK, v)
		return
	}
	if id := q.Get("dv"); id != "" {
		s.henSlots(w, &v, id, nil, "", http.StatusOK)
		return
	}
	s.henRender(w, http.StatusOK, v)
}

// henBase starts the page's data: the hall and its services that take
// appointments.
func (s *Server) henBase() henView {
	set := s.hall.Settings()
	v := henView{Hall: set.Name, Form: map[string]string{}}
	for _, sv := range set.Services {
		if _, ok := set.Appointments[sv.ID]; ok && !sv.Retired {
			v.Services = append(v.Services, sv)
		}
	}
	return v
}

// henSlots renders the slots of service id with the booking form (form:
// the values to keep, msg an error), or the list when id takes no
// appointments.
func (s *Server) henSlots(w http.ResponseWriter, v *henView, id string, form map[string]string, msg string, status int) {
	set := s.hall.Settings()
	sv, ok := set.Service(id)
	days, err := s.appts.OpenSlots(id)
	if !ok || err != nil {
		v.Error = "Lĩnh vực này không nhận đặt lịch hẹn; vui lòng chọn lĩnh vực khác (this service takes no appointments)."
		s.henRender(w, http.StatusNotFound, *v)
		return
	}
	v.Service = sv
	for _, d := range days {
		v.Days = append(v.Days, henDay{Day: d.Day, Label: weekdayNames[d.Date.Weekday()] + " " + d.Date.Format("02/01"), Slots: d.Slots})
	}
	if form != nil {
		v.Form = form
	}
	v.Error = msg
	s.henRender(w, status, *v)
}

// henBook serves POST /hen: a booking.
func (s *Server) henBook(w http.ResponseWriter, r *http.Request) {
	v := s.henBase()
	if s.henLimited(w, r, &v) {
		return
	}
	s.henIP.Fail(clientIP(r)) // every booking counts
	form := map[string]string{}
	for _, k := range []string{"dv", "slot", "ten", "dt"} {
		form[k] = clip(strings.TrimSpace(r.PostFormValue(k)), 200)
	}
	day, slot, _ := strings.Cut(form["slot"], " ")
	b, err := s.appts.Book(queue.BookingRequest{Service: form["dv"], Day: day, Slot: slot, Name: form["ten"], Phone: form["dt"]})
	if err != nil {
		status := http.StatusBadRequest
		if queue.ErrorCode(err) == queue.ECONFLICT {
			status = http.StatusConflict
			if strings.Contains(queue.ErrorMessage(err), "hết chỗ") {
				form["slot"] = "" // choose another
			}
		}
		s.henSlots(w, &v, form["dv"], form, queue.ErrorMessage(err), status)
		return
	}
	http.Redirect(w, r, "/hen?ma="+b.Code+"&moi=1", http.StatusSeeOther)
}

// henCancel serves POST /hen/huy: a cancellation with the code.
func (s *Server) henCancel(w http.ResponseWriter, r *http.Request) {
	v := s.henBase()
	if s.henLimited(w, r, &v) {
		return
	}
	s.henIP.Fail(clientIP(r))
	code := clip(strings.TrimSpace(r.PostFormValue("ma")), 20)
	b, err := s.appts.CancelBooking(code)
	v.Code = code
	if err != nil {
		status := http.StatusConflict
		if queue.ErrorCode(err) == queue.ENOTFOUND {
			status = http.StatusNotFound
		}
		v.Error = queue.ErrorMessage(err)
		if b.Code != "" {
			v.Booking = s.henBookingView(r, b)
		}
		s.henRender(w, status, v)
		return
	}
	v.Booking = s.henBookingView(r, b)
	v.Notice = "Đã hủy lịch hẹn " + b.Code + " (cancelled)."
	s.henRender(w, http.StatusOK, v)
}

// henLimited answers 429 when the client's address must wait.
func (s *Server) henLimited(w http.ResponseWriter, r *http.Request, v *henView) bool {
	wait := s.henIP.Wait(clientIP(r))
	if wait <= 0 {
		return false
	}
	w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds()+0.999)))
	v.Error = fmt.Sprintf("Thao tác quá nhiều lần, vui lòng thử lại sau %d giây (too many requests).", int(wait.Seconds()+0.999))
	s.henRender(w, http.StatusTooManyRequests, *v)
	return true
}

// henBookingView is b as its page shows it, with a QR code of the page's
// address for it (the kiosk reads the code out of it).
func (s *Server) henBookingView(r *http.Request, b queue.Booking) *henBooking {
	set := s.hall.Settings()
	sv, _ := set.Service(b.Service)
	start := b.Start(set.Location)
	rules, ok := set.Appointments[b.Service]
	if !ok {
		rules.Before, rules.After = queue.DefaultCheckInBefore, queue.DefaultCheckInAfter
	}
	from, to := rules.CheckInWindow(start)
	hb := &henBooking{Booking: b, ServiceName: sv.Name, Phone: queue.MaskPhone(b.Phone),
		Date: weekdayNames[start.Weekday()] + ", " + start.Format("02/01/2006"),
		From: from.Format("15:04"), To: to.Format("15:04"),
		Cancellable: b.State == queue.Booked && start.After(s.hall.Now()),
	}
	switch {
	case b.State == queue.Cancelled:
		hb.StateText = "Đã hủy (cancelled)"
	case b.State == queue.CheckedIn:
		hb.StateText = "Đã lấy số lúc " + b.CheckedInAt.In(set.Location).Format("15:04") + " (checked in)"
	case s.appts.BookingMissed(b, s.hall.Now()):
		hb.StateText = "Đã qua giờ nhận lịch (missed)"
	default:
		hb.StateText = "Đã đặt (booked)"
	}
	hb.QRText = henURL(s.hall.Config().Hall.PublicURL, r, b.Code)
	if svg, err := qr.SVG(hb.QRText, "Mã QR lịch hẹn "+b.Code); err == nil {
		hb.QR = template.HTML(svg) // built from our own code and host, escaped
	}
	return hb
}

// henURL is the booking's page on this server, as the QR code holds it:
// under the hall's public_url when it has one (the address phones reach on
// the guest Wi-Fi, as on the ticket's QR), else under the address the
// request came to.
func henURL(publicURL string, r *http.Request, code string) string {
	if publicURL != "" {
		return strings.TrimRight(publicURL, "/") + "/hen?ma=" + url.QueryEscape(code)
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return (&url.URL{Scheme: scheme, Host: r.Host, Path: "/hen", RawQuery: "ma=" + code}).String()
}

// henRender writes the booking page.
func (s *Server) henRender(w http.ResponseWriter, status int, v henView) {
	s.render(w, status, "hen", view{Title: "Đặt lịch hẹn", Hall: v.Hall, Data: v})
}
