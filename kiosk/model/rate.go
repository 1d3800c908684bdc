package model

import (
	"regexp"
	"strings"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// OpenRateCode shows the screen that asks for the ticket's QR code, or its
// number and the code printed under the QR.
func (m *Model) OpenRateCode() {
	m.update(func() {
		m.touch()
		m.show(ScreenRateCode)
		m.v.Form = FormView{}
	})
}

var (
	qrForm     = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}/[A-Z]\d{3,})\s+([2-9A-Z]{8})$`)
	numberForm = regexp.MustCompile(`^([A-Z]\d{3,})([2-9A-Z]{8})$`)
)

// ParseCode reads what the citizen scanned or typed: the QR content
// "<ticket id> <token>", the ticket page's address that a hall with a
// public_url prints instead ("http://…/t/2026-11-28-A001?k=7KQ2M9XH"), or
// the number and the token ("A001 7KQ2M9XH", spaces and dashes ignored),
// which belong to day. It reports false for anything else.
func ParseCode(text, day string) (ticketID, token string, ok bool) {
	if id, tok, ok := protocol.ParseTicketURL(text); ok {
		return id, strings.ToUpper(tok), true
	}
	text = strings.ToUpper(strings.TrimSpace(text))
	if g := qrForm.FindStringSubmatch(strings.Join(strings.Fields(text), " ")); g != nil {
		return g[1], g[2], true
	}
	compact := strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(text)
	if g := numberForm.FindStringSubmatch(compact); g != nil && day != "" {
		return day + "/" + g[1], g[2], true
	}
	return "", "", false
}

// SubmitCode takes the scanned or typed code and, when it reads, shows the
// five levels for that ticket.
func (m *Model) SubmitCode(text string) {
	m.update(func() {
		m.touch()
		id, token, ok := ParseCode(text, m.day())
		if !ok {
			m.show(ScreenRateCode)
			m.v.Form = FormView{Error: "Mã chưa đúng. Vui lòng nhập số thứ tự (ví dụ A001) và mã đánh giá 8 ký tự in dưới mã QR."}
			return
		}
		m.startRating(&rating{id: id, token: token, number: id[strings.LastIndexByte(id, '/')+1:]}, ScreenRateCode)
	})
}

// Scan takes a line typed by a USB scanner outside any field: a QR code of
// a ticket starts its rating, a booking's QR code its check-in (not on a
// rating pad), anything else is ignored.
func (m *Model) Scan(text string) {
	m.mu.Lock()
	_, _, ok := ParseCode(text, "")
	busy := m.issuing || m.v.Screen == ScreenIssuing
	booking := isBookingQR(text) && m.v.Counter == 0 && m.v.Appointments
	m.unlock()
	switch {
	case busy:
	case ok:
		m.SubmitCode(text)
	case booking:
		m.SubmitCheckIn(text)
	}
}

// day is the hall's day, for typed numbers. The caller holds the lock.
func (m *Model) day() string {
	if m.state.Day != "" {
		return m.state.Day
	}
	return m.cfg.Now().Format(queue.DayLayout)
}
