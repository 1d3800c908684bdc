package web

import "net/http"

// admin wraps a handler that only an admin may use (config.Supervisor.IsAdmin):
// a plain supervisor gets 403.
func (s *Server) admin(h func(w http.ResponseWriter, r *http.Request, user string)) func(w http.ResponseWriter, r *http.Request, user string) {
	return func(w http.ResponseWriter, r *http.Request, user string) {
		if sv, ok := s.hall.Supervisor(user); !ok || !sv.IsAdmin() {
			s.errorPage(w, r, user, http.StatusForbidden, "Chỉ quản trị viên được dùng trang này.")
			return
		}
		h(w, r, user)
	}
}
