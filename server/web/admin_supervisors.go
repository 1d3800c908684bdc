package web

import (
	"net/http"
	"unicode/utf8"

	"hallq/server/config"
)

// minPasswordRunes is the shortest supervisor password an admin may set.
const minPasswordRunes = 8

func (s *Server) supervisorRoutes() {
	supervisorTable.routes(s, s.supervisorsPage, s.addSupervisor, s.supervisorPage, s.editSupervisor)
	supervisorTable.button(s, "password", s.resetPassword)
	// A disabled account cannot sign in and its sessions end. The last
	// enabled admin cannot be disabled (the rules refuse it).
	supervisorTable.toggles(s, "disable", "enable", func(sv *config.Supervisor) *bool { return &sv.Disabled }, s.sessions.EndUser)
}

// supervisorTable is the supervisor accounts as the admin pages change them.
var supervisorTable = adminTable[config.Supervisor]{name: "supervisor", path: "/admin/supervisors", param: "username", list: (*Server).renderSupervisors,
	rows: func(c *config.Config) *[]config.Supervisor { return &c.Supervisors }, key: func(sv config.Supervisor) string { return sv.Username },
	missing: "Không có tài khoản này (no such account).", gone: "Tài khoản này vừa bị xóa (the account is gone)."}

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
	s.renderSupervisors(w, r, user, http.StatusOK, nil, nil)
}

func (s *Server) renderSupervisors(w http.ResponseWriter, r *http.Request, user string, status int, f, rowAlert *adminForm) {
	if f == nil {
		f = emptyForm(map[string]string{"role": config.RoleSupervisor})
	}
	f.Values["password"] = ""
	s.renderAdmin(w, r, user, status, "admin_supervisors", "supervisors", "tài khoản giám sát", f,
		supervisorData{Supervisors: supervisorRows(s.hall.Config()), RowAlert: rowAlert})
}

// addSupervisor serves POST /admin/supervisors.
func (s *Server) addSupervisor(w http.ResponseWriter, r *http.Request, user string) {
	f := newForm(r, "username", "name", "role", "password")
	role := readRole(f)
	pass := r.PostFormValue("password") // as typed: spaces count
	checkNewPassword(f, pass)
	supervisorTable.addAccount(s, w, r, user, f, pass,
		func() { s.renderSupervisors(w, r, user, http.StatusUnprocessableEntity, f, nil) },
		func(hash string) config.Supervisor {
			return config.Supervisor{Username: f.Values["username"], Name: f.Values["name"], PasswordHash: hash, Role: role}
		})
}

// supervisorPage serves GET /admin/supervisors/{username}.
func (s *Server) supervisorPage(w http.ResponseWriter, r *http.Request, user string) {
	if c, _, i, ok := supervisorTable.find(s, w, r, user); ok {
		s.renderSupervisor(w, r, user, http.StatusOK, c, i, s.supervisorValues(c, i), emptyForm(nil))
	}
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
	s.renderAdmin(w, r, user, status, "admin_supervisor", "supervisors", "tài khoản "+c.Supervisors[i].Username, f,
		supervisorData{Supervisor: supervisorRows(c)[i], PassForm: pass})
}

// editSupervisor serves POST /admin/supervisors/{username}: name and role.
// The last enabled admin cannot be demoted (the rules refuse it).
func (s *Server) editSupervisor(w http.ResponseWriter, r *http.Request, user string) {
	s.supervisorForm(w, r, user, "supervisor.edit", func(f *adminForm, _ config.Supervisor) (func(*config.Supervisor), bool) {
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
	s.supervisorForm(w, r, user, "supervisor.reset_password", func(f *adminForm, _ config.Supervisor) (func(*config.Supervisor), bool) {
		pass := r.PostFormValue("password") // as typed: spaces count
		checkNewPassword(f, pass)
		hash, ok := hashed(f, "password", pass, "Không tạo được mật khẩu, vui lòng thử lại.")
		return func(sv *config.Supervisor) { sv.PasswordHash = hash }, ok
	}, "password")
}

// supervisorForm runs a form of the account page (see
// adminTable.rowForm); a new password ends the account's other sessions.
func (s *Server) supervisorForm(w http.ResponseWriter, r *http.Request, user, action string,
	read func(f *adminForm, sv config.Supervisor) (func(*config.Supervisor), bool), fields ...string) {
	supervisorTable.rowForm(s, w, r, user, action, fields, read, func(c *config.Config, i int, f *adminForm) {
		edit, pass := formsAgain(action, "supervisor.reset_password", f, s.supervisorValues(c, i))
		s.renderSupervisor(w, r, user, http.StatusUnprocessableEntity, c, i, edit, pass)
	}, func(username string) {
		if action == "supervisor.reset_password" && username != user {
			s.sessions.EndUser(username)
		}
	})
}
