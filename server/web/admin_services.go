package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hallq/server/config"
)

// serviceFields are the service form's fields, named as the config keys.
var serviceFields = []string{"id", "name", "description", "daily_limit", "procedures"}

func (s *Server) serviceRoutes() {
	s.adminGet("/admin/services", s.servicesPage)
	s.adminPost("/admin/services", s.addService)
	s.adminGet("/admin/services/{id}", s.servicePage)
	s.adminPost("/admin/services/{id}", s.editService)
	s.adminPost("/admin/services/{id}/move", s.moveService)
	s.adminPost("/admin/services/{id}/retire", s.retireService(true))
	s.adminPost("/admin/services/{id}/restore", s.retireService(false))
}

// servicesPage serves GET /admin/services: the list and the add form.
func (s *Server) servicesPage(w http.ResponseWriter, r *http.Request, user string) {
	s.renderServices(w, r, user, http.StatusOK, emptyForm(map[string]string{"daily_limit": "0"}), nil)
}

// renderServices renders the list; rowAlert is a refused row action's
// message.
func (s *Server) renderServices(w http.ResponseWriter, r *http.Request, user string, status int, add *adminForm, rowAlert *adminForm) {
	data := struct {
		Services []config.Service
		RowAlert *adminForm
	}{s.hall.Config().Services, rowAlert}
	s.render(w, status, "admin_services", s.view(r, user, "admin", "Quản trị: lĩnh vực",
		adminPage{Menu: "services", Saved: savedNote(r), Form: add, Data: data}))
}

// serviceIndex returns the index of service id in c, or -1.
func serviceIndex(c *config.Config, id string) int {
	return slices.IndexFunc(c.Services, func(sv config.Service) bool { return sv.ID == id })
}

// readService reads the service form into sv; a daily limit that is not a
// number is recorded on f.
func readService(f *adminForm, sv *config.Service) {
	v := f.Values
	sv.Name, sv.Description = v["name"], v["description"]
	limit, err := strconv.Atoi(v["daily_limit"])
	if v["daily_limit"] == "" {
		limit, err = 0, nil
	}
	if err != nil {
		f.fail("daily_limit", "Phải là một số nguyên, 0 là không giới hạn (must be a whole number).")
	}
	sv.DailyLimit = limit
	sv.Procedures = nil
	for _, line := range strings.Split(v["procedures"], "\n") {
		if line = strings.TrimSpace(line); line != "" {
			sv.Procedures = append(sv.Procedures, line)
		}
	}
}

// addService serves POST /admin/services.
func (s *Server) addService(w http.ResponseWriter, r *http.Request, user string) {
	f := newForm(r, serviceFields...)
	f.Values["id"] = strings.ToUpper(f.Values["id"])
	sv := config.Service{ID: f.Values["id"]}
	readService(f, &sv)
	if f.failed() {
		s.renderServices(w, r, user, http.StatusUnprocessableEntity, f, nil)
		return
	}
	index := len(s.hall.Config().Services)
	ok, err := s.update(f, user, "service.add", "service "+sv.ID, "service", index, func(c *config.Config) error {
		c.Services = append(c.Services, sv)
		return nil
	})
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	if !ok {
		s.renderServices(w, r, user, http.StatusUnprocessableEntity, f, nil)
		return
	}
	saved(w, r, "/admin/services", "service.add")
}

// servicePage serves GET /admin/services/{id}: the edit form.
func (s *Server) servicePage(w http.ResponseWriter, r *http.Request, user string) {
	c := s.hall.Config()
	i := serviceIndex(c, r.PathValue("id"))
	if i < 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không có lĩnh vực này (no such service).")
		return
	}
	sv := c.Services[i]
	f := emptyForm(map[string]string{"id": sv.ID, "name": sv.Name, "description": sv.Description,
		"daily_limit": strconv.Itoa(sv.DailyLimit), "procedures": strings.Join(sv.Procedures, "\n")})
	s.renderService(w, r, user, http.StatusOK, sv, f)
}

