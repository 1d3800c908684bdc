package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// appointmentForm is a valid appointment settings form for a service.
func appointmentForm() url.Values {
	return url.Values{"appointments": {"on"}, "appointment_days": {"mon", "tue", "sat"},
		"appointment_hours": {"08:00-11:00\r\n13:30-16:30"}, "appointment_slot": {"20m"}, "appointment_capacity": {"3"},
		"appointment_days_ahead": {"7"}, "appointment_check_in_before": {"15m"}, "appointment_check_in_after": {"10m"}}
}

func TestAdminAppointments(t *testing.T) {
	f := newFixture(t)
	c := f.signedIn()
	_, page := f.get(c, "/admin/services")
	if !strings.Contains(page, `href="/admin/services/A/hen"`) {
		t.Fatal("the services list has no link to the appointment settings")
	}
	_, page = f.get(c, "/admin/services/A/hen")
	for _, want := range []string{`value="30m"`, `value="14"`, `value="15m"`, `value="10m"`, `value="mon" checked`} {
		if !strings.Contains(page, want) {
			t.Errorf("the settings page shows no default %s", want)
		}
	}
	bad := func(k, v string) url.Values {
		b := appointmentForm()
		b.Set(k, v)
		return b
	}
	f.refused(c, "/admin/services/A/hen", bad("appointment_hours", "8h-11h"), "appointment_hours", "HH:MM-HH:MM")
	f.refused(c, "/admin/services/A/hen", bad("appointment_hours", "06:00-08:00"), "appointment_hours", "giờ làm việc")
	f.refused(c, "/admin/services/A/hen", bad("appointment_slot", "nửa giờ"), "appointment_slot", "khoảng thời gian")
	f.refused(c, "/admin/services/A/hen", bad("appointment_capacity", "0"), "appointment_capacity", "số nguyên dương")
	f.refused(c, "/admin/services/A/hen", bad("appointment_days_ahead", "365"), "appointment_days_ahead", "từ 1 đến 90")
	f.refused(c, "/admin/services/A/hen", bad("appointment_check_in_after", "-1m"), "appointment_check_in_after", "từ 0 đến 2 giờ")
	noDays := appointmentForm()
	noDays.Del("appointment_days")
	if page := f.refused(c, "/admin/services/A/hen", noDays, "appointment_slot", ""); !strings.Contains(page, "ít nhất một ngày") {
		t.Error("no days: the page does not say to choose one")
	}

	f.done(c, "/admin/services/A/hen", appointmentForm())
	sv := f.hall.Config().Services[0]
	if !sv.Appointments || strings.Join(sv.AppointmentDays, ",") != "mon,tue,sat" || strings.Join(sv.AppointmentHours, ",") != "08:00-11:00,13:30-16:30" ||
		sv.AppointmentSlot != "20m" || sv.AppointmentCapacity != 3 || sv.AppointmentDaysAhead != 7 || sv.Name == "" {
		t.Fatalf("service A after save = %+v", sv)
	}
	r, ok := f.hall.Settings().Appointments["A"]
	if !ok || r.Slot != 20*time.Minute || r.Capacity != 3 || !r.Days[time.Saturday] {
		t.Fatalf("the queue's rules after save = %+v (%v)", r, ok)
	}
	// The service's own form keeps the appointment settings.
	f.done(c, "/admin/services/A", url.Values{"name": {"Lưu thông"}, "daily_limit": {"0"}})
	if !f.hall.Config().Services[0].Appointments {
		t.Error("editing the service switched its appointments off")
	}
	// Audited, with what changed.
	_, audit := f.get(c, "/admin/audit.json")
	if !strings.Contains(audit, "service.appointments") || !strings.Contains(audit, "appointment_slot") {
		t.Errorf("the audit log has no service.appointments entry with its changes: %.400s", audit)
	}
	// Switched off: the rules go.
	off := appointmentForm()
	off.Del("appointments")
	f.done(c, "/admin/services/A/hen", off)
	if _, ok := f.hall.Settings().Appointments["A"]; ok {
		t.Error("appointments still on after switching them off")
	}
}
