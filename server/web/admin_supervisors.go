package web

import (
	"net/http"
	"slices"
	"unicode/utf8"

	"hallq/server/config"
)

// minPasswordRunes is the shortest supervisor password an admin may set.
const minPasswordRunes = 8

func (s *Server) supervisorRoutes() {
	s.adminGet("/admin/supervisors", s.supervisorsPage)
	s.adminPost("/admin/supervisors", s.addSupervisor)
	s.adminGet("/admin/supervisors/{username}", s.supervisorPage)
	s.adminPost("/admin/supervisors/{username}", s.editSupervisor)
	s.adminPost("/admin/supervisors/{username}/password", s.resetPassword)
	s.adminPost("/admin/supervisors/{username}/disable", s.disableSupervisor(true))
	s.adminPost("/admin/supervisors/{username}/enable", s.disableSupervisor(false))
}

// supervisorData is what the supervisor pages show: never a password hash.
type supervisorData struct {
	Supervisors []supervisorRow
	Supervisor  supervisorRow
	PassForm    *adminForm
	RowAlert    *adminForm
}

type supervisorRow struct {
	Username, Name string
	Admin          bool
	Disabled       bool
}

func supervisorRows(c *config.Config) []supervisorRow {
	out := make([]supervisorRow, len(c.Supervisors))
	for i, sv := range c.Supervisors {
		out[i] = supervisorRow{sv.Username, sv.Name, sv.IsAdmin(), sv.Disabled}
	}
	return out
}

func supervisorIndex(c *config.Config, username string) int {
	return slices.IndexFunc(c.Supervisors, func(sv config.Supervisor) bool { return sv.Username == username })
}

// checkPassword records on f a password under minPasswordRunes.
func checkNewPassword(f *adminForm, pass string) {
	if utf8.RuneCountInString(pass) < minPasswordRunes {
		f.fail("password", "Mật khẩu phải có ít nhất 8 ký tự (password must be at least 8 characters).")
	}
}

// readRole reads the role field; anything but the two roles is recorded.
func readRole(f *adminForm) string {
	role := f.Values["role"]
	if role != config.RoleAdmin && role != config.RoleSupervisor {
		f.fail("role", "Vui lòng chọn vai trò: quản trị hoặc giám sát (role must be admin or supervisor).")
	}
	return role
}

func (s *Server) supervisorsPage(w http.ResponseWriter, r *http.Request, user string) {
	s.renderSupervisors(w, r, user, http.StatusOK, emptyForm(map[string]string{"role": config.RoleSupervisor}), nil)
}

func (s *Server) renderSupervisors(w http.ResponseWriter, r *http.Request, user string, status int, f, rowAlert *adminForm) {
	f.Values["password"] = ""
	s.render(w, status, "admin_supervisors", s.view(r, user, "admin", "Quản trị: tài khoản giám sát",
		adminPage{Menu: "supervisors", Saved: savedNote(r), Form: f,
			Data: supervisorData{Supervisors: supervisorRows(s.hall.Config()), RowAlert: rowAlert}}))
}

// addSupervisor serves POST /admin/supervisors.
func (s *Server) addSupervisor(w http.ResponseWriter, r *http.Request, user string) {
	f := newForm(r, "username", "name", "role", "password")
	checkUsername(f, f.Values["username"])
	role := readRole(f)
	pass := r.PostFormValue("password") // as typed: spaces count
	checkNewPassword(f, pass)
	if f.failed() {
		s.renderSupervisors(w, r, user, http.StatusUnprocessableEntity, f, nil)
		return
	}
	hash, err := config.Hash(pass)
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	sv := config.Supervisor{Username: f.Values["username"], Name: f.Values["name"], PasswordHash: hash, Role: role}
	index := len(s.hall.Config().Supervisors)
	ok, err := s.update(f, user, "supervisor.add", "supervisor "+sv.Username, "supervisor", index, func(c *config.Config) error {
		c.Supervisors = append(c.Supervisors, sv)
		return nil
	})
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	if !ok {
		s.renderSupervisors(w, r, user, http.StatusUnprocessableEntity, f, nil)
		return
	}
	saved(w, r, "/admin/supervisors", "supervisor.add")
}

// supervisorPage serves GET /admin/supervisors/{username}.
func (s *Server) supervisorPage(w http.ResponseWriter, r *http.Request, user string) {
	c := s.hall.Config()
	i := supervisorIndex(c, r.PathValue("username"))
	if i < 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không có tài khoản này (no such account).")
		return
	}
	s.renderSupervisor(w, r, user, http.StatusOK, c, i, s.supervisorValues(c, i), emptyForm(nil))
}

