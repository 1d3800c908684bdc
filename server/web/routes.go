package web

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// routes registers the supervisor's paths. The stylesheet and script are
// public (the sign-in page needs them); everything else needs a supervisor.
func (s *Server) routes() {
	static, _ := fs.Sub(embedded, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler(static)))

	s.mux.HandleFunc("GET /t/sw.js", ticketWorker(static))
	s.mux.HandleFunc("GET /t/{ticket}", s.ticketPage)
	s.mux.HandleFunc("GET /t/{day}/{number}", s.ticketPage)
	s.mux.HandleFunc("GET /cong-khai", s.publicPage)
	s.mux.HandleFunc("GET /cong-khai.json", s.publicJSON)
	s.mux.HandleFunc("GET /login", s.loginPage)
	s.mux.HandleFunc("POST /login", s.form(signInBodyMax, s.login))
	s.mux.HandleFunc("POST /logout", s.form(signInBodyMax, s.page(s.csrf(s.logout))))

	s.mux.HandleFunc("GET /{$}", s.page(s.hallPage))
	s.mux.HandleFunc("GET /reports", s.page(s.reportPage))
	s.mux.HandleFunc("GET /reports/month", s.page(s.monthPage))
	s.mux.HandleFunc("GET /reports/year", s.page(s.yearPage))
	s.mux.HandleFunc("GET /reports/range", s.page(s.rangePage))
	s.mux.HandleFunc("GET /feedback", s.page(s.feedbackPage))
	s.mux.HandleFunc("POST /feedback/{id}", s.form(answerBodyMax, s.page(s.csrf(s.updateFeedback))))

	s.adminRoutes()
	s.adminGet("/admin/tls", s.tlsPage)
	s.adminGet("/admin/tls/ca.pem", s.caDownload)

	s.mux.HandleFunc("GET /api/devices", s.api(s.devicesJSON))
	s.mux.HandleFunc("GET /api/live", s.api(s.liveJSON))
	s.mux.HandleFunc("GET /api/reports/daily", s.api(s.dailyJSON))
	s.mux.HandleFunc("GET /api/reports/monthly", s.api(s.monthlyJSON))
	s.mux.HandleFunc("GET /reports/daily.xlsx", s.api(s.dailyXLSX))
	s.mux.HandleFunc("GET /reports/daily.csv", s.api(s.dailyCSV))
	s.mux.HandleFunc("GET /reports/monthly.xlsx", s.api(s.monthlyXLSX))
	s.mux.HandleFunc("GET /reports/monthly.csv", s.api(s.monthlyCSV))
	s.mux.HandleFunc("GET /api/reports/yearly", s.api(s.periodJSON(kindYear)))
	s.mux.HandleFunc("GET /api/reports/range", s.api(s.periodJSON(kindRange)))
	s.mux.HandleFunc("GET /reports/yearly.xlsx", s.api(s.periodXLSX(kindYear)))
	s.mux.HandleFunc("GET /reports/yearly.csv", s.api(s.periodCSV(kindYear)))
	s.mux.HandleFunc("GET /reports/range.xlsx", s.api(s.periodXLSX(kindRange)))
	s.mux.HandleFunc("GET /reports/range.csv", s.api(s.periodCSV(kindRange)))
}

// staticHandler serves the embedded files with a short cache lifetime, so
// that a new server version reaches browsers within minutes. It serves
// files only: a folder is not listed.
func staticHandler(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st, err := fs.Stat(fsys, strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")); err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=300")
		files.ServeHTTP(w, r)
	})
}
