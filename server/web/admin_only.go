package web

import "net/http"

// adminOnly wraps a page handler that only an admin may use: a supervisor
// without the admin role gets 403. It goes inside page (or api), which
// signs the user in first.
func (s *Server) adminOnly(h func(w http.ResponseWriter, r *http.Request, user string)) func(w http.ResponseWriter, r *http.Request, user string) {
	return func(w http.ResponseWriter, r *http.Request, user string) {
		if sv, ok := s.hall.Supervisor(user); !ok || !sv.IsAdmin() {
			s.errorPage(w, r, user, http.StatusForbidden, "Chỉ tài khoản quản trị (admin) mới mở được trang này.")
			return
		}
		h(w, r, user)
	}
}
