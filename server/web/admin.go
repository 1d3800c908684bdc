package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"hallq/server/config"
)

// The admin pages (/admin/...) change the hall's configuration. Only an
// enabled supervisor account with the admin role may open them or post to
// them; every change goes through Hall.UpdateConfig, which validates it by
// the rules of SPEC section 2, refuses what would strand work, and audits it.

// adminBodyMax bounds an admin form (a service's procedures are the
// longest).
const adminBodyMax = 64 << 10

// admin wraps a page or form handler that needs the admin role: a
// supervisor without it gets 403.
func (s *Server) admin(h func(w http.ResponseWriter, r *http.Request, user string)) func(w http.ResponseWriter, r *http.Request, user string) {
	return func(w http.ResponseWriter, r *http.Request, user string) {
		if sv, ok := s.hall.Supervisor(user); !ok || !sv.IsAdmin() || sv.Disabled {
			s.log.Warn("admin page refused", "user", user, "path", r.URL.Path)
			s.errorPage(w, r, user, http.StatusForbidden, "Chỉ tài khoản quản trị (admin) mới được dùng trang này (admins only).")
			return
		}
		h(w, r, user)
	}
}

// adminGet registers an admin page.
func (s *Server) adminGet(pattern string, h func(w http.ResponseWriter, r *http.Request, user string)) {
	s.mux.HandleFunc("GET "+pattern, s.page(s.admin(h)))
}

// adminPost registers an admin form action: a form body, a session, the
// admin role and the CSRF token, in that order.
func (s *Server) adminPost(pattern string, h func(w http.ResponseWriter, r *http.Request, user string)) {
	s.mux.HandleFunc("POST "+pattern, s.form(adminBodyMax, s.page(s.admin(s.csrf(h)))))
}

// adminRoutes registers the admin pages.
func (s *Server) adminRoutes() {
	s.adminGet("/admin", func(w http.ResponseWriter, r *http.Request, _ string) {
		http.Redirect(w, r, "/admin/hall", http.StatusSeeOther)
	})
	s.adminGet("/admin/{$}", func(w http.ResponseWriter, r *http.Request, _ string) {
		http.Redirect(w, r, "/admin/hall", http.StatusSeeOther)
	})
	s.hallRoutes()
	s.serviceRoutes()
	s.counterRoutes()
	s.clerkRoutes()
	s.supervisorRoutes()
	s.auditRoutes()
}

// adminForm is a form's state on an admin page: the values typed, the
// message for each field (by its name), and a message for the whole form.
type adminForm struct {
	Values map[string]string
	Multi  map[string][]string // checkboxes
	Errs   map[string]string
	Alert  string
}

// newForm returns a form holding the values of r's fields.
func newForm(r *http.Request, fields ...string) *adminForm {
	f := &adminForm{Values: map[string]string{}, Multi: map[string][]string{}, Errs: map[string]string{}}
	for _, k := range fields {
		f.Values[k] = strings.TrimSpace(r.PostFormValue(k))
		f.Multi[k] = r.PostForm[k]
	}
	return f
}

// emptyForm returns a form with values.
func emptyForm(values map[string]string) *adminForm {
	if values == nil {
		values = map[string]string{}
	}
	return &adminForm{Values: values, Multi: map[string][]string{}, Errs: map[string]string{}}
}

// fail records msg for field (the whole form when field is empty).
func (f *adminForm) fail(field, msg string) {
	if field == "" {
		if f.Alert != "" {
			f.Alert += " "
		}
		f.Alert += msg
		return
	}
	if _, ok := f.Errs[field]; ok {
		f.Errs[field] += " " + msg
		return
	}
	f.Errs[field] = msg
}

// failed reports whether any message was recorded.
func (f *adminForm) failed() bool { return f.Alert != "" || len(f.Errs) > 0 }

// Has reports whether the checkbox field has value v, for templates.
func (f *adminForm) Has(field, v string) bool {
	for _, x := range f.Multi[field] {
		if x == v {
			return true
		}
	}
	return false
}

// fieldOf maps a config key to the form field that sets it.
var fieldOf = map[string]string{"pin_hash": "pin", "password_hash": "password"}

