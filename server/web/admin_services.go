package web

import (
	"net/http"
	"strconv"
	"strings"

	"hallq/server/config"
)

// serviceFields are the service form's fields, named as the config keys.
var serviceFields = []string{"id", "name", "description", "daily_limit", "procedures"}

// serviceTable is the services as the admin pages change them.
var serviceTable = adminTable[config.Service]{name: "service", path: "/admin/services", param: "id", list: (*Server).renderServices,
	rows: func(c *config.Config) *[]config.Service { return &c.Services }, key: func(sv config.Service) string { return sv.ID },
	missing: "Không có lĩnh vực này (no such service).", gone: "Lĩnh vực này vừa bị xóa (the service is gone)."}

func (s *Server) serviceRoutes() {
	serviceTable.routes(s, s.servicesPage, s.addService, s.servicePage, s.editService)
	serviceTable.button(s, "move", s.moveService())
	// A retired service issues no ticket and leaves the kiosk; its history
	// stays. Retiring is refused while tickets of it wait.
	serviceTable.toggles(s, "retire", "restore", func(sv *config.Service) *bool { return &sv.Retired }, nil)
	s.appointmentRoutes()
}

// servicesPage serves GET /admin/services: the list and the add form.
func (s *Server) servicesPage(w http.ResponseWriter, r *http.Request, user string) {
	s.renderServices(w, r, user, http.StatusOK, nil, nil)
}

// renderServices renders the list and the add form (nil: an empty one);
// rowAlert is a refused row action's message.
func (s *Server) renderServices(w http.ResponseWriter, r *http.Request, user string, status int, add *adminForm, rowAlert *adminForm) {
	if add == nil {
		add = emptyForm(map[string]string{"daily_limit": "0"})
	}
	data := struct {
		Services []config.Service
		RowAlert *adminForm
	}{s.hall.Config().Services, rowAlert}
	s.renderAdmin(w, r, user, status, "admin_services", "services", "lĩnh vực", add, data)
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
	again := func() { s.renderServices(w, r, user, http.StatusUnprocessableEntity, f, nil) }
	f.Values["id"] = strings.ToUpper(f.Values["id"])
	sv := config.Service{ID: f.Values["id"]}
	readService(f, &sv)
	if f.failed() {
		again()
		return
	}
	serviceTable.add(s, w, r, user, f, sv.ID, sv, again)
}

// servicePage serves GET /admin/services/{id}: the edit form.
func (s *Server) servicePage(w http.ResponseWriter, r *http.Request, user string) {
	c, _, i, ok := serviceTable.find(s, w, r, user)
	if !ok {
		return
	}
	sv := c.Services[i]
	f := emptyForm(map[string]string{"id": sv.ID, "name": sv.Name, "description": sv.Description,
		"daily_limit": strconv.Itoa(sv.DailyLimit), "procedures": strings.Join(sv.Procedures, "\n")})
	s.renderService(w, r, user, http.StatusOK, sv, f)
}

func (s *Server) renderService(w http.ResponseWriter, r *http.Request, user string, status int, sv config.Service, f *adminForm) {
	s.renderAdmin(w, r, user, status, "admin_service", "services", "lĩnh vực "+sv.ID, f, sv)
}

// editService serves POST /admin/services/{id}.
func (s *Server) editService(w http.ResponseWriter, r *http.Request, user string) {
	serviceTable.rowForm(s, w, r, user, "service.edit", serviceFields,
		func(f *adminForm, sv config.Service) (func(*config.Service), bool) {
			f.Values["id"] = sv.ID
			readService(f, &sv)
			return func(row *config.Service) { *row = sv }, !f.failed()
		},
		func(c *config.Config, i int, f *adminForm) {
			s.renderService(w, r, user, http.StatusUnprocessableEntity, c.Services[i], f)
		}, nil)
}

// moveService serves POST /admin/services/{id}/move: dir "up" or "down"
// moves the service one place in the kiosk's order.
func (s *Server) moveService() pageHandler {
	return serviceTable.rowAction(s, "service.move", func(r *http.Request, rows []config.Service, i int) error {
		step := 1
		if r.PostFormValue("dir") == "up" {
			step = -1
		}
		j := i + step
		if j < 0 || j >= len(rows) {
			return &badInput{msg: "Lĩnh vực đã ở đầu hoặc cuối danh sách (already first or last)."}
		}
		rows[i], rows[j] = rows[j], rows[i]
		return nil
	}, nil)
}
