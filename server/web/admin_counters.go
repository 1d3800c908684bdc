package web

import (
	"net/http"
	"slices"
	"strconv"

	"hallq/server/config"
)

func (s *Server) counterRoutes() {
	s.adminGet("/admin/counters", s.countersPage)
	s.adminPost("/admin/counters", s.addCounter)
	s.adminGet("/admin/counters/{id}", s.counterPage)
	s.adminPost("/admin/counters/{id}", s.editCounter)
	s.adminPost("/admin/counters/{id}/retire", s.retireCounter(true))
	s.adminPost("/admin/counters/{id}/restore", s.retireCounter(false))
}

// counterData is what the counter pages list.
type counterData struct {
	Counters []config.Counter
	Services []config.Service // for the checkboxes
	Counter  config.Counter   // the one edited
	RowAlert *adminForm
}

func (s *Server) countersPage(w http.ResponseWriter, r *http.Request, user string) {
	s.renderCounters(w, r, user, http.StatusOK, nil, nil)
}

// renderCounters renders the list and the add form (f, nil for an empty
// one proposing the next free id).
func (s *Server) renderCounters(w http.ResponseWriter, r *http.Request, user string, status int, f, rowAlert *adminForm) {
	c := s.hall.Config()
	if f == nil {
		next := 1
		for _, ct := range c.Counters {
			next = max(next, ct.ID+1)
		}
		f = emptyForm(map[string]string{"id": strconv.Itoa(next), "name": "Quầy " + strconv.Itoa(next)})
	}
	s.render(w, status, "admin_counters", s.view(r, user, "admin", "Quản trị: quầy",
		adminPage{Menu: "counters", Saved: savedNote(r), Form: f,
			Data: counterData{Counters: c.Counters, Services: c.Services, RowAlert: rowAlert}}))
}

func counterIndex(c *config.Config, id int) int {
	return slices.IndexFunc(c.Counters, func(ct config.Counter) bool { return ct.ID == id })
}

// addCounter serves POST /admin/counters.
func (s *Server) addCounter(w http.ResponseWriter, r *http.Request, user string) {
	f := newForm(r, "id", "name", "services")
	id, err := strconv.Atoi(f.Values["id"])
	if err != nil || id <= 0 {
		f.fail("id", "Số quầy phải là số nguyên dương (counter id must be a positive whole number).")
		s.renderCounters(w, r, user, http.StatusUnprocessableEntity, f, nil)
		return
	}
	ct := config.Counter{ID: id, Name: f.Values["name"], Services: f.Multi["services"]}
	index := len(s.hall.Config().Counters)
	ok, err := s.update(f, user, "counter.add", "counter "+strconv.Itoa(id), "counter", index, func(c *config.Config) error {
		c.Counters = append(c.Counters, ct)
		return nil
	})
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	if !ok {
		s.renderCounters(w, r, user, http.StatusUnprocessableEntity, f, nil)
		return
	}
	saved(w, r, "/admin/counters", "counter.add")
}

// counterPage serves GET /admin/counters/{id}: rename and services served.
func (s *Server) counterPage(w http.ResponseWriter, r *http.Request, user string) {
	c := s.hall.Config()
	id, _ := strconv.Atoi(r.PathValue("id"))
	i := counterIndex(c, id)
	if i < 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không có quầy này (no such counter).")
		return
	}
	f := emptyForm(map[string]string{"name": c.Counters[i].Name})
	f.Multi["services"] = c.Counters[i].Services
	s.renderCounter(w, r, user, http.StatusOK, c, i, f)
}

func (s *Server) renderCounter(w http.ResponseWriter, r *http.Request, user string, status int, c *config.Config, i int, f *adminForm) {
	s.render(w, status, "admin_counter", s.view(r, user, "admin", "Quản trị: "+c.Counters[i].Name,
		adminPage{Menu: "counters", Form: f, Data: counterData{Counter: c.Counters[i], Services: c.Services}}))
}

// editCounter serves POST /admin/counters/{id}.
func (s *Server) editCounter(w http.ResponseWriter, r *http.Request, user string) {
	c := s.hall.Config()
	id, _ := strconv.Atoi(r.PathValue("id"))
	i := counterIndex(c, id)
	if i < 0 {
		s.errorPage(w, r, user, http.StatusNotFound, "Không có quầy này (no such counter).")
		return
	}
	f := newForm(r, "name", "services")
	ok, err := s.update(f, user, "counter.edit", "counter "+strconv.Itoa(id), "counter", i, func(c *config.Config) error {
		j := counterIndex(c, id)
		if j < 0 {
			return &badInput{msg: "Quầy này vừa bị xóa (the counter is gone)."}
		}
		c.Counters[j].Name, c.Counters[j].Services = f.Values["name"], f.Multi["services"]
		return nil
	})
	if err != nil {
		s.internalError(w, r, user, err)
		return
	}
	if !ok {
		s.renderCounter(w, r, user, http.StatusUnprocessableEntity, c, i, f)
		return
	}
	saved(w, r, "/admin/counters", "counter.edit")
}

// retireCounter serves POST /admin/counters/{id}/retire (and /restore),
// refused while a ticket is called there.
func (s *Server) retireCounter(retire bool) func(w http.ResponseWriter, r *http.Request, user string) {
	action := "counter.restore"
	if retire {
		action = "counter.retire"
	}
	return func(w http.ResponseWriter, r *http.Request, user string) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		f := emptyForm(nil)
		ok, err := s.update(f, user, action, "counter "+strconv.Itoa(id), "counter", -2, func(c *config.Config) error {
			i := counterIndex(c, id)
			if i < 0 {
				return &badInput{msg: "Không có quầy này (no such counter)."}
			}
			c.Counters[i].Retired = retire
			return nil
		})
		s.rowDone(w, r, user, err, ok, f, "/admin/counters", action,
			func(w http.ResponseWriter, r *http.Request, user string, f *adminForm) {
				s.renderCounters(w, r, user, http.StatusConflict, nil, f)
			})
	}
}
