package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hallq/server/report"
	"hallq/shared/queue"
)

// TestAppointmentReport books four slots: one checked in on time and
// called after 2 minutes, one cancelled, one missed, one still to come;
// the supervisor's page, the daily report and its xlsx count them.
func TestAppointmentReport(t *testing.T) {
	f := newFixture(t) // 09:00
	f.openAppointments(2)
	book := func(slot, phone string) queue.Booking {
		b, err := f.hall.Book(queue.BookingRequest{Service: "A", Day: "2026-11-28", Slot: slot, Name: "Hoàng Thị Em", Phone: phone})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	onTime, missed, _, cancelled := book("09:30", "0912000001"), book("09:30", "0912000002"), book("10:30", "0912000003"), book("10:00", "0912000004")
	if _, err := f.hall.CancelBooking(cancelled.Code); err != nil {
		t.Fatal(err)
	}
	f.do(kioskDev, "issue_ticket", `{"service":"A"}`) // A001, normal
	f.clk.Set(time.Date(2026, 11, 28, 9, 20, 0, 0, ict))
	if msg, _ := f.do(kioskDev, "check_in", `{"code":"`+onTime.Code+`"}`); msg != "" {
		t.Fatal(msg)
	}
	f.clk.Set(time.Date(2026, 11, 28, 9, 22, 0, 0, ict))
	if msg, _ := f.do(counterDev, "clerk_login", `{"username":"hang.nd","pin":"1111"}`); msg != "" {
		t.Fatal(msg)
	}
	msg, data := f.do(counterDev, "call_next", "")
	if msg != "" || !strings.Contains(string(data), `"A002"`) || !strings.Contains(string(data), `"appointment":true`) {
		t.Fatalf("call_next: %s %s, want the appointment ticket A002 before A001", msg, data)
	}
	f.clk.Set(time.Date(2026, 11, 28, 9, 45, 0, 0, ict)) // 09:30 + 10 min passed: missed

	c := f.signedIn()
	_, page := f.get(c, "/lich-hen")
	for _, want := range []string{"Hoàng Thị Em", "0912000002", onTime.Code, missed.Code, "Vắng (quá giờ nhận lịch)", "Đã hủy", "Chờ đến", "A002"} {
		if !strings.Contains(page, want) {
			t.Errorf("the appointments page lacks %q", want)
		}
	}
	if !strings.Contains(page, `<td class="n booked">3</td><td class="n checked-in">1</td>`) || !strings.Contains(page, `<td class="n missed">1</td>`) {
		t.Errorf("the page's counts are wrong: %s", byIDText(page, "appt-services"))
	}

	resp, body := f.get(c, "/api/reports/daily?date=2026-11-28")
	if resp.StatusCode != http.StatusOK {
		t.Fatal(resp.Status)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	a := r.Appointments
	if a.Booked != 3 || a.CheckedIn != 1 || a.OnTime != 1 || a.Missed != 1 || a.Cancelled != 1 || a.Tickets != 1 || a.Called != 1 ||
		a.WaitS.Mean == nil || *a.WaitS.Mean != 120 {
		t.Fatalf("report appointments: %+v", a)
	}
	if len(r.ByService) == 0 || r.ByService[0].ID != "A" || r.ByService[0].Appointments.Booked != 3 || r.Issued != 2 {
		t.Fatalf("by_service: %+v", r.ByService)
	}
	_, page = f.get(c, "/reports?date=28/11/2026")
	if !strings.Contains(page, `id="appointments"`) {
		t.Error("the day's report page has no appointments table")
	}
	_, xlsx := f.get(c, "/reports/daily.xlsx?date=2026-11-28")
	wb, err := excelize.OpenReader(bytes.NewReader([]byte(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows("Lịch hẹn")
	if err != nil {
		t.Fatalf("no Lịch hẹn sheet: %v", err)
	}
	var total []string
	for _, row := range rows {
		if len(row) > 1 && row[1] == "Tổng cộng" {
			total = row
		}
	}
	if strings.Join(total, "|") != "|Tổng cộng|3|1|1|0|0|1|1|1|120|120|120" {
		t.Errorf("xlsx total row: %q", total)
	}
}
