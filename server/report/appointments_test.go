package report

import (
	"bytes"
	"strings"
	"testing"

	"hallq/shared/queue"
)

func TestAppointmentCounts(t *testing.T) {
	a1 := ticket(t, "A001", "A", "A", queue.Finished, "09:00:00", []queue.Call{call(t, 1, "hang", "09:02:00")}, "09:05:00")
	a1.Appointment = true
	a2 := ticket(t, "A002", "A", "A", queue.Waiting, "09:01:00", nil, "")
	a2.Appointment = true
	b1 := ticket(t, "B001", "B", "B", queue.Finished, "09:00:00", []queue.Call{call(t, 1, "hang", "09:10:00")}, "09:12:00")
	r := Daily(testDay, []queue.Ticket{a1, a2, b1}, nil, nil)
	if a := r.Appointments; a.Tickets != 2 || a.Called != 1 || a.WaitS.Mean == nil || *a.WaitS.Mean != 120 {
		t.Fatalf("appointments from tickets: %+v", a)
	}
	if r.ByService[0].Appointments.Tickets != 2 || r.ByService[1].Appointments.Tickets != 0 {
		t.Fatalf("by service: %+v", r.ByService)
	}
	bookings := []queue.Booking{
		{Code: "AAAAAA", Service: "A", Day: testDay, State: queue.CheckedIn, CheckIn: queue.CheckInOnTime},
		{Code: "AAAAAB", Service: "A", Day: testDay, State: queue.CheckedIn, CheckIn: queue.CheckInLate},
		{Code: "AAAAAC", Service: "C", Day: testDay, State: queue.Booked, Slot: "08:00"},
		{Code: "AAAAAD", Service: "C", Day: testDay, State: queue.Booked, Slot: "16:00"},
		{Code: "AAAAAE", Service: "C", Day: testDay, State: queue.Cancelled},
		{Code: "AAAAAF", Service: "C", Day: "2026-11-29", State: queue.Booked},
	}
	AddBookings(&r, bookings, func(b queue.Booking) bool { return b.Slot == "08:00" })
	a := r.Appointments
	if a.Booked != 4 || a.CheckedIn != 2 || a.OnTime != 1 || a.Late != 1 || a.Missed != 1 || a.Cancelled != 1 {
		t.Fatalf("with bookings: %+v", a)
	}
	if len(r.ByService) != 3 || r.ByService[2].ID != "C" || r.ByService[2].Appointments.Booked != 2 {
		t.Fatalf("a service with bookings only gets its row: %+v", r.ByService)
	}
	var csv bytes.Buffer
	if err := WriteDailyCSV(&csv, r, CSVComma); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), "Vắng (quá giờ)") {
		t.Error("the csv has no appointments table")
	}
	csv.Reset()
	WriteDailyCSV(&csv, Daily(testDay, []queue.Ticket{b1}, nil, nil), CSVComma)
	if strings.Contains(csv.String(), "Vắng (quá giờ)") {
		t.Error("a day without appointments has an appointments table")
	}
}
