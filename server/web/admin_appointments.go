package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hallq/server/config"
)

// The appointment settings of a service (/admin/services/{id}/hen): whether
// it takes bookings, on which weekdays and hours, the slot's length and
// capacity, how far ahead, and the kiosk's check-in window. They are the
// service's appointment_ keys, changed through the hall like any other
// admin change (validated, audited as service.appointments).

// appointmentFields are the form's fields; days and hours map to
// appointment_days and appointment_hours.
var appointmentFields = []string{"appointments", "appointment_days", "appointment_hours", "appointment_slot",
	"appointment_capacity", "appointment_days_ahead", "appointment_check_in_before", "appointment_check_in_after"}

func (s *Server) appointmentRoutes() {
	s.adminGet("/admin/services/{id}/hen", s.appointmentSettingsPage)
	s.adminPost("/admin/services/{id}/hen", s.saveAppointmentSettings)
}

// appointmentView is the page's data: the service and the weekdays.
type appointmentView struct {
	Service  config.Service
	Weekdays []struct{ Key, Name string }
}

// appointmentValues returns sv's appointment keys as form values, the
// defaults filled in.
func appointmentValues(sv config.Service) *adminForm {
	d := sv.AppointmentDefaults()
	f := emptyForm(map[string]string{
		"appointments":                checked(sv.Appointments),
		"appointment_hours":           strings.Join(sv.AppointmentHours, "\n"),
		"appointment_slot":            d.AppointmentSlot,
		"appointment_capacity":        strconv.Itoa(d.AppointmentCapacity),
		"appointment_days_ahead":      strconv.Itoa(d.AppointmentDaysAhead),
		"appointment_check_in_before": d.CheckInBefore,
		"appointment_check_in_after":  d.CheckInAfter,
	})
	f.Multi["appointment_days"] = sv.AppointmentDays
	if len(sv.AppointmentDays) == 0 {
		f.Multi["appointment_days"] = []string{"mon", "tue", "wed", "thu", "fri"}
	}
	return f
}

// appointmentSettingsPage serves GET /admin/services/{id}/hen.
func (s *Server) appointmentSettingsPage(w http.ResponseWriter, r *http.Request, user string) {
	c, _, i, ok := serviceTable.find(s, w, r, user)
	if !ok {
		return
	}
	s.renderAppointments(w, r, user, http.StatusOK, c.Services[i], appointmentValues(c.Services[i]))
}

func (s *Server) renderAppointments(w http.ResponseWriter, r *http.Request, user string, status int, sv config.Service, f *adminForm) {
	s.renderAdmin(w, r, user, status, "admin_appointments", "services", "lịch hẹn lĩnh vực "+sv.ID, f,
		appointmentView{Service: sv, Weekdays: config.Weekdays})
}

// readAppointments reads the form into sv; numbers that do not read are
// recorded on f. The rules of the values are the config's (Validate).
func readAppointments(f *adminForm, sv *config.Service) {
	v := f.Values
	sv.Appointments = v["appointments"] == "on"
	sv.AppointmentDays = nil
	for _, w := range config.Weekdays[1:] {
		if f.Has("appointment_days", w.Key) {
			sv.AppointmentDays = append(sv.AppointmentDays, w.Key)
		}
	}
	if f.Has("appointment_days", "sun") {
		sv.AppointmentDays = append(sv.AppointmentDays, "sun")
	}
	if sv.Appointments && len(sv.AppointmentDays) == 0 {
		f.fail("appointment_days", "Chọn ít nhất một ngày nhận lịch hẹn (choose at least one day).")
	}
	sv.AppointmentHours = nil
	for _, line := range strings.FieldsFunc(v["appointment_hours"], func(r rune) bool { return r == '\n' || r == ',' || r == ';' }) {
		if line = strings.TrimSpace(line); line != "" {
			sv.AppointmentHours = append(sv.AppointmentHours, line)
		}
	}
	sv.AppointmentSlot = v["appointment_slot"]
	sv.CheckInBefore, sv.CheckInAfter = v["appointment_check_in_before"], v["appointment_check_in_after"]
	number := func(key string, dst *int) {
		n, err := strconv.Atoi(v[key])
		if err != nil || n < 1 {
			f.fail(key, "Phải là một số nguyên dương (must be a whole number above 0).")
			return
		}
		*dst = n
	}
	number("appointment_capacity", &sv.AppointmentCapacity)
	number("appointment_days_ahead", &sv.AppointmentDaysAhead)
}

// saveAppointmentSettings serves POST /admin/services/{id}/hen.
func (s *Server) saveAppointmentSettings(w http.ResponseWriter, r *http.Request, user string) {
	serviceTable.rowForm(s, w, r, user, "service.appointments", appointmentFields,
		func(f *adminForm, sv config.Service) (func(*config.Service), bool) {
			readAppointments(f, &sv)
			return func(row *config.Service) {
				row.Appointments, row.AppointmentDays, row.AppointmentHours = sv.Appointments, slices.Clone(sv.AppointmentDays), slices.Clone(sv.AppointmentHours)
				row.AppointmentSlot, row.AppointmentCapacity, row.AppointmentDaysAhead = sv.AppointmentSlot, sv.AppointmentCapacity, sv.AppointmentDaysAhead
				row.CheckInBefore, row.CheckInAfter = sv.CheckInBefore, sv.CheckInAfter
			}, !f.failed()
		},
		func(c *config.Config, i int, f *adminForm) {
			s.renderAppointments(w, r, user, http.StatusUnprocessableEntity, c.Services[i], f)
		}, nil)
}
