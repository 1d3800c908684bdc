package model

import (
	"regexp"
	"strings"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Appointments at the kiosk: "Tôi có lịch hẹn" asks for the booking's QR
// code (the /hen page's address with ?ma=CODE) or its 6-character code;
// check_in then issues the ticket like issue_ticket (same wait, give-up
// and retry under the same command id), an appointment ticket inside the
// check-in window, a normal one outside it with the reason on screen.

// CheckInHint asks for the code.
const CheckInHint = "Quét mã QR trên phiếu hẹn, hoặc nhập mã lịch hẹn 6 ký tự."

// OpenCheckIn shows the screen that asks for the booking's code.
func (m *Model) OpenCheckIn() {
	m.update(func() {
		m.touch()
		if !m.v.Online || m.issuing {
			return
		}
		m.show(ScreenCheckIn)
		m.v.Form = FormView{}
	})
}

var bookingInURL = regexp.MustCompile(`(?i)[?&]ma=([0-9a-z -]{6,12})`)

// ParseBookingCode reads what the citizen scanned or typed: the QR code's
// address (…/hen?ma=CODE) or the code itself (any case; spaces and dashes
// ignored). It reports false for anything else.
func ParseBookingCode(text string) (string, bool) {
	text = strings.TrimSpace(text)
	if g := bookingInURL.FindStringSubmatch(text); g != nil {
		text = g[1]
	}
	return queue.CleanBookingCode(text)
}

// isBookingQR reports whether text is a booking's QR code (an address
// with ma=), as a scanner types it outside any field.
func isBookingQR(text string) bool {
	_, ok := ParseBookingCode(text)
	return ok && bookingInURL.MatchString(text)
}

// SubmitCheckIn checks in the booking whose code was scanned or typed.
func (m *Model) SubmitCheckIn(text string) {
	var try *issueTry
	m.update(func() {
		m.touch()
		if !m.v.Online || m.issuing {
			return
		}
		code, ok := ParseBookingCode(text)
		if !ok {
			m.show(ScreenCheckIn)
			m.v.Form = FormView{Error: "Mã lịch hẹn chưa đúng: mã gồm 6 ký tự (chữ và số) in dưới mã QR của phiếu hẹn."}
			return
		}
		m.issuing = true
		try = m.newTry("", false, code)
		m.issue = try
		m.show(ScreenIssuing)
	})
	if try != nil {
		m.send(try)
	}
}

// checkInNote explains a check-in on the ticket screen.
func checkInNote(r protocol.CheckInReply) string {
	b := r.Booking
	switch r.CheckIn {
	case queue.CheckInOnTime:
		return "Lịch hẹn lúc " + b.Slot + ": ông/bà được mời trước các số thường."
	case queue.CheckInEarly:
		if b.Day != r.Ticket.Day() {
			return "Lịch hẹn của ông/bà vào " + b.Slot + " ngày " + dayText(b.Day) +
				". Hôm nay ki-ốt cấp số thường; lịch hẹn vẫn giữ nguyên."
		}
		return "Ông/bà đến sớm: lịch hẹn lúc " + b.Slot + ", nhận lịch từ " + b.From + " đến " + b.To + ". Ki-ốt đã cấp số thường."
	case queue.CheckInLate:
		return "Ông/bà đến muộn: lịch hẹn lúc " + b.Slot + " ngày " + dayText(b.Day) + " chỉ nhận đến " + b.To + ". Ki-ốt đã cấp số thường."
	}
	return ""
}

// checkInLine is the slip's line of a check-in.
func checkInLine(r protocol.CheckInReply) string {
	switch r.CheckIn {
	case queue.CheckInOnTime:
		return "LỊCH HẸN " + r.Booking.Slot
	case queue.CheckInEarly:
		return "Số thường (đến sớm, hẹn " + r.Booking.Slot + " " + dayText(r.Booking.Day) + ")"
	case queue.CheckInLate:
		return "Số thường (quá giờ hẹn " + r.Booking.Slot + ")"
	}
	return ""
}

// dayText writes a YYYY-MM-DD day as 28/11.
func dayText(day string) string {
	t, err := time.Parse(queue.DayLayout, day)
	if err != nil {
		return day
	}
	return t.Format("02/01")
}
