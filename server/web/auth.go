package web

import (
	"net/http"

	"hallq/server/config"
)

// supervisor returns the supervisor making r, by session cookie or by HTTP
// basic auth.
func (s *Server) supervisor(r *http.Request) (string, bool) {
	if u, ok := s.sessions.User(r); ok {
		return u, true
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return "", false
	}
	sv, ok := s.hall.Config().Supervisor(user)
	if !ok || !config.CheckHash(sv.PasswordHash, pass) {
		return "", false
	}
	return user, true
}

// api wraps a supervisor's API or download handler: 401 without a session or
// valid basic auth.
func (s *Server) api(h func(w http.ResponseWriter, r *http.Request, user string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, ok := s.supervisor(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Basic realm="hall", charset="UTF-8"`)
			writeError(w, http.StatusUnauthorized, "unauthorized", "Vui lòng đăng nhập")
			return
		}
		h(w, r, user)
	}
}

// page wraps a supervisor's page: a redirect to the sign-in page without a
// session.
func (s *Server) page(h func(w http.ResponseWriter, r *http.Request, user string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, ok := s.supervisor(r)
		if !ok {
			http.Redirect(w, r, "/login?next="+r.URL.Path, http.StatusSeeOther)
			return
		}
		h(w, r, user)
	}
}
