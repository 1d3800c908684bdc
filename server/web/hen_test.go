package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"hallq/server/config"
	"hallq/server/hall"
	"hallq/server/web"
	"hallq/shared/queue"
)

// openAppointments lets service A take appointments every day 08:00 to
// 11:00, 30-minute slots of capacity places.
func (f *fixture) openAppointments(capacity int) {
	f.t.Helper()
	if err := f.hall.UpdateConfig("test", "service.appointments", "service A", func(c *config.Config) error {
		sv := &c.Services[0]
		sv.Appointments, sv.AppointmentCapacity = true, capacity
		sv.AppointmentDays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
		sv.AppointmentHours = []string{"08:00-11:00"}
		return nil
	}); err != nil {
		f.t.Fatal(err)
	}
}

var codeOnPage = regexp.MustCompile(`id="code">([2-9A-Z]{6})<`)

// book posts a booking and returns the response, the page it leads to and
// the code on it ("" when refused).
func (f *fixture) book(c *http.Client, slot, name, phone string) (*http.Response, string, string) {
	f.t.Helper()
	resp, page := f.post(c, "/hen", url.Values{"dv": {"A"}, "slot": {slot}, "ten": {name}, "dt": {phone}})
	if resp.StatusCode != http.StatusSeeOther {
		return resp, page, ""
	}
	_, page = f.get(c, resp.Header.Get("Location"))
	m := codeOnPage.FindStringSubmatch(page)
	if m == nil {
		f.t.Fatalf("no code on the booking's page: %.500s", page)
	}
	return resp, page, m[1]
}

func TestHenBooking(t *testing.T) {
	f := newFixture(t) // Saturday 2026-11-28 09:00
	c := f.client()
	if _, page := f.get(c, "/hen"); !strings.Contains(page, `id="no-services"`) {
		t.Fatal("with no service taking appointments, the page does not say so")
	}
	f.openAppointments(2)
	_, page := f.get(c, "/hen")
	if !strings.Contains(page, `href="/hen?dv=A"`) || strings.Contains(page, `dv=B"`) || !strings.Contains(page, `name="viewport"`) {
		t.Fatalf("the start page does not offer service A alone: %.800s", page)
	}
	_, page = f.get(c, "/hen?dv=A")
	if strings.Contains(page, `value="2026-11-28 09:00"`) || !strings.Contains(page, `value="2026-11-28 09:30"`) || !strings.Contains(page, "Thứ Bảy 28/11") {
		t.Fatalf("slots: a started slot is offered or the next is not: %.1500s", page)
	}
	if resp, _ := f.get(c, "/hen?dv=B"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a service without appointments: got %d, want 404", resp.StatusCode)
	}

	// Refusals keep what was typed and say why, in Vietnamese.
	resp, page, _ := f.book(c, "2026-11-28 09:30", "Lê Văn Cường", "0274 123 456")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "Số điện thoại di động không đúng") || !strings.Contains(page, `value="Lê Văn Cường"`) {
		t.Fatalf("a landline: got %d: %.300s", resp.StatusCode, byIDText(page, "error"))
	}
	resp, page, _ = f.book(c, "2026-11-28 09:45", "Lê Văn Cường", "0912345678")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "Không có lượt hẹn") {
		t.Fatalf("not a slot: got %d %s", resp.StatusCode, byIDText(page, "error"))
	}

	_, page, code := f.book(c, "2026-11-28 09:30", "Lê Văn Cường", "+84 912 345 678")
	for _, want := range []string{"<svg", "Thứ Bảy, 28/11/2026", "09:30", "*******678", "09:15", "09:40", `id="cancel"`, "Đặt lịch thành công"} {
		if !strings.Contains(page, want) {
			t.Errorf("the booking's page lacks %q", want)
		}
	}
	if strings.Contains(page, "0912345678") {
		t.Error("the booking's page shows the whole phone number")
	}
	// Looked up with the code in any case.
	if _, page := f.get(c, "/hen?ma="+strings.ToLower(code)); !strings.Contains(page, `id="code">`+code) {
		t.Error("a lower-case code does not find the booking")
	}
	if resp, page := f.get(c, "/hen?ma=ZZZZZZ"); resp.StatusCode != http.StatusNotFound || !strings.Contains(page, "Không tìm thấy lịch hẹn") {
		t.Errorf("an unknown code: got %d", resp.StatusCode)
	}
	_, page = f.get(c, "/hen?dv=A")
	if !strings.Contains(page, "còn 1") {
		t.Error("the booked slot does not show one place left")
	}
	// Cancelled with the code: the place is free again.
	resp, page = f.post(c, "/hen/huy", url.Values{"ma": {code}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Đã hủy lịch hẹn") || strings.Contains(page, `id="cancel"`) {
		t.Fatalf("cancel: got %d %s", resp.StatusCode, byIDText(page, "error"))
	}
	if resp, page := f.post(c, "/hen/huy", url.Values{"ma": {code}}); resp.StatusCode != http.StatusConflict || !strings.Contains(page, "đã được hủy") {
		t.Errorf("cancelling twice: got %d", resp.StatusCode)
	}
	b, err := f.hall.Booking(code)
	if err != nil || b.State != queue.Cancelled || b.Name != "Lê Văn Cường" {
		t.Fatalf("stored booking: %+v %v", b, err)
	}
}

