package hall

import (
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"hallq/server/store"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// Appointments: booking and cancelling run from the public /hen page,
// check-in from a kiosk (check_in). A booking is one store transaction
// that counts the slot's places (store.Book), so it needs no hall lock;
// a cancellation and a check-in take the lock, so that a booking cannot
// be both cancelled and checked in.

// MaxNameRunes bounds a booking's name.
const MaxNameRunes = 100

// codeTries bounds the draws of a booking code that is not yet taken.
const codeTries = 8

// Book books a slot. Refusals are *queue.Error: bad_request for a wrong
// field (the message names it), conflict for a slot just taken or a phone
// number that holds a booking of the service that day.
func (h *Hall) Book(in queue.BookingRequest) (queue.Booking, error) {
	set := h.snapshot()
	now := h.now().In(set.Location)
	rules, start, err := checkSlot(&set, now, in.Service, in.Day, in.Slot)
	if err != nil {
		return queue.Booking{}, err
	}
	name := strings.Join(strings.Fields(in.Name), " ")
	if utf8.RuneCountInString(name) < 2 || utf8.RuneCountInString(name) > MaxNameRunes {
		return queue.Booking{}, queue.Errorf(queue.EBADREQUEST, "Vui lòng nhập họ và tên (2 đến %d ký tự) (name required)", MaxNameRunes)
	}
	phone, ok := queue.MobilePhone(in.Phone)
	if !ok {
		return queue.Booking{}, queue.Errorf(queue.EBADREQUEST,
			"Số điện thoại di động không đúng: cần 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (a Vietnamese mobile number)")
	}
	b := queue.Booking{Service: in.Service, Day: in.Day, Slot: in.Slot, Name: name, Phone: phone,
		State: queue.Booked, CreatedAt: queue.At(now.Truncate(time.Millisecond))}
	for range codeTries {
		if b.Code, err = h.bookingCode(); err != nil {
			return queue.Booking{}, err
		}
		err = h.st.Book(b, rules.Capacity)
		if !errors.Is(err, store.ErrCodeTaken) {
			break
		}
	}
	switch {
	case errors.Is(err, store.ErrSlotFull):
		return queue.Booking{}, queue.Errorf(queue.ECONFLICT, "Lượt %s ngày %s vừa hết chỗ, vui lòng chọn lượt khác (this slot is full)",
			in.Slot, start.Format("02/01/2006"))
	case errors.Is(err, store.ErrPhoneBooked):
		return queue.Booking{}, queue.Errorf(queue.ECONFLICT,
			"Số điện thoại này đã có lịch hẹn cho lĩnh vực này ngày %s; hủy lịch cũ trước khi đặt lịch khác (this phone already holds a booking that day)",
			start.Format("02/01/2006"))
	case err != nil:
		return queue.Booking{}, err
	}
	h.log.Info("appointment booked", "code", b.Code, "service", b.Service, "day", b.Day, "slot", b.Slot)
	return b, nil
}

// checkSlot checks that service takes appointments and that day and slot
// name a slot of it that starts after now, within its days ahead.
func checkSlot(set *queue.Settings, now time.Time, service, day, slot string) (queue.AppointmentRules, time.Time, error) {
	sv, ok := set.Service(service)
	rules, on := set.Appointments[service]
	if !ok || sv.Retired || !on {
		return rules, time.Time{}, queue.Errorf(queue.EBADREQUEST, "Lĩnh vực này không nhận đặt lịch hẹn (this service takes no appointments)")
	}
	start, err := time.ParseInLocation(queue.DayLayout+" 15:04", day+" "+slot, set.Location)
	if err != nil || start.Format(queue.DayLayout) != day || start.Format("15:04") != slot {
		return rules, time.Time{}, queue.Errorf(queue.EBADREQUEST, "Vui lòng chọn ngày và giờ hẹn (choose a day and a slot)")
	}
	today := midnight(now)
	last := today.AddDate(0, 0, rules.Ahead+1)
	if !start.After(now) || !start.Before(last) {
		return rules, time.Time{}, queue.Errorf(queue.EBADREQUEST,
			"Chỉ đặt được lượt hẹn chưa bắt đầu, trong %d ngày tới (only slots not yet started, within %d days)", rules.Ahead, rules.Ahead)
	}
	if !rules.HasSlot(start.Weekday(), start.Sub(midnight(start))) {
		return rules, time.Time{}, queue.Errorf(queue.EBADREQUEST, "Không có lượt hẹn %s ngày %s (no such slot)", slot, start.Format("02/01/2006"))
	}
	return rules, start, nil
}

// midnight returns the start of t's day in t's location.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// bookingCode draws a booking code.
func (h *Hall) bookingCode() (string, error) {
	h.rmu.Lock()
	defer h.rmu.Unlock()
	return queue.NewBookingCode(h.rand)
}

// Booking returns the booking with code (any case, spaces and dashes
// ignored); a malformed or unknown code is not_found.
func (h *Hall) Booking(code string) (queue.Booking, error) {
	code, ok := queue.CleanBookingCode(code)
	if !ok {
		return queue.Booking{}, notBooked()
	}
	b, ok, err := h.st.Booking(code)
	if err != nil {
		return queue.Booking{}, err
	}
	if !ok {
		return queue.Booking{}, notBooked()
	}
	return b, nil
}

func notBooked() error {
	return queue.Errorf(queue.ENOTFOUND, "Không tìm thấy lịch hẹn với mã này; mã gồm 6 ký tự in trên phiếu hẹn (no booking with this code)")
}

// CancelBooking cancels the booking with code, before its slot starts.
func (h *Hall) CancelBooking(code string) (queue.Booking, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	b, err := h.Booking(code)
	if err != nil {
		return b, err
	}
	set := h.snapshot()
	now := h.now().In(set.Location)
	switch {
	case b.State == queue.Cancelled:
		return b, queue.Errorf(queue.ECONFLICT, "Lịch hẹn %s đã được hủy trước đó (already cancelled)", b.Code)
	case b.State == queue.CheckedIn:
		return b, queue.Errorf(queue.ECONFLICT, "Lịch hẹn %s đã được dùng để lấy số, không hủy được (already checked in)", b.Code)
	case !b.Start(set.Location).After(now):
		return b, queue.Errorf(queue.ECONFLICT, "Đã qua giờ hẹn, không hủy được nữa (the slot has started)")
	}
	b.State, b.CancelledAt = queue.Cancelled, queue.At(now.Truncate(time.Millisecond))
	if err := h.st.SaveBooking(b); err != nil {
		return queue.Booking{}, err
	}
	h.log.Info("appointment cancelled", "code", b.Code)
	return b, nil
}

// checkIn runs a kiosk's check_in under the lock: the ticket of the
// booking with the code, an appointment ticket inside its window.
func (h *Hall) checkIn(now time.Time, _ Device, data json.RawMessage) (any, error) {
	var in protocol.CheckIn
	if err := decode(data, &in); err != nil {
		return nil, err
	}
	if _, ok := queue.CleanBookingCode(in.Code); !ok {
		return nil, queue.Errorf(queue.EBADREQUEST, "Mã lịch hẹn gồm 6 ký tự (chữ và số) in dưới mã QR của phiếu hẹn")
	}
	b, err := h.Booking(in.Code)
	if err != nil {
		return nil, err
	}
	r, err := h.eng.CheckIn(now, b)
	if err != nil {
		return nil, err
	}
	t := r.Ticket
	t.Calls = nil
	loc := h.settings.Location
	return protocol.CheckInReply{
		IssueReply: protocol.IssueReply{Ticket: t, Ahead: r.Ahead, EstimatedWaitS: r.WaitS,
			NoOpenCounter: h.eng.OpenCounters(t.Service) == 0},
		CheckIn: r.Outcome,
		Booking: protocol.BookingInfo{Code: b.Code, Service: b.Service, Day: b.Day, Slot: b.Slot,
			From: r.From.In(loc).Format("15:04"), To: r.To.In(loc).Format("15:04")},
	}, nil
}

// OpenSlots lists, for service, each bookable day (today up to its days
// ahead) with its slots not yet started and their free places.
func (h *Hall) OpenSlots(service string) ([]queue.DaySlots, error) {
	set := h.snapshot()
	rules, ok := set.Appointments[service]
	if !ok {
		return nil, queue.Errorf(queue.EBADREQUEST, "Lĩnh vực này không nhận đặt lịch hẹn (this service takes no appointments)")
	}
	now := h.now().In(set.Location)
	today := midnight(now)
	last := today.AddDate(0, 0, rules.Ahead)
	booked, err := h.st.Bookings(today.Format(queue.DayLayout), last.Format(queue.DayLayout))
	if err != nil {
		return nil, err
	}
	taken := map[string]int{}
	for _, b := range booked {
		if b.Service == service && b.State != queue.Cancelled {
			taken[b.Day+" "+b.Slot]++
		}
	}
	var out []queue.DaySlots
	for d := today; !d.After(last); d = d.AddDate(0, 0, 1) {
		ds := queue.DaySlots{Day: d.Format(queue.DayLayout), Date: d}
		for _, at := range rules.Slots(d.Weekday()) {
			start := d.Add(at)
			if !start.After(now) {
				continue
			}
			slot := queue.FormatClock(at)
			ds.Slots = append(ds.Slots, queue.SlotInfo{At: slot, Free: max(rules.Capacity-taken[ds.Day+" "+slot], 0)})
		}
		if len(ds.Slots) > 0 {
			out = append(out, ds)
		}
	}
	return out, nil
}

// Bookings returns the bookings of the days from..to, by day, service and
// slot, for the supervisor's pages.
func (h *Hall) Bookings(from, to string) ([]queue.Booking, error) { return h.st.Bookings(from, to) }

// BookingMissed reports whether b, not checked in, is past its check-in
// window at now.
func (h *Hall) BookingMissed(b queue.Booking, now time.Time) bool {
	if b.State != queue.Booked {
		return false
	}
	set := h.snapshot()
	after := queue.DefaultCheckInAfter
	if r, ok := set.Appointments[b.Service]; ok {
		after = r.After
	}
	return now.After(b.Start(set.Location).Add(after))
}
