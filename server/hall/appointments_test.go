package hall

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hallq/server/config"
	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// withAppointments lets service A take appointments every day 08:00 to
// 11:00 in 30-minute slots of capacity places.
func withAppointments(t *testing.T, h *Hall, capacity int) {
	t.Helper()
	err := h.UpdateConfig("test", "service.appointments", "service A", func(c *config.Config) error {
		sv := &c.Services[0]
		sv.Appointments, sv.AppointmentCapacity = true, capacity
		sv.AppointmentDays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
		sv.AppointmentHours = []string{"08:00-11:00"}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBookRules(t *testing.T) {
	h, _ := newHall(t) // Saturday 2026-11-28, 09:00
	withAppointments(t, h, 1)
	good := queue.BookingRequest{Service: "A", Day: "2026-11-28", Slot: "10:00", Name: "Nguyễn Văn An", Phone: "0912 345 678"}
	tests := []struct {
		name   string
		change func(*queue.BookingRequest)
		code   string
		msg    string
	}{
		{"service without appointments", func(b *queue.BookingRequest) { b.Service = "B" }, queue.EBADREQUEST, "không nhận đặt lịch"},
		{"unknown service", func(b *queue.BookingRequest) { b.Service = "Z" }, queue.EBADREQUEST, "không nhận đặt lịch"},
		{"slot started", func(b *queue.BookingRequest) { b.Slot = "09:00" }, queue.EBADREQUEST, "chưa bắt đầu"},
		{"too far ahead", func(b *queue.BookingRequest) { b.Day = "2026-12-13" }, queue.EBADREQUEST, "14 ngày"},
		{"not a slot", func(b *queue.BookingRequest) { b.Slot = "10:15" }, queue.EBADREQUEST, "Không có lượt hẹn"},
		{"outside the hours", func(b *queue.BookingRequest) { b.Slot = "14:00" }, queue.EBADREQUEST, "Không có lượt hẹn"},
		{"bad day", func(b *queue.BookingRequest) { b.Day = "2026-02-30" }, queue.EBADREQUEST, "chọn ngày"},
		{"no name", func(b *queue.BookingRequest) { b.Name = "  " }, queue.EBADREQUEST, "họ và tên"},
		{"landline", func(b *queue.BookingRequest) { b.Phone = "0274 3822 123" }, queue.EBADREQUEST, "Số điện thoại"},
		{"short phone", func(b *queue.BookingRequest) { b.Phone = "091234" }, queue.EBADREQUEST, "Số điện thoại"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good
			tt.change(&in)
			_, err := h.Book(in)
			if queue.ErrorCode(err) != tt.code || !strings.Contains(queue.ErrorMessage(err), tt.msg) {
				t.Fatalf("got %v, want %s with %q", err, tt.code, tt.msg)
			}
		})
	}
	b, err := h.Book(good)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := queue.CleanBookingCode(b.Code); !ok || b.Phone != "0912345678" || b.State != queue.Booked {
		t.Fatalf("booking = %+v", b)
	}
	other := good
	other.Phone = "0987654321"
	if _, err := h.Book(other); queue.ErrorCode(err) != queue.ECONFLICT || !strings.Contains(queue.ErrorMessage(err), "hết chỗ") {
		t.Fatalf("the full slot: got %v, want conflict hết chỗ", err)
	}
	again := good
	again.Slot = "10:30"
	if _, err := h.Book(again); queue.ErrorCode(err) != queue.ECONFLICT || !strings.Contains(queue.ErrorMessage(err), "đã có lịch hẹn") {
		t.Fatalf("the same phone twice a day: got %v, want conflict", err)
	}
	// Cancelled, the place and the phone are free again.
	if _, err := h.CancelBooking(strings.ToLower(b.Code)); err != nil {
		t.Fatal(err)
	}
	if _, err := h.CancelBooking(b.Code); queue.ErrorCode(err) != queue.ECONFLICT {
		t.Fatalf("cancelling twice: got %v, want conflict", err)
	}
	if _, err := h.CancelBooking("ZZZZZZ"); queue.ErrorCode(err) != queue.ENOTFOUND {
		t.Fatalf("an unknown code: got %v, want not_found", err)
	}
	if _, err := h.Book(other); err != nil {
		t.Fatalf("booking the freed place: %v", err)
	}
	days, err := h.OpenSlots("A")
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 15 || days[0].Day != "2026-11-28" || days[0].Slots[0].At != "09:30" || days[0].Slots[1].Free != 0 || days[1].Slots[0].Free != 1 {
		t.Fatalf("open slots = %+v", days[:2])
	}
}

// checkInReply runs check_in at the kiosk and decodes its reply.
func checkInReply(t *testing.T, h *Hall, id, code string) (protocol.CheckInReply, string) {
	t.Helper()
	kiosk, err := h.Authenticate("kiosk-1", "demo-kiosk-1-token-0001")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(protocol.CheckIn{Code: code})
	var r struct {
		OK    bool                  `json:"ok"`
		Data  protocol.CheckInReply `json:"data"`
		Error protocol.Error        `json:"error"`
	}
	if err := json.Unmarshal(h.Do(kiosk, protocol.CmdCheckIn, id, data), &r); err != nil {
		t.Fatal(err)
	}
	return r.Data, r.Error.Code
}

func TestCheckInCommand(t *testing.T) {
	h, now := newHall(t)
	withAppointments(t, h, 2)
	book := func(slot, phone string) queue.Booking {
		b, err := h.Book(queue.BookingRequest{Service: "A", Day: "2026-11-28", Slot: slot, Name: "Trần Thị Bình", Phone: phone})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	onTime, early, late := book("09:30", "0912000001"), book("10:30", "0912000002"), book("09:30", "0912000003")
	h.Do(mustDevice(t, h), protocol.CmdIssueTicket, "n1", json.RawMessage(`{"service":"A"}`))
	*now = now.Add(20 * time.Minute) // 09:20
	r, code := checkInReply(t, h, "c1", onTime.Code)
	if code != "" || r.CheckIn != queue.CheckInOnTime || !r.Ticket.Appointment || r.Ahead != 0 || r.Booking.From != "09:15" || r.Booking.To != "09:40" {
		t.Fatalf("on time: %+v %s", r, code)
	}
	if w := h.State().Waiting; len(w) != 2 || w[0].ID != r.Ticket.ID {
		t.Fatalf("waiting: the appointment ticket is not first: %+v", w)
	}
	if r, _ := checkInReply(t, h, "c1", onTime.Code); !r.Ticket.Appointment {
		t.Fatal("a retried check_in did not get the stored reply")
	}
	if _, code := checkInReply(t, h, "c2", onTime.Code); code != queue.ECONFLICT {
		t.Fatalf("a second check-in with the code: %s, want conflict", code)
	}
	r, _ = checkInReply(t, h, "c3", early.Code)
	if r.CheckIn != queue.CheckInEarly || r.Ticket.Appointment || r.Booking.Slot != "10:30" {
		t.Fatalf("early: %+v", r)
	}
	*now = now.Add(30 * time.Minute) // 09:50
	if _, err := h.CancelBooking(late.Code); queue.ErrorCode(err) != queue.ECONFLICT {
		t.Fatalf("cancel after the slot started: %v", err)
	}
	r, _ = checkInReply(t, h, "c4", late.Code)
	if r.CheckIn != queue.CheckInLate || r.Ticket.Appointment {
		t.Fatalf("late: %+v", r)
	}
	if _, code := checkInReply(t, h, "c5", "ABC"); code != queue.EBADREQUEST {
		t.Fatalf("a malformed code: %s", code)
	}
	if _, code := checkInReply(t, h, "c6", "ZZZZZZ"); code != queue.ENOTFOUND {
		t.Fatalf("an unknown code: %s", code)
	}
	stored, _ := h.Booking(onTime.Code)
	if stored.State != queue.CheckedIn || stored.TicketID != "2026-11-28/A002" || stored.CheckIn != queue.CheckInOnTime {
		t.Fatalf("stored booking after check-in: %+v", stored)
	}
	if b, _ := h.Booking(early.Code); b.State != queue.CheckedIn || b.CheckIn != queue.CheckInEarly {
		t.Fatalf("an early check-in of today uses the booking: %+v", b)
	}
}

func mustDevice(t *testing.T, h *Hall) Device {
	t.Helper()
	d, err := h.Authenticate("kiosk-1", "demo-kiosk-1-token-0001")
	if err != nil {
		t.Fatal(err)
	}
	return d
}