// refusal is a change the hall refused (a *hall.ConfigError).
type refusal interface {
	ConfigProblems() ([]*config.Error, string)
}

// update runs an admin's change through the hall. A refusal is recorded on
// f: each rule broken on the table row (table, index) next to its field,
// any other one for the whole form; ok is false then. Another error is
// returned.
func (s *Server) update(f *adminForm, user, action, target, table string, index int, change func(*config.Config) error) (ok bool, err error) {
	err = s.hall.UpdateConfig(user, action, target, change)
	if err == nil {
		s.log.Info("admin change", "user", user, "action", action, "target", target)
		return true, nil
	}
	var ref refusal
	var bad *badInput
	switch {
	case errors.As(err, &ref):
		problems, stranded := ref.ConfigProblems()
		for _, p := range problems {
			if p.Table == table && p.Index == index && p.Key != "" {
				field := p.Key
				if mapped, ok := fieldOf[field]; ok {
					field = mapped
				}
				f.fail(field, p.Msg)
				continue
			}
			f.fail("", p.Msg)
		}
		if stranded != "" {
			f.fail("", stranded)
		}
		return false, nil
	case errors.As(err, &bad):
		f.fail(bad.field, bad.msg)
		return false, nil
	}
	return false, err
}

// badInput is a change refused by the page itself (a row that is gone).
type badInput struct{ field, msg string }

func (e *badInput) Error() string { return e.msg }

// saved sends the browser back to path with a note that action is done
// (post, redirect, get: a reload does not post again).
func saved(w http.ResponseWriter, r *http.Request, path, action string) {
	http.Redirect(w, r, path+"?saved="+url.QueryEscape(action), http.StatusSeeOther)
}

// savedNotes say what each action did; the page shows the note of the
// action named in its saved parameter (only these: a link cannot make the
// page say anything else).
var savedNotes = map[string]string{
	"hall.edit":                 "Đã lưu thông tin chung của Bộ phận Một cửa.",
	"service.add":               "Đã thêm lĩnh vực.",
	"service.edit":              "Đã lưu lĩnh vực.",
	"service.move":              "Đã đổi thứ tự lĩnh vực trên ki-ốt.",
	"service.retire":            "Đã ngừng lĩnh vực (lịch sử vẫn được giữ).",
	"service.restore":           "Đã dùng lại lĩnh vực.",
	"service.appointments":      "Đã lưu cài đặt lịch hẹn của lĩnh vực.",
	"counter.add":               "Đã thêm quầy.",
	"counter.edit":              "Đã lưu quầy.",
	"counter.retire":            "Đã ngừng quầy (lịch sử vẫn được giữ).",
	"counter.restore":           "Đã dùng lại quầy.",
	"clerk.add":                 "Đã thêm công chức; công chức phải đổi mã PIN tạm thời ở lần đăng nhập đầu.",
	"clerk.edit":                "Đã lưu công chức.",
	"clerk.reset_pin":           "Đã đặt mã PIN tạm thời; công chức phải đổi mã ở lần đăng nhập tới.",
	"clerk.disable":             "Đã khóa tài khoản công chức.",
	"clerk.enable":              "Đã mở lại tài khoản công chức.",
	"clerk.unlock":              "Đã gỡ khóa đăng nhập sai mã PIN.",
	"supervisor.add":            "Đã thêm tài khoản giám sát.",
	"supervisor.edit":           "Đã lưu tài khoản giám sát.",
	"supervisor.reset_password": "Đã đặt mật khẩu mới.",
	"supervisor.disable":        "Đã khóa tài khoản giám sát.",
	"supervisor.enable":         "Đã mở lại tài khoản giám sát.",
}

// savedNote is the note of a redirect from saved.
func savedNote(r *http.Request) string { return savedNotes[r.URL.Query().Get("saved")] }

// internalError answers a change that failed for a reason not the admin's.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, user string, err error) {
	s.log.Error("admin change failed", "user", user, "path", r.URL.Path, "err", err)
	s.errorPage(w, r, user, http.StatusInternalServerError, "Lỗi hệ thống: chưa lưu được thay đổi, vui lòng thử lại (internal error).")
}
