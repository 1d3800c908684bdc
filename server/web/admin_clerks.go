package web

import (
	"net/http"
	"slices"
	"strings"
	"unicode"

	"hallq/server/config"
	"hallq/shared/queue"
)

func (s *Server) clerkRoutes() {
	s.adminGet("/admin/clerks", s.clerksPage)
	s.adminPost("/admin/clerks", s.addClerk)
	s.adminGet("/admin/clerks/{username}", s.clerkPage)
	s.adminPost("/admin/clerks/{username}", s.editClerk)
	s.adminPost("/admin/clerks/{username}/pin", s.resetPIN)
	s.adminPost("/admin/clerks/{username}/disable", s.disableClerk(true))
	s.adminPost("/admin/clerks/{username}/enable", s.disableClerk(false))
	s.adminPost("/admin/clerks/{username}/unlock", s.unlockClerk)
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

func clerkIndex(c *config.Config, username string) int {
	return slices.IndexFunc(c.Clerks, func(cl config.Clerk) bool { return cl.Username == username })
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
	s.renderClerks(w, r, user, http.StatusOK, emptyForm(nil), nil)
}

func (s *Server) renderClerks(w http.ResponseWriter, r *http.Request, user string, status int, f, rowAlert *adminForm) {
	f.Values["pin"] = "" // a PIN is never sent back
	s.render(w, status, "admin_clerks", s.view(r, user, "admin", "Quản trị: công chức",
		adminPage{Menu: "clerks", Saved: savedNote(r), Form: f,
			Data: clerkData{Clerks: clerkRows(s.hall.Config()), RowAlert: rowAlert}}))
}

// addClerk serves POST /admin/clerks: the PIN given is a one-time PIN.
func (s *Server) addClerk(w http.ResponseWriter, r *http.Request, user string) {
	f := newForm(r, "username", "name", "pin")
	checkUsername(f, f.Values["username"])
	checkPIN(f, "pin", f.Values["pin"])
	if f.failed() {
		s.renderClerks(w, r, user, http.StatusUnprocessableEntity, f, nil)
		return
	}
	hash, err := config.Hash(f.Values["pin"])
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	cl := config.Clerk{Username: f.Values["username"], Name: f.Values["name"], PINHash: hash, MustChangePIN: true}
	index := len(s.hall.Config().Clerks)
	ok, err := s.update(f, user, "clerk.add", "clerk "+cl.Username, "clerk", index, func(c *config.Config) error {
		c.Clerks = append(c.Clerks, cl)
		return nil
	})
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	if !ok {
		s.renderClerks(w, r, user, http.StatusUnprocessableEntity, f, nil)
		return
	}
	saved(w, r, "/admin/clerks", "clerk.add")
}

// clerkPage serves GET /admin/clerks/{username}: rename and reset the PIN.
func (s *Server) clerkPage(w http.ResponseWriter, r *http.Request, user string) {
	c := s.hall.Config()
	i := clerkIndex(c, r.PathValue("username"))
	if i < 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không có công chức này (no such clerk).")
		return
	}
	s.renderClerk(w, r, user, http.StatusOK, c, i, clerkValues(c.Clerks[i]), emptyForm(nil))
}

func (s *Server) renderClerk(w http.ResponseWriter, r *http.Request, user string, status int, c *config.Config, i int, f, pin *adminForm) {
	pin.Values["pin"] = ""
	s.render(w, status, "admin_clerk", s.view(r, user, "admin", "Quản trị: công chức "+c.Clerks[i].Username,
		adminPage{Menu: "clerks", Form: f, Data: clerkData{Clerk: clerkRows(c)[i], PINForm: pin}}))
}

// clerkValues is the edit form filled with the clerk's fields.
func clerkValues(cl config.Clerk) *adminForm {
	return emptyForm(map[string]string{"name": cl.Name, "title": cl.Title, "phone": cl.Phone})
}

