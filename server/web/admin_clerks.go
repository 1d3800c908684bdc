package web

import (
	"net/http"
	"strings"
	"unicode"

	"hallq/server/config"
	"hallq/shared/queue"
)

// clerkTable is the clerks as the admin pages change them.
var clerkTable = adminTable[config.Clerk]{name: "clerk", path: "/admin/clerks", param: "username", list: (*Server).renderClerks,
	rows: func(c *config.Config) *[]config.Clerk { return &c.Clerks }, key: func(cl config.Clerk) string { return cl.Username },
	missing: "Không có công chức này (no such clerk).", gone: "Công chức này vừa bị xóa (the clerk is gone)."}

func (s *Server) clerkRoutes() {
	clerkTable.routes(s, s.clerksPage, s.addClerk, s.clerkPage, s.editClerk)
	clerkTable.button(s, "pin", s.resetPIN)
	// A disabled clerk cannot sign in.
	clerkTable.toggles(s, "disable", "enable", func(cl *config.Clerk) *bool { return &cl.Disabled }, nil)
	clerkTable.button(s, "unlock", s.unlockClerk())
}

// clerkData is what the clerk pages show: never a PIN or its hash.
type clerkData struct {
	Clerks   []clerkRow
	Clerk    clerkRow
	PINForm  *adminForm
	RowAlert *adminForm
}

type clerkRow struct {
	Username, Name          string
	MustChangePIN, Disabled bool
}

func clerkRows(c *config.Config) []clerkRow {
	out := make([]clerkRow, len(c.Clerks))
	for i, cl := range c.Clerks {
		out[i] = clerkRow{cl.Username, cl.Name, cl.MustChangePIN, cl.Disabled}
	}
	return out
}

// checkPIN records on f a PIN that is not 4 to 8 digits.
func checkPIN(f *adminForm, field, pin string) {
	if !queue.ValidPIN(pin) {
		f.fail(field, queue.PINRule+" (PIN must be 4 to 8 digits).")
	}
}

// checkUsername records on f a username with spaces or over 64 characters.
func checkUsername(f *adminForm, name string) {
	switch {
	case name == "":
		f.fail("username", "Vui lòng nhập tên đăng nhập (username is required).")
	case len([]rune(name)) > maxUsernameRunes || strings.ContainsFunc(name, unicode.IsSpace):
		f.fail("username", "Tên đăng nhập không có khoảng trắng và dài tối đa 64 ký tự (no spaces, at most 64 characters).")
	}
}

func (s *Server) clerksPage(w http.ResponseWriter, r *http.Request, user string) {
	s.renderClerks(w, r, user, http.StatusOK, nil, nil)
}

func (s *Server) renderClerks(w http.ResponseWriter, r *http.Request, user string, status int, f, rowAlert *adminForm) {
	if f == nil {
		f = emptyForm(nil)
	}
	f.Values["pin"] = "" // a PIN is never sent back
	s.renderAdmin(w, r, user, status, "admin_clerks", "clerks", "công chức", f,
		clerkData{Clerks: clerkRows(s.hall.Config()), RowAlert: rowAlert})
}

// addClerk serves POST /admin/clerks: the PIN given is a one-time PIN.
func (s *Server) addClerk(w http.ResponseWriter, r *http.Request, user string) {
	f := newForm(r, "username", "name", "pin")
	checkPIN(f, "pin", f.Values["pin"])
	clerkTable.addAccount(s, w, r, user, f, f.Values["pin"],
		func() { s.renderClerks(w, r, user, http.StatusUnprocessableEntity, f, nil) },
		func(hash string) config.Clerk {
			return config.Clerk{Username: f.Values["username"], Name: f.Values["name"], PINHash: hash, MustChangePIN: true}
		})
}

// clerkPage serves GET /admin/clerks/{username}: rename and reset the PIN.
func (s *Server) clerkPage(w http.ResponseWriter, r *http.Request, user string) {
	if c, _, i, ok := clerkTable.find(s, w, r, user); ok {
		s.renderClerk(w, r, user, http.StatusOK, c, i, clerkValues(c.Clerks[i]), emptyForm(nil))
	}
}

func (s *Server) renderClerk(w http.ResponseWriter, r *http.Request, user string, status int, c *config.Config, i int, f, pin *adminForm) {
	pin.Values["pin"] = ""
	s.renderAdmin(w, r, user, status, "admin_clerk", "clerks", "công chức "+c.Clerks[i].Username, f,
		clerkData{Clerk: clerkRows(c)[i], PINForm: pin})
}

// clerkValues is the edit form filled with the clerk's fields.
func clerkValues(cl config.Clerk) *adminForm {
	return emptyForm(map[string]string{"name": cl.Name, "title": cl.Title, "phone": cl.Phone})
}

// editClerk serves POST /admin/clerks/{username}: the full name, the title
// and the work phone (both shown on the public page).
func (s *Server) editClerk(w http.ResponseWriter, r *http.Request, user string) {
	s.clerkForm(w, r, user, "clerk.edit", func(f *adminForm, _ config.Clerk) (func(*config.Clerk), bool) {
		return func(cl *config.Clerk) {
			cl.Name, cl.Title, cl.Phone = f.Values["name"], f.Values["title"], f.Values["phone"]
		}, true
	}, "name", "title", "phone")
}

// resetPIN serves POST /admin/clerks/{username}/pin: the admin gives a
// one-time PIN, which the clerk must change at the next sign-in.
func (s *Server) resetPIN(w http.ResponseWriter, r *http.Request, user string) {
	s.clerkForm(w, r, user, "clerk.reset_pin", func(f *adminForm, _ config.Clerk) (func(*config.Clerk), bool) {
		checkPIN(f, "pin", f.Values["pin"])
		hash, ok := hashed(f, "pin", f.Values["pin"], "Không tạo được mã PIN, vui lòng thử lại.")
		return func(cl *config.Clerk) { cl.PINHash, cl.MustChangePIN = hash, true }, ok
	}, "pin")
}

// clerkForm runs a form of the clerk page (see adminTable.rowForm).
func (s *Server) clerkForm(w http.ResponseWriter, r *http.Request, user, action string,
	read func(f *adminForm, cl config.Clerk) (func(*config.Clerk), bool), fields ...string) {
	clerkTable.rowForm(s, w, r, user, action, fields, read, func(c *config.Config, i int, f *adminForm) {
		name, pin := formsAgain(action, "clerk.reset_pin", f, clerkValues(c.Clerks[i]))
		s.renderClerk(w, r, user, http.StatusUnprocessableEntity, c, i, name, pin)
	}, nil)
}

// unlockClerk serves POST /admin/clerks/{username}/unlock: the clerk's
// wrong-PIN slow-down ends at every counter. It changes no setting but is
// audited like one.
func (s *Server) unlockClerk() pageHandler {
	return clerkTable.rowAction(s, "clerk.unlock", func(*http.Request, []config.Clerk, int) error { return nil },
		func(username string) { s.hall.UnlockClerk(username) })
}
