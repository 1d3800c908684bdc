package web

import (
	"net/http"
	"strconv"
	"strings"

	"hallq/server/config"
)

// hallFields are the [hall] keys the hall settings page edits; each is its
// form field's name.
var hallFields = []string{"name", "open", "close", "timezone", "rating_window", "wait_alert", "service_alert",
	"priority_streak", "feedback_contact", "ticker", "announcement", "hide_clerk_results", "public_url"}

// adminPage is what an admin page's template receives.
type adminPage struct {
	Menu  string // the admin submenu entry to highlight
	Saved string
	Form  *adminForm
	Data  any
}

func (s *Server) hallRoutes() {
	s.adminGet("/admin/hall", s.adminHallPage)
	s.adminPost("/admin/hall", s.saveHall)
}

// hallValues returns h as form values.
func hallValues(h config.Hall) map[string]string {
	return map[string]string{
		"name": h.Name, "open": h.Open, "close": h.Close, "timezone": h.Timezone,
		"rating_window": h.RatingWindow, "wait_alert": h.WaitAlert, "service_alert": h.ServiceAlert,
		"priority_streak": strconv.Itoa(h.PriorityStreak), "feedback_contact": h.FeedbackContact,
		"ticker": h.Ticker, "announcement": h.Announcement, "hide_clerk_results": checked(h.HideClerkResults),
		"public_url": h.PublicURL,
	}
}

// checked is a checkbox's form value.
func checked(b bool) string {
	if b {
		return "on"
	}
	return ""
}

// adminHallPage serves GET /admin/hall.
func (s *Server) adminHallPage(w http.ResponseWriter, r *http.Request, user string) {
	f := emptyForm(hallValues(s.hall.Config().Hall))
	s.renderHall(w, r, user, http.StatusOK, f)
}

func (s *Server) renderHall(w http.ResponseWriter, r *http.Request, user string, status int, f *adminForm) {
	s.render(w, status, "admin_hall", s.view(r, user, "admin", "Quản trị: thông tin chung",
		adminPage{Menu: "hall", Saved: savedNote(r), Form: f}))
}

// saveHall serves POST /admin/hall.
func (s *Server) saveHall(w http.ResponseWriter, r *http.Request, user string) {
	f := newForm(r, hallFields...)
	v := f.Values
	streak, err := strconv.Atoi(v["priority_streak"])
	if err != nil {
		f.fail("priority_streak", "Phải là một số nguyên, ví dụ 0 hoặc 3 (must be a whole number).")
	}
	if f.failed() {
		s.renderHall(w, r, user, http.StatusUnprocessableEntity, f)
		return
	}
	ok, err := s.update(f, user, "hall.edit", "hall", "hall", 0, func(c *config.Config) error {
		// Field by field: keys this page does not edit keep their value.
		h := &c.Hall
		h.Name, h.Open, h.Close, h.Timezone = v["name"], v["open"], v["close"], v["timezone"]
		h.RatingWindow, h.WaitAlert, h.ServiceAlert, h.PriorityStreak = v["rating_window"], v["wait_alert"], v["service_alert"], streak
		h.FeedbackContact, h.Ticker, h.Announcement = v["feedback_contact"], v["ticker"], v["announcement"]
		h.HideClerkResults = v["hide_clerk_results"] == "on"
		h.PublicURL = strings.TrimSpace(v["public_url"])
		return nil
	})
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	if !ok {
		s.renderHall(w, r, user, http.StatusUnprocessableEntity, f)
		return
	}
	saved(w, r, "/admin/hall", "hall.edit")
}