// byIDText returns the text of the element with id in page, or "".
func byIDText(page, id string) string {
	m := regexp.MustCompile(`id="` + id + `">([^<]*)<`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}

// TestHenLastPlaceRace books the last place of a slot from many phones at
// once over HTTP: exactly one gets it; every other gets the slot-full
// message and nothing is stored for it.
func TestHenLastPlaceRace(t *testing.T) {
	f := newFixture(t)
	f.openAppointments(3)
	c := f.client()
	for i := range 2 {
		if _, _, code := f.book(c, "2026-11-28 10:00", "Người đặt trước", fmt.Sprintf("090000000%d", i)); code == "" {
			t.Fatal("the first places were refused")
		}
	}
	const phones = 24
	var wg sync.WaitGroup
	status := make([]int, phones)
	pages := make([]string, phones)
	start := make(chan struct{})
	for i := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			resp, err := f.client().PostForm(f.srv.URL+"/hen", url.Values{"dv": {"A"}, "slot": {"2026-11-28 10:00"},
				"ten": {"Công dân " + fmt.Sprint(i)}, "dt": {fmt.Sprintf("09123456%02d", i)}})
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			var b strings.Builder
			buf := make([]byte, 32<<10)
			for {
				n, err := resp.Body.Read(buf)
				b.Write(buf[:n])
				if err != nil {
					break
				}
			}
			status[i], pages[i] = resp.StatusCode, b.String()
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for i := range phones {
		switch status[i] {
		case http.StatusSeeOther:
			won++
		case http.StatusConflict:
			if !strings.Contains(pages[i], "vừa hết chỗ") {
				t.Errorf("a loser's page does not say the slot is full: %s", byIDText(pages[i], "error"))
			}
		default:
			t.Errorf("booking %d: got %d", i, status[i])
		}
	}
	if won != 1 {
		t.Fatalf("%d bookings took the last place, want exactly 1", won)
	}
	all, err := f.hall.Bookings("2026-11-28", "2026-11-28")
	if err != nil || len(all) != 3 {
		t.Fatalf("stored bookings: %d %v, want 3", len(all), err)
	}
}

// TestHenRateLimit: one address that books or guesses codes too often
// waits, with a Vietnamese message; another address does not.
func TestHenRateLimit(t *testing.T) {
	f := newFixture(t)
	f.openAppointments(1)
	c := f.client()
	for i := range 30 {
		if resp, _ := f.get(c, fmt.Sprintf("/hen?ma=ZZZZ%02d", i)); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("guess %d: got %d, want 404", i, resp.StatusCode)
		}
	}
	f.get(c, "/hen?ma=ZZZZZZ") // the 31st failure brings a wait
	resp, page := f.post(c, "/hen", url.Values{"dv": {"A"}, "slot": {"2026-11-28 10:00"}, "ten": {"An"}, "dt": {"0912345678"}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(page, "quá nhiều lần") || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("after 31 failures: got %d %s", resp.StatusCode, byIDText(page, "error"))
	}
	if all, _ := f.hall.Bookings("2026-11-28", "2026-11-28"); len(all) != 0 {
		t.Fatal("a limited booking was stored")
	}
	// The page itself and its slots stay readable.
	if resp, _ := f.get(c, "/hen?dv=A"); resp.StatusCode != http.StatusOK {
		t.Errorf("the slots page while limited: got %d", resp.StatusCode)
	}
}

// The hall serves the booking page: it is the web package's Appointments.
var _ web.Appointments = (*hall.Hall)(nil)

// TestPublicPageLinksHen: the public page offers booking for the services
// that take appointments.
func TestPublicPageLinksHen(t *testing.T) {
	f := newFixture(t)
	if _, page := f.get(f.client(), "/cong-khai"); strings.Contains(page, "/hen?dv=") {
		t.Fatal("a booking link with no service taking appointments")
	}
	f.openAppointments(1)
	_, page := f.get(f.client(), "/cong-khai")
	if !strings.Contains(page, `href="/hen?dv=A"`) || strings.Contains(page, `href="/hen?dv=B"`) {
		t.Error("the public page does not link service A (alone) to /hen")
	}
}