func (s *Server) supervisorValues(c *config.Config, i int) *adminForm {
	role := config.RoleSupervisor
	if c.Supervisors[i].IsAdmin() {
		role = config.RoleAdmin
	}
	return emptyForm(map[string]string{"name": c.Supervisors[i].Name, "role": role})
}

func (s *Server) renderSupervisor(w http.ResponseWriter, r *http.Request, user string, status int, c *config.Config, i int, f, pass *adminForm) {
	pass.Values["password"] = ""
	s.render(w, status, "admin_supervisor", s.view(r, user, "admin", "Quản trị: tài khoản "+c.Supervisors[i].Username,
		adminPage{Menu: "supervisors", Form: f, Data: supervisorData{Supervisor: supervisorRows(c)[i], PassForm: pass}}))
}

// editSupervisor serves POST /admin/supervisors/{username}: name and role.
// The last enabled admin cannot be demoted (the rules refuse it).
func (s *Server) editSupervisor(w http.ResponseWriter, r *http.Request, user string) {
	s.supervisorForm(w, r, user, "supervisor.edit", func(f *adminForm) (func(*config.Supervisor), bool) {
		role := readRole(f)
		if f.failed() {
			return nil, false
		}
		return func(sv *config.Supervisor) { sv.Name, sv.Role = f.Values["name"], role }, true
	}, "name", "role")
}

// resetPassword serves POST /admin/supervisors/{username}/password; the
// account's other sessions end.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request, user string) {
	s.supervisorForm(w, r, user, "supervisor.reset_password", func(f *adminForm) (func(*config.Supervisor), bool) {
		pass := r.PostFormValue("password")
		checkNewPassword(f, pass)
		if f.failed() {
			return nil, false
		}
		hash, err := config.Hash(pass)
		if err != nil {
			f.fail("password", "Không tạo được mật khẩu, vui lòng thử lại.")
			return nil, false
		}
		return func(sv *config.Supervisor) { sv.PasswordHash = hash }, true
	}, "password")
}

// supervisorForm runs a form of the account page: read builds the change
// (false: refused, messages on f).
func (s *Server) supervisorForm(w http.ResponseWriter, r *http.Request, user, action string,
	read func(f *adminForm) (func(*config.Supervisor), bool), fields ...string) {
	username := r.PathValue("username")
	c := s.hall.Config()
	i := supervisorIndex(c, username)
	if i < 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không có tài khoản này (no such account).")
		return
	}
	f := newForm(r, fields...)
	again := func() {
		edit, pass := s.supervisorValues(c, i), emptyForm(nil)
		if action == "supervisor.reset_password" {
			pass = f
		} else {
			edit = f
		}
		s.renderSupervisor(w, r, user, http.StatusUnprocessableEntity, c, i, edit, pass)
	}
	change, ok := read(f)
	if !ok {
		again()
		return
	}
	ok, err := s.update(f, user, action, "supervisor "+username, "supervisor", i, func(c *config.Config) error {
		j := supervisorIndex(c, username)
		if j < 0 {
			return &badInput{msg: "Tài khoản này vừa bị xóa (the account is gone)."}
		}
		change(&c.Supervisors[j])
		return nil
	})
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	if !ok {
		again()
		return
	}
	if action == "supervisor.reset_password" && username != user {
		s.sessions.EndUser(username)
	}
	saved(w, r, "/admin/supervisors", action)
}

// disableSupervisor serves POST /admin/supervisors/{username}/disable (and
// /enable): a disabled account cannot sign in and its sessions end. The
// last enabled admin cannot be disabled (the rules refuse it).
func (s *Server) disableSupervisor(disable bool) func(w http.ResponseWriter, r *http.Request, user string) {
	action := "supervisor.enable"
	if disable {
		action = "supervisor.disable"
	}
	return func(w http.ResponseWriter, r *http.Request, user string) {
		username := r.PathValue("username")
		f := emptyForm(nil)
		ok, err := s.update(f, user, action, "supervisor "+username, "supervisor", -2, func(c *config.Config) error {
			i := supervisorIndex(c, username)
			if i < 0 {
				return &badInput{msg: "Không có tài khoản này (no such account)."}
			}
			c.Supervisors[i].Disabled = disable
			return nil
		})
		if ok && disable {
			s.sessions.EndUser(username)
		}
		s.rowDone(w, r, user, err, ok, f, "/admin/supervisors", action,
			func(w http.ResponseWriter, r *http.Request, user string, f *adminForm) {
				s.renderSupervisors(w, r, user, http.StatusConflict, emptyForm(map[string]string{"role": config.RoleSupervisor}), f)
			})
	}
}
