package web

import "net/http"

// routes registers the supervisor's paths.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /api/reports/daily", s.api(s.dailyJSON))
	s.mux.HandleFunc("GET /reports/daily.xlsx", s.api(s.dailyXLSX))
	s.mux.HandleFunc("GET /reports/daily.csv", s.api(s.dailyCSV))
	s.mux.HandleFunc("GET /{$}", s.page(s.home))
}

// home is a placeholder until the supervisor pages land.
func (s *Server) home(w http.ResponseWriter, r *http.Request, user string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte("<!doctype html><meta charset=utf-8><title>Giám sát</title><p>Xin chào " + user))
}
