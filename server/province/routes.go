package province

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"hallq/server/province/pgstore"
	"hallq/server/web"
)

// ict is the province's time zone (Vietnam, no daylight saving), for
// "today" and the times shown.
var ict = time.FixedZone("ICT", 7*3600)

func (s *Service) routes(mux *http.ServeMux) {
	css := web.Stylesheet()
	mux.HandleFunc("GET /static/app.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "max-age=300")
		w.Write(css)
	})
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("GET /account/password", s.passwordPage)
	mux.HandleFunc("POST /account/password", s.changePassword)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/province", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /province", s.signedIn(s.rankingPage))
	mux.HandleFunc("GET /province/services", s.signedIn(s.servicesPage))
	mux.HandleFunc("GET /province/halls/{id}", s.signedIn(s.dayPage))
	mux.HandleFunc("GET /province/ranking.xlsx", s.signedIn(s.rankingXLSX))
	mux.HandleFunc("GET /api/province/ranking", s.signedIn(s.rankingAPI))
	mux.HandleFunc("GET /api/province/services", s.signedIn(s.servicesAPI))
	mux.HandleFunc("GET /api/province/halls/{id}/days/{day}", s.signedIn(s.dayAPI))
}

// period reads the period of a request (?period=day|month|quarter|year
// &date=YYYY-MM-DD), answering 400 itself when it is wrong.
func (s *Service) period(w http.ResponseWriter, r *http.Request) (Period, bool) {
	p, err := periodOf(r.URL.Query().Get("period"), r.URL.Query().Get("date"), s.Now().In(ict))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return p, false
	}
	return p, true
}

func (s *Service) rankingAPI(w http.ResponseWriter, r *http.Request) {
	p, ok := s.period(w, r)
	if !ok {
		return
	}
	rk, err := s.ranking(r.Context(), p)
	s.writeJSON(w, rk, err)
}

func (s *Service) servicesAPI(w http.ResponseWriter, r *http.Request) {
	p, ok := s.period(w, r)
	if !ok {
		return
	}
	sc, err := s.services(r.Context(), p)
	s.writeJSON(w, sc, err)
}

func (s *Service) dayAPI(w http.ResponseWriter, r *http.Request) {
	h, date, ok := s.hallDay(w, r, r.PathValue("day"))
	if !ok {
		return
	}
	v, err := s.day(r.Context(), h, date)
	s.writeJSON(w, v, err)
}

// hallDay reads the hall of the path and a day, answering 404 or 400
// itself.
func (s *Service) hallDay(w http.ResponseWriter, r *http.Request, date string) (pgstore.Hall, string, bool) {
	h, err := s.store.Hall(r.Context(), r.PathValue("id"))
	if errors.Is(err, pgstore.ErrNotFound) {
		http.Error(w, "Không có sảnh này. (No such hall.)", http.StatusNotFound)
		return h, "", false
	}
	if err != nil {
		s.writeJSON(w, nil, err)
		return h, "", false
	}
	if date == "" {
		date = s.Now().In(ict).Format("2006-01-02")
	}
	if _, err := time.Parse("2006-01-02", date); err != nil {
		http.Error(w, "Ngày phải có dạng YYYY-MM-DD. (The date must be YYYY-MM-DD.)", http.StatusBadRequest)
		return h, "", false
	}
	return h, date, true
}

func (s *Service) writeJSON(w http.ResponseWriter, v any, err error) {
	if err != nil {
		s.log.Error("province: api", "err", err)
		http.Error(w, "Lỗi máy chủ tỉnh. (Province server error.)", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
