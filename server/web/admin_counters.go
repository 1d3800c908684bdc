package web

import (
	"net/http"
	"strconv"

	"hallq/server/config"
)

// counterTable is the counters as the admin pages change them.
var counterTable = adminTable[config.Counter]{name: "counter", path: "/admin/counters", param: "id", numeric: true, list: (*Server).renderCounters,
	rows: func(c *config.Config) *[]config.Counter { return &c.Counters }, key: func(ct config.Counter) string { return strconv.Itoa(ct.ID) },
	missing: "Không có quầy này (no such counter).", gone: "Quầy này vừa bị xóa (the counter is gone)."}

func (s *Server) counterRoutes() {
	counterTable.routes(s, s.countersPage, s.addCounter, s.counterPage, s.editCounter)
	// Retiring is refused while a ticket is called there.
	counterTable.toggles(s, "retire", "restore", func(ct *config.Counter) *bool { return &ct.Retired }, nil)
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
	s.renderAdmin(w, r, user, status, "admin_counters", "counters", "quầy", f,
		counterData{Counters: c.Counters, Services: c.Services, RowAlert: rowAlert})
}

// addCounter serves POST /admin/counters.
func (s *Server) addCounter(w http.ResponseWriter, r *http.Request, user string) {
	f := newForm(r, "id", "name", "services")
	again := func() { s.renderCounters(w, r, user, http.StatusUnprocessableEntity, f, nil) }
	id, err := strconv.Atoi(f.Values["id"])
	if err != nil || id <= 0 {
		f.fail("id", "Số quầy phải là số nguyên dương (counter id must be a positive whole number).")
		again()
		return
	}
	ct := config.Counter{ID: id, Name: f.Values["name"], Services: f.Multi["services"]}
	counterTable.add(s, w, r, user, f, strconv.Itoa(id), ct, again)
}

// counterPage serves GET /admin/counters/{id}: rename and services served.
func (s *Server) counterPage(w http.ResponseWriter, r *http.Request, user string) {
	c, _, i, ok := counterTable.find(s, w, r, user)
	if !ok {
		return
	}
	f := emptyForm(map[string]string{"name": c.Counters[i].Name})
	f.Multi["services"] = c.Counters[i].Services
	s.renderCounter(w, r, user, http.StatusOK, c, i, f)
}

func (s *Server) renderCounter(w http.ResponseWriter, r *http.Request, user string, status int, c *config.Config, i int, f *adminForm) {
	s.renderAdmin(w, r, user, status, "admin_counter", "counters", c.Counters[i].Name, f,
		counterData{Counter: c.Counters[i], Services: c.Services})
}

// editCounter serves POST /admin/counters/{id}.
func (s *Server) editCounter(w http.ResponseWriter, r *http.Request, user string) {
	counterTable.rowForm(s, w, r, user, "counter.edit", []string{"name", "services"},
		func(f *adminForm, _ config.Counter) (func(*config.Counter), bool) {
			return func(ct *config.Counter) { ct.Name, ct.Services = f.Values["name"], f.Multi["services"] }, true
		},
		func(c *config.Config, i int, f *adminForm) {
			s.renderCounter(w, r, user, http.StatusUnprocessableEntity, c, i, f)
		}, nil)
}
