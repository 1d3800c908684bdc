package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hallq/server/config"
)

// TestHenOnPhone books an appointment in Chromium on a 360×740 touch
// phone: the service, a slot, the name and number typed, the booking's
// code and QR on screen; no page of the flow is wider than the phone, and
// each tap target is at least 44 px high.
func TestHenOnPhone(t *testing.T) {
	execPath := needChromium(t)
	srv, _, base := startDemoHall(t)
	if err := srv.Hall.UpdateConfig("test", "service.appointments", "service B", func(c *config.Config) error {
		sv := &c.Services[1]
		sv.Appointments, sv.AppointmentCapacity = true, 3
		sv.AppointmentDays = []string{"mon", "tue", "wed", "thu", "fri", "sat"}
		sv.AppointmentHours = []string{"13:30-16:30"}
		sv.Name = strings.Repeat("Xuất nhập khẩu, ", 8)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t, execPath)
	run(t, ctx, "phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	fits := func(what string) {
		t.Helper()
		sizes, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
		if err != nil {
			t.Fatal(err)
		}
		if len(sizes) != 2 || sizes[0] > sizes[1] || sizes[1] > 360 {
			t.Errorf("%s: the page is %v px wide in a %v px phone", what, sizes[0], sizes[1])
		}
	}
	run(t, ctx, "open /hen", chromedp.Navigate(base+"/hen"), chromedp.WaitVisible(chromedp.ID("svc-B")))
	fits("the services")
	run(t, ctx, "choose B", chromedp.Click(chromedp.ID("svc-B")), chromedp.WaitVisible(chromedp.ID("book-form")))
	fits("the slots")
	small, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll('.slot span, button, input[name=ten], input[name=dt]')).filter(function(e){return e.getBoundingClientRect().height < 44}).length`))
	if err != nil || small != 0 {
		t.Errorf("%d tap targets lower than 44 px (%v)", small, err)
	}
	run(t, ctx, "book",
		chromedp.Click(chromedp.CSS(`input[value="2026-11-28 14:00"] + span`)),
		chromedp.SendKeys(chromedp.ID("ten"), "Nguyễn Thị Hoa"),
		chromedp.SendKeys(chromedp.ID("dt"), "0912 345 678"),
		chromedp.Click(chromedp.ID("book")),
		chromedp.WaitVisible(chromedp.ID("code")),
	)
	fits("the booking")
	code := text(t, ctx, "#code")
	if len(code) != 6 || !strings.Contains(text(t, ctx, "#b-slot"), "14:00") {
		t.Fatalf("booking page: code %q, slot %q", code, text(t, ctx, "#b-slot"))
	}
	qr, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector('.qr svg').getBoundingClientRect().width`))
	if err != nil || qr < 150 {
		t.Errorf("the QR code is %d px wide (%v), want a scannable size", qr, err)
	}
	screenshot(t, ctx, "web-hen-phone")
	b, err := srv.Hall.Booking(code)
	if err != nil || b.Name != "Nguyễn Thị Hoa" || b.Phone != "0912345678" || b.Slot != "14:00" {
		t.Fatalf("stored booking: %+v %v", b, err)
	}
	run(t, ctx, "cancel", chromedp.Click(chromedp.ID("cancel")), chromedp.WaitVisible(chromedp.ID("notice")))
	waitText(t, ctx, "#b-state", "Đã hủy")
}