func (s *Server) renderService(w http.ResponseWriter, r *http.Request, user string, status int, sv config.Service, f *adminForm) {
	s.render(w, status, "admin_service", s.view(r, user, "admin", "Quản trị: lĩnh vực "+sv.ID,
		adminPage{Menu: "services", Saved: savedNote(r), Form: f, Data: sv}))
}

// editService serves POST /admin/services/{id}.
func (s *Server) editService(w http.ResponseWriter, r *http.Request, user string) {
	id := r.PathValue("id")
	c := s.hall.Config()
	i := serviceIndex(c, id)
	if i < 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không có lĩnh vực này (no such service).")
		return
	}
	f := newForm(r, serviceFields...)
	f.Values["id"] = id
	sv := c.Services[i]
	readService(f, &sv)
	if f.failed() {
		s.renderService(w, r, user, http.StatusUnprocessableEntity, c.Services[i], f)
		return
	}
	ok, err := s.update(f, user, "service.edit", "service "+id, "service", i, func(c *config.Config) error {
		j := serviceIndex(c, id)
		if j < 0 {
			return &badInput{msg: "Lĩnh vực này vừa bị xóa (the service is gone)."}
		}
		c.Services[j] = sv
		return nil
	})
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	if !ok {
		s.renderService(w, r, user, http.StatusUnprocessableEntity, c.Services[i], f)
		return
	}
	saved(w, r, "/admin/services", "service.edit")
}

// moveService serves POST /admin/services/{id}/move: dir "up" or "down"
// moves the service one place in the kiosk's order.
func (s *Server) moveService(w http.ResponseWriter, r *http.Request, user string) {
	id := r.PathValue("id")
	step := 1
	if r.PostFormValue("dir") == "up" {
		step = -1
	}
	f := emptyForm(nil)
	ok, err := s.update(f, user, "service.move", "service "+id, "service", -2, func(c *config.Config) error {
		i := serviceIndex(c, id)
		if i < 0 {
			return &badInput{msg: "Không có lĩnh vực này (no such service)."}
		}
		j := i + step
		if j < 0 || j >= len(c.Services) {
			return &badInput{msg: "Lĩnh vực đã ở đầu hoặc cuối danh sách (already first or last)."}
		}
		c.Services[i], c.Services[j] = c.Services[j], c.Services[i]
		return nil
	})
	s.rowDone(w, r, user, err, ok, f, "/admin/services", "service.move", s.renderServicesAlert)
}

// retireService serves POST /admin/services/{id}/retire (and /restore):
// a retired service issues no ticket and leaves the kiosk; its history
// stays. Retiring is refused while tickets of it wait.
func (s *Server) retireService(retire bool) func(w http.ResponseWriter, r *http.Request, user string) {
	action := "service.restore"
	if retire {
		action = "service.retire"
	}
	return func(w http.ResponseWriter, r *http.Request, user string) {
		id := r.PathValue("id")
		f := emptyForm(nil)
		ok, err := s.update(f, user, action, "service "+id, "service", -2, func(c *config.Config) error {
			i := serviceIndex(c, id)
			if i < 0 {
				return &badInput{msg: "Không có lĩnh vực này (no such service)."}
			}
			c.Services[i].Retired = retire
			return nil
		})
		s.rowDone(w, r, user, err, ok, f, "/admin/services", action, s.renderServicesAlert)
	}
}

func (s *Server) renderServicesAlert(w http.ResponseWriter, r *http.Request, user string, f *adminForm) {
	s.renderServices(w, r, user, http.StatusConflict, emptyForm(map[string]string{"daily_limit": "0"}), f)
}

// rowDone ends a row action (a button in a list): on success back to the
// list; refused, the list again with the reason.
func (s *Server) rowDone(w http.ResponseWriter, r *http.Request, user string, err error, ok bool, f *adminForm,
	path, action string, again func(w http.ResponseWriter, r *http.Request, user string, f *adminForm)) {
	switch {
	case err != nil:
		s.internalError(w, r, user, err)
	case !ok:
		// Messages tied to no field of the row go to the alert.
		for _, m := range f.Errs {
			f.fail("", m)
		}
		again(w, r, user, f)
	default:
		saved(w, r, path, action)
	}
}