// editClerk serves POST /admin/clerks/{username}: the full name, the title
// and the work phone (both shown on the public page).
func (s *Server) editClerk(w http.ResponseWriter, r *http.Request, user string) {
	s.clerkForm(w, r, user, "clerk.edit", func(f *adminForm) (func(*config.Clerk), bool) {
		return func(cl *config.Clerk) {
			cl.Name, cl.Title, cl.Phone = f.Values["name"], f.Values["title"], f.Values["phone"]
		}, true
	}, "name", "title", "phone")
}

// resetPIN serves POST /admin/clerks/{username}/pin: the admin gives a
// one-time PIN, which the clerk must change at the next sign-in.
func (s *Server) resetPIN(w http.ResponseWriter, r *http.Request, user string) {
	s.clerkForm(w, r, user, "clerk.reset_pin", func(f *adminForm) (func(*config.Clerk), bool) {
		checkPIN(f, "pin", f.Values["pin"])
		if f.failed() {
			return nil, false
		}
		hash, err := config.Hash(f.Values["pin"])
		if err != nil {
			f.fail("pin", "Không tạo được mã PIN, vui lòng thử lại.")
			return nil, false
		}
		return func(cl *config.Clerk) { cl.PINHash, cl.MustChangePIN = hash, true }, true
	}, "pin")
}

// clerkForm runs a form of the clerk page: read builds the change (false:
// the form's values are refused, messages on f).
func (s *Server) clerkForm(w http.ResponseWriter, r *http.Request, user, action string,
	read func(f *adminForm) (func(*config.Clerk), bool), fields ...string) {
	username := r.PathValue("username")
	c := s.hall.Config()
	i := clerkIndex(c, username)
	if i < 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không có công chức này (no such clerk).")
		return
	}
	f := newForm(r, fields...)
	again := func() {
		name, pin := clerkValues(c.Clerks[i]), emptyForm(nil)
		if action == "clerk.reset_pin" {
			pin = f
		} else {
			name = f
		}
		s.renderClerk(w, r, user, http.StatusUnprocessableEntity, c, i, name, pin)
	}
	change, ok := read(f)
	if !ok {
		again()
		return
	}
	ok, err := s.update(f, user, action, "clerk "+username, "clerk", i, func(c *config.Config) error {
		j := clerkIndex(c, username)
		if j < 0 {
			return &badInput{msg: "Công chức này vừa bị xóa (the clerk is gone)."}
		}
		change(&c.Clerks[j])
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
	saved(w, r, "/admin/clerks", action)
}

// disableClerk serves POST /admin/clerks/{username}/disable (and
// /enable): a disabled clerk cannot sign in.
func (s *Server) disableClerk(disable bool) func(w http.ResponseWriter, r *http.Request, user string) {
	action := "clerk.enable"
	if disable {
		action = "clerk.disable"
	}
	return func(w http.ResponseWriter, r *http.Request, user string) {
		username := r.PathValue("username")
		f := emptyForm(nil)
		ok, err := s.update(f, user, action, "clerk "+username, "clerk", -2, func(c *config.Config) error {
			i := clerkIndex(c, username)
			if i < 0 {
				return &badInput{msg: "Không có công chức này (no such clerk)."}
			}
			c.Clerks[i].Disabled = disable
			return nil
		})
		s.rowDone(w, r, user, err, ok, f, "/admin/clerks", action, s.clerksAgain)
	}
}

// unlockClerk serves POST /admin/clerks/{username}/unlock: the clerk's
// wrong-PIN slow-down ends at every counter. It changes no setting but is
// audited like one.
func (s *Server) unlockClerk(w http.ResponseWriter, r *http.Request, user string) {
	username := r.PathValue("username")
	f := emptyForm(nil)
	ok, err := s.update(f, user, "clerk.unlock", "clerk "+username, "clerk", -2, func(c *config.Config) error {
		if clerkIndex(c, username) < 0 {
			return &badInput{msg: "Không có công chức này (no such clerk)."}
		}
		return nil
	})
	if ok {
		s.hall.UnlockClerk(username)
	}
	s.rowDone(w, r, user, err, ok, f, "/admin/clerks", "clerk.unlock", s.clerksAgain)
}

func (s *Server) clerksAgain(w http.ResponseWriter, r *http.Request, user string, f *adminForm) {
	s.renderClerks(w, r, user, http.StatusConflict, emptyForm(nil), f)
}
